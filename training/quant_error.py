"""Weight error and size of int4 layouts on one weight file: what export.py's int4 choice rests on.

  /usr/bin/python3 training/quant_error.py weights/webdit-small-f16-<hash>.safetensors

For each group size and scheme, over every matrix export.py quantises (rows whose length the group
does not divide are left out, as export.py stores them int8): relative RMS error
sqrt(sum (w_q - w)^2 / sum w^2) and the bytes of the packed values plus their fp16 scales (and
minima). Schemes: `absmax/7` symmetric [-7, 7], scale max|w| / 7; `absmax/8` symmetric [-8, 7], scale
(signed largest) / -8; `searched` the same range with export.py's per-group scale search (shipped);
`min+scale` asymmetric [0, 15] with an fp16 minimum per group (a zero point: two more bytes per group).

  /usr/bin/python3 training/quant_error.py weights/webdit-small-f16-<hash>.safetensors --mixes

instead quantises whole files as export.py writes them (int4 groups, some matrices kept int8 by
--i4-keep-i8 patterns) and samples 36 favicons (DPM-Solver++(2M), 12 steps, guidance 3, seeds
1000-1035, every category) with each and with the fp16 file: the relative mean squared difference
of the images, a quick stand-in for the yardstick (minutes, not an hour, on a busy 2-core machine).
"""
import argparse
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import export  # noqa: E402
import batch_sampling  # noqa: E402
from models import from_config  # noqa: E402
from safetensors_io import check_webdit, dequantized, load  # noqa: E402

# (label, kind, int4 group, --i4-keep-i8 pattern): the int8 file, then int4 layouts from all-int4 up.
MIXES = [
    ("int8", "i8", export.I4_GROUP, None),
    ("int4 g64", "i4", 64, None),
    ("int4 g32", "i4", 32, None),
    ("int4 g16", "i4", 16, None),
    ("int4 g32, embedders + final layer int8", "i4", 32, r"embedder|final_layer"),
    ("int4 g32, adaLN int8", "i4", 32, r"adaLN"),
    ("int4 g32, attention int8", "i4", 32, r"attn\."),
    ("int4 g32, MLP int8", "i4", 32, r"mlp\.fc"),
    ("int4 g32, embedders + final layer + adaLN int8", "i4", 32, r"embedder|final_layer|adaLN"),
    ("int4 g32 MLP and attn.proj only, the rest int8", "i4", 32, r"^(?!.*(mlp\.fc|attn\.proj))"),
    ("int4 g32 MLP only, the rest int8", "i4", 32, r"^(?!.*mlp\.fc)"),
]


def f16(x):
    return x.astype(np.float16).astype(np.float64)


def scheme(x, name):
    """x: (rows, groups, group) float64 -> (dequantised x, bytes of scale data per group)."""
    if name == "absmax/7":
        s = f16(np.where(np.abs(x).max(-1, keepdims=True) == 0, 7, np.abs(x).max(-1, keepdims=True)) / 7)
        return np.clip(np.rint(x / s), -7, 7) * s, 2
    if name == "absmax/8":
        peak = np.take_along_axis(x, np.abs(x).argmax(-1)[..., None], -1)
        s = f16(np.where(peak == 0, 1, peak / -8))
        return np.clip(np.rint(x / s), -8, 7) * s, 2
    if name == "searched":
        packed, s = export.quantize_groups_int4(x.reshape(x.shape[0], -1), x.shape[2])
        return dequantized({"w": packed, "w.scale": s})["w"].reshape(x.shape).astype(np.float64), 2
    if name == "min+scale":
        lo, hi = x.min(-1, keepdims=True), x.max(-1, keepdims=True)
        s = f16(np.where(hi == lo, 1, (hi - lo) / 15))
        m = f16(lo)
        return np.clip(np.rint((x - m) / s), 0, 15) * s + m, 4
    raise ValueError(name)


def sample_errors(path):
    """The --mixes table: file bytes (values and scales) and the images' difference from the fp16 file's."""
    torch.set_num_threads(1)
    st, meta = load(path)
    config = check_webdit(meta, path)
    base = dequantized(st)

    def images(values):
        model = from_config(config)
        model.load_state_dict({k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in values.items()})
        seeds = list(range(1000, 1036))
        with torch.no_grad():
            return batch_sampling.sample(model.eval(), seeds, [i % config["num_classes"] for i in range(36)],
                                         "dpmpp2m", 12, 3.0)

    ref = images(base)
    print("| file | tensor bytes | image rel. MSE vs fp16 |")
    print("|---|---|---|")
    for label, kind, group, keep in MIXES:
        q = export.quantized(base, kind, group, keep)
        nbytes = sum(v.nbytes for v in q.values())
        out = images(dequantized(q))
        err = float(((out - ref) ** 2).mean() / (ref ** 2).mean())
        print(f"| {label} | {nbytes:,} | {err:.4f} |", flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("weights")
    p.add_argument("--groups", default="32,64,128")
    p.add_argument("--mixes", action="store_true", help="the sampled-image table of whole int4/int8 files instead")
    args = p.parse_args()
    if args.mixes:
        sample_errors(args.weights)
        return
    st, _ = load(args.weights)
    mats = {k: np.asarray(v, np.float64) for k, v in dequantized(st).items()
            if v.ndim >= 2 and "embedding_table" not in k}
    print("| group | scheme | matrices | values | rel. RMS error | worst matrix | bytes (values + scales) |")
    print("|---|---|---|---|---|---|---|")
    for g in (int(v) for v in args.groups.split(",")):
        for name in ("absmax/7", "absmax/8", "searched", "min+scale"):
            err = tot = 0.0
            worst = 0.0
            n = size = count = 0
            for w in mats.values():
                rows = w.reshape(w.shape[0], -1)
                if rows.shape[1] % g:
                    continue
                x = rows.reshape(rows.shape[0], -1, g)
                q, per_group = scheme(x, name)
                e, t = ((q - x) ** 2).sum(), (x ** 2).sum()
                err, tot, worst = err + e, tot + t, max(worst, np.sqrt(e / t))
                n += x.size
                count += 1
                size += x.size // 2 + x.size // g * per_group
            if count:
                print(f"| {g} | {name} | {count} of {len(mats)} | {n:,} | {np.sqrt(err / tot):.4f} | {worst:.4f} | {size:,} |")


if __name__ == "__main__":
    main()
