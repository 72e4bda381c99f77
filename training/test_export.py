"""export.py's quantised files: int4 packing, group scales and the round trip through the reader.

  /usr/bin/python3 -m unittest training/test_export.py
"""
import glob
import json
import os
import sys
import tempfile
import unittest

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import export  # noqa: E402
import make_golden  # noqa: E402
from safetensors_io import check_webdit, dequantized, load, pack_int4, unpack_int4  # noqa: E402

torch.set_num_threads(1)


class Int4Packing(unittest.TestCase):
    def test_low_nibble_holds_the_even_value(self):
        q = np.array([[-8, 7, -1, 0, 3, -3]], dtype=np.int8)
        packed = pack_int4(q)
        self.assertEqual(packed.dtype, np.uint8)
        self.assertEqual(packed.tolist(), [[0x78, 0x0F, 0xD3]])
        np.testing.assert_array_equal(unpack_int4(packed), q)

    def test_every_value_round_trips(self):
        q = np.arange(-8, 8, dtype=np.int8).reshape(2, 8)
        np.testing.assert_array_equal(unpack_int4(pack_int4(q)), q)

    def test_out_of_range_or_odd_rows_are_refused(self):
        with self.assertRaisesRegex(ValueError, "int4"):
            pack_int4(np.array([[8, 0]]))
        with self.assertRaisesRegex(ValueError, "int4"):
            pack_int4(np.array([[1, 2, 3]]))


class GroupQuantization(unittest.TestCase):
    def test_each_group_has_its_own_scale_and_the_error_is_bounded(self):
        rng = np.random.default_rng(1)
        w = rng.standard_normal((6, 96)).astype(np.float32)
        w[2, 32:64] *= 100  # one loud group must not coarsen its neighbours
        packed, scale = export.quantize_groups_int4(w, 32)
        self.assertEqual(packed.shape, (6, 48))
        self.assertEqual(scale.shape, (6, 3))
        self.assertEqual(scale.dtype, np.float16)
        back = dequantized({"w": packed, "w.scale": scale})["w"]
        for r in range(6):
            for g in range(3):
                cols = slice(32 * g, 32 * g + 32)
                step = abs(float(scale[r, g]))
                # half a step of rounding, or clipping at -8 and 7 of a scale the search shrank (at most 2 steps)
                err = np.abs(back[r, cols] - w[r, cols]).max()
                self.assertLessEqual(err, 2.0 * step, f"row {r} group {g}: max error {err} vs step {step}")
                self.assertLess(step, np.abs(w[r, cols]).max() / 6.4, f"row {r} group {g}")
        self.assertLess(np.abs(back[2, :32] - w[2, :32]).max(), 1.0)  # not the loud group's step (~40)

    def test_the_scale_search_beats_the_plain_absmax_scale(self):
        rng = np.random.default_rng(2)
        w = rng.standard_normal((64, 64))
        packed, scale = export.quantize_groups_int4(w, 32)
        searched = ((dequantized({"w": packed, "w.scale": scale})["w"] - w) ** 2).sum()
        x = w.reshape(64, 2, 32)
        peak = np.take_along_axis(x, np.abs(x).argmax(-1)[..., None], -1)
        s = (peak / -8).astype(np.float16).astype(np.float64)
        plain = ((np.clip(np.rint(x / s), -8, 7) * s - x) ** 2).sum()
        self.assertLess(searched, plain)

    def test_a_group_that_does_not_divide_the_row_is_refused(self):
        with self.assertRaisesRegex(ValueError, "row length 36"):
            export.quantize_groups_int4(np.ones((4, 4, 3, 3)), 32)

    def test_zero_rows_survive(self):
        packed, scale = export.quantize_groups_int4(np.zeros((2, 32)), 32)
        self.assertTrue(np.all(dequantized({"w": packed, "w.scale": scale})["w"] == 0))


