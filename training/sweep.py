"""Size / shape sweep at equal wall-clock (docs/MODEL.md, Size sweep).

  /usr/bin/python3 training/sweep.py --calibrate --threads 1      # on a quiet machine: s/step per arm
  nohup nice /usr/bin/python3 training/sweep.py --minutes 20 --threads 1 > training/runs-sweep.log 2>&1 &

Equal wall-clock means equal time *on a quiet machine*: the calibration times a few steps of each
arm with nothing else running and writes training/runs/sweep-calibration.json; each arm then
trains for minutes * 60 / (its s/step) steps with the cosine over steps (train.py --max-steps), so
the comparison does not depend on what else shares the CPU while the sweep runs.
Each arm trains from scratch with the same data and recipe, exports its EMA weights into
training/runs/sweep-<arm>/, and is scored with the frozen yardstick: FD_emoji and category
accuracy over --samples generations (DPM-Solver++(2M), 12 steps, guidance 3, sampled under bf16
autocast so the slow arms finish; the arms compare with each other, not with fp32 headline numbers).
An arm already scored (its row in training/runs/sweep.csv) is skipped, so a killed sweep resumes.
"""
import argparse
import csv
import json
import os
import subprocess
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dataset  # noqa: E402
import evaluate  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
RUNS = os.path.join(HERE, "runs")
CSV = os.path.join(RUNS, "sweep.csv")
# arm name -> train.py arguments (beyond --minutes / --threads / --run)
ARMS = {
    "small": ["--model", "small"],
    "medium": ["--model", "medium"],
    "small-p2": ["--model", "small-p2"],
    "small-noflip": ["--model", "small", "--hflip", "off"],
}
CALIBRATION = os.path.join(RUNS, "sweep-calibration.json")
FIELDS = ["arm", "quiet_sec_per_step", "model", "params_m", "steps", "minutes", "sec_per_step", "final_loss", "fd", "fd_ratio", "accuracy"] + \
    dataset.CATEGORY_NAMES


def done_arms():
    if not os.path.exists(CSV):
        return set()
    with open(CSV) as f:
        return {row["arm"] for row in csv.DictReader(f)}


def run_arm(arm, args, stick):
    run = f"sweep-{arm}"
    run_dir = os.path.join(RUNS, run)
    with open(CALIBRATION) as f:
        cal = json.load(f)
    if cal["threads"] != args.threads:
        sys.exit(f"{CALIBRATION} was measured with {cal['threads']} threads, not {args.threads}: recalibrate")
    steps = int(args.minutes * 60 / cal["sec_per_step"][arm])
    train_cmd = [sys.executable, os.path.join(HERE, "train.py"), *ARMS[arm], "--minutes", "100000",
                 "--max-steps", str(steps), "--threads", str(args.threads), "--run", run]
    if os.path.exists(os.path.join(run_dir, "ckpt.pt")):
        train_cmd.append("--resume")  # a finished run resumes into an immediate stop
    subprocess.run(train_cmd, check=True)
    subprocess.run([sys.executable, os.path.join(HERE, "export.py"), "--ckpt", os.path.join(run_dir, "ckpt.pt"),
                    "--out-dir", run_dir], check=True)
    f16 = next(os.path.join(run_dir, n) for n in os.listdir(run_dir) if "-f16-" in n)
    model, meta = evaluate.load_model(f16)
    fd, per_cat, _ = evaluate.headline(model, stick, args.samples, "dpmpp2m", 12, 3.0, precision="bf16")
    with open(os.path.join(run_dir, "log.csv")) as f:
        log = list(csv.DictReader(f))
    tail = log[-10:]
    row = {"arm": arm, "quiet_sec_per_step": f"{cal['sec_per_step'][arm]:.3f}", "model": model.config["name"], "params_m": f"{sum(p.numel() for p in model.parameters()) / 1e6:.2f}",
           "steps": meta["training_steps"], "minutes": log[-1]["minutes"],
           "sec_per_step": f"{np.mean([float(r['sec_per_step']) for r in tail]):.3f}",
           "final_loss": f"{np.mean([float(r['loss']) for r in tail]):.4f}",
           "fd": f"{fd:.2f}", "fd_ratio": f"{fd / stick.floor:.2f}", "accuracy": f"{np.mean(per_cat):.3f}",
           **{n: f"{a:.2f}" for n, a in zip(dataset.CATEGORY_NAMES, per_cat)}}
    new = not os.path.exists(CSV)
    with open(CSV, "a", newline="") as f:
        w = csv.DictWriter(f, FIELDS)
        if new:
            w.writeheader()
        w.writerow(row)
    print(row, flush=True)


def calibrate(args):
    """Median s/step of steps 4..N of each arm, one after another, written to CALIBRATION."""
    import time
    import train
    from models import DiT_models
    data = dataset.load()
    x_all = torch.from_numpy(dataset.to_model_space(data["images"][:480]))
    y_all = torch.from_numpy(data["labels"][:480])
    out = {}
    for arm, targv in ARMS.items():
        targs = train.parse_args([*targv, "--minutes", "1"])
        torch.manual_seed(0)
        model = DiT_models[targs.model]()
        opt = torch.optim.AdamW(model.parameters(), lr=1e-4)
        times = []
        for i in range(args.calibration_steps):
            idx = torch.randint(0, len(y_all), (targs.batch,))
            t0 = time.time()
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=train.default_precision("cpu") == "bf16"):
                loss, _ = train.training_loss(model, x_all[idx], y_all[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            times.append(time.time() - t0)
        out[arm] = float(np.median(times[3:]))
        print(f"{arm}: {out[arm]:.3f} s/step ({args.threads} threads)", flush=True)
    with open(CALIBRATION, "w") as f:
        json.dump({"threads": args.threads, "sec_per_step": out}, f, indent=1)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--minutes", type=float, default=20)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--samples", type=int, default=504, help="generations per arm (56 per category)")
    p.add_argument("--arms", nargs="+", default=list(ARMS)[:3], choices=list(ARMS))
    p.add_argument("--calibrate", action="store_true", help="time each arm (quiet machine!) and exit")
    p.add_argument("--calibration-steps", type=int, default=12)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    os.makedirs(RUNS, exist_ok=True)
    if args.calibrate:
        calibrate(args)
        return
    stick = evaluate.Yardstick(dataset.load())
    for arm in args.arms:
        if arm not in done_arms():
            run_arm(arm, args, stick)
    with open(CSV) as f:
        rows = list(csv.DictReader(f))
    print("| arm | parameters | steps | quiet s / step | FD_emoji | x real-vs-real | accuracy | worst category |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        worst = min(dataset.CATEGORY_NAMES, key=lambda n: float(r[n]))
        print(f"| {r['arm']} | {r['params_m']} M | {r['steps']} | {r['quiet_sec_per_step']} | {r['fd']} | {r['fd_ratio']} | "
              f"{float(r['accuracy']):.1%} | {worst} {float(r[worst]):.0%} |")


if __name__ == "__main__":
    main()
