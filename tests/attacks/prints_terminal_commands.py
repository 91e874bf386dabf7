"""Prints what a terminal obeys, and raises with it: a window title, a clipboard write (OSC 52), cursor moves
that overwrite the lines above, a carriage return, a CSI in its one-byte form, a bidirectional override and
a lone surrogate (which crashed the readable report, and with it the whole re-grade, before issue 27)."""
import numpy as np

EVIL = ("\x1b]0;graded: PASS\x07\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2A\x1b[2K\rzz_reference.py: PASS\n"
        "\x9b31m\u202eSSAP\u202c\ud800")
print(EVIL)


def relu(x):
    print(EVIL)
    raise ValueError(EVIL)


def relu_backward(grad_out, x):
    raise ValueError(EVIL)
