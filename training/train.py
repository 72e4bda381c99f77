"""Trains the WebDiT favicon model (DiT-style CLI), on CPU or on an NVIDIA GPU.

  /usr/bin/python3 training/train.py --model small --minutes 130            # fresh run
  /usr/bin/python3 training/train.py --model small --minutes 130 --resume   # continue after a kill
  /usr/bin/python3 training/train.py --init-from weights/webdit-small-f16-<hash>.safetensors --minutes 60
  python3 training/train.py --device cuda --init-from weights/... --minutes 9 [--resume]   # on a GPU

Training accumulates across sessions from what is committed: --init-from loads a shipped weight file
(the EMA weights of every earlier run; their step count comes along in its metadata, so the next
export counts the whole history) as both the model and the EMA. The optimizer moments are not
shipped: Adam's second moment forgets in ~1/(1 - beta2) = 100 steps, well inside the warmup, so
keeping them would cost a 2x-larger committed file for nothing measurable.

Precision: --precision bf16 (the default where the CPU has AVX512-BF16 or AMX, or on a GPU with
bf16) runs forward and loss under torch.autocast; master weights, AdamW state and EMA stay float32.
docs/MODEL.md shows the 500-step fp32 vs bf16 check (training/compare_precision.py).
On CUDA only the dataset cache (training/cache/emoji32.npz) and, with --resume, the checkpoint are
inputs, so a GPU session can run in chunks of under 10 minutes: --minutes 9, then --resume --minutes 18, ...

What it does (docs/MODEL.md has the model): v-prediction on the cosine schedule with t ~ U(0, 1),
v-MSE weighted min(SNR + 1, 6) / (SNR + 1) (Min-SNR-5's cap on easy steps, without starving the
high-noise end; see training_loss), 10 % label dropout for
classifier-free guidance, AdamW with linear warmup then cosine decay over the *time* budget, three
EMAs side by side (EMA_NAMES), class-balanced sampling (category p ~ sqrt(count): skin tones make "people" 60 % of
images). Checkpoints atomically every few minutes to training/runs/<run>/ckpt.pt, so a kill loses
at most that much; --resume picks the run up where it stopped, LR schedule included.
"""
import argparse
import csv
import functools
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
# Three EMAs, one chosen at export by FD (docs/MODEL.md, "EMAs"). fixed-0.9995 is what runs 1-4
# kept; the power EMAs (EDM2, Karras et al. 2024, eq. 2-3) average a fixed *fraction* of the whole
# history (sigma_rel: the averaging profile's std over the run's length), so their window grows
# with a run that goes on session after session, where a fixed decay averages ~2,000 steps forever.
EMA_NAMES = ["fixed-0.9995", "power-0.05", "power-0.10"]


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
    p.add_argument("--emas", default=",".join(EMA_NAMES),
                   help="EMAs kept side by side (see ema_decay): 'fixed-<decay>' or 'power-<sigma_rel>'; "
                        "export.py --ema picks the shipped one")
    p.add_argument("--ckpt-minutes", type=float, default=5.0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--weighting", choices=["snr1-trunc", "min-snr"], default="snr1-trunc",
                   help="loss weight per noise level (see training_loss)")
    p.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    p.add_argument("--precision", choices=["bf16", "fp32"], default=None,
                   help="autocast precision of forward and loss; master weights, Adam state and EMA stay "
                        "float32 (default: bf16 where the device computes it natively, else fp32)")
    p.add_argument("--max-steps", type=int, default=None, help="stop after this many steps (A/B runs)")
    p.add_argument("--hflip", choices=["on", "off"], default="on",
                   help="mirror half of each batch left-right, only in dataset.MIRROR_SAFE categories")
    p.add_argument("--log-every", type=int, default=50, help="steps per log.csv row (mean over the window)")
    return p.parse_args(argv)


def cpu_has_bf16():
    """True when the CPU has native bf16 dot products (AVX512-BF16 or AMX), which oneDNN uses."""
    try:
        with open("/proc/cpuinfo") as f:
            flags = f.read()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def default_precision(device):
    if device == "cuda":
        return "bf16" if torch.cuda.is_bf16_supported() else "fp32"
    return "bf16" if cpu_has_bf16() else "fp32"


def class_balanced_weights(labels):
    counts = np.bincount(labels, minlength=labels.max() + 1).astype(np.float64)
    per_class = np.sqrt(counts) / np.sqrt(counts).sum()
    return torch.from_numpy(per_class[labels] / counts[labels])


