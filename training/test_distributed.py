"""train.py under torchrun: two CPU processes (gloo) train as one process does on the same global batch.

  /usr/bin/python3 -m unittest discover -s training -p 'test_*.py'

One process trains the tiny model for 6 steps; two processes train it for 3 steps, then --resume
for 3 more, from the same seed and global batch. Every process draws the whole batch's random
choices and keeps its half, and DDP averages the two halves' gradients, so the two runs compute
the same numbers and differ only in float32 summation order (a mean over 4 images, then over 2
processes, instead of one over 8).

The tolerances sit far from both sides. Measured here: 1 vs 2 processes, and the smallest error
among eight wrong variants of train.py (each failed at least two of these checks):

                             1 vs 2 processes     wrong variant (smallest)
  weights, EMAs (max abs)    3e-8                 4e-4  (the loss multiplied or divided by 2)
  Adam moments (max rel)     3e-6                 0.08  (on --resume only rank 0 restores Adam's state)
  logged loss and MSE        equal to 5 decimals  9e-5  (no gradient averaging: the bare model, no DDP)

The other variants: each process seeding its own draws, both training on the first half, label
dropout drawn inside the model for the local slice, only rank 0 restoring the generator on
--resume (weight errors 1e-3 to 5e-3). fp32 on purpose: under bf16 autocast the halves' matmuls
round differently (weights 2e-4 apart after 6 steps at batch 8).
"""
import csv
import os
import socket
import subprocess
import sys
import tempfile
import unittest

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dataset  # noqa: E402
import train  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
# --min-lr-ratio 1: a constant LR after one warmup step, which then does not depend on --max-steps
# (6 for the one run, 3 for the first half of the resumed one).
ARGS = ["--model", "tiny", "--seed", "0", "--batch", "8", "--warmup", "1", "--min-lr-ratio", "1", "--precision", "fp32",
        "--threads", "1", "--log-every", "1", "--minutes", "100"]
STEPS = 6
WEIGHT_ATOL = 1e-5  # 1/60 of one step's update at lr 6e-4; 300x the noise
MOMENT_RTOL = 1e-4  # of each Adam moment tensor's largest entry
LOSS_ATOL = 2e-5  # log.csv keeps 5 decimals


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(cmd):
    return subprocess.Popen(cmd, cwd=HERE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish(proc):
    out, _ = proc.communicate(timeout=300)
    if proc.returncode:
        raise AssertionError(f"{' '.join(proc.args)} exited {proc.returncode}:\n{out[-3000:]}")


def torchrun(nproc, log_dir):
    # --redirects 1 --tee 1: torchrun in PyTorch 1.13 on Python 3.11 fails on its default of "0"
    # (AttributeError: 'NoneType' object has no attribute 'get'); this pair keeps the output on the console.
    return [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", str(nproc),
            "--master_addr", "127.0.0.1", "--master_port", str(free_port()), "--monitor_interval", "0.5",
            "--redirects", "1", "--tee", "1", "--log_dir", log_dir]


def read_log(run_dir):
    with open(os.path.join(run_dir, "log.csv")) as f:
        return list(csv.DictReader(f))


class TwoProcessesTrainAsOne(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        dataset.load()  # builds a missing cache here, once, before three training processes start at the same time
        cls.tmp = tempfile.TemporaryDirectory()
        runs = cls.tmp.name
        script = os.path.join(HERE, "train.py")
        common = [*ARGS, "--runs-dir", runs]
        one = start([sys.executable, script, *common, "--max-steps", str(STEPS), "--run", "one"])
        try:
            for i, extra in enumerate([["--max-steps", str(STEPS // 2)], ["--max-steps", str(STEPS), "--resume"]]):
                finish(start([*torchrun(2, os.path.join(runs, f"torchrun-{i}")), script, *common, *extra, "--run", "two"]))
            finish(one)
        finally:
            if one.poll() is None:
                one.kill()
        cls.one_dir, cls.two_dir = os.path.join(runs, "one"), os.path.join(runs, "two")
        cls.one = torch.load(os.path.join(cls.one_dir, "ckpt.pt"))
        cls.two = torch.load(os.path.join(cls.two_dir, "ckpt.pt"))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def assert_close(self, what, a, b, atol):
        worst = max(((float((a[k] - b[k]).abs().max()), k) for k in a), default=(0.0, None))
        self.assertLess(worst[0], atol, f"{what}: {worst[1]} differs by {worst[0]:.3g} (tolerance {atol:g})")

    def test_only_rank_0_writes_one_log_row_per_step(self):
        self.assertEqual(sorted(os.listdir(self.two_dir)), ["ckpt.pt", "log.csv"])
        self.assertEqual([int(r["step"]) for r in read_log(self.two_dir)], list(range(1, STEPS + 1)))
        self.assertEqual(self.two["step"], STEPS)

    def test_every_step_has_the_same_loss_and_learning_rate(self):
        for r1, r2 in zip(read_log(self.one_dir), read_log(self.two_dir)):
            for col in ("loss", "mse"):
                diff = abs(float(r1[col]) - float(r2[col]))
                self.assertLess(diff, LOSS_ATOL, f"step {r1['step']} {col}: 1 process {r1[col]}, 2 processes {r2[col]}")
            self.assertEqual(r1["lr"], r2["lr"], f"step {r1['step']}: learning rates differ")

    def test_weights_and_emas_match_within_float_noise(self):
        self.assert_close("weights", self.one["model"], self.two["model"], WEIGHT_ATOL)
        for name, ema in self.one["emas"].items():
            self.assert_close(f"EMA {name}", ema, self.two["emas"][name], WEIGHT_ATOL)

    def test_adam_moments_match(self):
        """The moments carry the gradient's scale, which Adam's update mostly hides."""
        s1, s2 = self.one["opt"]["state"], self.two["opt"]["state"]
        for i in s1:
            for key in ("exp_avg", "exp_avg_sq"):
                a, b = s1[i][key], s2[i][key]
                rel = float((a - b).abs().max() / a.abs().max().clamp_min(1e-30))
                self.assertLess(rel, MOMENT_RTOL, f"parameter {i} {key}: relative difference {rel:.3g}")


class BatchSlices(unittest.TestCase):
    def test_the_processes_split_the_global_batch_in_order(self):
        self.assertEqual([train.batch_slice(48, r, 4) for r in range(4)],
                         [slice(0, 12), slice(12, 24), slice(24, 36), slice(36, 48)])
        self.assertEqual(train.batch_slice(48, 0, 1), slice(0, 48))

    def test_a_batch_that_does_not_divide_is_refused(self):
        with self.assertRaisesRegex(SystemExit, "--batch 50 does not divide among 4 processes"):
            train.batch_slice(50, 0, 4)


if __name__ == "__main__":
    unittest.main()
