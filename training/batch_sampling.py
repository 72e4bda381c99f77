"""Batched sampling for evaluation: many images at once, float32 by default, the same math as
sampling.py / shared/.../sampling (every sampler as x' = c_x0 x0 + c_x x + c_prev x0_prev + c_z z
with coefficients in float64), so one (seed, label, sampler, steps, cfg) gives the same image as
the Java CPU reference and the WGSL engine, up to float rounding.
"""
import math

import numpy as np
import torch

import rng
import sampling as S


def coefficients(kind, steps):
    """[(t, alpha_s, sigma_s, c_x0, c_x, c_prev, c_z, stream)] per step, as StepCoefficients.java."""
    out = []
    for i in range(steps):
        s, t = S.time(i, steps), S.time(i + 1, steps)
        a_s, s_s, a_t, s_t = S.alpha(s), S.sigma(s), S.alpha(t), S.sigma(t)
        if kind == "ddim":
            out.append((s, a_s, s_s, a_t - s_t * a_s / s_s, s_t / s_s, 0.0, 0.0, 0))
        elif kind == "ddpm":
            ss2, st2 = 1 - S.alpha_bar(s), 1 - S.alpha_bar(t)
            a_ts = a_s / a_t
            s_ts2 = ss2 - a_ts * a_ts * st2
            std = math.sqrt(max(0.0, s_ts2 * st2 / ss2))
            out.append((s, a_s, s_s, a_t * s_ts2 / ss2, a_ts * st2 / ss2, 0.0, std, i + 1))
        elif kind == "dpmpp2m":
            if s_t == 0.0:
                out.append((s, a_s, s_s, 1.0, 0.0, 0.0, 0.0, 0))
                continue
            h = S.lam(t) - S.lam(s)
            coef = -a_t * math.expm1(-h)
            if i == 0:
                out.append((s, a_s, s_s, coef, s_t / s_s, 0.0, 0.0, 0))
            else:
                r = (S.lam(s) - S.lam(S.time(i - 1, steps))) / h
                c0 = 1.0 / (2.0 * r)
                out.append((s, a_s, s_s, coef * (1 + c0), s_t / s_s, -coef * c0, 0.0, 0))
        else:
            raise ValueError(f"unknown sampler {kind!r} (known: ddpm, ddim, dpmpp2m)")
    return out


def noise(seeds, stream, shape):
    n = int(np.prod(shape))
    return np.stack([rng.gaussian(int(s), stream, n).reshape(shape) for s in seeds])


@torch.no_grad()
def sample(model, seeds, labels, kind, steps, cfg_scale, dtype=torch.float32, interval=(0.0, 1.0)):
    """(N, C, H, W) numpy images for per-image seeds and labels; guidance only on steps whose t lies
    in `interval`, the conditional model alone (one forward) on the others."""
    c = model.config
    shape = (c["channels"], c["image_size"], c["image_size"])
    null = c["num_classes"]
    labels = torch.tensor(labels)
    x = torch.from_numpy(noise(seeds, 0, shape)).to(dtype)
    prev = torch.zeros_like(x)
    guided = cfg_scale != 1.0
    for (t, a_s, s_s, c_x0, c_x, c_prev, c_z, stream) in coefficients(kind, steps):
        ts = torch.full((len(seeds),), float(np.float32(t)), dtype=dtype)
        if guided and S.guided_at(t, interval):  # the double t, as Java compares it
            v2 = model(torch.cat([x, x]), torch.cat([ts, ts]), torch.cat([labels, torch.full_like(labels, null)]))
            v_c, v_u = v2.chunk(2)
            # Rows whose label is already the null label need no guidance (matches the Java sampler).
            v = torch.where((labels == null).view(-1, 1, 1, 1), v_c, v_u + float(np.float32(cfg_scale)) * (v_c - v_u))
        else:
            v = model(x, ts, labels)
        x0 = (a_s * x - s_s * v).clamp(-1, 1)
        nxt = c_x0 * x0 + c_x * x + c_prev * prev
        if c_z != 0.0:
            nxt = nxt + c_z * torch.from_numpy(noise(seeds, stream, shape)).to(dtype)
        x, prev = nxt, x0
    return x.numpy()
