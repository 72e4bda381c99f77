"""Golden forward cases (x_t, t, y -> v) from the *shipped* model, for the Java reference test.

  /usr/bin/python3 training/make_shipped_golden.py weights/webdit-small-f16-<hash>.safetensors

Writes shared/src/test/resources/golden/shipped_cases.safetensors, naming the weight file and its
SHA-256 in __metadata__ so the test knows exactly which file the cases belong to. Computed in
float64 from the file's fp16 values.
"""
import hashlib
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from evaluate import load_model  # noqa: E402
from make_golden import OUT  # noqa: E402
from safetensors_io import save  # noqa: E402

CASES = [(0.1, 0), (0.5, 4), (0.9, 8), (0.7, 9)]


def main(path):
    model, _ = load_model(path)
    model = model.double()
    g = np.random.default_rng(2024)
    tensors = {}
    for i, (t, y) in enumerate(CASES):
        x = g.standard_normal((4, 32, 32)).astype(np.float32)
        with torch.no_grad():
            v = model(torch.from_numpy(x[None]).double(), torch.tensor([float(np.float32(t))], dtype=torch.float64),
                      torch.tensor([y]))[0].numpy()
        tensors[f"case{i}.x"] = x
        tensors[f"case{i}.v"] = v.astype(np.float32)
    sha = hashlib.sha256(open(path, "rb").read()).hexdigest()
    out = os.path.join(OUT, "shipped_cases.safetensors")
    save(out, tensors, {"weights": os.path.basename(path), "sha256": sha,
                        "cases": json.dumps([{"t": t, "y": y} for t, y in CASES])})
    print(f"wrote {out} for {os.path.basename(path)}")


if __name__ == "__main__":
    main(sys.argv[1])
