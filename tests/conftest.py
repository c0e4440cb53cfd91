"""Shared fixtures: a real data home in tmp_path, built from seeds/ by the real code."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from archive.home import Home
from archive.store import Store
from webapp import create_app
from webapp.cli import main
from webapp.service import ingest_and_index

REPO = Path(__file__).resolve().parent.parent

# Under mutation testing each mutant reruns the properties: fewer examples keep a run
# to an hour while still catching what breaks a property outright.
settings.register_profile("mutation", max_examples=25, deadline=None)
if "MUTANT_UNDER_TEST" in os.environ:
    settings.load_profile("mutation")
SEEDS = REPO / "seeds"


def write_article(
    folder: Path, name: str, text: str, sidecar: dict | None = None, encoding: str = "utf-8"
) -> Path:
    """Write an article file (and its JSON sidecar) the way a researcher would save one."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode(encoding))
    if sidecar is not None:
        path.with_suffix(".json").write_text(json.dumps(sidecar), encoding="utf-8")
    return path


def ingest(home: Home, *paths: Path):
    """Ingest into a home and bring its index up to date, as `archive ingest` does."""
    done = ingest_and_index(home, list(paths))
    assert not done.index_failed, done.index_note
    return done.report


@pytest.fixture
def home(tmp_path: Path) -> Home:
    return Home(tmp_path / "data")


@pytest.fixture
def seeded_home(home: Home) -> Home:
    report = ingest(home, SEEDS)
    assert report.counts["new"] == 1, report.outcomes
    return home


@pytest.fixture
def seed_id(seeded_home: Home) -> str:
    with Store.open(seeded_home.database, readonly=True) as store:
        return next(store.iter_current()).id


@pytest.fixture
def app(seeded_home: Home):
    return create_app({"ARCHIVE_HOME": str(seeded_home.root), "TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def cli():
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    return run


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


# -- a realistic archive (tests/realistic.py) -----------------------------------------


@pytest.fixture
def realistic_source(tmp_path: Path) -> Path:
    """The ten articles of tests/realistic.py written as files with sidecars and front matter."""
    from tests.realistic import write_archive

    return write_archive(tmp_path / "incoming")


@pytest.fixture
def realistic_home(home: Home, realistic_source: Path) -> Home:
    """A data home with the realistic articles ingested and indexed by the real code."""
    from tests.realistic import ARTICLES

    report = ingest(home, realistic_source)
    assert report.counts["new"] == len(ARTICLES), report.outcomes
    return home
