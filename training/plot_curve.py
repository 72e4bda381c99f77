"""Draws the training curve (loss and unweighted MSE against steps) from a run's log.csv as a PNG,
with Pillow only (Debian's python3-pil; no matplotlib needed).

  /usr/bin/python3 training/plot_curve.py training/runs/small/log.csv docs/training-curve.png
"""
import csv
import sys

from PIL import Image, ImageDraw

W, H, PAD = 720, 360, 50


def main(log_path, out_path):
    with open(log_path) as f:
        rows = list(csv.DictReader(f))
    steps = [int(r["step"]) for r in rows]
    series = {"min-SNR loss": [float(r["loss"]) for r in rows], "v MSE": [float(r["mse"]) for r in rows]}
    colours = {"min-SNR loss": (31, 119, 180), "v MSE": (214, 39, 40)}
    top = max(max(v) for v in series.values())
    img = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(img)
    d.rectangle([PAD, PAD // 2, W - PAD // 2, H - PAD], outline=(120, 120, 120))

    def xy(step, value):
        x = PAD + (W - 1.5 * PAD) * step / max(steps)
        y = (H - PAD) - (H - 1.5 * PAD) * value / top
        return x, y

    for i in range(5):
        v = top * i / 4
        _, y = xy(0, v)
        d.line([PAD - 4, y, PAD, y], fill=(120, 120, 120))
        d.text((4, y - 6), f"{v:.2f}", fill=(60, 60, 60))
    for i in range(5):
        s = max(steps) * i / 4
        x, _ = xy(s, 0)
        d.line([x, H - PAD, x, H - PAD + 4], fill=(120, 120, 120))
        d.text((x - 12, H - PAD + 8), f"{int(s)}", fill=(60, 60, 60))
    d.text((W // 2 - 20, H - 18), "step", fill=(60, 60, 60))
    for k, (name, values) in enumerate(series.items()):
        d.line([xy(s, v) for s, v in zip(steps, values)], fill=colours[name], width=2)
        d.text((W - 170, PAD // 2 + 8 + 14 * k), name, fill=colours[name])
    img.save(out_path)
    print(f"{out_path}: {len(rows)} points, last step {steps[-1]}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
