"""Durable writes (factcheck/files.py): a failed write leaves the old file and no debris."""

import pytest

from factcheck.files import replacing, write_atomic


def test_write_atomic_replaces_text_and_bytes(tmp_path):
    path = tmp_path / "metrics.json"
    write_atomic(path, "{}\n")
    write_atomic(path, b'{"a": 1}\n')
    assert path.read_text() == '{"a": 1}\n' and sorted(p.name for p in tmp_path.iterdir()) == ["metrics.json"]


def test_a_failed_write_keeps_the_old_file_and_removes_the_temporary_one(tmp_path):
    path = tmp_path / "reliability.png"
    path.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with replacing(path) as tmp:
            assert tmp.parent == tmp_path and tmp.suffix == ".png"  # savefig picks the format by suffix
            tmp.write_bytes(b"half a pict")
            raise RuntimeError("killed mid-write")
    assert path.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["reliability.png"]
