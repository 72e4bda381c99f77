"""The WebDiT model in PyTorch: the single readable definition that docs/MODEL.md describes.

Class and tensor names match the Java CPU reference (shared/.../model) and the WGSL engine:
PatchEmbed (x_embedder), TimestepEmbedder, LabelEmbedder, DiTBlock, FinalLayer, final_conv.
Written for Debian's python3-torch (1.13): no scaled_dot_product_attention, plain ops only.
"""
import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

LAYER_NORM_EPS = 1e-6
TIME_SCALE = 1000.0  # continuous t in [0, 1] -> DiT's usual [0, 1000] before the sinusoid


def modulate(x, shift, scale):
    # x: (N, T, D); shift, scale: (N, D)
    return x * (1 + scale.unsqueeze(1)) + shift.unsqueeze(1)


class TimestepEmbedder(nn.Module):
    """t -> [cos, sin](1000 t f_i) -> Linear -> SiLU -> Linear."""

    def __init__(self, hidden_size, freq_dim):
        super().__init__()
        self.freq_dim = freq_dim
        self.mlp = nn.Sequential(nn.Linear(freq_dim, hidden_size), nn.SiLU(), nn.Linear(hidden_size, hidden_size))

    @staticmethod
    def timestep_embedding(t, dim):
        half = dim // 2
        freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float64) / half).to(t.device)
        args = TIME_SCALE * t.to(torch.float64)[:, None] * freqs[None]
        return torch.cat([torch.cos(args), torch.sin(args)], dim=-1)

    def forward(self, t):
        emb = self.timestep_embedding(t, self.freq_dim).to(self.mlp[0].weight.dtype)
        return self.mlp(emb)  # (N, D)


class LabelEmbedder(nn.Module):
    """num_classes + 1 vectors; index num_classes is the null label used for classifier-free guidance."""

    def __init__(self, num_classes, hidden_size, dropout_prob=0.1):
        super().__init__()
        self.num_classes = num_classes
        self.dropout_prob = dropout_prob
        self.embedding_table = nn.Embedding(num_classes + 1, hidden_size)

    def forward(self, y, train=False):
        if train and self.dropout_prob > 0:
            drop = torch.rand(y.shape[0], device=y.device) < self.dropout_prob
            y = torch.where(drop, torch.full_like(y, self.num_classes), y)
        return self.embedding_table(y)


class PatchEmbed(nn.Module):
    """Stride-p Conv2d from (N, C, H, W) to (N, T, D) tokens, row-major over patches."""

    def __init__(self, patch_size, channels, hidden_size):
        super().__init__()
        self.proj = nn.Conv2d(channels, hidden_size, kernel_size=patch_size, stride=patch_size, bias=True)

    def forward(self, x):
        return self.proj(x).flatten(2).transpose(1, 2)  # (N, T, D)


