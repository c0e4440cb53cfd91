"""What the `archive` command prints, line for line, on a realistic archive.

People read this output and scripts parse it; a test that only looks for a substring
lets a changed word or a dropped field through (mutation testing showed it did).
"""

from __future__ import annotations

import json
import re

from archive.store import Store
from tests.conftest import write_article

BORDER_POST_ID = "o46qte7g57"
UNDATED_TITLE = "An interview without a date"


def test_show_prints_the_article_with_its_provenance(cli, realistic_home):
    with Store.open(realistic_home.database, readonly=True) as store:
        prov = store.get(BORDER_POST_ID).provenance
    result = cli("show", BORDER_POST_ID, "--home", realistic_home.root)
    assert result.exit_code == 0
    assert result.stdout == (
        "Families wait at the Khorgos border post\n"
        "Relatives of detained men queue for news that rarely comes.\n"
        "by Aigerim Nurlanova, Daniel Crofton · Steppe Herald · 2019-10-14\n"
        f"id {BORDER_POST_ID} · version 1 of 1 · public · /articles/{BORDER_POST_ID}/families-wait-at-the-khorgos-border-post\n"
        f"original 2019-10-14-border-post.txt ({prov.raw_size} bytes) sha256 {prov.raw_sha256} · archived {prov.ingested_at}\n"
        "\n"
        "Every Tuesday a caravan of relatives drives to the border post at Khorgos.\n\n"
        "“We bring the documents again and again,” said one mother, holding a folder of letters.\n\n"
    )


def test_show_says_unknown_for_missing_metadata(cli, tmp_path, home):
    from tests.conftest import ingest

    outcome = ingest(home, write_article(tmp_path / "b", "bare.txt", "Bare note\nJust text.")).outcomes[0]
    lines = cli("show", outcome.id, "--home", home.root).stdout.splitlines()
    assert lines[0] == "Bare note"
    assert lines[1] == "by unknown · source unknown · date unknown"


def test_show_of_an_unknown_article_or_version(cli, realistic_home):
    missing = cli("show", "nosuchid00", "--home", realistic_home.root)
    assert missing.exit_code == 1
    assert missing.output == f"Error: No article nosuchid00 in {realistic_home.root}.\n"
    no_version = cli("show", BORDER_POST_ID, "--version", "9", "--home", realistic_home.root)
    assert no_version.output == f"Error: No article {BORDER_POST_ID} version 9 in {realistic_home.root}.\n"


def test_search_prints_a_count_and_three_lines_a_hit(cli, realistic_home):
    one = cli("search", "queue", "--home", realistic_home.root).stdout
    assert one == (
        "1 result\n"
        "\n"
        f"{BORDER_POST_ID}  2019-10-14  Steppe Herald  Families wait at the Khorgos border post\n"
        f"  /articles/{BORDER_POST_ID}/families-wait-at-the-khorgos-border-post\n"
        "  Relatives of detained men *queue* for news that rarely comes.\n"
    )
    several = cli("search", "caravan", "--home", realistic_home.root, "--sort", "newest").stdout
    assert several.startswith("3 results\n")
    undated = [line for line in several.splitlines() if line.endswith(UNDATED_TITLE)]
    assert len(undated) == 1 and "  date unknown  Open Border Review  " in undated[0]
    assert cli("search", "Qyzylzhar", "--home", realistic_home.root).stdout == "0 results\n"


def test_search_snippets_are_plain_text_in_a_terminal(cli, tmp_path, home):
    from tests.conftest import ingest

    ingest(home, write_article(tmp_path / "e", "e.txt", "Ampersands\nTom & Jerry <b>met</b> at Zhetysu."))
    lines = cli("search", "Zhetysu", "--home", home.root).stdout.splitlines()
    assert lines[-1] == "  Tom & Jerry <b>met</b> at *Zhetysu*."


def test_search_filter_must_name_a_facet(cli, realistic_home):
    for bad in ("bogus=x", "source"):
        result = cli("search", "", "--home", realistic_home.root, "--filter", bad)
        assert result.exit_code == 2
        assert (
            f"Invalid value for --filter: '{bad}': use FACET=VALUE with FACET one of source, year, language, author, tag"
            in result.output
        )
    good = cli(
        "search",
        "",
        "--home",
        realistic_home.root,
        "--filter",
        "language=ru",
        "--filter",
        "language=kk",
        "--json",
    )
    assert json.loads(good.stdout)["total"] == 2


def test_verify_counts_every_original_and_sidecar(cli, realistic_home):
    result = cli("verify", "--home", realistic_home.root)
    assert (result.exit_code, result.stdout) == (0, "20 originals checked, 0 damaged\n")


