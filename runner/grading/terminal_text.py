"""Text from a hand-in made safe for a terminal (issue 27): printed output, messages, tracebacks and file
names reach the instructor's terminal as text, never as commands. Control characters (escape sequences,
carriage returns, C1 controls such as CSI, bidirectional overrides) are shown as escapes, lone surrogates
(from a `print("\\ud800")` or a file name that is not UTF-8) as escapes, and long lines are cut. The JSON
output is not made with this: it stays exact."""
import re

LINE_CAP = 1000
# C0 controls but tab and newline, DEL, C1 controls, and Unicode's invisible reorderers and line breakers.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def _escape(match):
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(text, *, line_cap=LINE_CAP):
    """`text` (anything) as printable text: newlines and tabs kept, every other control shown escaped,
    surrogates escaped, each line cut at `line_cap` characters."""
    text = str(text).encode("utf-8", "backslashreplace").decode("utf-8")
    lines = []
    for line in _UNSAFE.sub(_escape, text).split("\n"):
        if len(line) > line_cap:
            line = line[:line_cap] + f" [... {len(line) - line_cap} more characters]"
        lines.append(line)
    return "\n".join(lines)


def safe_name(name):
    """A file name or path on one line: a newline in it is shown as \\n, never started afresh."""
    return safe_text(str(name).replace("\n", "\\n"), line_cap=300)
