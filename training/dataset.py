"""Builds the WebDiT emoji dataset, deterministically, from two openly licensed emoji sets.

  /usr/bin/python3 training/dataset.py          # -> training/cache/emoji32.npz

Sources (fetched with `npm pack` into training/cache/, never committed):
  emoji-datasource-twitter@16.0.0  Twemoji graphics, CC-BY 4.0 (Twitter, Inc and other contributors)
  emoji-datasource-google@16.0.0   Noto Emoji, Apache-2.0 (Google)
Images: img/<set>/sheets-clean/32.png, cells on a 34 px pitch with 1 px padding, located by
emoji.json's sheet_x / sheet_y, for every emoji and skin-tone variation that the set has.

Labels: the 9 emoji.json categories below. The 5 "Component" images (skin-tone swatches and hair
parts) are dropped: they are building blocks, not emoji anyone wants as a favicon, and 5 images
cannot teach a class. Split: 10 % of *base* emoji held out, chosen by SHA-256 of the base
codepoint sequence, so both sets and all skin tones of one emoji land on the same side.
Pixels: RGBA kept (favicons need transparency), stored as uint8 straight alpha; training
premultiplies and scales to [-1, 1] (docs/MODEL.md).
"""
import hashlib
import io
import json
import os
import subprocess
import tarfile

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.path.join(HERE, "cache")
OUT = os.path.join(CACHE, "emoji32.npz")
VERSION = "16.0.0"
SETS = ["twitter", "google"]
CATEGORIES = ["Smileys & Emotion", "People & Body", "Animals & Nature", "Food & Drink", "Travel & Places",
              "Activities", "Objects", "Symbols", "Flags"]
# Wire names for the categories (the demo and embed script use these).
CATEGORY_NAMES = ["smileys", "people", "animals", "food", "travel", "activities", "objects", "symbols", "flags"]
# Categories whose emoji may be mirrored left-right for augmentation. Not flags (mirrored flags
# are other flags or wrong ones) nor symbols (letters, digits, arrows, signs with text).
MIRROR_SAFE = ["smileys", "people", "animals", "food", "travel", "activities", "objects"]
PITCH, PAD, SIZE = 34, 1, 32
HELDOUT_PERCENT = 10


def fetch(name):
    """npm pack NAME@VERSION into the cache (once) and return the tarball path."""
    os.makedirs(CACHE, exist_ok=True)
    path = os.path.join(CACHE, f"{name}-{VERSION}.tgz")
    if not os.path.exists(path):
        subprocess.run(["npm", "pack", f"{name}@{VERSION}", "--silent"], cwd=CACHE, check=True)
    return path


def heldout(unified):
    return int(hashlib.sha256(unified.encode()).hexdigest(), 16) % 100 < HELDOUT_PERCENT


def build():
    images, labels, split, source = [], [], [], []
    for set_id, set_name in enumerate(SETS):
        with tarfile.open(fetch(f"emoji-datasource-{set_name}")) as tar:
            emoji = json.load(tar.extractfile("package/emoji.json"))
            sheet = Image.open(io.BytesIO(tar.extractfile(f"package/img/{set_name}/sheets-clean/32.png").read()))
            sheet = np.asarray(sheet.convert("RGBA"))
        for e in sorted(emoji, key=lambda e: e["sort_order"]):
            if e["category"] == "Component":
                continue
            label = CATEGORIES.index(e["category"])
            held = heldout(e["unified"])
            variants = [e] + [v for _, v in sorted(e.get("skin_variations", {}).items())]
            for v in variants:
                if not v.get(f"has_img_{set_name}"):
                    continue
                x0, y0 = v["sheet_x"] * PITCH + PAD, v["sheet_y"] * PITCH + PAD
                cell = sheet[y0:y0 + SIZE, x0:x0 + SIZE]
                if cell.shape != (SIZE, SIZE, 4) or cell[..., 3].max() == 0:
                    continue  # off-sheet or empty cell
                images.append(cell)
                labels.append(label)
                split.append(1 if held else 0)
                source.append(set_id)
    data = dict(images=np.stack(images).astype(np.uint8), labels=np.array(labels, dtype=np.int64),
                heldout=np.array(split, dtype=np.uint8), source=np.array(source, dtype=np.uint8))
    # Written beside the cache and renamed into place: a process that loads while another builds
    # never reads a half-written file.
    tmp = f"{OUT[:-len('.npz')]}.{os.getpid()}.tmp.npz"
    np.savez_compressed(tmp, **data, categories=np.array(CATEGORY_NAMES))
    os.replace(tmp, OUT)
    return data


def load():
    if not os.path.exists(OUT):
        build()
    d = np.load(OUT)
    return {k: d[k] for k in d.files}


def mirror_safe_mask(labels):
    """Boolean mask over labels (numpy or torch) of the images that may be flipped horizontally."""
    safe = [CATEGORY_NAMES.index(n) for n in MIRROR_SAFE]
    return sum((labels == i) for i in safe) > 0


def to_model_space(images_u8):
    """uint8 straight RGBA (N, 32, 32, 4) -> float32 premultiplied (N, 4, 32, 32) in [-1, 1]."""
    x = images_u8.astype(np.float32) / 255.0
    x[..., :3] *= x[..., 3:4]
    return np.ascontiguousarray((x * 2.0 - 1.0).transpose(0, 3, 1, 2))


if __name__ == "__main__":
    d = build()
    n = len(d["labels"])
    print(f"{n} images -> {OUT}: {int(d['heldout'].sum())} held out")
    for i, name in enumerate(CATEGORY_NAMES):
        m = d["labels"] == i
        print(f"  {i} {name:<10} {int(m.sum()):5d} (held out {int((m & (d['heldout'] == 1)).sum())})")
