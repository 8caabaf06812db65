#!/usr/bin/env python3
"""Builds the labelled pickle corpus used by pyward_pickle's tests.

    python generate.py [OUTPUT_DIR]      (default: the folder of this script)

Needs the standard library plus numpy, scikit-learn, joblib and py7zr (all
from PyPI). Nothing here is ever unpickled. Files land in three folders:

    malicious/   every file must be reported `dangerous`
    suspicious/  every file must be reported `suspicious`
    benign/      every file must be reported `clean`

Every payload runs a harmless `echo` if someone loads it anyway.
"""

import bz2
import collections
import datetime
import decimal
import gzip
import io
import lzma
import os
import pickle
import struct
import sys
import tarfile
import types
import zipfile
import zlib

import joblib
import numpy as np
import py7zr
from sklearn.cluster import KMeans
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeRegressor

COMMAND = "echo pyward-corpus"
FIXED_TIME = (2020, 1, 1, 0, 0, 0)


# --- helpers -----------------------------------------------------------------


def op_str(text):
    """SHORT_BINUNICODE."""
    data = text.encode()
    return b"\x8c" + bytes([len(data)]) + data


def binunicode(text):
    data = text.encode()
    return b"X" + struct.pack("<I", len(data)) + data


class Reduce:
    """An object whose pickle calls `func(*args)`."""

    def __init__(self, func, *args):
        self.func, self.args = func, args

    def __reduce__(self):
        return self.func, self.args

    def __call__(self, *args):
        """Lets a Reduce stand for the callable of another (never run)."""
        raise RuntimeError("never called")


def zip_bytes(members, compression=zipfile.ZIP_STORED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = compression
            archive.writestr(info, data)
    return buffer.getvalue()


def tar_bytes(members):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as archive:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(data), 0
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def gzip_bytes(data):
    return gzip.compress(data, mtime=0)


def seven_zip_bytes(members, path):
    with py7zr.SevenZipFile(path, "w") as archive:
        for name, data in members:
            archive.writestr(data, name)
    with open(path, "rb") as handle:
        return handle.read()


# --- fake torch: the globals a real checkpoint names, without torch -----------


def install_fake_torch():
    torch = types.ModuleType("torch")
    utils = types.ModuleType("torch._utils")

    def _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks):
        raise RuntimeError("never called")

    _rebuild_tensor_v2.__module__ = "torch._utils"
    _rebuild_tensor_v2.__qualname__ = "_rebuild_tensor_v2"
    utils._rebuild_tensor_v2 = _rebuild_tensor_v2

    class FloatStorage:
        pass

    FloatStorage.__module__ = "torch"
    FloatStorage.__qualname__ = "FloatStorage"
    torch.FloatStorage = FloatStorage
    torch._utils = utils
    sys.modules["torch"] = torch
    sys.modules["torch._utils"] = utils
    return torch


TORCH = install_fake_torch()


class FakeTensor:
    def __init__(self, key, numel):
        self.key, self.numel = key, numel

    def __reduce_ex__(self, protocol):
        storage = FakeStorage(self.key, self.numel)
        return (TORCH._utils._rebuild_tensor_v2, (storage, 0, (self.numel,), (1,), False, collections.OrderedDict()))


class FakeStorage:
    def __init__(self, key, numel):
        self.key, self.numel = key, numel


class TorchPickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, FakeStorage):
            return ("storage", TORCH.FloatStorage, obj.key, "cpu", obj.numel)
        return None


def torch_pickle(obj, protocol=2):
    buffer = io.BytesIO()
    TorchPickler(buffer, protocol=protocol).dump(obj)
    return buffer.getvalue()


def state_dict(extra=None):
    state = collections.OrderedDict()
    state["layer.weight"] = FakeTensor("0", 16)
    state["layer.bias"] = FakeTensor("1", 4)
    if extra is not None:
        state["extra"] = extra
    return state


def torch_zip(data_pkl, name="archive/data.pkl"):
    tensors = [("archive/data/0", np.arange(16, dtype="<f4").tobytes()), ("archive/data/1", np.ones(4, "<f4").tobytes())]
    return zip_bytes([(name, data_pkl), ("archive/byteorder", b"little"), *tensors, ("archive/version", b"3\n")])


