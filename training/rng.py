"""Philox4x32-10 and the Gaussian numbers of docs/MODEL.md, bit-identical to shared/.../rng.

gaussian(seed, stream, index): r = philox(key=(seed, 0), counter=(index // 4, stream, 0, 0)),
u_j = ((r_j >> 9) + 0.5) * 2^-23 (exact in float32), z = sqrt(-2 ln u0) * (cos, sin)(2 pi u1), likewise (u2, u3);
the value is z_(index % 4). Vectorised in numpy with uint64 products.
"""
import numpy as np

M0, M1 = np.uint64(0xD2511F53), np.uint64(0xCD9E8D57)
W0, W1 = 0x9E3779B9, 0xBB67AE85
MASK = np.uint64(0xFFFFFFFF)


def philox4x32_10(c0, c1, c2, c3, k0, k1):
    """Counters are uint32 arrays (broadcastable), keys Python ints; returns four uint32 arrays."""
    c = [np.asarray(v, dtype=np.uint64) & MASK for v in (c0, c1, c2, c3)]
    k0, k1 = int(k0) & 0xFFFFFFFF, int(k1) & 0xFFFFFFFF
    for rnd in range(10):
        if rnd > 0:
            k0 = (k0 + W0) & 0xFFFFFFFF
            k1 = (k1 + W1) & 0xFFFFFFFF
        p0 = M0 * c[0]
        p1 = M1 * c[2]
        hi0, lo0 = p0 >> np.uint64(32), p0 & MASK
        hi1, lo1 = p1 >> np.uint64(32), p1 & MASK
        c = [hi1 ^ c[1] ^ np.uint64(k0), lo1, hi0 ^ c[3] ^ np.uint64(k1), lo0]
    return [v.astype(np.uint32) for v in c]


def uniform(words):
    return ((words.astype(np.uint64) >> np.uint64(9)).astype(np.float64) + 0.5) * (1.0 / 8388608.0)


def gaussian(seed, stream, n):
    """gaussian(seed, stream, i) for i in [0, n) as float32."""
    blocks = (n + 3) // 4
    ctr = np.arange(blocks, dtype=np.uint64)
    r = philox4x32_10(ctr, np.full(blocks, stream), 0, 0, seed, 0)
    out = np.empty((blocks, 4), dtype=np.float64)
    for pair in (0, 1):
        radius = np.sqrt(-2.0 * np.log(uniform(r[2 * pair])))
        angle = 2.0 * np.pi * uniform(r[2 * pair + 1])
        out[:, 2 * pair] = radius * np.cos(angle)
        out[:, 2 * pair + 1] = radius * np.sin(angle)
    return out.reshape(-1)[:n].astype(np.float32)
