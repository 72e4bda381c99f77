"""Trains the WebDiT favicon model on two CPU cores (DiT-style CLI).

  /usr/bin/python3 training/train.py --model small --minutes 130            # fresh run
  /usr/bin/python3 training/train.py --model small --minutes 130 --resume   # continue after a kill
  /usr/bin/python3 training/train.py --init-from weights/webdit-small-f16-<hash>.safetensors --minutes 60

What it does (docs/MODEL.md has the model): v-prediction on the cosine schedule with t ~ U(0, 1),
v-MSE weighted min(SNR + 1, 6) / (SNR + 1) (Min-SNR-5's cap on easy steps, without starving the
high-noise end; see training_loss), 10 % label dropout for
classifier-free guidance, AdamW with linear warmup then cosine decay over the *time* budget, EMA
weights, class-balanced sampling (category p ~ sqrt(count): skin tones make "people" 60 % of
images). Checkpoints atomically every few minutes to training/runs/<run>/ckpt.pt, so a kill loses
at most that much; --resume picks the run up where it stopped, LR schedule included.
"""
import argparse
import csv
import math
import os
import signal
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dataset  # noqa: E402
from models import DiT_models, from_config  # noqa: E402
from safetensors_io import check_webdit, load as load_st  # noqa: E402
from sampling import alpha_bar_torch  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
MIN_SNR_GAMMA = 5.0


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", choices=sorted(DiT_models), default="small")
    p.add_argument("--minutes", type=float, required=True, help="training time budget (wall clock, excluding checkpoints)")
    p.add_argument("--run", default=None, help="run name (default: the model name)")
    p.add_argument("--resume", action="store_true", help="continue training/runs/<run>/ckpt.pt")
    p.add_argument("--init-from", default=None, help="start from a shipped weight file (fine-tuning)")
    p.add_argument("--batch", type=int, default=48)
    p.add_argument("--lr", type=float, default=6e-4)
    p.add_argument("--min-lr-ratio", type=float, default=0.1)
    p.add_argument("--warmup", type=int, default=300, help="warmup steps")
    p.add_argument("--weight-decay", type=float, default=0.0)
    p.add_argument("--ema", type=float, default=0.9995)
    p.add_argument("--ckpt-minutes", type=float, default=5.0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--weighting", choices=["snr1-trunc", "min-snr"], default="snr1-trunc",
                   help="loss weight per noise level (see training_loss)")
    return p.parse_args(argv)


def class_balanced_weights(labels):
    counts = np.bincount(labels, minlength=labels.max() + 1).astype(np.float64)
    per_class = np.sqrt(counts) / np.sqrt(counts).sum()
    return torch.from_numpy(per_class[labels] / counts[labels])


def lr_at(args, step, progress):
    if step < args.warmup:
        return args.lr * (step + 1) / args.warmup
    cos = 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))
    return args.lr * (args.min_lr_ratio + (1 - args.min_lr_ratio) * cos)


def training_loss(model, x0, y, weighting="snr1-trunc"):
    """Weighted v-prediction MSE; returns (loss, per-sample unweighted MSE).

    In x0 terms the v-MSE is (SNR + 1) * ||x0 - x0_hat||^2. "snr1-trunc" caps that factor at
    gamma + 1, i.e. weight min(SNR + 1, gamma + 1) / (SNR + 1) on the v-MSE: full weight wherever
    SNR <= gamma, less only on the easy low-noise steps (Min-SNR's intent). Plain "min-snr"
    (Hang et al. 2023, min(SNR, gamma) / (SNR + 1) for v) also goes to zero as SNR -> 0: measured
    here, it left t ~ 1 untrained (x0 MSE at t = 1 was 0.58, worse than the mean image's 0.39), so
    every sampler's first step started from garbage.
    """
    n = x0.shape[0]
    t = torch.rand(n)
    ab = alpha_bar_torch(t).view(n, 1, 1, 1)
    eps = torch.randn_like(x0)
    a, s = ab.sqrt(), (1 - ab).sqrt()
    x_t = a * x0 + s * eps
    v = a * eps - s * x0
    pred = model(x_t, t, y, train=True)
    mse = ((pred - v) ** 2).mean(dim=(1, 2, 3))
    snr = (ab / (1 - ab).clamp_min(1e-8)).view(n)
    if weighting == "min-snr":
        weight = torch.clamp(snr, max=MIN_SNR_GAMMA) / (snr + 1)
    else:
        weight = torch.clamp(snr + 1, max=MIN_SNR_GAMMA + 1) / (snr + 1)
    return (weight * mse).mean(), mse


