"""Draws the shipped model's training history from the committed run logs (training/logs/*.csv,
copies of each run's training/runs/<run>/log.csv), loss and unweighted v-MSE against the total
step count, one colour per run, so the curve grows run after run.

  /usr/bin/python3 training/plot_curve.py docs/training-curve.png training/logs/*.csv
"""
import csv
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def read(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    # Logs before runs accumulated have no total_step column: their steps are the total.
    steps = [int(r.get("total_step") or r["step"]) for r in rows]
    return steps, [float(r["loss"]) for r in rows], [float(r["mse"]) for r in rows]


def main(out_path, logs):
    fig, (a, b) = plt.subplots(1, 2, figsize=(11, 4))
    for path in sorted(logs):
        steps, loss, mse = read(path)
        name = os.path.splitext(os.path.basename(path))[0]
        a.plot(steps, loss, lw=1, label=name)
        b.plot(steps, mse, lw=1, label=name)
        print(f"{path}: {len(steps)} points, steps {steps[0]}..{steps[-1]}")
    a.set_title("training loss (weighted v-MSE, 50-step means)")
    b.set_title("unweighted v-MSE")
    for ax in (a, b):
        ax.set_xlabel("total training steps (batch 48)")
        ax.set_yscale("log")
        ax.grid(alpha=0.3, which="both")
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out_path, dpi=100)
    print(f"wrote {out_path}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
