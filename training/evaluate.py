"""Evaluates shipped WebDiT weight files and writes the results into docs/MODEL.md.

  /usr/bin/python3 training/evaluate.py --weights weights/webdit-small-f16-<hash>.safetensors \
      weights/webdit-small-i8-<hash>.safetensors

1. The frozen yardstick (training/yardstick.py): an emoji classifier trained once and committed, so
   FD numbers compare across runs; its held-out accuracy says how far to trust the next numbers.
2. FD_emoji: Frechet distance between the classifier's penultimate features of generated samples
   and of the held-out real images (lower is better; real training images score the floor), and
   the classifier's per-category accuracy on generated samples (does "animals" give animals?).
   Every file given gets these headline numbers (the fp16 file and its int8 twin, which the embed
   serves); the first file also gets:
3. A sampler table: DDPM, DDIM, DPM-Solver++(2M) at 4/8/16/32 steps, and CFG scales 1-4, with
   FD_emoji and CPU wall time per image.
Sampling is batched PyTorch (training/batch_sampling.py), the same math and RNG as the Java CPU
reference and the WGSL engine.
"""
import argparse
import os
import re
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import batch_sampling  # noqa: E402
import dataset  # noqa: E402
import sampling  # noqa: E402
import yardstick  # noqa: E402
from models import from_config  # noqa: E402
from safetensors_io import check_webdit, dequantized, load as load_st  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MODEL_MD = os.path.join(ROOT, "docs", "MODEL.md")
BEGIN, END = "<!-- evaluation:begin -->", "<!-- evaluation:end -->"


@torch.no_grad()
def features_and_predictions(classifier, images):
    feats, preds = [], []
    for i in range(0, len(images), 256):
        xb = torch.from_numpy(np.ascontiguousarray(images[i:i + 256], dtype=np.float32))
        f = classifier.features(xb)
        feats.append(f.numpy().astype(np.float64))
        preds.append(classifier.head(f).argmax(1).numpy())
    return np.concatenate(feats), np.concatenate(preds)


def frechet_distance(a, b):
    """||mu_a - mu_b||^2 + Tr(Sa + Sb - 2 (Sa Sb)^(1/2)), the trace term via eigenvalues of Sa Sb."""
    mu_a, mu_b = a.mean(0), b.mean(0)
    sa, sb = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    eig = np.linalg.eigvals(sa @ sb)
    tr_sqrt = np.sqrt(np.clip(eig.real, 0, None)).sum()
    return float(((mu_a - mu_b) ** 2).sum() + np.trace(sa) + np.trace(sb) - 2 * tr_sqrt)


def generate(model, n, kind, steps, cfg, seed0=1_000_000, batch=150, interval=(0.0, 1.0)):
    """n images, labels cycling over the categories; returns (images, labels, seconds per image).
    interval: the guidance interval in t (sampling.guided_at)."""
    classes = model.config["num_classes"]
    labels = np.arange(n) % classes
    out = []
    t0 = time.time()
    for i in range(0, n, batch):
        seeds = list(range(seed0 + i, seed0 + min(n, i + batch)))
        out.append(batch_sampling.sample(model, seeds, labels[i:i + batch].tolist(), kind, steps, cfg,
                                          interval=interval))
    return np.concatenate(out), labels, (time.time() - t0) / n


@torch.no_grad()
def x0_error_by_noise(model, data, times=(0.2, 0.5, 0.8, 0.9, 0.95, 0.99, 1.0), n=256, seed=0):
    """Mean squared error of the model's x0 prediction on noised held-out images, per t (lower is
    better; predicting the mean image scores the last column everywhere)."""
    import sampling as S
    g = torch.Generator().manual_seed(seed)
    held = np.where(data["heldout"] == 1)[0][:n]
    x0 = torch.from_numpy(dataset.to_model_space(data["images"][held]))
    y = torch.from_numpy(data["labels"][held])
    out = []
    for t in times:
        ab = S.alpha_bar(t)
        a, s = ab ** 0.5, (1 - ab) ** 0.5
        xt = a * x0 + s * torch.randn(x0.shape, generator=g)
        v = model(xt, torch.full((len(y),), float(t)), y)
        out.append((t, float(((a * xt - s * v).clamp(-1, 1) - x0).pow(2).mean())))
    mean_img = float((x0.mean(0, keepdim=True) - x0).pow(2).mean())
    return out, mean_img


