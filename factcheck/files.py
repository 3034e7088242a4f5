"""Durable file writes: a crash or a kill never leaves a half-written file behind."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(path: Path | str) -> Iterator[Path]:
    """A temporary path beside `path` to write to (with any writer: torch.save, savefig, ...).
    When the block ends it is flushed to disk and renamed over `path`, so readers see the old
    file or the complete new one; when the block raises it is removed. The temporary name keeps
    the suffix, for writers that pick a format by it."""
    path = Path(path)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp{path.suffix}")
    try:
        yield tmp
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    finally:
        tmp.unlink(missing_ok=True)


def write_atomic(path: Path | str, text: str | bytes) -> None:
    """Write `text` (or bytes) durably in place of `path` (see `replacing`)."""
    with replacing(path) as tmp:
        tmp.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


def fsync_dir(path: Path) -> None:
    """Make a rename durable (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
