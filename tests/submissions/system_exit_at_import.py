# expected-status: error
import sys

sys.exit("bye")
