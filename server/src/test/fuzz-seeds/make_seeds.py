#!/usr/bin/env python3
"""Writes the fuzz seed corpus (server/src/test/resources/com/webdit/server/*FuzzTestInputs/fuzz/).

Seeds come from the shipped weight files (their real headers and config) plus micro WebDiT models
small enough for the fuzzer to mutate quickly: fp16 and int8 (with .scale) in the shipped layout.
Run from the repository root: python3 server/src/test/fuzz-seeds/make_seeds.py
"""
import json
import os
import struct

ROOT = "server/src/test/resources/com/webdit/server"
SHIPPED = sorted(f for f in os.listdir("weights") if f.endswith(".safetensors"))


def out(target, name, data):
    d = os.path.join(ROOT, target + "Inputs", "fuzz")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def header_of(path):
    b = open(path, "rb").read()
    n = struct.unpack("<Q", b[:8])[0]
    return b[8:8 + n]


def expected(c):
    d, p = c["hidden_size"], c["patch_size"]
    m = {"x_embedder.proj.weight": [d, c["channels"], p, p], "x_embedder.proj.bias": [d],
         "t_embedder.mlp.0.weight": [d, c["freq_dim"]], "t_embedder.mlp.0.bias": [d],
         "t_embedder.mlp.2.weight": [d, d], "t_embedder.mlp.2.bias": [d],
         "y_embedder.embedding_table.weight": [c["num_classes"] + 1, d]}
    h = d * c["mlp_ratio"]
    for i in range(c["depth"]):
        b = "blocks.%d." % i
        m.update({b + "attn.qkv.weight": [3 * d, d], b + "attn.qkv.bias": [3 * d],
                  b + "attn.proj.weight": [d, d], b + "attn.proj.bias": [d],
                  b + "mlp.fc1.weight": [h, d], b + "mlp.fc1.bias": [h],
                  b + "mlp.fc2.weight": [d, h], b + "mlp.fc2.bias": [d],
                  b + "adaLN_modulation.1.weight": [6 * d, d], b + "adaLN_modulation.1.bias": [6 * d]})
    pd = c["channels"] * p * p
    m.update({"final_layer.linear.weight": [pd, d], "final_layer.linear.bias": [pd],
              "final_layer.adaLN_modulation.1.weight": [2 * d, d], "final_layer.adaLN_modulation.1.bias": [2 * d]})
    if c["final_conv"]:
        m.update({"final_conv.weight": [c["channels"], c["channels"], 3, 3], "final_conv.bias": [c["channels"]]})
    return m


def model(c, int8):
    header, data = {"__metadata__": {"format": "webdit", "format_version": "1", "config": json.dumps(c, separators=(",", ":"))}}, b""
    for name, shape in expected(c).items():
        n = 1
        for s in shape:
            n *= s
        if int8 and len(shape) > 1:
            chunks = [(name, "I8", shape, bytes((i * 37) % 255 - 127 & 0xff for i in range(n))),
                      (name + ".scale", "F32", [shape[0]], struct.pack("<%df" % shape[0], *([0.01] * shape[0]))),]
        else:
            chunks = [(name, "F16", shape, struct.pack("<%de" % n, *[((i % 7) - 3) * 0.05 for i in range(n)]))]
        for cname, dtype, cshape, raw in chunks:
            header[cname] = {"dtype": dtype, "shape": cshape, "data_offsets": [len(data), len(data) + len(raw)]}
            data += raw
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    return struct.pack("<Q", len(h)) + h + data


MICRO = {"name": "micro", "image_size": 8, "channels": 4, "patch_size": 4, "hidden_size": 8, "depth": 1,
         "num_heads": 2, "mlp_ratio": 2, "num_classes": 2, "freq_dim": 4, "final_conv": True}

for target in ("SafeTensorsFuzzTest", "WeightFileFuzzTest"):
    out(target, "micro-f16.safetensors", model(MICRO, False))
    out(target, "micro-i8.safetensors", model(MICRO, True))
    for f in SHIPPED:  # the real header, data cut off: every check up to the offsets runs on it
        h = header_of(os.path.join("weights", f))
        out(target, f.replace(".safetensors", "-header"), struct.pack("<Q", len(h)) + h)

for f in SHIPPED:
    out("JsonFuzzTest", f.replace(".safetensors", "-header.json"), header_of(os.path.join("weights", f)))
    config = json.loads(header_of(os.path.join("weights", f)))["__metadata__"]["config"]
    out("JsonFuzzTest", "config.json", config)
out("JsonFuzzTest", "escapes.json", '{"a":"\\u00e9\\n\\"","b":[-0.0,1e308,12345678901234567890,true,false,null]}')

for i, q in enumerate(["seed=42&category=animals&steps=12&sampler=ddim&cfg=3",
                       "seed=4294967295&category=9&steps=50&sampler=dpmpp2m&cfg=0.30000001192092896",
                       "category=any&sampler=DDPM&cfg=1e-7", "seed=&steps=&cfg=10"]):
    out("FaviconQueryFuzzTest", "query-%d" % i, q)
