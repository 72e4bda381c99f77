"""Evaluates a shipped WebDiT weight file and writes the results into docs/MODEL.md.

  /usr/bin/python3 training/evaluate.py --weights weights/webdit-small-f16-<hash>.safetensors

1. A small emoji classifier (CNN) trained on the training split (cached per dataset in
   training/cache/); its held-out accuracy says how far to trust the next numbers.
2. FD_emoji: Frechet distance between the classifier's penultimate features of generated samples
   and of the held-out real images (lower is better; real training images score the floor), and
   the classifier's per-category accuracy on generated samples (does "animals" give animals?).
3. A sampler table: DDPM, DDIM, DPM-Solver++(2M) at 4/8/16/32 steps, and CFG scales 1-4, with
   FD_emoji and CPU wall time per image.
Sampling is batched PyTorch (training/batch_sampling.py), the same math and RNG as the Java CPU
reference and the WGSL engine.
"""
import argparse
import hashlib
import json
import os
import re
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import batch_sampling  # noqa: E402
import dataset  # noqa: E402
from models import from_config  # noqa: E402
from safetensors_io import check_webdit, load as load_st  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MODEL_MD = os.path.join(ROOT, "docs", "MODEL.md")
BEGIN, END = "<!-- evaluation:begin -->", "<!-- evaluation:end -->"


class EmojiClassifier(nn.Module):
    """A small CNN over premultiplied RGBA in [-1, 1]; features() is the penultimate layer."""

    def __init__(self, classes=9):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(4, 32, 3, padding=1), nn.GELU(), nn.Conv2d(32, 32, 3, padding=1), nn.GELU(),
            nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.GELU(), nn.Conv2d(64, 64, 3, padding=1), nn.GELU(),
            nn.Conv2d(64, 128, 3, stride=2, padding=1), nn.GELU())
        self.fc = nn.Linear(128 * 8 * 8, 256)
        self.head = nn.Linear(256, classes)

    def features(self, x):
        return F.gelu(self.fc(self.conv(x).flatten(1)))

    def forward(self, x):
        return self.head(self.features(x))