def test_verify_names_the_damaged_original(cli, realistic_home):
    from archive.blobs import BlobStore

    with Store.open(realistic_home.database, readonly=True) as store:
        prov = store.get(BORDER_POST_ID).provenance
    path = BlobStore(realistic_home.originals).path_for(prov.raw_sha256)
    path.chmod(0o644)
    path.write_bytes(b"tampered")
    result = cli("verify", "--home", realistic_home.root)
    assert result.exit_code == 1
    assert result.stdout == "20 originals checked, 1 damaged\n"
    assert result.stderr.startswith(
        f"damaged: {BORDER_POST_ID} v1 (2019-10-14-border-post.txt): original {prov.raw_sha256} has changed on disk"
    )


def test_export_says_how_many_and_where(cli, realistic_home, tmp_path):
    to_stdout = cli("export", "--home", realistic_home.root)
    assert to_stdout.stderr == "9 articles exported\n"
    target = tmp_path / "out.jsonl"
    to_file = cli("export", "--home", realistic_home.root, "-o", target)
    assert to_file.stderr == f"9 articles exported to {target}\n" and to_file.stdout == ""
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 9 and {json.loads(line)["visibility"] for line in lines} == {"public"}
    assert not list(tmp_path.glob(".*.tmp"))  # the temporary file was renamed into place


def test_export_to_an_unwritable_place_is_a_message(cli, realistic_home, tmp_path):
    result = cli("export", "--home", realistic_home.root, "-o", tmp_path / "no-such-folder" / "out.jsonl")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: cannot write {tmp_path / 'no-such-folder' / 'out.jsonl'}: ")


def test_ingest_reports_each_rejection_and_warning_on_stderr(cli, tmp_path):
    folder = tmp_path / "in"
    write_article(folder, "good.txt", "Good article\nText.")
    write_article(
        folder,
        "legacy.txt",
        "Caf\xe9 article\nA plain English sentence about a caf\xe9 owner.",
        encoding="cp1252",
    )
    (folder / "empty.txt").write_bytes(b"")
    result = cli("ingest", folder, "--home", tmp_path / "data")
    assert result.exit_code == 1
    assert result.stdout == "2 new, 0 updated, 0 unchanged, 1 rejected, 0 skipped\n"
    stderr = result.stderr.splitlines()
    assert f"rejected: {folder / 'empty.txt'}: is empty (0 bytes)" in stderr
    assert f"warning: {folder / 'legacy.txt'}: not UTF-8 (invalid byte at offset 3); read as cp1252" in stderr
    assert re.fullmatch(r"index: full reindex: 2 indexed, 0 removed in \d+\.\d s", stderr[-1])


def test_ingest_json_lists_every_file(cli, tmp_path):
    folder = tmp_path / "in"
    write_article(folder, "good.txt", "Good article\nText.")
    (folder / "empty.txt").write_bytes(b"")
    data = json.loads(cli("ingest", folder, "--home", tmp_path / "data", "--json").stdout)
    assert (data["new"], data["updated"], data["unchanged"], data["rejected"]) == (1, 0, 0, 1)
    files = {f["path"]: f for f in data["files"]}
    assert files[str(folder / "empty.txt")]["reason"] == "is empty (0 bytes)"
    good = files[str(folder / "good.txt")]
    assert (good["status"], good["version"], len(good["id"])) == ("new", 1, 10)
    assert data["index"].startswith("full reindex: 1 indexed")


def test_reindex_full_reports_what_it_wrote(cli, realistic_home):
    out = cli("reindex", "--full", "--home", realistic_home.root).stdout
    assert re.fullmatch(r"full reindex: 9 indexed, 0 removed in \d+\.\d s\n", out)


def test_json_output_is_indented_and_keeps_every_script(cli, realistic_home):
    out = cli("search", "", "--home", realistic_home.root, "--json", "--filter", "language=ru").stdout
    assert out.startswith('{\n  "query": "",\n  "total": 1,\n')
    assert '"source": "Вечерний Алматы"' in out  # not \u0412...


def test_terminal_snippets_put_paragraph_breaks_on_one_line(cli, realistic_home):
    lines = cli(
        "search", "caravan", "--home", realistic_home.root, "--filter", "year=2019"
    ).stdout.splitlines()
    # Two paragraphs of one passage, joined by two spaces on one line.
    assert any(
        line.startswith(
            "  Every Tuesday a *caravan* of relatives drives to the border post at Khorgos.  “We bring the documents"
        )
        for line in lines
    )


def test_ctrl_c_is_a_message_and_exit_130(cli, tmp_path, monkeypatch):
    import webapp.cli

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(webapp.cli, "ingest_and_index", interrupted)
    result = cli("ingest", tmp_path, "--home", tmp_path / "data")
    assert result.exit_code == 130 and result.stdout == ""
    assert result.stderr == (
        "Interrupted. Everything finished before the interruption is kept; run the command again to go on.\n"
    )
