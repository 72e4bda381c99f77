"""Guidance interval x scale sweep on the frozen yardstick (docs/MODEL.md, "Guidance interval").

  /usr/bin/python3 training/guidance_sweep.py --weights weights/webdit-small-f16-<hash>.safetensors \\
      [--precision bf16] [--samples 1008] [--csv training/runs/guidance-sweep.csv]

Kynkaanniemi et al. 2024 ("Applying guidance in a limited interval improves sample and distribution
quality in diffusion models"): guidance at high noise levels pulls every sample of a class towards
one layout (diversity lost, FD up) and at low noise levels changes almost nothing, so guide only
inside an interval of noise levels and run the conditional model alone (one forward, not two)
outside it. Each arm samples the same seeds (DPM-Solver++(2M), 12 steps) and gets FD_emoji,
category accuracy and the forwards per image. Rows already in the CSV are skipped (a killed sweep
resumes); bf16 arms compare with each other, the chosen default is then re-scored in float32 with
evaluate.py. docs/MODEL.md, "Guidance interval", has the table and the choice.
"""
import argparse
import csv
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sampling  # noqa: E402
import dataset  # noqa: E402
import evaluate  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
INTERVALS = [(0.0, 1.0), (0.1, 1.0), (0.2, 1.0), (0.5, 1.0), (0.0, 0.8)]
SCALES = [2.0, 3.0, 4.0, 5.0]
FIELDS = ["weights", "precision", "samples", "steps", "t_lo", "t_hi", "scale", "forwards", "fd", "fd_ratio",
          "accuracy", "min_category"] + dataset.CATEGORY_NAMES


def forwards_per_image(steps, interval, guided=True):
    """Model forwards one image costs: 2 on guided steps, 1 elsewhere (t on the plain grid)."""
    return sum(2 if guided and sampling.guided_at(sampling.time(i, steps), interval) else 1 for i in range(steps))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--weights", required=True)
    p.add_argument("--samples", type=int, default=1008)
    p.add_argument("--steps", type=int, default=12)
    p.add_argument("--precision", choices=["fp32", "bf16"], default="bf16")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--intervals", default=None, help="lo:hi,lo:hi,... (default: INTERVALS)")
    p.add_argument("--scales", default=None, help="w,w,... (default: SCALES)")
    p.add_argument("--csv", default=os.path.join(HERE, "runs", "guidance-sweep.csv"))
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    intervals = INTERVALS if not args.intervals else [tuple(float(v) for v in iv.split(":"))
                                                      for iv in args.intervals.split(",")]
    scales = SCALES if not args.scales else [float(v) for v in args.scales.split(",")]
    os.makedirs(os.path.dirname(args.csv), exist_ok=True)
    name = os.path.basename(args.weights)
    done = set()
    if os.path.exists(args.csv):
        with open(args.csv) as f:
            done = {(r["weights"], r["precision"], int(r["samples"]), int(r["steps"]), float(r["t_lo"]),
                     float(r["t_hi"]), float(r["scale"])) for r in csv.DictReader(f)}
    data = dataset.load()
    stick = evaluate.Yardstick(data)
    model, _ = evaluate.load_model(args.weights)
    new_file = not os.path.exists(args.csv)
    with open(args.csv, "a", newline="") as f:
        out = csv.DictWriter(f, FIELDS)
        if new_file:
            out.writeheader()
        for (lo, hi) in intervals:
            for w in scales:
                key = (name, args.precision, args.samples, args.steps, lo, hi, w)
                if key in done:
                    continue
                fd, per_cat, sec = evaluate.headline(model, stick, args.samples, "dpmpp2m", args.steps, w,
                                                     args.precision, interval=(lo, hi))
                row = dict(weights=name, precision=args.precision, samples=args.samples, steps=args.steps, t_lo=lo,
                           t_hi=hi, scale=w, forwards=forwards_per_image(args.steps, (lo, hi)), fd=f"{fd:.3f}",
                           fd_ratio=f"{fd / stick.floor:.2f}", accuracy=f"{np.mean(per_cat):.4f}",
                           min_category=f"{min(per_cat):.3f}",
                           **{c: f"{a:.3f}" for c, a in zip(dataset.CATEGORY_NAMES, per_cat)})
                out.writerow(row)
                f.flush()
                print(f"({lo}, {hi}] w={w}: FD {fd:.2f} acc {np.mean(per_cat):.3f} min {min(per_cat):.2f} "
                      f"forwards {row['forwards']} ({sec:.3f} s/image)", flush=True)


if __name__ == "__main__":
    main()