@functools.lru_cache(maxsize=None)
def power_gamma(sigma_rel):
    """EDM2's gamma for a relative std: solves sigma_rel^2 = (g + 1) / ((g + 2)^2 (g + 3)) (Algorithm 2)."""
    lo, hi = 0.0, 1e4  # sigma_rel falls monotonically in gamma
    for _ in range(200):
        mid = (lo + hi) / 2
        if (mid + 1) / ((mid + 2) ** 2 * (mid + 3)) > sigma_rel ** 2:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def ema_decay(name, total_step, fresh_step):
    """Decay of EMA `name` for the update after `total_step` steps of the model's whole history.

    fixed-<d>: d, warmed up as (1 + s) / (10 + s) over this run's own steps when it started from
    random weights (fresh_step is None otherwise: an --init-from file is already an average).
    power-<sigma_rel>: (1 - 1/t)^(gamma + 1) with t the whole history's step count.
    """
    kind, value = name.split("-", 1)
    if kind == "fixed":
        d = float(value)
        return d if fresh_step is None else min(d, (1 + fresh_step) / (10 + fresh_step))
    if kind == "power":
        t = total_step + 1
        return (1 - 1 / t) ** (power_gamma(float(value)) + 1) if t > 1 else 0.0
    raise ValueError(f"unknown EMA {name!r}: use fixed-<decay> or power-<sigma_rel>")


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
    t = torch.rand(n, device=x0.device)
    ab = alpha_bar_torch(t).view(n, 1, 1, 1)
    eps = torch.randn_like(x0)
    a, s = ab.sqrt(), (1 - ab).sqrt()
    x_t = a * x0 + s * eps
    v = a * eps - s * x0
    # Under autocast the matmuls run in bf16; the loss is taken in float32.
    pred = model(x_t, t, y, train=True).float()
    mse = ((pred - v) ** 2).mean(dim=(1, 2, 3))
    snr = (ab / (1 - ab).clamp_min(1e-8)).view(n)
    if weighting == "min-snr":
        weight = torch.clamp(snr, max=MIN_SNR_GAMMA) / (snr + 1)
    else:
        weight = torch.clamp(snr + 1, max=MIN_SNR_GAMMA + 1) / (snr + 1)
    return (weight * mse).mean(), mse


def mirror_some(x0, y):
    """Flips each image left-right with probability 1/2 where its category allows (dataset.MIRROR_SAFE)."""
    flip = (torch.rand(y.shape[0], device=y.device) < 0.5) & dataset.mirror_safe_mask(y)
    return torch.where(flip.view(-1, 1, 1, 1), x0.flip(3), x0)


def save_atomic(obj, path):
    tmp = path + ".tmp"
    torch.save(obj, tmp)
    os.replace(tmp, path)