def train_classifier(data, epochs=12, seed=0):
    key = hashlib.sha256(data["images"].tobytes()).hexdigest()[:12]
    path = os.path.join(dataset.CACHE, f"classifier-{key}-e{epochs}.pt")
    train = data["heldout"] == 0
    x = torch.from_numpy(dataset.to_model_space(data["images"][train]))
    y = torch.from_numpy(data["labels"][train])
    model = EmojiClassifier()
    if os.path.exists(path):
        model.load_state_dict(torch.load(path))
        return model.eval()
    torch.manual_seed(seed)
    opt = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=0.05)
    steps = epochs * ((len(y) + 127) // 128)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=2e-3, total_steps=steps)
    model.train()
    for epoch in range(epochs):
        perm = torch.randperm(len(y))
        for i in range(0, len(y), 128):
            idx = perm[i:i + 128]
            xb = x[idx]
            # light augmentation: 0-2 px shifts (emoji are centred, generated ones may not be exactly)
            dx, dy = np.random.randint(-2, 3, size=2)
            xb = torch.roll(xb, shifts=(int(dy), int(dx)), dims=(2, 3))
            loss = F.cross_entropy(model(xb), y[idx], label_smoothing=0.1)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        print(f"classifier epoch {epoch + 1}/{epochs} loss {loss.item():.3f}", flush=True)
    torch.save(model.state_dict(), path)
    return model.eval()


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


def generate(model, n, kind, steps, cfg, seed0=1_000_000, batch=150):
    """n images, labels cycling over the categories; returns (images, labels, seconds per image)."""
    classes = model.config["num_classes"]
    labels = np.arange(n) % classes
    out = []
    t0 = time.time()
    for i in range(0, n, batch):
        seeds = list(range(seed0 + i, seed0 + min(n, i + batch)))
        out.append(batch_sampling.sample(model, seeds, labels[i:i + batch].tolist(), kind, steps, cfg))
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
    state = {}
    for k in model.state_dict():
        v = st[k]
        if v.dtype == np.int8:
            v = v.astype(np.float32) * st[k + ".scale"].astype(np.float32).reshape(-1, *([1] * (v.ndim - 1)))
        state[k] = torch.from_numpy(np.asarray(v, dtype=np.float32))
    model.load_state_dict(state)
    return model.eval(), meta


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--weights", required=True)
    p.add_argument("--samples", type=int, default=1008, help="samples for the headline FD (>= 1000)")
    p.add_argument("--table-samples", type=int, default=108, help="samples per sampler-table cell (12 per category)")
    p.add_argument("--sampler", default="dpmpp2m")
    p.add_argument("--steps", type=int, default=12)
    p.add_argument("--cfg", type=float, default=2.0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--no-write", action="store_true", help="print only, leave docs/MODEL.md alone")
    args = p.parse_args()
    torch.set_num_threads(args.threads)

    data = dataset.load()
    held = data["heldout"] == 1
    real = dataset.to_model_space(data["images"][held])
    classifier = train_classifier(data)
    real_feats, real_preds = features_and_predictions(classifier, real)
    cls_acc = float((real_preds == data["labels"][held]).mean())
    # A random sample of training images, as many as held-out ones: real-vs-real FD at this sample size.
    train_idx = np.random.default_rng(0).permutation(np.where(~held)[0])[:len(real)]
    train_real = dataset.to_model_space(data["images"][train_idx])
    floor = frechet_distance(features_and_predictions(classifier, train_real)[0], real_feats)
    print(f"classifier held-out accuracy {cls_acc:.3f}; FD floor (training vs held-out real) {floor:.2f}", flush=True)

    model, meta = load_model(args.weights)
    by_noise, mean_img = x0_error_by_noise(model, data)
    print("x0 MSE by t:", by_noise, "mean image:", mean_img, flush=True)
    imgs, labels, sec = generate(model, args.samples, args.sampler, args.steps, args.cfg)
    feats, preds = features_and_predictions(classifier, imgs)
    fd = frechet_distance(feats, real_feats)
    per_cat = [float((preds[labels == c] == c).mean()) for c in range(model.config["num_classes"])]
    print(f"FD_emoji {fd:.2f}, generated accuracy {np.mean(per_cat):.3f}", flush=True)

    rows = []
    for kind in ["ddpm", "ddim", "dpmpp2m"]:
        for steps in [4, 8, 16, 32]:
            im, lb, s = generate(model, args.table_samples, kind, steps, args.cfg)
            f, pr = features_and_predictions(classifier, im)
            rows.append((kind, steps, args.cfg, frechet_distance(f, real_feats), float((pr == lb).mean()), s))
            print(rows[-1], flush=True)
    for cfg in [1.0, 1.5, 2.0, 3.0, 4.0]:
        im, lb, s = generate(model, args.table_samples, args.sampler, args.steps, cfg)
        f, pr = features_and_predictions(classifier, im)
        rows.append((args.sampler, args.steps, cfg, frechet_distance(f, real_feats), float((pr == lb).mean()), s))
        print(rows[-1], flush=True)

    text = report(args, meta, cls_acc, floor, fd, per_cat, rows, by_noise, mean_img)
    print(text)
    if not args.no_write:
        with open(MODEL_MD) as f:
            md = f.read()
        block = BEGIN + "\n" + text + "\n" + END
        md = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), block, md, flags=re.S) if BEGIN in md else md + "\n" + block + "\n"
        with open(MODEL_MD, "w") as f:
            f.write(md)


def report(args, meta, cls_acc, floor, fd, per_cat, rows, by_noise, mean_img):
    name = os.path.basename(args.weights)
    lines = [f"Evaluated `{name}` (training steps: {meta.get('training_steps', '?')}) with",
             f"`/usr/bin/python3 training/evaluate.py --weights weights/{name}`.", "",
             f"- Classifier held-out accuracy: **{cls_acc:.1%}** (9 categories; chance 11 %).",
             f"- FD_emoji, {args.samples} samples, {args.sampler} {args.steps} steps, CFG {args.cfg}: **{fd:.2f}** "
             f"(floor: training images vs held-out images {floor:.2f}).",
             f"- Generated samples classified as their category: **{np.mean(per_cat):.1%}** — " +
             ", ".join(f"{n} {a:.0%}" for n, a in zip(dataset.CATEGORY_NAMES, per_cat)) + ".",
             "- x0 prediction error on noised held-out images (MSE, [-1, 1] scale; the mean image scores "
             f"{mean_img:.3f}): " + ", ".join(f"t={t}: {e:.3f}" for t, e in by_noise) + ".", "",
             f"| sampler | steps | CFG | FD_emoji ({args.table_samples} samples) | category accuracy | CPU s / image |",
             "|---|---|---|---|---|---|"]
    for kind, steps, cfg, fdv, acc, sec in rows:
        lines.append(f"| {kind} | {steps} | {cfg} | {fdv:.2f} | {acc:.1%} | {sec:.3f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