class Attention(nn.Module):
    def __init__(self, dim, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        n, t, d = x.shape
        h = self.num_heads
        qkv = self.qkv(x).reshape(n, t, 3, h, d // h).permute(2, 0, 3, 1, 4)  # (3, N, H, T, hd)
        q, k, v = qkv[0], qkv[1], qkv[2]
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(d // h))  # (N, H, T, T)
        att = att.softmax(dim=-1)
        out = (att @ v).transpose(1, 2).reshape(n, t, d)
        return self.proj(out)


class Mlp(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x), approximate="tanh"))


def skip_source(depth, index):
    """The block whose output feeds block `index` through a long skip (U-ViT), or None.

    Block i of the first half feeds block depth-1-i. The pair that meets in the middle is left out
    when it is adjacent: there the skip would be the block's own input. depth 6 -> 0->5, 1->4.
    """
    source = depth - 1 - index
    return source if source < index - 1 else None


class DiTBlock(nn.Module):
    """adaLN-Zero block: x += gate1 * Attn(mod(LN(x))); x += gate2 * MLP(mod(LN(x))).

    With a long skip the block first mixes its input with an earlier block's output:
    x = skip_linear([x | skip]), a Linear(2D -> D) that starts as [I | 0] (the block unchanged).
    """

    def __init__(self, dim, num_heads, mlp_ratio, long_skip=False):
        super().__init__()
        self.skip_linear = nn.Linear(2 * dim, dim) if long_skip else None
        self.norm1 = nn.LayerNorm(dim, elementwise_affine=False, eps=LAYER_NORM_EPS)
        self.attn = Attention(dim, num_heads)
        self.norm2 = nn.LayerNorm(dim, elementwise_affine=False, eps=LAYER_NORM_EPS)
        self.mlp = Mlp(dim, dim * mlp_ratio)
        self.adaLN_modulation = nn.Sequential(nn.SiLU(), nn.Linear(dim, 6 * dim))

    def forward(self, x, c, skip=None):
        if self.skip_linear is not None:
            x = self.skip_linear(torch.cat([x, skip], dim=-1))
        shift1, scale1, gate1, shift2, scale2, gate2 = self.adaLN_modulation(c).chunk(6, dim=1)
        x = x + gate1.unsqueeze(1) * self.attn(modulate(self.norm1(x), shift1, scale1))
        x = x + gate2.unsqueeze(1) * self.mlp(modulate(self.norm2(x), shift2, scale2))
        return x


class FinalLayer(nn.Module):
    """adaLN modulate + Linear to p*p*C values per token (index (dy*p + dx)*C + c)."""

    def __init__(self, dim, patch_size, channels):
        super().__init__()
        self.norm_final = nn.LayerNorm(dim, elementwise_affine=False, eps=LAYER_NORM_EPS)
        self.linear = nn.Linear(dim, patch_size * patch_size * channels)
        self.adaLN_modulation = nn.Sequential(nn.SiLU(), nn.Linear(dim, 2 * dim))

    def forward(self, x, c):
        shift, scale = self.adaLN_modulation(c).chunk(2, dim=1)
        return self.linear(modulate(self.norm_final(x), shift, scale))


@torch.no_grad()
def init_skip_identity(linear):
    """[I | 0], bias 0: the output is the block's own input, so a model without skips carries over."""
    dim = linear.out_features
    linear.weight.zero_()
    linear.weight[:, :dim] = torch.eye(dim)
    linear.bias.zero_()


def with_long_skips(model):
    """The same function with long skips added at [I | 0]: training continues from a plain model's weights."""
    config = dict(model.config, long_skips=True)
    skipped = from_config(config)
    missing, unexpected = skipped.load_state_dict(model.state_dict(), strict=False)
    assert not unexpected and all(".skip_linear." in k for k in missing), (missing, unexpected)
    for block in skipped.blocks:
        if block.skip_linear is not None:
            init_skip_identity(block.skip_linear)
    return skipped


def sincos_1d(n, pos):
    quarter = n // 2
    omega = 10000.0 ** (-np.arange(quarter, dtype=np.float64) / quarter)
    out = np.outer(pos.reshape(-1), omega)
    return np.concatenate([np.sin(out), np.cos(out)], axis=1)


def pos_embed_2d(dim, grid):
    """Token (r, c) -> [sincos(dim/2, c), sincos(dim/2, r)], float64 (grid*grid, dim)."""
    rows, cols = np.meshgrid(np.arange(grid), np.arange(grid), indexing="ij")
    return np.concatenate([sincos_1d(dim // 2, cols), sincos_1d(dim // 2, rows)], axis=1)


class DiT(nn.Module):
    """Diffusion transformer with adaLN-Zero, predicting v for (N, C, H, W) images in [-1, 1]."""

    def __init__(self, name, image_size=32, channels=4, patch_size=4, hidden_size=192, depth=6,
                 num_heads=6, mlp_ratio=4, num_classes=9, freq_dim=256, final_conv=True, long_skips=False, class_dropout=0.1):
        super().__init__()
        self.config = dict(name=name, image_size=image_size, channels=channels, patch_size=patch_size,
                           hidden_size=hidden_size, depth=depth, num_heads=num_heads, mlp_ratio=mlp_ratio,
                           num_classes=num_classes, freq_dim=freq_dim, final_conv=final_conv, long_skips=long_skips)
        self.channels = channels
        self.patch_size = patch_size
        self.x_embedder = PatchEmbed(patch_size, channels, hidden_size)
        self.t_embedder = TimestepEmbedder(hidden_size, freq_dim)
        self.y_embedder = LabelEmbedder(num_classes, hidden_size, class_dropout)
        grid = image_size // patch_size
        # Fixed, not learned, and not saved: every implementation computes it from the formula.
        self.register_buffer("pos_embed", torch.from_numpy(pos_embed_2d(hidden_size, grid)).float()[None],
                             persistent=False)
        self.skip_sources = [skip_source(depth, j) if long_skips else None for j in range(depth)]
        self.blocks = nn.ModuleList([DiTBlock(hidden_size, num_heads, mlp_ratio, long_skip=src is not None)
                                     for src in self.skip_sources])
        self.final_layer = FinalLayer(hidden_size, patch_size, channels)
        self.final_conv = nn.Conv2d(channels, channels, 3, padding=1) if final_conv else None
        self.initialize_weights()

    def initialize_weights(self):
        def _basic_init(m):
            if isinstance(m, nn.Linear):
                nn.init.xavier_uniform_(m.weight)
                nn.init.zeros_(m.bias)
        self.apply(_basic_init)
        w = self.x_embedder.proj.weight.data
        nn.init.xavier_uniform_(w.view(w.shape[0], -1))
        nn.init.zeros_(self.x_embedder.proj.bias)
        nn.init.normal_(self.y_embedder.embedding_table.weight, std=0.02)
        nn.init.normal_(self.t_embedder.mlp[0].weight, std=0.02)
        nn.init.normal_(self.t_embedder.mlp[2].weight, std=0.02)
        # adaLN-Zero: every block starts as the identity, and so does the output.
        for block in self.blocks:
            nn.init.zeros_(block.adaLN_modulation[-1].weight)
            nn.init.zeros_(block.adaLN_modulation[-1].bias)
            if block.skip_linear is not None:
                init_skip_identity(block.skip_linear)
        nn.init.zeros_(self.final_layer.adaLN_modulation[-1].weight)
        nn.init.zeros_(self.final_layer.adaLN_modulation[-1].bias)
        nn.init.zeros_(self.final_layer.linear.weight)
        nn.init.zeros_(self.final_layer.linear.bias)
        if self.final_conv is not None:  # residual conv starts as the identity too
            nn.init.zeros_(self.final_conv.weight)
            nn.init.zeros_(self.final_conv.bias)

    def unpatchify(self, x):
        # (N, T, p*p*C) -> (N, C, H, W)
        c, p = self.channels, self.patch_size
        g = int(x.shape[1] ** 0.5)
        x = x.reshape(x.shape[0], g, g, p, p, c)
        x = torch.einsum("nhwpqc->nchpwq", x)
        return x.reshape(x.shape[0], c, g * p, g * p)

    def forward(self, x, t, y, train=False):
        x = self.x_embedder(x) + self.pos_embed.to(x.dtype)          # (N, T, D)
        c = self.t_embedder(t) + self.y_embedder(y, train)           # (N, D)
        outputs = []
        for block, source in zip(self.blocks, self.skip_sources):
            x = block(x, c, None if source is None else outputs[source])  # (N, T, D)
            outputs.append(x)
        x = self.unpatchify(self.final_layer(x, c))                  # (N, C, H, W)
        if self.final_conv is not None:
            x = x + self.final_conv(x)
        return x

    def forward_with_cfg(self, x, t, y, cfg_scale):
        """v = v_uncond + w (v_cond - v_uncond); w = 1 needs the conditional pass only."""
        v_cond = self.forward(x, t, y)
        if cfg_scale == 1.0:
            return v_cond
        null = torch.full_like(y, self.config["num_classes"])
        v_uncond = self.forward(x, t, null)
        return v_uncond + cfg_scale * (v_cond - v_uncond)


def DiT_tiny(**kw):
    return DiT("tiny", hidden_size=32, depth=2, num_heads=2, freq_dim=64, **kw)


def DiT_tiny_skips(**kw):
    """The golden cases' model with long skips: depth 5 holds two (0 -> 4, 1 -> 3) around a middle block."""
    return DiT("tiny-skips", hidden_size=32, depth=5, num_heads=2, freq_dim=64, long_skips=True, **kw)


def DiT_small(**kw):
    return DiT("small", hidden_size=192, depth=6, num_heads=6, freq_dim=256, **kw)


def DiT_medium(**kw):
    """The size sweep's wider and deeper arm (docs/MODEL.md, Size sweep): ~15M parameters."""
    return DiT("medium", hidden_size=320, depth=8, num_heads=5, freq_dim=256, **kw)


def DiT_small_p2(**kw):
    """The size sweep's patch-2 arm: `small` over 256 tokens of 2x2 patches."""
    return DiT("small-p2", patch_size=2, hidden_size=192, depth=6, num_heads=6, freq_dim=256, **kw)


# tiny and small mirror shared/.../model/ModelRegistry.java; the sweep arms exist only here until
# one ships (a weight file carries its own config). Also the CLI's --model choices.
DiT_models = {"tiny": DiT_tiny, "tiny-skips": DiT_tiny_skips, "small": DiT_small, "medium": DiT_medium, "small-p2": DiT_small_p2}


def from_config(config):
    cfg = dict(config)
    return DiT(cfg.pop("name"), **cfg)
