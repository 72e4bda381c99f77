"""Exports a trained checkpoint's EMA weights as the shipped WebDiT weight files.

  /usr/bin/python3 training/export.py --ckpt training/runs/small/ckpt.pt [--onnx /tmp/webdit.onnx]
  /usr/bin/python3 training/export.py --weights weights/webdit-small-f16-<hash>.safetensors --onnx out.onnx
      (ONNX only, from a shipped weight file: what ./bench runs for the ONNX Runtime Web anchors)

Writes to weights/ (replacing earlier exports of the same model name):
  webdit-<name>-f16-<sha256[:12]>.safetensors  every tensor fp16
  webdit-<name>-i8-<sha256[:12]>.safetensors   matrices and conv kernels int8 with one F16 scale per
                                               output channel (<name>.scale); vectors and the label
                                               table fp16
The config, format version, category names (in label order) and training step count travel in
__metadata__. The server computes the
manifest (name, config, bytes, sha256) from these files at startup: /api/models.
"""
import argparse
import hashlib
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from models import from_config  # noqa: E402
from dataset import CATEGORY_NAMES  # noqa: E402
from safetensors_io import save, webdit_metadata  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def quantize_rows(w):
    """Symmetric per-output-channel int8: scale = max|row| / 127 (rows of zeros get scale 1)."""
    rows = w.reshape(w.shape[0], -1).astype(np.float64)
    scale = np.abs(rows).max(axis=1) / 127.0
    scale = np.where(scale == 0, 1.0, scale).astype(np.float16).astype(np.float64)  # quantize with the stored scale
    q = np.clip(np.rint(rows / scale[:, None]), -127, 127).astype(np.int8)
    return q.reshape(w.shape), scale.astype(np.float16)


def write_hashed(tensors, meta, name, kind, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    tmp = os.path.join(out_dir, f".tmp-{kind}.safetensors")
    save(tmp, tensors, meta)
    with open(tmp, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:12]
    prefix = f"webdit-{name}-{kind}-"
    for old in os.listdir(out_dir):
        if old.startswith(prefix) and old.endswith(".safetensors"):
            os.remove(os.path.join(out_dir, old))
    final = os.path.join(out_dir, f"{prefix}{digest}.safetensors")
    os.replace(tmp, final)
    return final


def export(state, config, steps, out_dir=os.path.join(ROOT, "weights"), categories=CATEGORY_NAMES):
    meta = webdit_metadata(config, categories)
    meta["training_steps"] = str(steps)
    f16 = {k: v.detach().float().numpy().astype(np.float16) for k, v in state.items()}
    i8 = {}
    for k, v in state.items():
        w = v.detach().float().numpy()
        if w.ndim >= 2 and "embedding_table" not in k:
            q, scale = quantize_rows(w)
            i8[k] = q
            i8[k + ".scale"] = scale
        else:
            i8[k] = w.astype(np.float16)
    return (write_hashed(f16, meta, config["name"], "f16", out_dir),
            write_hashed(i8, meta, config["name"], "i8", out_dir))


def export_onnx(model, path):
    model.eval()
    x = torch.zeros(2, 4, 32, 32)
    t = torch.tensor([0.5, 0.5])
    y = torch.tensor([0, 9])
    torch.onnx.export(model, (x, t, y), path, input_names=["x", "t", "y"], output_names=["v"],
                      dynamic_axes={"x": {0: "batch"}, "t": {0: "batch"}, "y": {0: "batch"}, "v": {0: "batch"}},
                      opset_version=14)  # 17 emits LayerNormalization without a scale, which the checker rejects


def model_from_weights(path):
    """The PyTorch model holding a shipped weight file's values (int8 files are dequantized per row)."""
    from safetensors_io import check_webdit, load  # noqa: E402
    st, meta = load(path)
    model = from_config(check_webdit(meta, path))
    state = {}
    for k, v in st.items():
        if k.endswith(".scale"):
            continue
        w = np.asarray(v, dtype=np.float32)
        if k + ".scale" in st:
            w = w * np.asarray(st[k + ".scale"], dtype=np.float32).reshape((-1,) + (1,) * (w.ndim - 1))
        state[k] = torch.from_numpy(w)
    model.load_state_dict(state)
    return model


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--ckpt", help="a training checkpoint: writes the shipped weight files (and --onnx)")
    src.add_argument("--weights", help="a shipped weight file: writes only --onnx from it")
    p.add_argument("--out-dir", default=os.path.join(ROOT, "weights"),
                   help="where the files go (weights/ ships them; sweep arms go elsewhere)")
    p.add_argument("--onnx", default=None, help="also write an ONNX export of the forward pass here")
    p.add_argument("--ema", default=None,
                   help="which of the checkpoint's EMAs to ship (train.EMA_NAMES; pick by FD: docs/MODEL.md, "
                        "\"EMAs\"); required when it holds several")
    args = p.parse_args()
    if args.weights:
        if not args.onnx:
            p.error("--weights only exports ONNX: give --onnx OUT.onnx")
        export_onnx(model_from_weights(args.weights), args.onnx)
        print(f"{args.onnx}: {os.path.getsize(args.onnx)} bytes")
        return
    ck = torch.load(args.ckpt, map_location="cpu")
    model = from_config(ck["config"])
    emas = ck.get("emas", {"fixed-0.9995": ck.get("ema")})  # checkpoints before several EMAs held one
    name = args.ema or (next(iter(emas)) if len(emas) == 1 else None)
    if name not in emas:
        p.error(f"--ema: choose one of {', '.join(emas)}")
    model.load_state_dict(emas[name])
    paths = export(model.state_dict(), ck["config"], ck["step"] + ck.get("base_steps", 0), args.out_dir)
    for path in paths:
        print(f"{path}: {os.path.getsize(path)} bytes")
    if args.onnx:
        export_onnx(model, args.onnx)
        print(f"{args.onnx}: {os.path.getsize(args.onnx)} bytes")


if __name__ == "__main__":
    main()