def save_atomic(obj, path):
    tmp = path + ".tmp"
    torch.save(obj, tmp)
    os.replace(tmp, path)


def main(argv=None):
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    run = args.run or args.model
    run_dir = os.path.join(HERE, "runs", run)
    os.makedirs(run_dir, exist_ok=True)
    ckpt_path = os.path.join(run_dir, "ckpt.pt")

    data = dataset.load()
    train = data["heldout"] == 0
    images = torch.from_numpy(dataset.to_model_space(data["images"][train]))
    labels = torch.from_numpy(data["labels"][train])
    weights = class_balanced_weights(data["labels"][train])

    if args.init_from:
        st, meta = load_st(args.init_from)
        model = from_config(check_webdit(meta, args.init_from))
        model.load_state_dict({k: torch.from_numpy(np.asarray(v, dtype=np.float32)) for k, v in st.items()})
    else:
        model = DiT_models[args.model]()
    ema = from_config(model.config)
    ema.load_state_dict(model.state_dict())
    ema.requires_grad_(False)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.99), weight_decay=args.weight_decay)
    step, trained_s = 0, 0.0
    if args.resume:
        if not os.path.exists(ckpt_path):
            sys.exit(f"--resume: no checkpoint at {ckpt_path}")
        ck = torch.load(ckpt_path)
        model.load_state_dict(ck["model"])
        ema.load_state_dict(ck["ema"])
        opt.load_state_dict(ck["opt"])
        step, trained_s = ck["step"], ck["trained_seconds"]
        torch.set_rng_state(ck["torch_rng"])
        print(f"resumed {ckpt_path} at step {step}, {trained_s / 60:.1f} min trained", flush=True)
    params = sum(p.numel() for p in model.parameters())
    print(f"model {model.config['name']}: {params / 1e6:.2f}M parameters; {len(labels)} training images; "
          f"budget {args.minutes} min", flush=True)

    log_path = os.path.join(run_dir, "log.csv")
    new_log = not os.path.exists(log_path) or not args.resume
    log_file = open(log_path, "w" if new_log else "a", newline="")
    log = csv.writer(log_file)
    if new_log:
        log.writerow(["step", "minutes", "loss", "mse", "lr", "sec_per_step"])

    budget_s = args.minutes * 60
    last_ckpt = time.time()
    # SIGTERM / Ctrl-C: finish the current step, checkpoint, exit; --resume continues from there.
    stop = {"requested": False}

    def request_stop(signum, frame):
        stop["requested"] = True
        print(f"signal {signum}: checkpointing after this step", flush=True)

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    window_loss, window_mse, window_n, window_t = 0.0, 0.0, 0, time.time()
    model.train()
    while trained_s < budget_s:
        t0 = time.time()
        idx = torch.multinomial(weights, args.batch, replacement=True)
        lr = lr_at(args, step, trained_s / budget_s)
        for g in opt.param_groups:
            g["lr"] = lr
        loss, mse = training_loss(model, images[idx], labels[idx], args.weighting)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        decay = min(args.ema, (1 + step) / (10 + step))
        with torch.no_grad():
            for pe, pm in zip(ema.parameters(), model.parameters()):
                pe.mul_(decay).add_(pm.detach(), alpha=1 - decay)
        step += 1
        trained_s += time.time() - t0
        window_loss += loss.item()
        window_mse += mse.mean().item()
        window_n += 1
        if step % 50 == 0:
            sps = (time.time() - window_t) / window_n
            log.writerow([step, f"{trained_s / 60:.2f}", f"{window_loss / window_n:.5f}", f"{window_mse / window_n:.5f}",
                          f"{lr:.6f}", f"{sps:.3f}"])
            log_file.flush()
            print(f"step {step} min {trained_s / 60:.1f} loss {window_loss / window_n:.4f} "
                  f"mse {window_mse / window_n:.4f} lr {lr:.2e} {sps:.2f}s/step", flush=True)
            window_loss, window_mse, window_n, window_t = 0.0, 0.0, 0, time.time()
        if time.time() - last_ckpt > args.ckpt_minutes * 60 or trained_s >= budget_s or stop["requested"]:
            save_atomic({"model": model.state_dict(), "ema": ema.state_dict(), "opt": opt.state_dict(), "step": step,
                         "trained_seconds": trained_s, "config": model.config, "args": vars(args),
                         "torch_rng": torch.get_rng_state()}, ckpt_path)
            last_ckpt = time.time()
            if stop["requested"]:
                break
    log_file.close()
    print(f"done: {step} steps, {trained_s / 60:.1f} min; checkpoint {ckpt_path}", flush=True)


if __name__ == "__main__":
    main()
