"""Exports a trained checkpoint's EMA weights as the shipped WebDiT weight files.

  /usr/bin/python3 training/export.py --ckpt training/runs/small/ckpt.pt [--onnx /tmp/webdit.onnx]
  /usr/bin/python3 training/export.py --weights weights/webdit-small-f16-<hash>.safetensors --onnx out.onnx
      (ONNX from a shipped weight file: what ./bench runs for the ONNX Runtime Web anchors)
  /usr/bin/python3 training/export.py --weights weights/webdit-small-f16-<hash>.safetensors --kinds i4
      (a quantised file from a shipped fp16 file: its values, config, categories and step count)

Writes to weights/ (replacing earlier exports of the same model name):
  webdit-<name>-f16-<sha256[:12]>.safetensors  every tensor fp16
  webdit-<name>-i8-<sha256[:12]>.safetensors   matrices and conv kernels int8 with one F16 scale per
                                               output channel (<name>.scale); vectors and the label
                                               table fp16
  webdit-<name>-i4-<sha256[:12]>.safetensors   matrices int4 in groups of I4_GROUP along the input dimension
                                               with one F16 scale per group (<name>.scale, [rows, groups]),
                                               packed two to a byte as U8; the embedders and the final
                                               linear layer (I4_KEEP_I8) and a matrix whose row length is
                                               not a multiple of the group (final_conv) int8 as above;
                                               vectors and the label table fp16
The config, format version, category names (in label order) and training step count travel in
__metadata__. The server computes the
manifest (name, config, bytes, sha256) from these files at startup: /api/models.
"""
import argparse
import hashlib
import json
import re
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from models import from_config  # noqa: E402
from dataset import CATEGORY_NAMES  # noqa: E402
from safetensors_io import pack_int4, save, webdit_metadata  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KINDS = ("f16", "i8", "i4")
# Values per int4 scale, along the input dimension: 32 holds the quality bound in the fewest bytes
# (docs/MODEL.md, "4-bit weights"); every Linear's and the patch conv's row length is a multiple.
I4_GROUP = 32
# Scale candidates per group, as divisors of the group's signed largest value (the one that maps to
# -8): -8 is the plain absmax scale; the others trade clipping for resolution (llama.cpp's
# make_qx_quants does the same search).
I4_DIVISORS = np.linspace(-9.0, -6.5, 21)
# The matrices an i4 file keeps int8 (a regular expression over tensor names): the patch and timestep
# embedders and the final linear layer. 50 KB more than all-int4, and on the shipped model they take
# FD_emoji from 11.6 % worse than fp16's to 0.9 % (docs/MODEL.md, "4-bit weights"). Never an adaLN layer:
# the engine stacks all of them in one matmul, which keeps their format only when they all share it.
I4_KEEP_I8 = r"embedder|final_layer\.linear"


def quantize_rows(w):
    """Symmetric per-output-channel int8: scale = max|row| / 127 (rows of zeros get scale 1)."""
    rows = w.reshape(w.shape[0], -1).astype(np.float64)
    scale = np.abs(rows).max(axis=1) / 127.0
    scale = np.where(scale == 0, 1.0, scale).astype(np.float16).astype(np.float64)  # quantize with the stored scale
    q = np.clip(np.rint(rows / scale[:, None]), -127, 127).astype(np.int8)
    return q.reshape(w.shape), scale.astype(np.float16)