def main(argv=None):
    args = parse_args(argv)
    if args.device == "cuda" and not torch.cuda.is_available():
        sys.exit("--device cuda: no CUDA device visible to PyTorch")
    device = torch.device(args.device)
    precision = args.precision or default_precision(args.device)
    autocast = torch.autocast(args.device, dtype=torch.bfloat16, enabled=precision == "bf16")
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    run = args.run or args.model
    run_dir = os.path.join(HERE, "runs", run)
    os.makedirs(run_dir, exist_ok=True)
    ckpt_path = os.path.join(run_dir, "ckpt.pt")

    data = dataset.load()
    train = data["heldout"] == 0
    images = torch.from_numpy(dataset.to_model_space(data["images"][train])).to(device)
    labels = torch.from_numpy(data["labels"][train]).to(device)
    weights = class_balanced_weights(data["labels"][train])

    base_steps = 0  # steps already in --init-from's weights, so exports count the whole history
    if args.init_from:
        st, meta = load_st(args.init_from)
        model = from_config(check_webdit(meta, args.init_from))
        model.load_state_dict({k: torch.from_numpy(np.asarray(v, dtype=np.float32)) for k, v in st.items()})
        base_steps = int(meta.get("training_steps", 0))
    else:
        model = DiT_models[args.model]()
    model.to(device)
    ema_names = [n.strip() for n in args.emas.split(",") if n.strip()]
    for n in ema_names:
        ema_decay(n, 1, None)  # an unknown name fails here, not after the first step
    emas = {}
    for n in ema_names:
        emas[n] = from_config(model.config).to(device)
        emas[n].load_state_dict(model.state_dict())
        emas[n].requires_grad_(False)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.99), weight_decay=args.weight_decay)
    step, trained_s = 0, 0.0
    if args.resume:
        if not os.path.exists(ckpt_path):
            sys.exit(f"--resume: no checkpoint at {ckpt_path}")
        ck = torch.load(ckpt_path, map_location=device)
        model.load_state_dict(ck["model"])
        saved = ck.get("emas", {"fixed-0.9995": ck.get("ema")})  # runs before several EMAs kept one
        for n, e in emas.items():
            e.load_state_dict(saved.get(n) or saved["fixed-0.9995"])
        opt.load_state_dict(ck["opt"])
        step, trained_s = ck["step"], ck["trained_seconds"]
        base_steps = ck.get("base_steps", 0)
        torch.set_rng_state(ck["torch_rng"].cpu())
        if args.device == "cuda" and "cuda_rng" in ck:
            torch.cuda.set_rng_state(ck["cuda_rng"].cpu())
        print(f"resumed {ckpt_path} at step {step}, {trained_s / 60:.1f} min trained", flush=True)
    params = sum(p.numel() for p in model.parameters())
    print(f"model {model.config['name']}: {params / 1e6:.2f}M parameters; {len(labels)} training images; "
          f"budget {args.minutes} min; {args.device} {precision}", flush=True)

    log_path = os.path.join(run_dir, "log.csv")
    new_log = not os.path.exists(log_path) or not args.resume
    log_file = open(log_path, "w" if new_log else "a", newline="")
    log = csv.writer(log_file)
    if new_log:
        log.writerow(["step", "minutes", "loss", "mse", "lr", "sec_per_step", "total_step"])

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
    while trained_s < budget_s and (args.max_steps is None or step < args.max_steps):
        t0 = time.time()
        idx = torch.multinomial(weights, args.batch, replacement=True).to(device)
        # The cosine runs over the time budget, or over --max-steps when given (A/B runs whose
        # step times differ must share one schedule per step).
        progress = step / args.max_steps if args.max_steps else trained_s / budget_s
        lr = lr_at(args, step, progress)
        for g in opt.param_groups:
            g["lr"] = lr
        with autocast:
            x0, y = images[idx], labels[idx]
            if args.hflip == "on":
                x0 = mirror_some(x0, y)
            loss, mse = training_loss(model, x0, y, args.weighting)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        fresh_step = None if (args.init_from or base_steps) else step
        with torch.no_grad():
            for n, e in emas.items():
                decay = ema_decay(n, base_steps + step, fresh_step)
                for pe, pm in zip(e.parameters(), model.parameters()):
                    pe.mul_(decay).add_(pm.detach(), alpha=1 - decay)
        step += 1
        trained_s += time.time() - t0
        window_loss += loss.detach()  # no per-step host sync (it stalls a GPU); read at log time
        window_mse += mse.detach().mean()
        window_n += 1
        if step % args.log_every == 0:
            window_loss, window_mse = float(window_loss), float(window_mse)
            sps = (time.time() - window_t) / window_n
            log.writerow([step, f"{trained_s / 60:.2f}", f"{window_loss / window_n:.5f}", f"{window_mse / window_n:.5f}",
                          f"{lr:.6f}", f"{sps:.3f}", base_steps + step])
            log_file.flush()
            print(f"step {step} min {trained_s / 60:.1f} loss {window_loss / window_n:.4f} "
                  f"mse {window_mse / window_n:.4f} lr {lr:.2e} {sps:.2f}s/step", flush=True)
            window_loss, window_mse, window_n, window_t = 0.0, 0.0, 0, time.time()
        done = trained_s >= budget_s or (args.max_steps is not None and step >= args.max_steps)
        if time.time() - last_ckpt > args.ckpt_minutes * 60 or done or stop["requested"]:
            ck = {"model": model.state_dict(), "emas": {n: e.state_dict() for n, e in emas.items()}, "opt": opt.state_dict(), "step": step,
                  "trained_seconds": trained_s, "base_steps": base_steps, "config": model.config, "args": vars(args),
                  "torch_rng": torch.get_rng_state()}
            if args.device == "cuda":
                ck["cuda_rng"] = torch.cuda.get_rng_state()
            save_atomic(ck, ckpt_path)
            last_ckpt = time.time()
            if stop["requested"]:
                break
    log_file.close()
    print(f"done: {step} steps, {trained_s / 60:.1f} min; checkpoint {ckpt_path}", flush=True)


if __name__ == "__main__":
    main()
