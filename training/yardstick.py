"""The frozen yardstick behind FD_emoji: one emoji classifier, trained once and committed.

  /usr/bin/python3 training/yardstick.py     # retrain (only when the dataset changes), then update MODEL.md

FD_emoji (evaluate.py) is the Frechet distance between this classifier's penultimate features of
generated and of held-out real emoji. A classifier retrained per evaluation moves FD with its own
randomness; this one is trained once, its weights are committed under training/yardstick/ with
their SHA-256 in docs/MODEL.md, and evaluate.py refuses weights whose digest differs, so FD numbers
are comparable from one run to the next.

Architecture: six 3x3 convs (32-32-64-64-128-256 channels, three of them stride 2) with BatchNorm and
GELU, global average pooling to 256 features (FD's space), a linear head to the 9 categories.
Global pooling keeps the file small (1.7 MB) where the old 8192->256 linear layer alone was 8 MB.
Trained on the training split with 0-2 px shifts and mirroring where dataset.MIRROR_SAFE allows.
"""
import hashlib
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dataset  # noqa: E402
from safetensors_io import load as load_st, save as save_st  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = os.path.join(HERE, "yardstick", "emoji-classifier.safetensors")
# The committed file's digest. Changing the yardstick invalidates every FD in docs/MODEL.md.
SHA256 = "098dc0be284951cea73cc7a627577ce09577782ed2916f6f05b0499fdae4b371"


def conv(cin, cout, stride=1):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False), nn.BatchNorm2d(cout), nn.GELU())


class EmojiClassifier(nn.Module):
    """A small CNN over premultiplied RGBA in [-1, 1]; features() is the 256-d space of FD_emoji."""

    def __init__(self, classes=len(dataset.CATEGORY_NAMES)):
        super().__init__()
        self.conv = nn.Sequential(conv(4, 32), conv(32, 32), conv(32, 64, 2), conv(64, 64), conv(64, 128, 2),
                                  conv(128, 256, 2))
        self.head = nn.Linear(256, classes)

    def features(self, x):
        return self.conv(x).mean(dim=(2, 3))

    def forward(self, x):
        return self.head(self.features(x))


def augment(x, y, rng):
    """0-2 px shifts (generated emoji need not be exactly centred) and mirroring where allowed."""
    dx, dy = rng.integers(-2, 3, size=2)
    x = torch.roll(x, shifts=(int(dy), int(dx)), dims=(2, 3))
    flip = torch.from_numpy(rng.random(len(y)) < 0.5) & dataset.mirror_safe_mask(y)
    return torch.where(flip.view(-1, 1, 1, 1), x.flip(3), x)


def train(data, epochs=24, batch=128, seed=0):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    tr = data["heldout"] == 0
    x = torch.from_numpy(dataset.to_model_space(data["images"][tr]))
    y = torch.from_numpy(data["labels"][tr])
    model = EmojiClassifier()
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.05)
    steps = epochs * ((len(y) + batch - 1) // batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=steps)
    model.train()
    for epoch in range(epochs):
        perm = torch.randperm(len(y))
        for i in range(0, len(y), batch):
            idx = perm[i:i + batch]
            loss = F.cross_entropy(model(augment(x[idx], y[idx], rng)), y[idx], label_smoothing=0.1)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        print(f"classifier epoch {epoch + 1}/{epochs} loss {loss.item():.3f} "
              f"held-out accuracy {heldout_accuracy(model.eval(), data):.3f}", flush=True)
        model.train()
    return model.eval()


@torch.no_grad()
def heldout_accuracy(model, data):
    held = data["heldout"] == 1
    x = torch.from_numpy(dataset.to_model_space(data["images"][held]))
    return float((model(x).argmax(1).numpy() == data["labels"][held]).mean())


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def save(model, path=PATH):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    save_st(path, {k: v.detach().numpy().astype(np.float32) for k, v in model.state_dict().items()
                   if v.dtype.is_floating_point},
            {"format": "webdit-yardstick", "categories": ",".join(dataset.CATEGORY_NAMES)})
    return digest(path)


def load(path=PATH):
    """The committed classifier, in eval mode; refuses a file whose SHA-256 is not the recorded one."""
    if not os.path.exists(path):
        raise FileNotFoundError(f"{path}: the frozen yardstick is missing; it is committed with the repository")
    if SHA256 is not None and digest(path) != SHA256:
        raise ValueError(f"{path}: SHA-256 {digest(path)} is not the recorded {SHA256}; FD numbers would not be "
                         "comparable (retrain deliberately with training/yardstick.py and update SHA256)")
    tensors, meta = load_st(path)
    if meta.get("categories") != ",".join(dataset.CATEGORY_NAMES):
        raise ValueError(f"{path}: trained for categories {meta.get('categories')!r}, not {dataset.CATEGORY_NAMES}")
    model = EmojiClassifier()
    state = model.state_dict()
    for k, v in state.items():
        if v.dtype.is_floating_point:
            state[k] = torch.from_numpy(np.array(tensors[k], dtype=np.float32))
    model.load_state_dict(state)
    return model.eval()


def main():
    torch.set_num_threads(int(os.environ.get("THREADS", "2")))
    data = dataset.load()
    model = train(data)
    sha = save(model)
    print(f"{PATH}: sha256 {sha}; held-out accuracy {heldout_accuracy(model, data):.3f}")
    print("record this digest as SHA256 in training/yardstick.py and in docs/MODEL.md")


if __name__ == "__main__":
    main()
