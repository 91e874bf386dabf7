# expected-failures:
"""Imports modules the self-hosted Pyodide keeps out of its up-front downloads (python_rest.zip): a stdlib
package whose parent is served up front, a whole stdlib package, and a NumPy subpackage. They load on demand
and the solution passes."""
import email.mime.text
import xml.dom.minidom

import numpy as np
import numpy.f2py

assert xml.dom.minidom.parseString("<a/>").documentElement.tagName == "a"
assert email.mime.text.MIMEText("hi")["Content-Type"].startswith("text/plain")
assert numpy.f2py.__name__ == "numpy.f2py"


def relu(x):
    return np.maximum(x, 0)


def relu_backward(grad_out, x):
    return grad_out * (x > 0)
