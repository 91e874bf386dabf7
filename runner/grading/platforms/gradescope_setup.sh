#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (its Ubuntu base): installs what
# grading needs from the package registries. The grader's files stay in /autograder/source, closed to other
# users at each run; the Python it runs on goes to /autograder/venv, which the student's own uid must read.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends python3 python3-venv bubblewrap libseccomp2
python3 -m venv /autograder/venv
/autograder/venv/bin/pip install --no-cache-dir -q -r /autograder/source/requirements.txt
chmod -R go+rX /autograder/venv
