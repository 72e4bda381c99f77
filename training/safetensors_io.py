"""Minimal safetensors reader/writer on numpy (Debian ships no safetensors package).

WebDiT metadata: {"format": "webdit", "format_version": "1", "config": <DiT config JSON>,
"categories": <JSON array of the label names, in label order>}.
"""
import json
import struct

import numpy as np

FORMAT = "webdit"
FORMAT_VERSION = "1"
DTYPES = {"F32": np.float32, "F16": np.float16, "I8": np.int8}
NAMES = {np.dtype(v): k for k, v in DTYPES.items()}


def save(path, tensors, metadata=None):
    """tensors: dict name -> numpy array (float32, float16 or int8), written in insertion order."""
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
    """Returns (tensors dict, metadata dict). I8 tensors are returned raw with their '.scale' companions."""
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