def quantize_groups_int4(w, group=I4_GROUP):
    """Symmetric int4 in [-8, 7] with one fp16 scale per `group` consecutive inputs of a row: of the
    I4_DIVISORS candidates, each group keeps the scale with the least squared error (computed with the
    stored fp16 scale). Returns (packed U8 with the last dimension halved, F16 scales [rows, groups])."""
    rows = w.reshape(w.shape[0], -1).astype(np.float64)
    k = rows.shape[1]
    if k % group or group % 2:
        raise ValueError(f"int4 groups of {group} need an even group dividing the row length {k}")
    x = rows.reshape(rows.shape[0], k // group, group)
    peak = np.take_along_axis(x, np.abs(x).argmax(axis=-1)[..., None], axis=-1)  # signed largest value
    best_q = best_s = best_err = None
    for d in I4_DIVISORS:
        s = peak / d
        s = np.where(s == 0, 1.0, s).astype(np.float16).astype(np.float64)  # quantize with the stored scale
        q = np.clip(np.rint(x / s), -8, 7)
        err = ((q * s - x) ** 2).sum(axis=-1, keepdims=True)
        if best_err is None:
            best_q, best_s, best_err = q, s, err
        else:
            better = err < best_err
            best_q = np.where(better, q, best_q)
            best_s = np.where(better, s, best_s)
            best_err = np.where(better, err, best_err)
    q = best_q.astype(np.int8).reshape(w.shape)
    return pack_int4(q), best_s[..., 0].astype(np.float16)


def quantized(state, kind, group=I4_GROUP, keep_i8=None):
    """The tensors of one file kind from float32 numpy arrays (see the module docstring); in an i4 file,
    matrices whose name matches the regular expression keep_i8 stay int8."""
    out = {}
    for k, w in state.items():
        matrix = w.ndim >= 2 and "embedding_table" not in k
        if kind == "f16" or not matrix:
            out[k] = w.astype(np.float16)
        elif kind == "i4" and (w.size // w.shape[0]) % group == 0 and not (keep_i8 and re.search(keep_i8, k)):
            out[k], out[k + ".scale"] = quantize_groups_int4(w, group)
        else:
            out[k], out[k + ".scale"] = quantize_rows(w)
    return out


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


def export(state, config, steps, out_dir=os.path.join(ROOT, "weights"), categories=CATEGORY_NAMES, kinds=KINDS,
           i4_group=I4_GROUP, i4_keep_i8=I4_KEEP_I8):
    """Writes one file per kind; state: a state_dict (tensors) or float32 numpy arrays. i4_keep_i8="" keeps
    no matrix int8 in the i4 file."""
    meta = webdit_metadata(config, categories)
    meta["training_steps"] = str(steps)
    values = {k: v if isinstance(v, np.ndarray) else v.detach().float().numpy() for k, v in state.items()}
    return tuple(write_hashed(quantized(values, kind, i4_group, i4_keep_i8), meta, config["name"], kind, out_dir) for kind in kinds)


def export_onnx(model, path):
    model.eval()
    x = torch.zeros(2, 4, 32, 32)
    t = torch.tensor([0.5, 0.5])
    y = torch.tensor([0, 9])
    torch.onnx.export(model, (x, t, y), path, input_names=["x", "t", "y"], output_names=["v"],
                      dynamic_axes={"x": {0: "batch"}, "t": {0: "batch"}, "y": {0: "batch"}, "v": {0: "batch"}},
                      opset_version=14)  # 17 emits LayerNormalization without a scale, which the checker rejects


def model_from_weights(path):
    """The PyTorch model holding a shipped weight file's values (quantised files dequantized)."""
    from safetensors_io import check_webdit, dequantized, load  # noqa: E402
    st, meta = load(path)
    model = from_config(check_webdit(meta, path))
    model.load_state_dict({k: torch.from_numpy(v) for k, v in dequantized(st).items()})
    return model


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--ckpt", help="a training checkpoint: writes the shipped weight files (and --onnx)")
    src.add_argument("--weights", help="a shipped weight file: writes --onnx and the --kinds files from its values "
                                       "(give the fp16 file: quantising a quantised file compounds the error)")
    p.add_argument("--out-dir", default=os.path.join(ROOT, "weights"),
                   help="where the files go (weights/ ships them; sweep arms go elsewhere)")
    p.add_argument("--onnx", default=None, help="also write an ONNX export of the forward pass here")
    p.add_argument("--ema", default=None,
                   help="which of the checkpoint's EMAs to ship (train.EMA_NAMES; pick by FD: docs/MODEL.md, "
                        "\"EMAs\"); required when it holds several")
    p.add_argument("--kinds", default=None,
                   help=f"comma-separated file kinds to write, of {','.join(KINDS)} (default: all from --ckpt, "
                        "none from --weights)")
    p.add_argument("--i4-group", type=int, default=I4_GROUP,
                   help="values per int4 scale along the input dimension (the shipped files use the default)")
    p.add_argument("--i4-keep-i8", default=I4_KEEP_I8, metavar="REGEX",
                   help="i4 files: matrices whose tensor name matches stay int8 (default: the shipped layout, "
                        f"{I4_KEEP_I8!r}; '' for none; docs/MODEL.md, \"4-bit weights\")")
    args = p.parse_args()
    kinds = tuple(k for k in (args.kinds or "").split(",") if k) or (KINDS if args.ckpt else ())
    if any(k not in KINDS for k in kinds):
        p.error(f"--kinds: each of {', '.join(KINDS)}")
    if args.weights:
        if not args.onnx and not kinds:
            p.error("--weights: give --onnx OUT.onnx and/or --kinds")
        from safetensors_io import load  # noqa: E402
        model = model_from_weights(args.weights)
        st, meta = load(args.weights)
        for path in export(model.state_dict(), json.loads(meta["config"]), meta.get("training_steps", "0"),
                           args.out_dir, json.loads(meta["categories"]), kinds, args.i4_group, args.i4_keep_i8):
            print(f"{path}: {os.path.getsize(path)} bytes")
        if args.onnx:
            export_onnx(model, args.onnx)
            print(f"{args.onnx}: {os.path.getsize(args.onnx)} bytes")
        return
    ck = torch.load(args.ckpt, map_location="cpu")
    model = from_config(ck["config"])
    emas = ck.get("emas", {"fixed-0.9995": ck.get("ema")})  # checkpoints before several EMAs held one
    name = args.ema or (next(iter(emas)) if len(emas) == 1 else None)
    if name not in emas:
        p.error(f"--ema: choose one of {', '.join(emas)}")
    model.load_state_dict(emas[name])
    paths = export(model.state_dict(), ck["config"], ck["step"] + ck.get("base_steps", 0), args.out_dir, kinds=kinds,
                   i4_group=args.i4_group, i4_keep_i8=args.i4_keep_i8)
    for path in paths:
        print(f"{path}: {os.path.getsize(path)} bytes")
    if args.onnx:
        export_onnx(model, args.onnx)
        print(f"{args.onnx}: {os.path.getsize(args.onnx)} bytes")


if __name__ == "__main__":
    main()
