"""The ./bench chart: ms per forward pass and per step of every runtime, from bench.csv.

  /usr/bin/python3 integration-tests/bench/chart.py bench.csv bench.png "title"
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main():
    src, out, title = sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else ""
    with open(src) as f:
        rows = [r for r in csv.DictReader(f) if r["status"] == "ok"]
    labels = [r["runtime"] + (f" ({r['threads']} thr)" if r["threads"] else "") for r in rows]
    fig, axes = plt.subplots(1, 2, figsize=(11, 0.45 * len(rows) + 1.6), sharey=True)
    for ax, key, name in ((axes[0], "ms_per_forward", "ms per forward (batch 2: a guided step)"),
                          (axes[1], "ms_per_step", f"ms per step ({rows[0]['steps'] if rows else '?'}-step loop)")):
        values = [float(r[key]) if r[key] else 0.0 for r in rows]
        bars = ax.barh(labels, values, color=["#4c72b0" if "webgpu" in l or "engine" in l else "#dd8452" for l in labels])
        ax.set_xscale("log")
        ax.set_title(name, fontsize=10)
        ax.invert_yaxis()
        for b, v in zip(bars, values):
            if v > 0:
                ax.text(v, b.get_y() + b.get_height() / 2, f" {v:,.1f}", va="center", fontsize=8)
            else:
                ax.text(0.01, b.get_y() + b.get_height() / 2, "n/a (whole generations only)", va="center",
                        fontsize=8, transform=ax.get_yaxis_transform())
        ax.grid(axis="x", which="both", alpha=0.3)
    fig.suptitle("WebDiT ./bench, medians of interleaved rounds (blue: WebGPU, orange: CPU)\n" + title, fontsize=9)
    fig.tight_layout()
    fig.savefig(out, dpi=110)


if __name__ == "__main__":
    main()
