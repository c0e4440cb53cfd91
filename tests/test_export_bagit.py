"""`archive export --format bagit -o DIR`: a bag that bagit itself accepts, holding the raw
originals byte for byte, and restricted material only when asked for."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from pathlib import Path

import bagit
import pytest

from archive.home import Home
from archive.store import Store
from tests.conftest import write_article
from tests.language_texts import EN, RU, ZH


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def archive(cli, tmp_path):
    """Four articles: public and restricted, with and without sidecars, bytes that a
    careless copy would change (cp1251, CRLF, gzip)."""
    folder = tmp_path / "in"
    files = {
        "en.txt": write_article(
            folder, "en.txt", f"Families testify\r\n{EN}\r\n", {"source": "Radio Azattyq"}
        ),
        "zh.txt": write_article(folder, "zh.txt", f"家属作证\n{ZH}\n"),
        "ru-1251.txt": write_article(
            folder, "ru-1251.txt", f"Свидетельство\n{RU}\n", {"visibility": "restricted"}, encoding="cp1251"
        ),
    }
    page = "<!DOCTYPE html><html lang='en'><body><article><h1>Camp</h1>" + "".join(
        f"<p>{s}.</p>" for s in EN.split(". ")
    )
    gz = folder / "camp.html.gz"
    gz.write_bytes(gzip.compress(page.encode("utf-8"), mtime=0))
    files["camp.html.gz"] = gz
    home = Home(tmp_path / "data")
    result = cli("ingest", folder, "--home", home.root, "--json")
    assert result.exit_code == 0, result.output
    ids = {Path(f["path"]).name: f["id"] for f in json.loads(result.stdout)["files"]}
    return home, files, ids


def bag_files(bag_dir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(bag_dir)): p.read_bytes() for p in (bag_dir / "data").rglob("*") if p.is_file()}


def test_the_bag_validates_and_holds_the_public_originals_byte_for_byte(cli, tmp_path, archive):
    home, files, ids = archive
    bag_dir = tmp_path / "bag"
    result = cli("export", "--format", "bagit", "-o", bag_dir, "--home", home.root)
    assert result.exit_code == 0, result.output
    assert "3 articles exported to the bag" in result.output

    bag = bagit.Bag(str(bag_dir))
    assert bag.validate()  # bagit's own full validation: manifests, Payload-Oxum, every checksum
    assert bag.info["Archive-Articles"] == "3"
    assert bag.info["Archive-Includes-Restricted"] == "no"

    lines = [
        json.loads(line) for line in (bag_dir / "data" / "articles.jsonl").read_text("utf-8").splitlines()
    ]
    public = {name: ids[name] for name in ("en.txt", "zh.txt", "camp.html.gz")}
    assert sorted(line["id"] for line in lines) == sorted(public.values())
    by_id = {line["id"]: line for line in lines}
    held = bag_files(bag_dir)
    with Store.open(home.database, readonly=True) as store:
        for name, article_id in public.items():
            original = files[name].read_bytes()
            stored = store.get(article_id).provenance.raw_sha256
            assert stored == sha256(original)
            path = f"data/originals/{article_id}/v1/{name}"
            assert by_id[article_id]["bag_files"]["original"] == path
            assert held[path] == original  # the very bytes received, not a re-encoding
            assert bag.entries[path]["sha256"] == stored  # the bag's manifest agrees with the store
    # The sidecar travels with its article, byte for byte.
    sidecar = f"data/originals/{ids['en.txt']}/v1/en.json"
    assert held[sidecar] == files["en.txt"].with_suffix(".json").read_bytes()
    assert by_id[ids["en.txt"]]["bag_files"]["sidecar"] == sidecar
    assert by_id[ids["zh.txt"]]["bag_files"]["sidecar"] is None
    # Restricted material leaves no trace: neither its id, nor its bytes.
    restricted = files["ru-1251.txt"].read_bytes()
    assert ids["ru-1251.txt"] not in "".join(held) + (bag_dir / "data" / "articles.jsonl").read_text("utf-8")
    assert restricted not in held.values()


def test_restricted_material_only_with_include_restricted(cli, tmp_path, archive):
    home, files, ids = archive
    bag_dir = tmp_path / "private-bag"
    result = cli("export", "--format", "bagit", "-o", bag_dir, "--include-restricted", "--home", home.root)
    assert result.exit_code == 0, result.output
    bag = bagit.Bag(str(bag_dir))
    assert bag.validate()
    assert (bag.info["Archive-Articles"], bag.info["Archive-Includes-Restricted"]) == ("4", "yes")
    path = bag_dir / "data" / "originals" / ids["ru-1251.txt"] / "v1" / "ru-1251.txt"
    assert path.read_bytes() == files["ru-1251.txt"].read_bytes()


def test_a_changed_byte_in_the_bag_fails_validation(cli, tmp_path, archive):
    """The check above is worth something: bagit notices one changed original."""
    home, _, ids = archive
    bag_dir = tmp_path / "bag"
    assert cli("export", "--format", "bagit", "-o", bag_dir, "--home", home.root).exit_code == 0
    target = bag_dir / "data" / "originals" / ids["zh.txt"] / "v1" / "zh.txt"
    target.write_bytes(target.read_bytes().replace("营地".encode(), "宿舍".encode()))
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(bag_dir)).validate()


def test_a_damaged_original_stops_the_export_and_leaves_no_bag(cli, tmp_path, archive):
    home, files, _ = archive
    digest = sha256(files["zh.txt"].read_bytes())
    blob = home.originals / digest[:2] / digest[2:]
    os.chmod(blob, 0o644)
    blob.write_bytes(b"changed")
    bag_dir = tmp_path / "bag"
    result = cli("export", "--format", "bagit", "-o", bag_dir, "--home", home.root)
    assert result.exit_code == 1
    assert f"original {digest} has changed on disk" in result.output and "archive verify" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "in"]  # no bag, no half-built folder


def test_usage_json_lines_stays_the_default_and_a_bag_needs_a_new_folder(cli, tmp_path, archive):
    home, _, ids = archive
    default = cli("export", "--home", home.root)
    assert default.exit_code == 0
    assert (
        len(default.stdout.splitlines()) == 3
        and json.loads(default.stdout.splitlines()[0])["id"] in ids.values()
    )
    assert cli("export", "--format", "bagit", "--home", home.root).exit_code == 2  # no -o DIR
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "keep.txt").write_text("mine")
    result = cli("export", "--format", "bagit", "-o", occupied, "--home", home.root)
    assert result.exit_code == 1 and "already exists and is not an empty folder" in result.output
    assert [p.name for p in occupied.iterdir()] == ["keep.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli("export", "--format", "bagit", "-o", empty, "--home", home.root).exit_code == 0
    assert bagit.Bag(str(empty)).validate()
    assert cli("export", "-o", empty, "--home", home.root).exit_code == 2  # JSON Lines into a folder
