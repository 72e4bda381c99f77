"""Minimal safetensors reader/writer on numpy (Debian ships no safetensors package).

WebDiT metadata: {"format": "webdit", "format_version": "1", "config": <DiT config JSON>,
"categories": <JSON array of the label names, in label order>}.

Quantised tensors (docs/MODEL.md, Weight files) keep their scales in a companion "<name>.scale":
I8 rows times a per-row scale [rows]; int4 as U8, two values per byte (low nibble first) along the
last dimension, times a per-group scale [rows, row_length / group].
"""
import json
import struct

import numpy as np

FORMAT = "webdit"
FORMAT_VERSION = "1"
DTYPES = {"F32": np.float32, "F16": np.float16, "I8": np.int8, "U8": np.uint8}
NAMES = {np.dtype(v): k for k, v in DTYPES.items()}


def save(path, tensors, metadata=None):
    """tensors: dict name -> numpy array (float32, float16, int8 or uint8), written in insertion order."""
    header = {}
    if metadata:
        header["__metadata__"] = {k: str(v) for k, v in metadata.items()}
    offset = 0
    blobs = []
    for name, arr in tensors.items():
        arr = np.ascontiguousarray(arr)
        blob = arr.astype(arr.dtype.newbyteorder("<"), copy=False).tobytes()
        header[name] = {"dtype": NAMES[arr.dtype], "shape": list(arr.shape), "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def load(path):
    """Returns (tensors dict, metadata dict). I8 and U8 (packed int4) tensors are returned raw with their
    '.scale' companions; dequantized() turns them into float32."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    meta = header.pop("__metadata__", {})
    base = 8 + n
    out = {}
    for name, h in header.items():
        b, e = h["data_offsets"]
        out[name] = np.frombuffer(data[base + b:base + e], dtype=np.dtype(DTYPES[h["dtype"]]).newbyteorder("<")).reshape(h["shape"])
    return out, meta


SCALE_SUFFIX = ".scale"


def unpack_int4(packed):
    """U8 (..., k/2) -> int8 (..., k) in [-8, 7]: byte j holds value 2j in its low nibble, 2j+1 in its high."""
    p = np.asarray(packed, dtype=np.uint8)
    nib = np.stack([p & 0x0F, p >> 4], axis=-1).reshape(p.shape[:-1] + (2 * p.shape[-1],)).astype(np.int8)
    return np.where(nib >= 8, nib - 16, nib).astype(np.int8)


def pack_int4(q):
    """int (..., k) in [-8, 7], k even -> U8 (..., k/2), the inverse of unpack_int4."""
    q = np.asarray(q)
    if q.shape[-1] % 2 or q.min() < -8 or q.max() > 7:
        raise ValueError(f"int4 packing needs an even last dimension and values in [-8, 7] (shape {q.shape})")
    u = (q.astype(np.int16) & 0x0F).astype(np.uint8)
    return (u[..., 0::2] | (u[..., 1::2] << 4)).astype(np.uint8)


def dequantized(tensors):
    """Every tensor but the '.scale' companions as float32: F16 widened, I8 times its per-row scale, U8
    (int4) times its per-group scale (group = row length / scale.shape[1])."""
    out = {}
    for k, v in tensors.items():
        if k.endswith(SCALE_SUFFIX):
            continue
        if v.dtype == np.int8:
            scale = np.asarray(tensors[k + SCALE_SUFFIX], dtype=np.float32)
            w = v.astype(np.float32) * scale.reshape((-1,) + (1,) * (v.ndim - 1))
        elif v.dtype == np.uint8:
            q = unpack_int4(v)
            scale = np.asarray(tensors[k + SCALE_SUFFIX], dtype=np.float32)
            rows = q.reshape(q.shape[0], scale.shape[1], -1).astype(np.float32) * scale[:, :, None]
            w = rows.reshape(q.shape)
        else:
            w = np.asarray(v, dtype=np.float32)
        out[k] = w
    return out


def webdit_metadata(config, categories=None):
    """The __metadata__ every WebDiT file carries; categories: the label names in label order
    (docs/MODEL.md, Labels), which server, demo and embed read instead of keeping a copy."""
    meta = {"format": FORMAT, "format_version": FORMAT_VERSION, "config": json.dumps(config, separators=(",", ":"))}
    if categories is not None:
        if len(categories) != config["num_classes"]:
            raise ValueError(f"{len(categories)} category names for num_classes={config['num_classes']}")
        meta["categories"] = json.dumps(list(categories), separators=(",", ":"))
    return meta


def check_webdit(meta, path):
    if meta.get("format") != FORMAT or meta.get("format_version") != FORMAT_VERSION:
        raise ValueError(f"{path}: not a WebDiT v{FORMAT_VERSION} weight file (format={meta.get('format')!r}, "
                         f"format_version={meta.get('format_version')!r}); regenerate it with training/export.py")
    return json.loads(meta["config"])
