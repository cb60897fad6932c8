"""The issue's peer, rebuilt for a side-by-side run: transformers' strided-window loop over GPT-2.

transformers is not installable here (no Debian package, PyPI unreachable), so this script runs the
same eager PyTorch ops that transformers' GPT2LMHeadModel runs (PyTorch 1.13 has no fused attention):
Conv1D products as addmm, attention as matmul, scale, causal where and softmax, the tanh GELU as its
formula, logits for every position of every window. The loop is the one in transformers' perplexity
guide: windows of --window tokens starting every --stride tokens, each scoring the tokens the previous
window did not. It writes each token's surprisal in bits (the first token has none) so that a run can
be checked against langscore's on the same model.

  apt-get install python3-torch libopenblas0-pthread   # without OpenBLAS, Debian's PyTorch multiplies with the reference BLAS (one run took over 13 min)
  /usr/bin/python3 bench/peer/gpt2_strided_loop.py MODEL_DIR IDS.txt OUT.txt [--window 1024] [--stride 512] [--threads 2]
"""
import argparse
import json
import math
import struct
import time

import numpy as np
import torch


def read_safetensors(path):
    """Every tensor of a float32 safetensors file, as torch tensors over one memory map."""
    with open(path, "rb") as f:
        header_len = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(header_len))
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + header_len)
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        if entry["dtype"] != "F32":
            raise SystemExit(f"{path}: {name} is {entry['dtype']}; this peer reads F32 files only")
        start, end = entry["data_offsets"]
        array = np.frombuffer(data[start:end], dtype=np.float32).reshape(entry["shape"])
        tensors[name] = torch.from_numpy(array.copy())
    return tensors


class Gpt2:
    """GPT2LMHeadModel's forward in transformers' op order (eager attention, Conv1D as addmm)."""

    def __init__(self, folder):
        config = json.load(open(f"{folder}/config.json"))
        weights = read_safetensors(f"{folder}/model.safetensors")
        prefix = "transformer." if "transformer.wte.weight" in weights else ""
        self.w = {k[len(prefix):] if k.startswith(prefix) else k: v for k, v in weights.items()}
        self.layers = config["n_layer"]
        self.heads = config["n_head"]
        self.eps = config.get("layer_norm_epsilon", 1e-5)
        self.width = config["n_embd"]

    def conv1d(self, x, name):
        # transformers' Conv1D: addmm(bias, x, weight) with weight stored [in, out]
        shape = x.shape[:-1] + (self.w[name + ".weight"].shape[1],)
        return torch.addmm(self.w[name + ".bias"], x.view(-1, x.shape[-1]), self.w[name + ".weight"]).view(shape)

    def layer_norm(self, x, name):
        return torch.nn.functional.layer_norm(x, (self.width,), self.w[name + ".weight"], self.w[name + ".bias"],
                                              self.eps)

    def split_heads(self, x):
        n = x.shape[1]
        return x.view(1, n, self.heads, -1).permute(0, 2, 1, 3)                 # [1, H, n, d]

    def attention(self, h, layer):
        n = h.shape[1]
        q, k, v = self.conv1d(h, f"h.{layer}.attn.c_attn").split(self.width, dim=2)
        q, k, v = self.split_heads(q), self.split_heads(k), self.split_heads(v)
        scores = torch.matmul(q, k.transpose(-1, -2))                             # [1, H, n, n]
        scores = scores / torch.full([], v.size(-1) ** 0.5, dtype=scores.dtype)
        causal = torch.tril(torch.ones(n, n, dtype=torch.bool)).view(1, 1, n, n)
        scores = torch.where(causal, scores, torch.full([], torch.finfo(scores.dtype).min, dtype=scores.dtype))
        probs = torch.nn.functional.softmax(scores, dim=-1)
        out = torch.matmul(probs, v).permute(0, 2, 1, 3).contiguous().view(1, n, self.width)
        return self.conv1d(out, f"h.{layer}.attn.c_proj")

    def mlp(self, h, layer):
        x = self.conv1d(h, f"h.{layer}.mlp.c_fc")
        # transformers' NewGELUActivation, written out as it is there
        x = 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))
        return self.conv1d(x, f"h.{layer}.mlp.c_proj")

    def logits(self, ids):
        n = ids.shape[1]
        h = self.w["wte.weight"][ids] + self.w["wpe.weight"][torch.arange(n)].unsqueeze(0)
        for layer in range(self.layers):
            h = h + self.attention(self.layer_norm(h, f"h.{layer}.ln_1"), layer)
            h = h + self.mlp(self.layer_norm(h, f"h.{layer}.ln_2"), layer)
        h = self.layer_norm(h, "ln_f")
        return torch.nn.functional.linear(h, self.w["wte.weight"])                # [1, n, V]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("ids")
    parser.add_argument("out")
    parser.add_argument("--window", type=int, default=1024)
    parser.add_argument("--stride", type=int, default=512)
    parser.add_argument("--threads", type=int, default=2, help="PyTorch's threads (Debian's build starts with 1)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    started = time.time()
    model = Gpt2(args.model)
    ids = torch.tensor([int(line) for line in open(args.ids) if line.strip()]).unsqueeze(0)
    total = ids.shape[1]
    bits = [float("nan")] * total
    loaded = time.time()
    previous_end = 0
    with torch.inference_mode():
        for begin in range(0, total, args.stride):
            end = min(begin + args.window, total)
            scored = end - previous_end                       # the last `scored` tokens of the window are new
            window = ids[:, begin:end]
            log_probs = torch.log_softmax(model.logits(window)[0, :-1], dim=-1)  # position t predicts t + 1
            targets = window[0, 1:]
            picked = log_probs.gather(1, targets.unsqueeze(1)).squeeze(1)
            first = max(1, end - begin - scored)
            for t in range(first, end - begin):
                bits[begin + t] = -picked[t - 1].item() / math.log(2)
            previous_end = end
            if end == total:
                break
    finished = time.time()
    with open(args.out, "w") as f:
        f.writelines(f"{b}\n" for b in bits)
    print(f"peer: {total} tokens, torch {torch.__version__}, {torch.get_num_threads()} threads; load "
          f"{loaded - started:.1f} s, strided loop {finished - loaded:.1f} s, total {finished - started:.1f} s")


if __name__ == "__main__":
    main()
