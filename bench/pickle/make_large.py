#!/usr/bin/env python3
"""Large inputs for bench/pickle.sh (never unpickled):

  opcodes.pkl   ~25 MB, ~6M opcodes: a protocol 4 list mixing small ints
                and floats (what a big numeric log or feature list looks like)
  torch200.pt   ~200 MB PyTorch-style zip checkpoint: a state dict of 50
                float32 tensors of 1M elements each, stored members
"""

import collections
import io
import os
import pickle
import struct
import sys
import types
import zipfile

FIXED_TIME = (2020, 1, 1, 0, 0, 0)


def opcode_heavy(path):
    values = []
    for i in range(1_600_000):
        values.append(i * 0.5)
        values.append(i % 200)
        values.append((i * 7) % 250)
        values.append(i % 100)
    with open(path, "wb") as handle:
        pickle.dump(values, handle, protocol=4)


def install_fake_torch():
    torch = types.ModuleType("torch")
    utils = types.ModuleType("torch._utils")

    def _rebuild_tensor_v2(*args):
        raise RuntimeError("never called")

    _rebuild_tensor_v2.__module__, _rebuild_tensor_v2.__qualname__ = "torch._utils", "_rebuild_tensor_v2"
    utils._rebuild_tensor_v2 = _rebuild_tensor_v2

    class FloatStorage:
        pass

    FloatStorage.__module__, FloatStorage.__qualname__ = "torch", "FloatStorage"
    torch.FloatStorage, torch._utils = FloatStorage, utils
    sys.modules["torch"], sys.modules["torch._utils"] = torch, utils
    return torch


TORCH = install_fake_torch()


class Storage:
    def __init__(self, key, numel):
        self.key, self.numel = key, numel


class Tensor:
    def __init__(self, key, numel):
        self.key, self.numel = key, numel

    def __reduce_ex__(self, protocol):
        return TORCH._utils._rebuild_tensor_v2, (Storage(self.key, self.numel), 0, (self.numel,), (1,), False, collections.OrderedDict())


class Pickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Storage):
            return ("storage", TORCH.FloatStorage, obj.key, "cpu", obj.numel)
        return None


def torch_zip(path, tensors=50, numel=1_000_000):
    state = collections.OrderedDict((f"layer{i}.weight", Tensor(str(i), numel)) for i in range(tensors))
    buffer = io.BytesIO()
    Pickler(buffer, protocol=2).dump(state)
    chunk = struct.pack("<f", 0.25) * numel
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(zipfile.ZipInfo("archive/data.pkl", FIXED_TIME), buffer.getvalue())
        for i in range(tensors):
            archive.writestr(zipfile.ZipInfo(f"archive/data/{i}", FIXED_TIME), chunk)
        archive.writestr(zipfile.ZipInfo("archive/version", FIXED_TIME), b"3\n")


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    if not os.path.exists(os.path.join(out, "opcodes.pkl")):
        opcode_heavy(os.path.join(out, "opcodes.pkl"))
    if not os.path.exists(os.path.join(out, "torch200.pt")):
        torch_zip(os.path.join(out, "torch200.pt"))


if __name__ == "__main__":
    main()
