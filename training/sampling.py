"""Cosine schedule and the samplers of docs/MODEL.md, mirroring shared/.../sampling/Sampler.java.

Runs in float64 so golden runs are the exact math; initial noise and DDPM noise come from rng.py.
"""
import math

import numpy as np
import torch

import rng

S = 0.008
ALPHA_BAR_MIN = 1e-6


def alpha_bar(t):
    f = math.cos((t + S) / (1 + S) * math.pi / 2)
    f0 = math.cos(S / (1 + S) * math.pi / 2)
    return max(ALPHA_BAR_MIN, min(1.0, (f * f) / (f0 * f0)))


def alpha_bar_torch(t):
    """Vectorised alpha_bar for training (t: tensor in [0, 1])."""
    f = torch.cos((t + S) / (1 + S) * math.pi / 2)
    f0 = math.cos(S / (1 + S) * math.pi / 2)
    return (f * f / (f0 * f0)).clamp(ALPHA_BAR_MIN, 1.0)


def alpha(t):
    return math.sqrt(alpha_bar(t))


def sigma(t):
    return math.sqrt(1.0 - alpha_bar(t))


def lam(t):
    return math.log(alpha(t) / sigma(t))


def time(i, n):
    return 1.0 - i / n


# The product's guidance interval (lo, hi] in t: Limits.DEFAULT_GUIDANCE in shared/.../product/Limits.java,
# which test_training.py checks this against.
PRODUCT_GUIDANCE = (0.0, 1.0)


def guided_at(t, interval):
    """Whether guidance applies to a step whose (double) model time is t: t in (lo, hi]
    (GuidanceInterval.java, docs/MODEL.md "Guidance interval"). (0, 1] guides every step."""
    return interval[0] < t <= interval[1]


@torch.no_grad()
def sample(model, seed, label, sampler, steps, cfg_scale, dtype=torch.float64, interval=(0.0, 1.0)):
    """One (C, H, W) image as a float64 numpy array; model must be in `dtype`. Guidance applies on
    the steps whose t lies in `interval`, the conditional model alone elsewhere."""
    cfg = model.config
    shape = (cfg["channels"], cfg["image_size"], cfg["image_size"])
    n_values = int(np.prod(shape))
    x = rng.gaussian(seed, 0, n_values).astype(np.float64).reshape(shape)
    y = torch.tensor([label])
    prev_x0 = None
    for i in range(steps):
        s, t = time(i, steps), time(i + 1, steps)
        xt = torch.from_numpy(x[None]).to(dtype)
        ts = torch.tensor([float(np.float32(s))], dtype=dtype)  # t travels as float32, as in Java
        if label == cfg["num_classes"] or not guided_at(s, interval):
            v = model(xt, ts, y)
        else:
            v = model.forward_with_cfg(xt, ts, y, float(np.float32(cfg_scale)))
        v = v[0].double().numpy()
        x0 = np.clip(alpha(s) * x - sigma(s) * v, -1.0, 1.0)
        if sampler == "ddim":
            eps = (x - alpha(s) * x0) / sigma(s)
            x = alpha(t) * x0 + sigma(t) * eps
        elif sampler == "ddpm":
            as_, at = alpha(s), alpha(t)
            ss2, st2 = 1 - alpha_bar(s), 1 - alpha_bar(t)
            a_ts = as_ / at
            s_ts2 = ss2 - a_ts * a_ts * st2
            mean = (at * s_ts2 / ss2) * x0 + (a_ts * st2 / ss2) * x
            std = math.sqrt(max(0.0, s_ts2 * st2 / ss2))
            x = mean + std * rng.gaussian(seed, i + 1, n_values).astype(np.float64).reshape(shape) if std > 0 else mean
        elif sampler == "dpmpp2m":
            if sigma(t) == 0.0:
                x = x0
            else:
                h = lam(t) - lam(s)
                ratio = sigma(t) / sigma(s)
                coef = -alpha(t) * math.expm1(-h)
                if prev_x0 is None:
                    d = x0
                else:
                    r = (lam(s) - lam(time(i - 1, steps))) / h
                    d = (1 + 1 / (2 * r)) * x0 - (1 / (2 * r)) * prev_x0
                x = ratio * x + coef * d
        else:
            raise ValueError(f"unknown sampler {sampler!r} (known: ddpm, ddim, dpmpp2m)")
        prev_x0 = x0
    return x