def load_model(path):
    st, meta = load_st(path)
    config = check_webdit(meta, path)
    model = from_config(config)
    values = dequantized(st)
    model.load_state_dict({k: torch.from_numpy(values[k]) for k in model.state_dict()})
    return model.eval(), meta


class Yardstick:
    """The frozen classifier with the held-out real features FD compares against."""

    def __init__(self, data):
        self.classifier = yardstick.load()
        held = data["heldout"] == 1
        self.real_feats, real_preds = features_and_predictions(self.classifier, dataset.to_model_space(data["images"][held]))
        self.accuracy = float((real_preds == data["labels"][held]).mean())
        # A random sample of training images, as many as held-out ones: real-vs-real FD at this sample size.
        train_idx = np.random.default_rng(0).permutation(np.where(~held)[0])[:int(held.sum())]
        train_real = dataset.to_model_space(data["images"][train_idx])
        self.floor = frechet_distance(features_and_predictions(self.classifier, train_real)[0], self.real_feats)

    def score(self, images, labels, classes):
        """(FD_emoji, per-category accuracy list) of generated images."""
        feats, preds = features_and_predictions(self.classifier, images)
        return frechet_distance(feats, self.real_feats), [float((preds[labels == c] == c).mean()) for c in range(classes)]


def headline(model, stick, samples, sampler, steps, cfg, precision="fp32", seed0=1_000_000, interval=(0.0, 1.0)):
    """FD_emoji and per-category accuracy of `samples` generations (labels cycling over categories).
    precision "bf16" samples under bf16 autocast: ~3x faster on CPUs with bf16 dot products, for
    comparing sweep arms with each other; shipped files are evaluated in fp32."""
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=precision == "bf16"):
        imgs, labels, sec = generate(model, samples, sampler, steps, cfg, seed0, interval=interval)
    fd, per_cat = stick.score(imgs, labels, model.config["num_classes"])
    return fd, per_cat, sec


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--weights", nargs="+", required=True, help="weight files; the first gets the full report")
    p.add_argument("--samples", type=int, default=1008, help="samples for the headline FD (>= 1000)")
    p.add_argument("--table-samples", type=int, default=108, help="samples per sampler-table cell (12 per category)")
    p.add_argument("--sampler", default="dpmpp2m")
    p.add_argument("--steps", type=int, default=12)
    p.add_argument("--cfg", type=float, default=3.0, help="guidance (the demo's and embed's default)")
    p.add_argument("--interval", default=None, type=lambda v: tuple(float(x) for x in v.split(":")),
                   help="guidance interval lo:hi in t (default: the product's, sampling.PRODUCT_GUIDANCE)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--headline-only", action="store_true", help="skip the x0 errors and the sampler table")
    p.add_argument("--precision", choices=["fp32", "bf16"], default="fp32",
                   help="headline sampling precision; bf16 only for quick comparisons, never for MODEL.md")
    p.add_argument("--seed0", type=int, default=1_000_000, help="first sample seed (FD noise checks)")
    p.add_argument("--no-write", action="store_true", help="print only, leave docs/MODEL.md alone")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    interval = args.interval or sampling.PRODUCT_GUIDANCE

    data = dataset.load()
    stick = Yardstick(data)
    print(f"yardstick held-out accuracy {stick.accuracy:.3f}; FD floor (training vs held-out real) {stick.floor:.2f}",
          flush=True)
    results = []
    for path in args.weights:
        model, meta = load_model(path)
        fd, per_cat, sec = headline(model, stick, args.samples, args.sampler, args.steps, args.cfg, args.precision,
                                    args.seed0, interval=interval)
        results.append((path, meta, fd, per_cat))
        print(f"{os.path.basename(path)}: FD_emoji {fd:.2f}, generated accuracy {np.mean(per_cat):.3f} "
              f"({', '.join(f'{a:.2f}' for a in per_cat)}), {sec:.3f} s/image", flush=True)
    if args.headline_only:
        return

    model, meta = load_model(args.weights[0])
    by_noise, mean_img = x0_error_by_noise(model, data)
    print("x0 MSE by t:", by_noise, "mean image:", mean_img, flush=True)
    rows = []
    for kind in ["ddpm", "ddim", "dpmpp2m"]:
        for steps in [4, 8, 16, 32]:
            im, lb, sec = generate(model, args.table_samples, kind, steps, args.cfg, interval=interval)
            fd, per_cat = stick.score(im, lb, model.config["num_classes"])
            rows.append((kind, steps, args.cfg, fd, float(np.mean(per_cat)), sec))
            print(rows[-1], flush=True)
    for cfg in [1.0, 1.5, 2.0, 3.0, 4.0]:
        im, lb, sec = generate(model, args.table_samples, args.sampler, args.steps, cfg, interval=interval)
        fd, per_cat = stick.score(im, lb, model.config["num_classes"])
        rows.append((args.sampler, args.steps, cfg, fd, float(np.mean(per_cat)), sec))
        print(rows[-1], flush=True)

    text = report(args, interval, stick, results, rows, by_noise, mean_img)
    print(text)
    if not args.no_write:
        with open(MODEL_MD) as f:
            md = f.read()
        block = BEGIN + "\n" + text + "\n" + END
        md = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), block, md, flags=re.S) if BEGIN in md else md + "\n" + block + "\n"
        with open(MODEL_MD, "w") as f:
            f.write(md)


