"""Index generations through the real CLI: rebuild only when the analysis changed, and
roll back to the generation kept before the last full rebuild."""

from __future__ import annotations

from index import _generations
from tests.conftest import write_article


def current_name(home) -> str:
    return _generations.current(home.index).name


def test_if_needed_rebuilds_only_when_the_analysis_differs(cli, seeded_home):
    before = current_name(seeded_home)
    result = cli("reindex", "--if-needed", "--home", seeded_home.root)
    assert result.exit_code == 0 and current_name(seeded_home) == before
    assert "rebuilding" not in result.output
    # An index written by a version with other analysis settings.
    folder = _generations.current(seeded_home.index)
    meta = _generations.read_meta(folder)
    _generations.write_meta(folder, {**meta, "schema_version": "an-older-analysis"})
    result = cli("reindex", "--if-needed", "--home", seeded_home.root)
    assert result.exit_code == 0
    assert "rebuilding: it was built with other fields or analysis settings" in result.output
    assert current_name(seeded_home) != before
    assert cli("search", "Atajurt", "--home", seeded_home.root).output.startswith("1 result")


def test_rollback_serves_the_previous_generation_then_brings_it_up_to_date(cli, seeded_home, tmp_path):
    first = current_name(seeded_home)
    assert cli("reindex", "--full", "--home", seeded_home.root).exit_code == 0
    second = current_name(seeded_home)
    assert second != first
    write_article(tmp_path / "new", "late.txt", "Late arrival\nA zebrafinch testimony.")
    assert cli("ingest", tmp_path / "new", "--home", seeded_home.root).exit_code == 0

    result = cli("reindex", "--rollback", "--home", seeded_home.root)
    assert result.exit_code == 0, result.output
    assert f"{first} is in service again; {second} is kept" in result.output
    assert current_name(seeded_home) == first
    # The generation put back is brought up to date with what came after it.
    assert cli("search", "zebrafinch", "--home", seeded_home.root).output.startswith("1 result")
    # And rolling back again returns to the other one.
    assert cli("reindex", "--rollback", "--home", seeded_home.root).exit_code == 0
    assert current_name(seeded_home) == second


def test_rollback_without_a_previous_generation_says_so(cli, seeded_home):
    result = cli("reindex", "--rollback", "--home", seeded_home.root)
    assert result.exit_code == 1
    assert "there is no previous generation to go back to" in result.output


def test_reindex_options_exclude_each_other(cli, seeded_home):
    result = cli("reindex", "--full", "--rollback", "--home", seeded_home.root)
    assert result.exit_code == 2 and "Choose one of" in result.output
