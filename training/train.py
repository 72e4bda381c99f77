"""Trains the WebDiT favicon model (DiT-style CLI), on CPU or on an NVIDIA GPU.

  /usr/bin/python3 training/train.py --model small --minutes 130            # fresh run
  /usr/bin/python3 training/train.py --model small --minutes 130 --resume   # continue after a kill
  /usr/bin/python3 training/train.py --init-from weights/webdit-small-f16-<hash>.safetensors --minutes 60
  python3 training/train.py --device cuda --init-from weights/... --minutes 9 [--resume]   # on a GPU
  torchrun --standalone --nproc_per_node 8 training/train.py --device cuda --batch 384 --minutes 60  # 8 GPUs

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
images). Checkpoints atomically every few minutes to training/runs/<run>/ckpt.pt (--runs-dir), so
a kill loses at most that much; --resume picks the run up where it stopped, LR schedule included.

Under torchrun (WORLD_SIZE > 1; README: "Training on a multi-GPU box or a cluster") the same flags
train with DistributedDataParallel, nccl on GPUs and gloo on CPUs. --batch is the global batch:
every process draws all of a step's random choices for the whole batch from the one seeded
generator (draw_step) and trains on its equal slice, and DDP averages the gradients, so a run is
the one a single process computes, up to float rounding (test_distributed.py). Rank 0 keeps the
EMAs, writes log.csv and the checkpoint, and its clock sets the time budget and the LR schedule
for all (Workers); a checkpoint resumes under any number of processes.
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
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dataset  # noqa: E402
from models import DiT_models, from_config, with_long_skips  # noqa: E402
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
    p.add_argument("--runs-dir", default=os.path.join(HERE, "runs"), help="where <run>/ holds log.csv and ckpt.pt")
    p.add_argument("--resume", action="store_true", help="continue <runs-dir>/<run>/ckpt.pt")
    p.add_argument("--init-from", default=None, help="start from a shipped weight file (fine-tuning)")
    p.add_argument("--batch", type=int, default=48, help="global batch: under torchrun each process takes an equal slice")
    p.add_argument("--lr", type=float, default=6e-4)
    p.add_argument("--min-lr-ratio", type=float, default=0.1)
    p.add_argument("--warmup", type=int, default=300, help="warmup steps")
    p.add_argument("--weight-decay", type=float, default=0.0)
    p.add_argument("--emas", default=",".join(EMA_NAMES),
                   help="EMAs kept side by side (see ema_decay): 'fixed-<decay>' or 'power-<sigma_rel>'; "
                        "export.py --ema picks the shipped one")
    p.add_argument("--ckpt-minutes", type=float, default=5.0)
    p.add_argument("--threads", type=int, default=2, help="CPU threads per process")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--weighting", choices=["snr1-trunc", "min-snr"], default="snr1-trunc",
                   help="loss weight per noise level (see training_loss)")
    p.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    p.add_argument("--precision", choices=["bf16", "fp32"], default=None,
                   help="autocast precision of forward and loss; master weights, Adam state and EMA stay "
                        "float32 (default: bf16 where the device computes it natively, else fp32)")
    p.add_argument("--long-skips", action="store_true",
                   help="add U-ViT long skips at [I | 0] to a model without them (the function is unchanged at the start)")
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


def training_loss(model, x0, y, weighting="snr1-trunc", t=None, eps=None, drop=None):
    """Weighted v-prediction MSE; returns (loss, per-sample unweighted MSE).

    In x0 terms the v-MSE is (SNR + 1) * ||x0 - x0_hat||^2. "snr1-trunc" caps that factor at
    gamma + 1, i.e. weight min(SNR + 1, gamma + 1) / (SNR + 1) on the v-MSE: full weight wherever
    SNR <= gamma, less only on the easy low-noise steps (Min-SNR's intent). Plain "min-snr"
    (Hang et al. 2023, min(SNR, gamma) / (SNR + 1) for v) also goes to zero as SNR -> 0: measured
    here, it left t ~ 1 untrained (x0 MSE at t = 1 was 0.58, worse than the mean image's 0.39), so
    every sampler's first step started from garbage.

    t, the noise eps and the label-dropout mask drop are drawn here (drop inside the model) unless
    given; main() gives them, drawn for the global batch (draw_step).
    """
    n = x0.shape[0]
    if t is None:
        t = torch.rand(n, device=x0.device)
    ab = alpha_bar_torch(t).view(n, 1, 1, 1)
    if eps is None:
        eps = torch.randn_like(x0)
    a, s = ab.sqrt(), (1 - ab).sqrt()
    x_t = a * x0 + s * eps
    v = a * eps - s * x0
    if drop is not None:  # what LabelEmbedder does with train=True, with the given mask
        null = getattr(model, "module", model).config["num_classes"]  # under DDP the model is .module
        y = torch.where(drop, torch.full_like(y, null), y)
    # Under autocast the matmuls run in bf16; the loss is taken in float32.
    pred = model(x_t, t, y, train=drop is None).float()
    mse = ((pred - v) ** 2).mean(dim=(1, 2, 3))
    snr = (ab / (1 - ab).clamp_min(1e-8)).view(n)
    if weighting == "min-snr":
        weight = torch.clamp(snr, max=MIN_SNR_GAMMA) / (snr + 1)
    else:
        weight = torch.clamp(snr + 1, max=MIN_SNR_GAMMA + 1) / (snr + 1)
    return (weight * mse).mean(), mse


def mirror_some(x0, y, flip=None):
    """Flips each image left-right with probability 1/2 where its category allows (dataset.MIRROR_SAFE).

    flip: the coins (True: flip if allowed), drawn here unless given.
    """
    if flip is None:
        flip = torch.rand(y.shape[0], device=y.device) < 0.5
    flip = flip & dataset.mirror_safe_mask(y)
    return torch.where(flip.view(-1, 1, 1, 1), x0.flip(3), x0)


def draw_step(weights, batch, image_shape, device, hflip, label_dropout):
    """Every random choice of one step, for the whole global batch: (indices, mirror coins, t, noise,
    label-dropout mask), in the order one process has always drawn them, so a seed gives the same run.

    Every process draws all of them from the same seeded generator and keeps its own slice
    (Workers.part): a step trains on the same batch whatever the number of processes.
    """
    idx = torch.multinomial(weights, batch, replacement=True).to(device)
    flip = torch.rand(batch, device=device) < 0.5 if hflip else None
    t = torch.rand(batch, device=device)
    eps = torch.randn(batch, *image_shape, device=device)
    drop = torch.rand(batch, device=device) < label_dropout if label_dropout > 0 else None
    return idx, flip, t, eps, drop


def batch_slice(batch, rank, size):
    """Process `rank`'s equal slice of a global batch shared by `size` processes."""
    if batch % size:
        sys.exit(f"--batch {batch} does not divide among {size} processes: "
                 f"give a multiple of {size} (--batch is the global batch)")
    n = batch // size
    return slice(rank * n, (rank + 1) * n)


class Workers:
    """The processes torchrun started (WORLD_SIZE > 1), or this one alone (then every method is the identity).

    Rank 0 leads: it alone keeps the EMAs and writes log.csv and checkpoints. Every process follows
    its clock (time budget and LR schedule) and its checkpoint, and all stop on the same step when
    any one is asked to (SIGTERM, Ctrl-C). DistributedDataParallel averages the gradients: with equal
    slices, the mean of the per-process mean losses is the global batch's mean, as in one process.
    """

    def __init__(self, device_kind):
        self.size = int(os.environ.get("WORLD_SIZE", "1"))
        self.rank = int(os.environ["RANK"]) if self.size > 1 else 0
        self.local_rank = int(os.environ["LOCAL_RANK"]) if self.size > 1 else 0
        self.lead = self.rank == 0
        if self.size > 1:
            if device_kind == "cuda":
                torch.cuda.set_device(self.local_rank)
            dist.init_process_group("nccl" if device_kind == "cuda" else "gloo")
            # The clock, the stop flag and the checkpoint travel on the CPU through gloo, even
            # beside nccl, so agreeing on them every step never waits for the GPU's queue.
            self.control = dist.new_group(backend="gloo") if device_kind == "cuda" else dist.group.WORLD
            # Tensors handed to gloo stay referenced here until close(): see close().
            self._flags = torch.zeros(2, dtype=torch.float64)
            self._means = None

    def device(self, kind):
        return torch.device(kind, self.local_rank) if kind == "cuda" and self.size > 1 else torch.device(kind)

    def part(self, batch):
        return batch_slice(batch, self.rank, self.size)

    def agree(self, trained_s, stop):
        """Rank 0's training clock, and whether any process was asked to stop."""
        if self.size == 1:
            return trained_s, stop
        self._flags[0] = trained_s if self.lead else 0.0
        self._flags[1] = 1.0 if stop else 0.0
        dist.all_reduce(self._flags, group=self.control)
        return float(self._flags[0]), bool(self._flags[1] > 0)

    def mean(self, *values):
        """Scalar tensors averaged over the processes."""
        if self.size == 1:
            return values
        self._means = torch.stack(values)
        dist.all_reduce(self._means)
        return tuple(self._means / self.size)

    def share(self, obj):
        """Rank 0's obj, on every process."""
        if self.size == 1:
            return obj
        box = [obj]
        dist.broadcast_object_list(box, src=0, group=self.control)
        return box[0]

    def barrier(self):
        if self.size > 1:
            dist.barrier(group=self.control)

    def close(self):
        """Tears the process groups down; call it after the last reference to the DDP wrapper is gone.

        PyTorch 1.13's gloo group joins its worker threads in its destructor while holding the GIL;
        a worker that is just then freeing the last reference to a Python-made tensor needs the GIL,
        and both wait forever. So the tensors given to gloo stay referenced here until the group
        is gone, and the barrier lets the workers finish while this thread waits without the GIL.
        """
        if self.size > 1:
            dist.barrier(group=self.control)
            dist.destroy_process_group()


def save_atomic(obj, path):
    tmp = path + ".tmp"
    torch.save(obj, tmp)
    os.replace(tmp, path)


def main(argv=None):
    args = parse_args(argv)
    if args.device == "cuda" and not torch.cuda.is_available():
        sys.exit("--device cuda: no CUDA device visible to PyTorch")
    workers = Workers(args.device)
    part = workers.part(args.batch)
    device = workers.device(args.device)
    precision = args.precision or default_precision(args.device)
    autocast = torch.autocast(args.device, dtype=torch.bfloat16, enabled=precision == "bf16")
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)  # the same seed in every process: they draw the same global batches
    run = args.run or args.model
    run_dir = os.path.join(args.runs_dir, run)
    if workers.lead:
        os.makedirs(run_dir, exist_ok=True)
    ckpt_path = os.path.join(run_dir, "ckpt.pt")

    if workers.local_rank != 0:
        workers.barrier()  # the first process on each machine builds a missing dataset cache alone
    data = dataset.load()
    if workers.local_rank == 0:
        workers.barrier()
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
    if args.long_skips and not model.config.get("long_skips"):
        model = with_long_skips(model)
    model.to(device)
    ema_names = [n.strip() for n in args.emas.split(",") if n.strip()]
    for n in ema_names:
        ema_decay(n, 1, None)  # an unknown name fails here, not after the first step
    emas = {}  # rank 0's alone
    for n in ema_names:
        ema = from_config(model.config)  # built in every process: its initialisation draws from the generator
        if workers.lead:
            emas[n] = ema.to(device)
            emas[n].load_state_dict(model.state_dict())
            emas[n].requires_grad_(False)
    # The batches depend on the seed alone, not on how many draws building the model took, so two
    # architectures trained from one seed (an A/B of long skips) see the same images, times and noise.
    torch.manual_seed(args.seed)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.99), weight_decay=args.weight_decay)
    step, trained_s = 0, 0.0
    if args.resume:
        # Rank 0 reads the checkpoint and hands the rest what they need: the checkpoint is written
        # for any number of processes (global batch, one generator) and continues under any number.
        state = None
        if workers.lead and os.path.exists(ckpt_path):
            ck = torch.load(ckpt_path, map_location="cpu")
            saved = ck.get("emas", {"fixed-0.9995": ck.get("ema")})  # runs before several EMAs kept one
            for n, e in emas.items():
                e.load_state_dict(saved.get(n) or saved["fixed-0.9995"])
            state = {k: ck[k] for k in ("model", "opt", "step", "trained_seconds", "torch_rng", "cuda_rng") if k in ck}
            state["base_steps"] = ck.get("base_steps", 0)
        state = workers.share(state)
        if state is None:
            sys.exit(f"--resume: no checkpoint at {ckpt_path}")
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["opt"])
        step, trained_s = state["step"], state["trained_seconds"]
        base_steps = state["base_steps"]
        torch.set_rng_state(state["torch_rng"].cpu())
        if args.device == "cuda" and "cuda_rng" in state:
            torch.cuda.set_rng_state(state["cuda_rng"].cpu())
        if workers.lead:
            print(f"resumed {ckpt_path} at step {step}, {trained_s / 60:.1f} min trained", flush=True)
    net = model  # what the step runs: under torchrun, DDP around the model, averaging gradients
    if workers.size > 1:
        # Construction copies rank 0's weights to every process. pos_embed, the only buffer, is a constant.
        net = DistributedDataParallel(model, device_ids=[workers.local_rank] if args.device == "cuda" else None,
                                      broadcast_buffers=False)
    params = sum(p.numel() for p in model.parameters())
    if workers.lead:
        print(f"model {model.config['name']}: {params / 1e6:.2f}M parameters; {len(labels)} training images; "
              f"budget {args.minutes} min; {args.device} {precision}"
              + (f"; {workers.size} processes, {args.batch // workers.size} images each" if workers.size > 1 else ""),
              flush=True)

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
    net.train()
    while trained_s < budget_s and (args.max_steps is None or step < args.max_steps):
        t0 = time.time()
        draws = draw_step(weights, args.batch, images.shape[1:], device, args.hflip == "on",
                          model.y_embedder.dropout_prob)
        idx, flip, t, eps, drop = (None if d is None else d[part] for d in draws)
        # The cosine runs over the time budget (rank 0's clock under torchrun), or over --max-steps
        # when given (A/B runs whose step times differ must share one schedule per step).
        progress = step / args.max_steps if args.max_steps else trained_s / budget_s
        lr = lr_at(args, step, progress)
        for g in opt.param_groups:
            g["lr"] = lr
        with autocast:
            x0, y = images[idx], labels[idx]
            if flip is not None:
                x0 = mirror_some(x0, y, flip)
            loss, mse = training_loss(net, x0, y, args.weighting, t, eps, drop)
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
        # Every process decides on the same numbers: rank 0's clock, and a signal that any one caught.
        trained_s, stopping = workers.agree(trained_s, stop["requested"])
        window_loss += loss.detach()  # no per-step host sync (it stalls a GPU); read at log time
        window_mse += mse.detach().mean()
        window_n += 1
        if step % args.log_every == 0:
            window_loss, window_mse = (float(v) for v in workers.mean(window_loss, window_mse))
            sps = (time.time() - window_t) / window_n
            if workers.lead:
                log.writerow([step, f"{trained_s / 60:.2f}", f"{window_loss / window_n:.5f}", f"{window_mse / window_n:.5f}",
                              f"{lr:.6f}", f"{sps:.3f}", base_steps + step])
                log_file.flush()
                print(f"step {step} min {trained_s / 60:.1f} loss {window_loss / window_n:.4f} "
                      f"mse {window_mse / window_n:.4f} lr {lr:.2e} {sps:.2f}s/step", flush=True)
            window_loss, window_mse, window_n, window_t = 0.0, 0.0, 0, time.time()
        done = trained_s >= budget_s or (args.max_steps is not None and step >= args.max_steps)
        if workers.lead and (time.time() - last_ckpt > args.ckpt_minutes * 60 or done or stopping):
            ck = {"model": model.state_dict(), "emas": {n: e.state_dict() for n, e in emas.items()}, "opt": opt.state_dict(), "step": step,
                  "trained_seconds": trained_s, "base_steps": base_steps, "config": model.config, "args": vars(args),
                  "torch_rng": torch.get_rng_state()}
            if args.device == "cuda":
                ck["cuda_rng"] = torch.cuda.get_rng_state()
            save_atomic(ck, ckpt_path)
            last_ckpt = time.time()
        if stopping:
            break
    if workers.lead:
        log_file.close()
        print(f"done: {step} steps, {trained_s / 60:.1f} min; checkpoint {ckpt_path}", flush=True)
    del net  # DDP's reducer holds the process group: let close() be the one that ends it
    workers.close()


if __name__ == "__main__":
    main()