def legacy_torch(obj):
    out = io.BytesIO()
    for header in (0x1950A86A20F9469CFC6C, 1001, {"protocol_version": 1001, "little_endian": True}):
        pickle.dump(header, out, protocol=2)
    out.write(torch_pickle(obj))
    pickle.dump(["0", "1"], out, protocol=2)
    for numel in (16, 4):
        out.write(struct.pack("<q", numel))
        out.write(np.arange(numel, dtype="<f4").tobytes())
    return out.getvalue()


def legacy_torch_tar(obj):
    storages = io.BytesIO()
    pickle.dump(0, storages, protocol=2)
    tensors = io.BytesIO()
    pickle.dump(0, tensors, protocol=2)
    sys_info = pickle.dumps({"protocol_version": 1001, "little_endian": True}, protocol=2)
    return tar_bytes([("sys_info", sys_info), ("pickle", torch_pickle(obj)), ("storages", storages.getvalue()), ("tensors", tensors.getvalue())])


# --- zip tricks ---------------------------------------------------------------


def corrupt_crc(archive):
    """Zeroes every CRC in local and central headers."""
    data = bytearray(archive)
    for signature, crc_at in ((b"PK\x03\x04", 14), (b"PK\x01\x02", 16)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            data[start + crc_at : start + crc_at + 4] = b"\0\0\0\0"
            start += 4
    return bytes(data)


def set_flags(archive, flags):
    data = bytearray(archive)
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            data[start + flags_at : start + flags_at + 2] = struct.pack("<H", flags)
            start += 4
    return bytes(data)


def rename_local(archive, old, new):
    """Renames a member in its local header only (same length)."""
    assert len(old) == len(new)
    start = archive.find(b"PK\x03\x04")
    position = archive.find(old.encode(), start)
    return archive[:position] + new.encode() + archive[position + len(old) :]


# --- payloads -------------------------------------------------------------------


def seed_pickle():
    """The four-line pickle from the seed talk."""
    return b"cos\nsystem\n(S'" + COMMAND.encode() + b"'\ntR."


def os_system(protocol):
    return pickle.dumps(Reduce(os.system, COMMAND), protocol=protocol)


def memo_decoy():
    """The real names come from the memo; harmless strings sit right before
    STACK_GLOBAL to fool scanners that look back at the listing."""
    return (
        b"\x80\x04"
        + op_str("builtins") + b"\x94" + b"0"
        + op_str("eval") + b"\x94" + b"0"
        + op_str("collections") + op_str("OrderedDict") + b"00"
        + b"h\x00h\x01\x93"
        + op_str("print('pyward-corpus')") + b"\x85R."
    )


def string_stack_global():
    """STACK_GLOBAL fed by protocol 0 STRING operands, with escapes."""
    return b"\x80\x04S'o\\x73'\nS'sy\\163tem'\n\x93S'" + COMMAND.encode() + b"'\n\x85R."


def unicode_global():
    return b"\x80\x04V\\u0073ubprocess\nVgetoutput\n\x93V" + COMMAND.encode() + b"\n\x85R."


def dotted_name():
    """Protocol 4 resolves dotted names: pathlib imports os."""
    return b"\x80\x04" + op_str("pathlib") + op_str("os.system") + b"\x93" + op_str(COMMAND) + b"\x85R."


def dunder_traversal():
    return b"\x80\x04" + op_str("collections") + op_str("OrderedDict.__init__.__globals__") + b"\x93."


def build_setattr():
    """BUILD with a slot state on a class: setattr(OrderedDict, '__doc__', ...)."""
    return b"\x80\x02ccollections\nOrderedDict\nN}" + binunicode("__doc__") + binunicode("x") + b"s\x86b."


def obj_pop():
    return b"\x80\x02(cos\nsystem\n" + binunicode(COMMAND) + b"o0N."


def inst_call():
    return b"(S'" + COMMAND.encode() + b"'\nisubprocess\ncheck_output\n."


def gadgets():
    import operator
    import pkgutil
    import pydoc

    call_name = lambda resolver, name: Reduce(Reduce(resolver, name), COMMAND)  # noqa: E731
    return {
        "gadget_pkgutil_resolve_name.pkl": pickle.dumps(call_name(pkgutil.resolve_name, "os:system"), protocol=4),
        "gadget_pydoc_locate.pkl": pickle.dumps(call_name(pydoc.locate, "os.system"), protocol=4),
        "gadget_methodcaller.pkl": pickle.dumps(Reduce(operator.methodcaller, "system", COMMAND), protocol=2),
        "gadget_attrgetter.pkl": pickle.dumps(Reduce(operator.attrgetter, "system"), protocol=3),
        "gadget_getattr.pkl": pickle.dumps(Reduce(Reduce(getattr, Reduce(__import__, "os"), "system"), COMMAND), protocol=2),
        "gadget_builtins_exec.pkl": pickle.dumps(Reduce(exec, "import os"), protocol=1),
        "gadget_runpy.pkl": pickle.dumps(Reduce(__import__("runpy").run_path, "/nonexistent"), protocol=4),
    }


def nested_loads():
    inner = os_system(2)
    return {
        "nested_pickle_loads.pkl": pickle.dumps(Reduce(pickle.loads, inner), protocol=4),
        # An allowed loader: only the nested scan finds the payload.
        "nested_torch_load_from_bytes.pkl": b"\x80\x02ctorch.storage\n_load_from_bytes\nC"
        + bytes([len(inner)]) + inner + b"\x85R.",
        "nested_codecs_latin1.pkl": b"\x80\x02ctorch.storage\n_load_from_bytes\nc_codecs\nencode\n"
        + binunicode(inner.decode("latin-1")) + binunicode("latin1") + b"\x86R\x85R.",
    }


def broken_after_payload():
    return seed_pickle()[:-1] + b"\xff\xfe garbage"


def two_pickles():
    return pickle.dumps({"ok": 1}, protocol=2) + os_system(2)


def frame_divergence():
    """A FRAME shorter than the opcodes it starts: CPython's C unpickler runs
    it; the pure-Python one rejects it."""
    body = op_str("os") + op_str("system") + b"\x93" + op_str(COMMAND) + b"\x85R."
    return b"\x80\x04\x95" + struct.pack("<Q", 3) + body


def ext_code():
    return b"\x80\x02\x82\xf0)R."


class Evil:
    def __reduce__(self):
        return os.system, (COMMAND,)


def joblib_bytes(value, compress=0):
    buffer = io.BytesIO()
    joblib.dump(value, buffer, compress=compress)
    return buffer.getvalue()


def npy_object(value):
    buffer = io.BytesIO()
    np.save(buffer, np.array([value, 1], dtype=object), allow_pickle=True)
    return buffer.getvalue()


def npz(arrays):
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return normalise_zip_times(buffer.getvalue())


def normalise_zip_times(archive):
    source = zipfile.ZipFile(io.BytesIO(archive))
    return zip_bytes([(name, source.read(name)) for name in source.namelist()])


def keras_archive(config):
    import json

    metadata = json.dumps({"keras_version": "3.0.0", "date_saved": "2020-01-01@00:00:00"}).encode()
    return zip_bytes([("metadata.json", metadata), ("config.json", json.dumps(config).encode()), ("model.weights.h5", b"\x89HDF\r\n\x1a\n" + bytes(64))])


def keras_config(inner_layer):
    return {
        "module": "keras",
        "class_name": "Functional",
        "config": {
            "layers": [
                {"class_name": "InputLayer", "config": {"batch_shape": [None, 4]}},
                {"class_name": "Sequential", "config": {"layers": [{"class_name": "Dense", "config": {"units": 4}}, inner_layer]}},
            ]
        },
    }


LAMBDA = {"module": "keras.layers", "class_name": "Lambda", "config": {"function": {"class_name": "__lambda__", "config": {"code": "4wEAAAAAAAAA"}}}}


# --- the corpus -------------------------------------------------------------------


def malicious(work):
    files = {"seed_proto0_os_system.pkl": seed_pickle()}
    for protocol in range(0, 6):
        files[f"reduce_os_system_proto{protocol}.pkl"] = os_system(protocol)
    files.update(
        {
            "memo_decoy.pkl": memo_decoy(),
            "string_operands_stack_global.pkl": string_stack_global(),
            "unicode_operands_stack_global.pkl": unicode_global(),
            "dotted_name.pkl": dotted_name(),
            "dunder_traversal.pkl": dunder_traversal(),
            "build_setattr_on_class.pkl": build_setattr(),
            "obj_then_pop.pkl": obj_pop(),
            "inst_call.pkl": inst_call(),
            "broken_after_payload.pkl": broken_after_payload(),
            "two_pickles_second_evil.pkl": two_pickles(),
            "frame_divergence.pkl": frame_divergence(),
            "polyglot_pickle_then_zip.pt": seed_pickle() + torch_zip(torch_pickle(state_dict())),
            "polyglot_benign_pickle_evil_zip.pt": pickle.dumps([1, 2], protocol=2) + torch_zip(os_system(2)),
        }
    )
    files.update(gadgets())
    files.update(nested_loads())
    evil_checkpoint = torch_pickle(state_dict(extra=Evil()))
    files.update(
        {
            "torch_zip_evil.pt": torch_zip(evil_checkpoint),
            "torch_zip_bad_crc.pt": corrupt_crc(torch_zip(evil_checkpoint)),
            "torch_zip_encrypted_flag.pt": set_flags(torch_zip(evil_checkpoint), 0x0009),
            "torch_zip_renamed_member.pt": torch_zip(evil_checkpoint, name="archive/weights.bin"),
            "torch_zip_local_name_mismatch.pt": rename_local(torch_zip(evil_checkpoint), "archive/data.pkl", "archive/data.txt"),
            "torch_zip_deflated.pt": zip_bytes([("archive/data.pkl", evil_checkpoint)], zipfile.ZIP_DEFLATED),
            "torch_legacy_stacked.pt": legacy_torch(state_dict(extra=Evil())),
            "torch_legacy_tar.pt": legacy_torch_tar(state_dict(extra=Evil())),
            "nested_zip_in_zip.zip": zip_bytes([("inner.zip", zip_bytes([("model.pkl", os_system(4))]))]),
            "nested_tar_gz.tar.gz": gzip_bytes(tar_bytes([("model/model.pkl", os_system(3))])),
            "npy_object_evil.npy": npy_object(Evil()),
            "npz_object_evil.npz": normalise_zip_times(npz_object_archive(Evil())),
            "keras_lambda_nested.keras": keras_archive(keras_config(LAMBDA)),
            "seven_zip_evil.7z": seven_zip_bytes([("model.pkl", os_system(4))], os.path.join(work, "evil.7z")),
        }
    )
    payload_after_array = [np.arange(1000, dtype=np.float64), Evil()]
    for method in (0, "zlib", "gzip", "bz2", "xz", "lzma"):
        compress = 0 if method == 0 else (method, 3)
        suffix = "raw" if method == 0 else method
        files[f"joblib_{suffix}_evil_after_array.joblib"] = joblib_bytes(payload_after_array, compress=compress)
    files["joblib_object_array_evil.joblib"] = joblib_bytes(np.array([Evil(), 2], dtype=object))
    return files


def npz_object_archive(value):
    buffer = io.BytesIO()
    np.savez(buffer, weights=np.arange(4.0), objects=np.array([value], dtype=object))
    return buffer.getvalue()


def suspicious():
    return {
        "unknown_class.pkl": b"\x80\x02cmypackage.models\nModel\n)\x81}b.",
        "extension_code.pkl": ext_code(),
        "truncated_benign.pkl": pickle.dumps(list(range(50)), protocol=2)[:-20],
    }


def sklearn_models():
    rng = np.random.RandomState(0)
    features = rng.rand(60, 4)
    labels = (features[:, 0] > 0.5).astype(int)
    return {
        "logistic_regression": LogisticRegression().fit(features, labels),
        "random_forest": RandomForestClassifier(n_estimators=3, max_depth=3, random_state=0).fit(features, labels),
        "pipeline_scaler_tree": Pipeline([("scale", StandardScaler()), ("tree", DecisionTreeRegressor(max_depth=3, random_state=0))]).fit(features, labels),
        "kmeans": KMeans(n_clusters=2, n_init=2, random_state=0).fit(features),
    }


def benign(work):
    values = {
        "containers": {"list": [1, 2.5, "x"], "tuple": (1, None, True), "set": {1, 2}, "frozen": frozenset({3}), "bytes": b"\x00\x80", "bytearray": bytearray(b"ab"), "big": 2**100, "neg": -5},
        "collections": [collections.OrderedDict(a=1), collections.defaultdict(list, b=[1]), collections.Counter("hello"), collections.deque([1, 2])],
        "datetime": [datetime.datetime(2020, 1, 2, 3, 4, 5), datetime.date(2020, 1, 2), datetime.timedelta(days=3), datetime.timezone.utc],
        "decimal_complex": [decimal.Decimal("1.25"), complex(1, 2), 1.5, float("inf")],
        "numpy_arrays": {"f": np.arange(12, dtype=np.float32).reshape(3, 4), "i": np.arange(5), "s": np.float64(2.5), "rec": np.zeros(2, dtype=[("a", "<i4"), ("b", "<f8")])},
    }
    files = {}
    for name, value in values.items():
        for protocol in range(0, 6):
            files[f"{name}_proto{protocol}.pkl"] = pickle.dumps(value, protocol=protocol)
    for name, model in sklearn_models().items():
        files[f"sklearn_{name}.pkl"] = pickle.dumps(model, protocol=4)
        files[f"sklearn_{name}.joblib"] = joblib_bytes(model)
    files["sklearn_random_forest_zlib.joblib"] = joblib_bytes(sklearn_models()["random_forest"], compress=("zlib", 3))
    files["sklearn_kmeans_gzip.joblib"] = joblib_bytes(sklearn_models()["kmeans"], compress=("gzip", 3))
    files["sklearn_logistic_bz2.joblib"] = joblib_bytes(sklearn_models()["logistic_regression"], compress=("bz2", 3))
    files["sklearn_logistic_xz.joblib"] = joblib_bytes(sklearn_models()["logistic_regression"], compress=("xz", 3))
    files["sklearn_logistic_lzma.joblib"] = joblib_bytes(sklearn_models()["logistic_regression"], compress=("lzma", 3))
    files["joblib_numpy_object_array.joblib"] = joblib_bytes(np.array(["a", 1, None], dtype=object))
    checkpoint = torch_pickle(state_dict())
    files.update(
        {
            "torch_zip_checkpoint.pt": torch_zip(checkpoint),
            "torch_zip_checkpoint_proto4.pt": torch_zip(torch_pickle(state_dict(), protocol=4)),
            "torch_legacy_stacked.pt": legacy_torch(state_dict()),
            "torch_legacy_tar.pt": legacy_torch_tar(state_dict()),
            "numpy_float.npy": np_save(np.arange(10.0)),
            "numpy_object_plain.npy": npy_object("just a string"),
            "numpy_arrays.npz": npz({"a": np.arange(3), "b": np.ones((2, 2))}),
            "keras_no_lambda.keras": keras_archive(keras_config({"class_name": "Dense", "config": {"units": 2}})),
            "seven_zip_benign.7z": seven_zip_bytes([("data.pkl", pickle.dumps({"a": [1, 2]}, protocol=4))], os.path.join(work, "benign.7z")),
            "gzip_pickle.pkl.gz": gzip_bytes(pickle.dumps([1, 2, 3], protocol=4)),
            "two_pickles_benign.pkl": pickle.dumps(1, protocol=2) + pickle.dumps({"b": 2}, protocol=5),
        }
    )
    return files


def np_save(array):
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    work = os.path.join(root, ".work")
    os.makedirs(work, exist_ok=True)
    for label, build in (("malicious", lambda: malicious(work)), ("suspicious", suspicious), ("benign", lambda: benign(work))):
        folder = os.path.join(root, label)
        os.makedirs(folder, exist_ok=True)
        for old in os.listdir(folder):
            os.remove(os.path.join(folder, old))
        for name, data in sorted(build().items()):
            with open(os.path.join(folder, name), "wb") as handle:
                handle.write(data)
    for leftover in os.listdir(work):
        os.remove(os.path.join(work, leftover))
    os.rmdir(work)


if __name__ == "__main__":
    main()
