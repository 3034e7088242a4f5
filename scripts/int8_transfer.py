#!/usr/bin/env python
"""Carry a model's weights through a channel smaller than they are: a lent GPU machine takes
64 MiB a call, and all-mpnet-base-v2 is 438 MB in fp32. `pack` stores every large matrix as
int8 with one fp16 scale per row (error at most half a step, 1/254 of the row's largest
weight) and the rest as fp16, spread evenly over the part folders given; `unpack` joins them
back into an fp32 model folder. A starting point for fine-tuning, which washes out the
rounding; not a way to ship weights.

    python scripts/int8_transfer.py pack ~/.cache/factcheck/backbones/all-mpnet-base-v2-* .gpu-a .gpu-b
    python scripts/int8_transfer.py unpack /tmp/mpnet .gpu-a .gpu-b     # on the other machine
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file

SCALE = ".__row_scale__"
WEIGHTS = "model.safetensors"


def quantise(tensors: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    out = {}
    for name, w in tensors.items():
        if w.dim() == 2 and w.numel() >= 65536 and w.is_floating_point():
            scale = (w.float().abs().amax(dim=1, keepdim=True) / 127).clamp(min=1e-12)
            out[name] = torch.round(w.float() / scale).to(torch.int8)
            out[name + SCALE] = scale.half()
        else:
            out[name] = w.half() if w.is_floating_point() else w
    return out


def pack(model: Path, parts: list[Path]) -> None:
    tensors = quantise(load_file(model / WEIGHTS))
    names = sorted((n for n in tensors if not n.endswith(SCALE)), key=lambda n: -tensors[n].nbytes)
    shards: list[dict] = [{} for _ in parts]
    for name in names:  # largest first, each into the lightest part: parts of near-equal size
        shard = min(shards, key=lambda s: sum(t.nbytes for t in s.values()))
        shard[name] = tensors[name]
        if name + SCALE in tensors:
            shard[name + SCALE] = tensors[name + SCALE]
    for i, (part, shard) in enumerate(zip(parts, shards)):
        part.mkdir(parents=True, exist_ok=True)
        save_file(shard, part / f"int8-{i}.safetensors")
        print(f"{part}: {sum(t.nbytes for t in shard.values()) / 2**20:.1f} MiB")
    for f in model.iterdir():  # config and tokenizer files travel with the first part
        if f.is_file() and f.name != WEIGHTS and f.suffix != ".ini":
            shutil.copy(f, parts[0] / f.name)


def unpack(out: Path, parts: list[Path]) -> None:
    tensors = {k: v for part in parts for f in sorted(part.glob("int8-*.safetensors")) for k, v in load_file(f).items()}

    def restored(name: str, t: torch.Tensor) -> torch.Tensor:
        if name + SCALE in tensors:
            return t.float() * tensors[name + SCALE].float()
        return t.float() if t.is_floating_point() else t

    weights = {name: restored(name, t) for name, t in tensors.items() if not name.endswith(SCALE)}
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for f in parts[0].iterdir():
        if f.is_file() and not f.name.startswith("int8-"):
            shutil.copy(f, tmp / f.name)
    save_file(weights, tmp / WEIGHTS, metadata={"format": "pt"})
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
    print(f"{out}: {len(weights)} tensors")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("action", choices=["pack", "unpack"])
    ap.add_argument("model", type=Path, help="pack: the model folder to read; unpack: the folder to write")
    ap.add_argument("parts", type=Path, nargs="+", help="the part folders, in order")
    args = ap.parse_args()
    (pack if args.action == "pack" else unpack)(args.model, args.parts)


if __name__ == "__main__":
    main()
