"""Training pieces that a bad change would silently break: bf16 autocast keeps float32 master
weights, mirroring never touches flags or symbols, the frozen yardstick is the committed one.

  /usr/bin/python3 -m unittest discover -s training -p 'test_*.py'
"""
import os
import sys
import unittest

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dataset  # noqa: E402
import train  # noqa: E402
import yardstick  # noqa: E402
from models import DiT_models  # noqa: E402


class Bf16Autocast(unittest.TestCase):
    def test_master_weights_gradients_and_loss_stay_float32(self):
        torch.manual_seed(0)
        model = DiT_models["tiny"]()
        opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
        x0 = torch.rand(4, 4, 32, 32) * 2 - 1
        y = torch.tensor([0, 3, 7, 9])
        with torch.autocast("cpu", dtype=torch.bfloat16):
            loss, mse = train.training_loss(model, x0, y)
        self.assertEqual(loss.dtype, torch.float32)
        self.assertEqual(mse.dtype, torch.float32)
        loss.backward()
        opt.step()
        for name, p in model.named_parameters():
            self.assertEqual(p.dtype, torch.float32, name)
            self.assertEqual(p.grad.dtype, torch.float32, name)
        for state in opt.state.values():
            self.assertEqual(state["exp_avg_sq"].dtype, torch.float32)

    def test_bf16_forward_tracks_fp32(self):
        torch.manual_seed(1)
        model = DiT_models["tiny"]()
        for p in model.parameters():  # adaLN-Zero's zeros would make both outputs trivially equal
            p.data.normal_(0, 0.05)
        x, t, y = torch.randn(2, 4, 32, 32), torch.tensor([0.3, 0.8]), torch.tensor([1, 9])
        ref = model(x, t, y)
        with torch.autocast("cpu", dtype=torch.bfloat16):
            low = model(x, t, y).float()
        rel = (low - ref).norm() / ref.norm()
        self.assertLess(float(rel), 0.03, f"bf16 forward relative error {float(rel):.4f}")
        self.assertGreater(float(rel), 0.0, "autocast changed nothing: is bf16 actually in use?")


class Mirroring(unittest.TestCase):
    def test_only_mirror_safe_categories_are_flipped(self):
        torch.manual_seed(0)
        n = len(dataset.CATEGORY_NAMES)
        y = torch.arange(n).repeat(200)
        x0 = torch.randn(len(y), 4, 32, 32)
        out = train.mirror_some(x0, y)
        flipped = (out == x0.flip(3)).flatten(1).all(1) & ~(out == x0).flatten(1).all(1)
        for c, name in enumerate(dataset.CATEGORY_NAMES):
            rate = float(flipped[y == c].float().mean())
            if name in ("flags", "symbols"):  # mirrored flags and text are wrong, whatever the list says
                self.assertEqual(rate, 0.0, f"{name} must never be mirrored")
            elif name in dataset.MIRROR_SAFE:
                self.assertTrue(0.35 < rate < 0.65, f"{name}: flipped {rate:.0%}, expected about half")
            else:
                self.assertEqual(rate, 0.0, f"{name} must never be mirrored")


class FrozenYardstick(unittest.TestCase):
    def test_the_committed_classifier_loads_with_its_recorded_digest(self):
        self.assertIsNotNone(yardstick.SHA256, "record the committed classifier's SHA-256 in yardstick.py")
        model = yardstick.load()
        feats = model.features(torch.zeros(3, 4, 32, 32) - 1)
        self.assertEqual(tuple(feats.shape), (3, 256))
        self.assertEqual(tuple(model(torch.zeros(1, 4, 32, 32)).shape), (1, len(dataset.CATEGORY_NAMES)))

    def test_a_changed_file_is_refused(self):
        import shutil
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "c.safetensors")
            shutil.copy(yardstick.PATH, path)
            with open(path, "r+b") as f:
                f.seek(-4, 2)
                f.write(b"\x00\x00\x80\x7f")
            with self.assertRaisesRegex(ValueError, "SHA-256"):
                yardstick.load(path)


class ProductGuidance(unittest.TestCase):
    def test_python_and_java_agree_on_the_guidance_interval(self):
        """sampling.PRODUCT_GUIDANCE is the Python copy of Limits.DEFAULT_GUIDANCE: one fact, checked here."""
        import re
        import sampling
        limits = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "shared", "src", "main",
                              "java", "com", "webdit", "shared", "product", "Limits.java")
        m = re.search(r"DEFAULT_GUIDANCE\s*=\s*new GuidanceInterval\(([^,]+),\s*([^)]+)\)", open(limits).read())
        self.assertIsNotNone(m, "Limits.DEFAULT_GUIDANCE not found")
        self.assertEqual((float(m.group(1)), float(m.group(2))), sampling.PRODUCT_GUIDANCE)


if __name__ == "__main__":
    unittest.main()