class ExportedFiles(unittest.TestCase):
    def test_an_i4_file_from_an_f16_file_round_trips_through_the_reader(self):
        f16 = glob.glob(os.path.join(make_golden.ROOT, "integration-tests", "src", "test", "resources", "weights",
                                     "webdit-tiny-f16-*.safetensors"))[0]
        source, source_meta = load(f16)
        with tempfile.TemporaryDirectory() as tmp:
            model = export.model_from_weights(f16)
            (path,) = export.export(model.state_dict(), json.loads(source_meta["config"]),
                                    source_meta["training_steps"], tmp, json.loads(source_meta["categories"]), ("i4",))
            self.assertRegex(os.path.basename(path), r"^webdit-tiny-i4-[0-9a-f]{12}\.safetensors$")
            st, meta = load(path)
            self.assertEqual(meta, source_meta)
            check_webdit(meta, path)
            self.assertEqual(st["blocks.0.mlp.fc1.weight"].dtype, np.uint8)
            self.assertEqual(st["blocks.0.mlp.fc1.weight.scale"].shape, (128, 32 // export.I4_GROUP))
            self.assertEqual(st["blocks.0.attn.qkv.weight"].dtype, np.uint8)
            # The shipped layout keeps the embedders and the final linear layer int8 (export.I4_KEEP_I8).
            self.assertEqual(st["x_embedder.proj.weight"].dtype, np.int8)
            self.assertEqual(st["x_embedder.proj.weight"].shape, (32, 4, 4, 4))  # (D, C, p, p)
            self.assertEqual(st["t_embedder.mlp.0.weight"].dtype, np.int8)
            self.assertEqual(st["final_layer.linear.weight"].dtype, np.int8)
            self.assertEqual(st["final_layer.adaLN_modulation.1.weight"].dtype, np.uint8)  # stacks with the blocks'
            self.assertEqual(st["final_conv.weight"].dtype, np.int8)  # rows of 36: int8 per row
            self.assertEqual(st["y_embedder.embedding_table.weight"].dtype, np.float16)
            self.assertEqual(st["blocks.0.mlp.fc1.bias"].dtype, np.float16)
            back = dequantized(st)
            want = dequantized(source)
            self.assertEqual(sorted(back), sorted(want))
            for k in want:
                self.assertEqual(back[k].shape, want[k].shape, k)
                rel = np.sqrt(((back[k] - want[k]) ** 2).sum() / max((want[k] ** 2).sum(), 1e-30))
                self.assertLess(rel, 0.12, f"{k}: relative RMS error {rel:.3f}")
            # and the dequantised file loads into the model, as evaluate.py and --onnx do
            export.model_from_weights(path)

    def test_an_empty_keep_i8_makes_every_dividing_matrix_int4(self):
        rng = np.random.default_rng(4)
        state = {"x_embedder.proj.weight": rng.standard_normal((8, 4, 4, 4)).astype(np.float32),
                 "final_layer.linear.weight": rng.standard_normal((8, 64)).astype(np.float32)}
        out = export.quantized(state, "i4", 32, keep_i8="")
        self.assertEqual(out["x_embedder.proj.weight"].shape, (8, 4, 4, 2))  # (D, C, p, p/2)
        self.assertEqual(out["final_layer.linear.weight"].dtype, np.uint8)

    def test_keep_i8_leaves_the_matching_matrices_int8(self):
        rng = np.random.default_rng(3)
        state = {"blocks.0.mlp.fc1.weight": rng.standard_normal((8, 64)).astype(np.float32),
                 "final_layer.linear.weight": rng.standard_normal((8, 64)).astype(np.float32),
                 "final_layer.linear.bias": rng.standard_normal(8).astype(np.float32)}
        out = export.quantized(state, "i4", 32, keep_i8=r"^final_layer\.")
        self.assertEqual(out["blocks.0.mlp.fc1.weight"].dtype, np.uint8)
        self.assertEqual(out["final_layer.linear.weight"].dtype, np.int8)
        self.assertEqual(out["final_layer.linear.weight.scale"].shape, (8,))
        self.assertEqual(out["final_layer.linear.bias"].dtype, np.float16)

    def test_the_committed_tiny_files_are_what_make_golden_writes(self):
        resources = os.path.join(make_golden.ROOT, "integration-tests", "src", "test", "resources")
        with tempfile.TemporaryDirectory() as tmp:
            dirs = {"tiny": os.path.join(tmp, "weights"), "tiny-skips": os.path.join(tmp, "weights-skips")}
            make_golden.main(tmp, dirs)
            for folder in ("weights", "weights-skips"):
                fresh = sorted(os.path.basename(p) for p in glob.glob(os.path.join(tmp, folder, "webdit-*.safetensors")))
                committed = sorted(os.path.basename(p) for p in glob.glob(os.path.join(resources, folder, "webdit-*.safetensors")))
                self.assertEqual(fresh, committed, folder)
                self.assertEqual(len(fresh), 3, folder)  # f16, i8, i4


if __name__ == "__main__":
    unittest.main()
