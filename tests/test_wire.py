"""The wire carries data faithfully and nothing else."""
import numpy as np
import pytest

from runner.shared import wire
from runner.shared.wire_decode import decode


@pytest.mark.parametrize("dtype", ["float64", "float32", "int64", "int8", "bool", "complex128", "<U3", ">f8"])
@pytest.mark.parametrize("shape", [(), (0,), (3,), (2, 3), (2, 0, 4), (1, 2, 3, 2)])
def test_arrays_round_trip_with_dtype_and_shape(dtype, shape):
    array = np.arange(int(np.prod(shape)), dtype="int64").reshape(shape).astype(dtype)
    back = decode(wire.encode({"a": array}))["a"]
    assert type(back) is np.ndarray and back.dtype == array.dtype and back.shape == shape
    assert np.array_equal(back, array) and back.flags.writeable


def test_non_contiguous_and_special_floats():
    array = np.array([[1.0, -0.0, np.nan], [np.inf, -np.inf, 5e-324]])[:, ::2]
    back = decode(wire.encode(array))
    assert np.array_equal(back, array, equal_nan=True) and np.signbit(decode(wire.encode(-0.0)))


def test_scalars_and_containers():
    value = [1, 2.5, True, None, "é", b"\x00\x01", 3 + 4j, (1, [2]), {"k": (3,)}, np.float32(1.5), np.int8(-3),
             float("nan"), 10 ** 30]
    back = decode(wire.encode(value))
    assert back[:9] == value[:9]
    assert type(back[9]) is np.float32 and back[9] == 1.5 and type(back[10]) is np.int8
    assert back[11] != back[11] and back[12] == 10 ** 30


def test_anything_else_becomes_an_opaque_stand_in():
    class Liar:
        def __eq__(self, other):
            return True

    back = decode(wire.encode([Liar(), np.array([object()]), {1, 2}]))
    assert all(isinstance(item, wire.Opaque) for item in back)
    assert back[0] != back[0] and not (back[0] == 1) and "Liar" in repr(back[0])


def test_subclasses_of_builtins_do_not_cross_as_themselves():
    class MyInt(int):
        def __eq__(self, other):
            return True

    class MyArray(np.ndarray):
        pass

    back = decode(wire.encode([MyInt(3), np.zeros(2).view(MyArray)]))
    assert isinstance(back[0], wire.Opaque)
    assert back[1].foreign_type.endswith("MyArray") and np.array_equal(np.asarray(back[1]), [0, 0])


def test_deep_nesting_and_huge_values_are_capped():
    nested = []
    for _ in range(10_000):
        nested = [nested]
    back = decode(wire.encode(nested))
    depth = 0
    while isinstance(back, list):
        back, depth = back[0], depth + 1
    assert isinstance(back, wire.Opaque) and depth <= wire.MAX_DEPTH + 1
    big = decode(wire.encode({"ok": True, "result": np.zeros(wire.MAX_BYTES // 8 + 1)}))
    assert big["ok"] is True and isinstance(big["result"], wire.Opaque)


@pytest.mark.parametrize("data", [b"", b"pickle", wire.MAGIC + b"\xff\xff\xff\xff{}",
                                  wire.MAGIC + b"\x05\x00\x00\x00{\"$x\"", 
                                  wire.MAGIC + b"\x1d\x00\x00\x00{\"$nd\":[\"<f8\",[4],0,32]}" + b"\0" * 8,
                                  wire.MAGIC + b"\x14\x00\x00\x00{\"$nd\":[\"|O\",[1],0,8]}"])
def test_malformed_messages_are_rejected(data):
    with pytest.raises(wire.WireError):
        decode(data)
