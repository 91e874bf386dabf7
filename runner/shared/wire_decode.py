"""Reading wire messages (runner/shared/wire.py) as hostile input: the other side may have replaced its own
encoder (issue 27). The header's nesting is measured before it is parsed, every field is type-checked,
each payload byte may be used once, arrays are rebuilt from dtype + shape + bytes, and whatever is wrong
with a message raises WireError, never another exception."""
import json
import re
import struct

from runner.shared.wire import MAGIC, MAX_DEPTH, Opaque, WireError

MAX_CONTAINERS = 1_000_000  # lists and objects in one header: far more than any honest reply has
MAX_NDIM = 32  # NumPy's own limit is 64
_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(rb"[\[\]{}]")
_JSON_SCALARS = (str, int, float, bool, type(None))


def decode(data):
    """Decode bytes made by `encode` back into plain values, NumPy arrays and opaque stand-ins; WireError
    for anything else, whatever is wrong with it."""
    try:
        return _decode(data)
    except WireError:
        raise
    except RecursionError:
        raise WireError("nested too deeply") from None
    except MemoryError:
        raise WireError("too large to decode") from None
    except Exception as error:  # a field of the wrong type or value, an unknown dtype, ...
        raise WireError(f"malformed message ({type(error).__name__})") from None


def _decode(data):
    data = bytes(data)
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 4:
        raise WireError("not a wire message")
    (length,) = struct.unpack_from("<I", data, len(MAGIC))
    start = len(MAGIC) + 4
    if start + length > len(data):
        raise WireError("header longer than the message")
    text = data[start:start + length]
    _check_nesting(text)
    try:
        header = json.loads(text.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise WireError(f"bad header: {str(error)[:200]}") from None
    blob = memoryview(data)[start + length:]
    return _Decoder(blob).value(header, 0)


def _check_nesting(text):
    """Before the header is parsed: its lists and objects nest at most MAX_DEPTH + 3 deep (a parser recurses
    once per level), and there are at most MAX_CONTAINERS of them."""
    if text.count(b"[") + text.count(b"{") <= MAX_DEPTH + 3:  # too few to nest too deeply: most messages
        return
    deepest, containers = json_nesting(text)
    if deepest > MAX_DEPTH + 3:
        raise WireError("nested too deeply")
    if containers > MAX_CONTAINERS:
        raise WireError("too many containers")


def json_nesting(text):
    """(how deep its lists and objects nest, how many there are) of the JSON in `text` (bytes), found
    without parsing it: a parser recurses once per level."""
    depth = deepest = containers = 0
    for bracket in _BRACKETS.findall(_STRINGS.sub(b'""', text)):
        if bracket in b"[{":
            depth += 1
            containers += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest, containers


def _fields(body, *types):
    """body, checked to be a list of exactly these types (int means a non-negative int, never a bool)."""
    if type(body) is not list or len(body) != len(types):
        raise WireError("malformed tag")
    for value, kind in zip(body, types):
        if type(value) is not kind and not (kind is float and type(value) is int):
            raise WireError("malformed tag")
        if kind is int and value < 0:
            raise WireError("malformed tag")
    return body


class _Decoder:
    def __init__(self, blob):
        self.blob = blob
        self.used = 0  # payload bytes handed out: an honest message uses each byte of its blob once

    def _bytes(self, offset, nbytes):
        if not (0 <= offset and 0 <= nbytes and offset + nbytes <= len(self.blob)):
            raise WireError("payload out of range")
        self.used += nbytes
        if self.used > len(self.blob):
            raise WireError("payload used more than once")
        return self.blob[offset:offset + nbytes]

    def value(self, v, depth):
        if depth > MAX_DEPTH + 2:
            raise WireError("nested too deeply")
        t = type(v)  # what json.loads makes: exact types, and objects whose keys are strings
        if t is list:
            return [item if type(item) in _JSON_SCALARS else self.value(item, depth + 1) for item in v]
        if t is not dict:
            return v
        if len(v) == 0:
            raise WireError("bad tag")
        tag = next(iter(v))
        body = v[tag]
        if len(v) != (2 if tag == "$nd" and "cls" in v else 1):
            raise WireError("bad tag")
        if tag == "$nd":
            cls = v.get("cls")
            if cls is not None and type(cls) is not str:
                raise WireError("malformed tag")
            return self._array(_fields(body, str, list, int, int), cls)
        if tag == "$t":
            if type(body) is not list:
                raise WireError("malformed tag")
            return tuple(self.value(item, depth + 1) for item in body)
        if tag == "$d":
            if type(body) is not list:
                raise WireError("malformed tag")
            out = {}
            for pair in body:
                if type(pair) is not list or len(pair) != 2:
                    raise WireError("malformed tag")
                key, item = pair
                if type(key) not in _JSON_SCALARS:
                    key = self.value(key, depth + 1)
                if type(item) not in _JSON_SCALARS:
                    item = self.value(item, depth + 1)
                try:
                    out[key] = item
                except TypeError:
                    raise WireError("unhashable dict key") from None
            return out
        if tag == "$c":
            real, imag = _fields(body, float, float)
            return complex(real, imag)
        if tag == "$b":
            return bytes(self._bytes(*_fields(body, int, int)))
        if tag == "$o":
            type_name, reason = _fields(body, str, str)
            return Opaque(type_name[:200], reason[:200])
        if tag == "$np":
            dtype_str, offset, nbytes = _fields(body, str, int, int)
            dtype = _plain_dtype(dtype_str)
            if nbytes != dtype.itemsize:
                raise WireError("scalar size does not match its dtype")
            import numpy as np

            return np.frombuffer(self._bytes(offset, nbytes), dtype=dtype, count=1)[0]
        raise WireError(f"unknown tag {tag[:40]!r}")

    def _array(self, body, cls):
        import numpy as np

        dtype_str, shape, offset, nbytes = body
        dtype = _plain_dtype(dtype_str)
        if len(shape) > MAX_NDIM:
            raise WireError("bad shape")
        count = 1
        for n in shape:
            if type(n) is not int or n < 0:
                raise WireError("bad shape")
            count *= n
        if count * dtype.itemsize != nbytes:
            raise WireError("array size does not match its shape")
        raw = self._bytes(offset, nbytes)
        array = np.frombuffer(raw, dtype=dtype, count=count).reshape(shape).copy()
        if cls is not None:
            array = array.view(foreign_array_class())
            array.foreign_type = cls[:200]
        return array


def _plain_dtype(text):
    """The NumPy dtype `text` names, if it is one the encoder sends: no objects, no fields, no sub-arrays,
    and not zero bytes wide (an array of those holds any number of elements in no bytes at all)."""
    import numpy as np

    if len(text) > 40:
        raise WireError("bad dtype")
    dtype = np.dtype(text)
    if dtype.hasobject or dtype.fields is not None or dtype.subdtype is not None or dtype.itemsize == 0:
        raise WireError("bad dtype")
    return dtype


_FOREIGN_ARRAY = []


def foreign_array_class():
    """The ndarray subclass that carries the data of the other side's ndarray subclass (made on first use)."""
    if _FOREIGN_ARRAY:
        return _FOREIGN_ARRAY[0]
    import numpy as np

    class ForeignArray(np.ndarray):
        """`foreign_type` names the subclass the other side returned."""

        foreign_type = "ndarray subclass"

        def __array_finalize__(self, obj):
            self.foreign_type = getattr(obj, "foreign_type", "ndarray subclass")

    _FOREIGN_ARRAY.append(ForeignArray)
    return ForeignArray
