"""Wire format between judge and student interpreters: plain data as bytes, never pickle, never live objects.

A message is a JSON header followed by one binary blob holding array and bytes payloads:
    MAGIC | u32 header length | header (UTF-8 JSON) | blob
Containers and scalars map to JSON; everything else is a one-key tagged object:
    {"$nd": [dtype, shape, offset, nbytes], "cls"?: name}  ndarray (cls names a subclass)
    {"$np": [dtype, offset, nbytes]}                       NumPy scalar
    {"$t": [...]} tuple   {"$d": [[k, v], ...]} dict   {"$c": [re, im]} complex
    {"$b": [offset, nbytes]} bytes   {"$o": [type name, reason]} anything else (opaque)
Decoding never runs code from the other side: arrays are rebuilt from dtype + shape + bytes, and an opaque
stand-in compares unequal to everything. Encoding caps depth and size, so a hostile value cannot blow up
the judge (deep nesting through C recursion is fatal in Pyodide). Decoding trusts nothing it is sent
(issue 27: a student can replace its own side's encoder): the header's nesting is measured before it is
parsed, every field is type-checked, each payload byte may be used once (no blob copied many times), and
whatever is wrong with a message raises WireError, never another exception: runner/shared/wire_decode.py.
"""
import json
import struct
import sys

MAGIC = b"RW1\n"
MAX_DEPTH = 40
MAX_BYTES = 64 * 1024 * 1024
MAX_STR = 16 * 1024 * 1024


class WireError(ValueError):
    """The bytes are not a message of this format."""


class Opaque:
    """Stand-in for a value that cannot cross as data; equal to nothing, not even itself."""

    __slots__ = ("type_name", "reason")

    def __init__(self, type_name, reason="not plain data"):
        self.type_name = type_name
        self.reason = reason

    def __eq__(self, other):
        return False

    def __ne__(self, other):
        return True

    __hash__ = object.__hash__

    def __repr__(self):
        return f"<{self.type_name} from solution.py ({self.reason})>"


def _type_name(value):
    cls = type(value)
    module = getattr(cls, "__module__", "") or ""
    name = getattr(cls, "__qualname__", None) or getattr(cls, "__name__", "object")
    full = name if module in ("builtins", "__main__", "solution") else f"{module}.{name}"
    return str(full)[:200]


class _Encoder:
    def __init__(self):
        self.chunks = []
        self.size = 0  # bytes in the blob (array and bytes payloads): the next payload's offset
        self.text = 0  # characters of strings in the header

    def _blob(self, data):
        if self.size + self.text + len(data) > MAX_BYTES:
            raise _TooLarge
        offset = self.size
        self.chunks.append(data)
        self.size += len(data)
        return offset

    def value(self, v, depth=0):
        if depth > MAX_DEPTH:
            return {"$o": [_type_name(v), "nested too deeply"]}
        t = type(v)
        if v is None or t is bool or t is float:
            return v
        if t is int:
            return v if abs(v) < 1 << 4000 else {"$o": ["int", "too large"]}
        if t is str:
            if len(v) > MAX_STR:
                return {"$o": ["str", "too long"]}
            self.text += len(v)
            if self.size + self.text > MAX_BYTES:
                raise _TooLarge
            return v
        if t is complex:
            return {"$c": [v.real, v.imag]}
        if t is bytes:
            return {"$b": [self._blob(v), len(v)]}
        if t is list:
            return [self.value(item, depth + 1) for item in v]
        if t is tuple:
            return {"$t": [self.value(item, depth + 1) for item in v]}
        if t is dict:
            return {"$d": [[self.value(k, depth + 1), self.value(x, depth + 1)] for k, x in v.items()]}
        np = sys.modules.get("numpy")
        if np is not None:
            if issubclass(t, np.ndarray):
                return self._array(np, v)
            if issubclass(t, np.generic):
                return self._scalar(np, v)
        return {"$o": [_type_name(v), "not plain data"]}

    def _array(self, np, v):
        base = np.ndarray.view(v, np.ndarray)
        dtype = base.dtype
        if dtype.hasobject or dtype.fields is not None or dtype.subdtype is not None:
            return {"$o": [f"ndarray of dtype {dtype}", "not plain data"]}
        data = np.ascontiguousarray(base).tobytes()
        tag = {"$nd": [dtype.str, list(base.shape), self._blob(data), len(data)]}
        if type(v) is not np.ndarray:
            tag["cls"] = _type_name(v)
        return tag

    def _scalar(self, np, v):
        dtype = np.dtype(type(v)) if type(v).__module__ == "numpy" else None
        if dtype is None or dtype.hasobject or dtype.fields is not None:
            return {"$o": [_type_name(v), "not plain data"]}
        data = np.generic.tobytes(v)
        return {"$np": [dtype.str, self._blob(data), len(data)]}


class _TooLarge(Exception):
    pass


def encode(message):
    """Encode a message (nested plain data) as bytes; values too large become opaque stand-ins."""
    encoder = _Encoder()
    try:
        header = encoder.value(message)
    except _TooLarge:
        encoder = _Encoder()
        header = encoder.value(_shrink(message))
    text = json.dumps(header, allow_nan=True, separators=(",", ":")).encode("utf-8")
    return MAGIC + struct.pack("<I", len(text)) + text + b"".join(encoder.chunks)


def _shrink(message):
    """Replace the large parts of a reply by stand-ins, keeping the envelope readable."""
    if type(message) is dict:
        return {k: (v if type(v) in (str, bool, int, float, type(None)) else Opaque("value", "too large"))
                for k, v in message.items()}
    return Opaque("value", "too large")
