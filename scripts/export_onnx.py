#!/usr/bin/env python
"""Export the models a check runs to ONNX now, instead of on the first check after installing.

    python scripts/export_onnx.py                    # the embedder, the verifier, both strength models
    python scripts/export_onnx.py --only verifier    # some of them

The graphs are built from the committed weights (factcheck/export.py) into
~/.cache/factcheck/onnx/, where factcheck/runtime.py finds them; a graph already there for the
same weights is kept. Prints each graph's path, size and the seconds it took.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from factcheck.config import Config
from factcheck.retrieve.embed import Embedder
from factcheck.runtime import exported_path, session


def graphs(config: Config) -> dict[str, tuple[Path, str, str]]:
    """What a check runs: name -> (weights folder, kind, precision)."""
    precision = config.verifier_precision
    return {"embedder": (Path(config.embedding_model), "embed", Embedder(config.embedding_model).precision),
            "verifier": (config.verifier_model, "pair-logits", precision),
            "causal-strength": (config.strength_model, "text-logits", precision),
            "certainty": (config.certainty_model, "text-logits", precision)}


def main() -> None:
    wanted = graphs(Config())
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", default=",".join(wanted), help=f"comma-separated, of {', '.join(wanted)}")
    args = ap.parse_args()
    names = [n.strip() for n in args.only.split(",") if n.strip()]
    if unknown := set(names) - set(wanted):
        ap.error(f"unknown models: {', '.join(sorted(unknown))}")
    for name in names:
        model_dir, kind, precision = wanted[name]
        t = time.perf_counter()
        session(model_dir, kind, precision)  # exports when the graph is not there yet
        path = exported_path(model_dir, kind, precision)
        print(f"{name}: {path} ({path.stat().st_size / 1e6:.1f} MB, {time.perf_counter() - t:.1f} s)")


if __name__ == "__main__":
    main()
