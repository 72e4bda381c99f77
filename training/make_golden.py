"""Writes the golden cases the Java CPU reference (and later the WGSL engine) is tested against.

  /usr/bin/python3 training/make_golden.py

Builds the `tiny` DiT, and `tiny-skips` (the same with long skips), with a fixed seed and random
values in *every* parameter (adaLN-Zero's zeros would make the blocks the identity and test
nothing), then writes to shared/src/test/resources/golden/, for each (tiny, tiny_skips):
  <name>.safetensors        the model, F32, with the config in __metadata__
  <name>_cases.safetensors  forward cases (x_t, t, y -> v), sampler runs (seed, label, sampler,
                            steps, cfg -> image) and Philox Gaussian values, computed in float64.
Also writes the same models as fp16, int8 and int4 weight files to
integration-tests/src/test/resources/weights/ (tiny) and weights-skips/ (tiny-skips), where the
browser engine tests serve them from.
"""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import export  # noqa: E402
import rng  # noqa: E402
import sampling  # noqa: E402
from models import DiT_models  # noqa: E402
from safetensors_io import save, webdit_metadata  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "shared", "src", "test", "resources", "golden")

CASES = [(0.0, 3), (0.25, 0), (0.5, 8), (0.93, 9)]  # (t, label); 9 is the null label
# interval: the guidance interval (lo, hi] in t (sampling.guided_at); the last two mix guided and cond-only steps.
RUNS = [
    dict(seed=42, label=2, sampler="ddim", steps=4, cfg=1.0, interval=[0.0, 1.0]),
    dict(seed=7, label=5, sampler="ddpm", steps=4, cfg=2.5, interval=[0.0, 1.0]),
    dict(seed=123456789, label=0, sampler="dpmpp2m", steps=5, cfg=3.0, interval=[0.0, 1.0]),
    dict(seed=4000000000, label=9, sampler="dpmpp2m", steps=2, cfg=1.0, interval=[0.0, 1.0]),
    dict(seed=99, label=6, sampler="dpmpp2m", steps=6, cfg=4.0, interval=[0.2, 0.7]),
    dict(seed=31337, label=1, sampler="ddpm", steps=5, cfg=2.0, interval=[0.0, 0.6]),
]
RNG_CHECKS = [(0, 0, 16), (42, 0, 64), (42, 3, 64), (4294967295, 7, 16)]


def randomize(model, seed):
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if p.dim() >= 2:
                fan_in = int(np.prod(p.shape[1:]))
                std = 1.0 / np.sqrt(fan_in)
                if "embedding_table" in name:
                    std = 1.0
            else:
                std = 0.1
            p.copy_(torch.randn(p.shape, generator=g) * std)


def state_dict_f32(model):
    return {k: v.detach().float().numpy() for k, v in model.state_dict().items()}


def main(out_dir=OUT, weights_dirs=None):
    """Writes the golden files to out_dir and, when weights_dirs is given, each model's weight files
    into its folder there (tiny-skips apart: its larger config would be what every other test picks)."""
    for model_name in ("tiny", "tiny-skips"):
        write_golden(model_name, out_dir, None if weights_dirs is None else weights_dirs[model_name])


def write_golden(model_name, out_dir, weights_dir):
    os.makedirs(out_dir, exist_ok=True)
    file_name = model_name.replace("-", "_")
    torch.manual_seed(0)
    model = DiT_models[model_name]()
    randomize(model, seed=1234)
    weights = state_dict_f32(model)
    meta = webdit_metadata(model.config)
    save(os.path.join(out_dir, file_name + ".safetensors"), weights, meta)

    # Compute in float64 from exactly the float32 values that were written.
    model = model.double().eval()
    tensors = {}
    g = np.random.default_rng(99)
    for i, (t, y) in enumerate(CASES):
        x = g.uniform(-1.2, 1.2, size=(4, 32, 32)).astype(np.float32)
        with torch.no_grad():
            v = model(torch.from_numpy(x[None]).double(), torch.tensor([float(np.float32(t))], dtype=torch.float64),
                      torch.tensor([y]))[0].numpy()
        tensors[f"case{i}.x"] = x
        tensors[f"case{i}.v"] = v.astype(np.float32)
    for j, run in enumerate(RUNS):
        img = sampling.sample(model, run["seed"], run["label"], run["sampler"], run["steps"], run["cfg"],
                              interval=tuple(run["interval"]))
        tensors[f"run{j}.image"] = img.astype(np.float32)
    for seed, stream, n in RNG_CHECKS:
        tensors[f"rng.{seed}.{stream}"] = rng.gaussian(seed, stream, n)
    save(os.path.join(out_dir, file_name + "_cases.safetensors"), tensors, {
        "cases": json.dumps([{"t": t, "y": y} for t, y in CASES]),
        "runs": json.dumps(RUNS),
        "rng": json.dumps([{"seed": s, "stream": st, "n": n} for s, st, n in RNG_CHECKS]),
    })

    if weights_dir is None:
        return
    # The same random weights as shipped files (fp16, int8 and int4), for the browser engine tests. Their
    # int4 file holds every matrix the groups divide in int4 (i4_keep_i8=""), the patch conv too, so the
    # engine's int4 paths are all exercised; the shipped layout (export.I4_KEEP_I8) mixes in int8.
    files = export.export({k: torch.from_numpy(v) for k, v in weights.items()}, json.loads(meta["config"]), 0,
                          weights_dir, i4_keep_i8="")
    print(f"wrote {out_dir}/{file_name}.safetensors, {file_name}_cases.safetensors, {', '.join(files)}")


if __name__ == "__main__":
    resources = os.path.join(ROOT, "integration-tests", "src", "test", "resources")
    main(OUT, {"tiny": os.path.join(resources, "weights"), "tiny-skips": os.path.join(resources, "weights-skips")})
