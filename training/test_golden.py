"""The committed golden files are what training/ produces today: PyTorch model, RNG and samplers
have not drifted from the files the Java reference (and WGSL engine) are tested against.

  /usr/bin/python3 -m unittest discover -s training -p 'test_*.py'
"""
import os
import sys
import tempfile
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_golden  # noqa: E402
import rng  # noqa: E402
from safetensors_io import check_webdit, load  # noqa: E402


class GoldenFilesAreReproducible(unittest.TestCase):
    def test_regenerating_gives_the_committed_files(self):
        with tempfile.TemporaryDirectory() as tmp:
            make_golden.main(tmp)
            for name in ("tiny.safetensors", "tiny_cases.safetensors", "tiny_skips.safetensors",
                         "tiny_skips_cases.safetensors"):
                fresh, fresh_meta = load(os.path.join(tmp, name))
                committed, committed_meta = load(os.path.join(make_golden.OUT, name))
                self.assertEqual(fresh_meta, committed_meta, name)
                self.assertEqual(sorted(fresh), sorted(committed), name)
                for key in fresh:
                    # float64 math on one machine vs another: allow last-bit differences only.
                    np.testing.assert_allclose(fresh[key], committed[key], rtol=1e-6, atol=1e-6,
                                               err_msg=f"{name}:{key}")

    def test_weight_file_metadata_is_checked(self):
        _, meta = load(os.path.join(make_golden.OUT, "tiny.safetensors"))
        self.assertEqual(check_webdit(meta, "tiny")["hidden_size"], 32)
        with self.assertRaisesRegex(ValueError, "regenerate it"):
            check_webdit({"format": "other"}, "x.safetensors")


class Philox(unittest.TestCase):
    def test_random123_known_answers(self):
        kats = [((0, 0, 0, 0), (0, 0), (0x6627E8D5, 0xE169C58D, 0xBC57AC4C, 0x9B00DBD8)),
                ((0xFFFFFFFF,) * 4, (0xFFFFFFFF,) * 2, (0x408F276D, 0x41C83B0E, 0xA20BC7C6, 0x6D5451FD)),
                ((0x243F6A88, 0x85A308D3, 0x13198A2E, 0x03707344), (0xA4093822, 0x299F31D0),
                 (0xD16CFE09, 0x94FDCCEB, 0x5001E420, 0x24126EA1))]
        for ctr, key, expected in kats:
            got = tuple(int(w[0]) for w in rng.philox4x32_10(*[[c] for c in ctr], *key))
            self.assertEqual(got, expected)

    def test_gaussian_moments(self):
        z = rng.gaussian(5, 0, 200_000).astype(np.float64)
        self.assertAlmostEqual(z.mean(), 0.0, delta=0.01)
        self.assertAlmostEqual(z.var(), 1.0, delta=0.01)


if __name__ == "__main__":
    unittest.main()


class BatchedSampler(unittest.TestCase):
    def test_matches_the_reference_sampler_on_the_golden_model(self):
        import torch
        import batch_sampling
        import sampling
        from models import from_config
        from safetensors_io import check_webdit
        st, meta = load(os.path.join(make_golden.OUT, "tiny.safetensors"))
        model = from_config(check_webdit(meta, "tiny"))
        model.load_state_dict({k: torch.from_numpy(np.array(v)) for k, v in st.items()})
        model = model.double().eval()
        for kind, steps, cfg, interval in [("ddim", 3, 1.0, (0.0, 1.0)), ("ddpm", 3, 2.5, (0.0, 1.0)),
                                           ("dpmpp2m", 4, 3.0, (0.0, 1.0)), ("dpmpp2m", 5, 3.0, (0.2, 0.8))]:
            seeds, labels = [7, 8, 9], [1, 9, 4]
            batch = batch_sampling.sample(model, seeds, labels, kind, steps, cfg, dtype=torch.float64,
                                          interval=interval)
            for i in range(3):
                ref = sampling.sample(model, seeds[i], labels[i], kind, steps, cfg, interval=interval)
                np.testing.assert_allclose(batch[i], ref, atol=1e-6, err_msg=f"{kind} image {i}")


class LongSkips(unittest.TestCase):
    def test_skips_added_at_identity_keep_the_function(self):
        import torch
        from models import DiT_models, with_long_skips
        torch.manual_seed(3)
        plain = DiT_models["small"]()
        make_golden.randomize(plain, seed=5)
        skipped = with_long_skips(plain)
        self.assertEqual([b for b in skipped.skip_sources], [None, None, None, None, 1, 0])
        x, t, y = torch.randn(2, 4, 32, 32), torch.tensor([0.3, 0.9]), torch.tensor([1, 9])
        with torch.no_grad():
            torch.testing.assert_close(skipped(x, t, y), plain(x, t, y), rtol=0, atol=0)
            skipped.blocks[4].skip_linear.weight[0, 200] = 1.0  # the skip half now matters
            self.assertGreater((skipped(x, t, y) - plain(x, t, y)).abs().max().item(), 1e-3)
