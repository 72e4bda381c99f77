"""Is bf16 autocast safe for training? Compares two runs from one seed, fp32 and bf16.

  /usr/bin/python3 training/train.py --model small --minutes 60 --max-steps 500 --log-every 10 \\
      --hflip off --seed 1 --run ab-fp32 --precision fp32
  (the same with --run ab-bf16 --precision bf16)
  /usr/bin/python3 training/compare_precision.py training/runs/ab-fp32/log.csv training/runs/ab-bf16/log.csv \\
      docs/precision-fp32-vs-bf16.png

From one seed both runs draw the same batches, timesteps, noise and label dropout, so the curves
differ only by arithmetic. "Within noise" is checked against the curve's own noise: the paired
difference of the 10-step window means must be small next to how much those window means scatter
around their smoothed trend (batch-to-batch noise, which any change of seed would bring).
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def read(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    return (np.array([int(r["step"]) for r in rows]), np.array([float(r["loss"]) for r in rows]),
            np.array([float(r["sec_per_step"]) for r in rows]))


def smooth(y, k=9):
    pad = np.pad(y, k // 2, mode="edge")
    return np.convolve(pad, np.ones(k) / k, mode="valid")


def main(fp32_log, bf16_log, out_png):
    s32, l32, t32 = read(fp32_log)
    s16, l16, t16 = read(bf16_log)
    n = min(len(s32), len(s16))
    s, l32, l16 = s32[:n], l32[:n], l16[:n]
    diff = l16 - l32
    noise = np.std(l32 - smooth(l32))  # scatter of 10-step window means around their trend
    late = s > s[-1] // 2
    print(f"{n} windows of 10 steps; last half: fp32 mean loss {l32[late].mean():.4f}, bf16 {l16[late].mean():.4f}")
    print(f"paired difference bf16 - fp32: mean {diff.mean():+.5f}, std {diff.std():.5f}, max |.| {np.abs(diff).max():.5f}")
    print(f"window-mean noise (std around a 9-window moving average): {noise:.5f}")
    print(f"ratio |mean diff| / noise: {abs(diff.mean()) / noise:.2f}; std diff / noise: {diff.std() / noise:.2f}")
    # Speed is measured on a quiet machine (docs/MODEL.md), not here: these runs may share the CPU.
    print(f"median s/step in these runs (machine possibly shared): fp32 {np.median(t32):.3f}, bf16 {np.median(t16):.3f}")

    fig, (a, b) = plt.subplots(2, 1, figsize=(8, 6), sharex=True, gridspec_kw={"height_ratios": [3, 1.3]})
    a.plot(s, l32, label="fp32", lw=1.5)
    a.plot(s, l16, label="bf16 autocast", lw=1.5, alpha=0.85)
    a.set_ylabel("weighted v-MSE loss (10-step mean)")
    a.set_title("small, seed 1, batch 48: same batches and noise, fp32 vs bf16")
    a.legend()
    a.grid(alpha=0.3)
    b.plot(s, diff, color="k", lw=1, label="bf16 - fp32")
    b.axhspan(-noise, noise, color="tab:orange", alpha=0.25, label="±1 std of window noise")
    b.axhline(0, color="grey", lw=0.5)
    b.set_xlabel("step")
    b.set_ylabel("difference")
    b.legend(loc="upper right", fontsize=8)
    b.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(out_png, dpi=100)
    print(f"wrote {out_png}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