def report(args, interval, stick, results, rows, by_noise, mean_img):
    names = [os.path.basename(path) for path, *_ in results]
    lines = [f"Evaluated with `/usr/bin/python3 training/evaluate.py --weights "
             + " ".join(f"weights/{n}" for n in names) + "`",
             f"(frozen yardstick `training/yardstick/emoji-classifier.safetensors`, sha256 `{yardstick.SHA256}`).", "",
             f"- Yardstick held-out accuracy: **{stick.accuracy:.1%}** (9 categories; chance 11 %). "
             f"Real vs real FD_emoji (790 random training images vs the 790 held-out ones): **{stick.floor:.2f}**.",
             f"- Headline: {args.samples} samples, {args.sampler} {args.steps} steps, guidance {args.cfg} "
             f"for t in ({interval[0]}, {interval[1]}]:", "",
             "| file | training steps | FD_emoji | x real-vs-real | category accuracy | " +
             " | ".join(dataset.CATEGORY_NAMES) + " |",
             "|---|---|---|---|---|" + "---|" * len(dataset.CATEGORY_NAMES)]
    for (path, meta, fd, per_cat), name in zip(results, names):
        lines.append(f"| `{name}` | {meta.get('training_steps', '?')} | **{fd:.2f}** | {fd / stick.floor:.2f} | "
                     f"**{np.mean(per_cat):.1%}** | " + " | ".join(f"{a:.0%}" for a in per_cat) + " |")
    lines += ["",
              f"- x0 prediction error of `{names[0]}` on noised held-out images (MSE, [-1, 1] scale; the mean "
              f"image scores {mean_img:.3f}): " + ", ".join(f"t={t}: {e:.3f}" for t, e in by_noise) + ".", "",
              f"| sampler | steps | CFG | FD_emoji ({args.table_samples} samples) | category accuracy | CPU s / image |",
              "|---|---|---|---|---|---|"]
    for kind, steps, cfg, fdv, acc, sec in rows:
        lines.append(f"| {kind} | {steps} | {cfg} | {fdv:.2f} | {acc:.1%} | {sec:.3f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
