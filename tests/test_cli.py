"""The `archive` command as a user runs it, on a real data home."""

import gzip
import json
import re
from pathlib import Path

import pytest

from tests.conftest import REPO, SEEDS, write_article
from webapp.cli import main


def test_ingest_summary_exit_codes_and_reingest(cli, tmp_path):
    home = tmp_path / "data"
    first = cli("ingest", SEEDS, "--home", home)
    assert first.exit_code == 0, first.output
    assert (
        first.stdout == "1 new, 0 updated, 0 unchanged, 0 rejected, 0 skipped\n"
    )  # one line on stdout, notes on stderr
    again = cli("ingest", SEEDS, "--home", home)
    assert again.exit_code == 0
    assert again.stdout == "0 new, 0 updated, 1 unchanged, 0 rejected, 0 skipped\n"
    assert "index is up to date" in again.output


def test_rejections_are_listed_and_exit_1(cli, tmp_path):
    folder = tmp_path / "in"
    write_article(folder, "ok.txt", "Fine\nBody.")
    write_article(folder, "bad.txt", "Fine\nBody.", {"date": "soon"})
    result = cli("ingest", folder, tmp_path / "nowhere.txt", "--home", tmp_path / "data")
    assert result.exit_code == 1
    assert re.search(r"rejected: .*bad\.txt: bad\.json: metadata field 'date'", result.output)
    assert re.search(r"rejected: .*nowhere\.txt: no such file or folder", result.output)
    assert result.stdout == "1 new, 0 updated, 0 unchanged, 2 rejected, 0 skipped\n"


def test_ingest_json(cli, tmp_path):
    result = cli("ingest", SEEDS, "--home", tmp_path / "data", "--json")
    data = json.loads(result.output)
    assert (data["new"], data["updated"], data["unchanged"], data["rejected"]) == (1, 0, 0, 0)
    assert data["files"][0]["status"] == "new" and len(data["files"][0]["id"]) == 10


def test_usage_error_exits_2(cli):
    assert cli("ingest").exit_code == 2
    assert cli("search", "x", "--limit", "0").exit_code == 2


def test_search_json_shape(cli, seeded_home, seed_id):
    result = cli("search", "Atajurt", "--home", seeded_home.root, "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["query"] == "Atajurt" and data["total"] == 1
    hit = data["hits"][0]
    assert {"id", "title", "url", "date", "source", "authors", "snippet_html"} <= set(hit)
    assert hit["id"] == seed_id and hit["url"] == f"/articles/{seed_id}/{hit['url'].rsplit('/', 1)[1]}"
    assert "<mark>Atajurt</mark>" in hit["snippet_html"]
    assert data["facets"]["source"] == [{"value": "Bitter Winter", "count": 1}]


def test_search_text_and_filters(cli, seeded_home):
    result = cli("search", "Atajurt", "--home", seeded_home.root)
    assert result.exit_code == 0 and "1 result" in result.output and "*Atajurt*" in result.output
    none = cli("search", "Atajurt", "--home", seeded_home.root, "--filter", "source=Elsewhere")
    assert "0 results" in none.output
    bad = cli("search", "Atajurt", "--home", seeded_home.root, "--filter", "colour=red")
    assert bad.exit_code == 2


def test_bad_query_is_a_message_not_a_traceback(cli, seeded_home):
    result = cli("search", '"unbalanced (', "--home", seeded_home.root)
    assert result.exit_code == 1
    assert result.output.startswith("Error: A quotation mark")
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", [["search", "x"], ["show", "abc"], ["reindex"], ["verify"], ["serve"]])
def test_missing_data_home_is_a_clear_message(cli, tmp_path, command):
    result = cli(*command, "--home", tmp_path / "empty")
    assert result.exit_code == 1
    assert "No archive at" in result.output and "archive ingest" in result.output


def test_home_from_environment(tmp_path, monkeypatch):
    from click.testing import CliRunner

    monkeypatch.setenv("ARCHIVE_HOME", str(tmp_path / "envhome"))
    result = CliRunner().invoke(main, ["ingest", str(SEEDS)])
    assert result.exit_code == 0
    assert (tmp_path / "envhome" / "archive.sqlite3").is_file()


def test_show_text_and_json(cli, seeded_home, seed_id):
    text = cli("show", seed_id, "--home", seeded_home.root)
    assert (
        text.exit_code == 0
        and "Provisional Asylum Granted" in text.output
        and "sha256 8a2d9d64" in text.output
    )
    data = json.loads(cli("show", seed_id, "--home", seeded_home.root, "--json").output)
    assert data["id"] == seed_id and len(data["paragraphs"]) == 7
    assert data["original"]["sha256"] == "8a2d9d643e3f7c8717ae914606493027ae6badbd071b7cdb1ec9f9d06663ab4d"
    missing = cli("show", "nosuchid00", "--home", seeded_home.root)
    assert missing.exit_code == 1 and "No article nosuchid00" in missing.output


def test_ids_survive_reindex_full(cli, seeded_home, seed_id):
    assert "full reindex: 1 indexed" in cli("reindex", "--full", "--home", seeded_home.root).output
    data = json.loads(cli("search", "Atajurt", "--home", seeded_home.root, "--json").output)
    assert data["hits"][0]["id"] == seed_id
    assert "index is up to date" in cli("reindex", "--home", seeded_home.root).output


def test_verify_finds_a_tampered_original(cli, seeded_home):
    ok = cli("verify", "--home", seeded_home.root)
    assert ok.exit_code == 0 and "2 originals checked, 0 damaged" in ok.output
    blob = next(p for p in seeded_home.originals.rglob("*") if p.is_file() and p.stat().st_size == 4054)
    blob.chmod(0o644)
    blob.write_bytes(blob.read_bytes().replace(b"Atajurt", b"Atajurd"))
    bad = cli("verify", "--home", seeded_home.root)
    assert bad.exit_code == 1 and "has changed on disk" in bad.output


def test_every_command_has_help_and_is_in_the_readme(cli):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert command.help, name
        assert cli(name, "--help").exit_code == 0
        assert f"archive {name}" in readme, f"README does not document 'archive {name}'"


def test_export_jsonl_excludes_restricted_unless_asked(cli, seeded_home, tmp_path):
    write_article(tmp_path / "r", "r.txt", "Sealed\nWitness statement.", {"visibility": "restricted"})
    assert cli("ingest", tmp_path / "r", "--home", seeded_home.root).exit_code == 0
    public = cli("export", "--home", seeded_home.root)
    lines = [json.loads(line) for line in public.stdout.splitlines()]
    assert [a["title"] for a in lines] == [
        "Provisional Asylum Granted to Two Refugees from China in Kazakhstan"
    ]
    assert lines[0]["original"]["sha256"].startswith("8a2d9d64") and lines[0]["paragraphs"]
    target = tmp_path / "backup.jsonl"
    everything = cli("export", "--home", seeded_home.root, "--include-restricted", "-o", target)
    assert everything.exit_code == 0 and "2 articles exported" in everything.output
    assert {json.loads(line)["visibility"] for line in target.read_text(encoding="utf-8").splitlines()} == {
        "public",
        "restricted",
    }


@pytest.mark.slow
def test_serve_runs_the_app_on_localhost(seeded_home):
    """`archive serve` as the README's run command starts it: a real gunicorn server."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from webapp.cli import main; main()",
            "serve",
            "--home",
            str(seeded_home.root),
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        body = None
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and body is None:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/search?q=Atajurt", timeout=2
                ) as response:
                    body = response.read().decode("utf-8")
            except OSError:
                time.sleep(0.2)
        assert body is not None, "the server did not answer within 20 s"
        assert "<mark>Atajurt</mark>" in body
    finally:
        process.terminate()
        output = process.communicate(timeout=10)[0]
    assert f"Serving {seeded_home.root} at http://127.0.0.1:{port}/" in output


def test_refused_dates_never_reach_the_year_facet(cli, tmp_path):
    folder = tmp_path / "in"
    write_article(folder, "a.txt", "Dated\nBody.", {"date": "2019-10-14"})
    write_article(folder, "b.txt", "Year only\nBody.", {"date": "2021"})
    write_article(folder, "c.txt", "Year zero\nBody.", {"date": "0000"})
    write_article(folder, "d.txt", "Far future\nBody.", {"date": "9999-12-31"})
    home = tmp_path / "data"
    result = cli("ingest", folder, "--home", home)
    assert result.exit_code == 1
    assert result.stdout.startswith("2 new, 0 updated, 0 unchanged, 2 rejected")
    assert re.search(
        r"rejected: .*c\.txt: c\.json: metadata field 'date' .*'0000' has year 0000", result.output
    )
    assert re.search(
        r"rejected: .*d\.txt: d\.json: metadata field 'date' .*'9999-12-31' is in the future", result.output
    )
    facets = json.loads(cli("search", "", "--home", home, "--json").output)["facets"]
    assert sorted(f["value"] for f in facets["year"]) == ["2019", "2021"]


def _material_folder(root):
    """A folder as it arrives from a repository or a colleague's disk: articles and clutter."""
    folder = root / "material"
    write_article(folder, "witness.txt", "Testimony of a witness\nBy Jane Roe\nI was held for a year.")
    write_article(folder, "notice.txt", "Notice of detention\nThe family was told nothing.")
    write_article(folder / "zh", "报道.txt", "营地的报道\n他们被关押了一年。")
    write_article(folder, "LICENSE", "MIT License\nPermission is hereby granted, free of charge.")
    write_article(folder, "README.md", "# Material\nWhat this folder holds.")
    write_article(folder, "SHA256SUMS", "ab12  witness.txt\n")
    write_article(folder, "witness.txt.sha256", "ab12  witness.txt\n")
    write_article(folder, "NOTICE", "This product includes software.")
    write_article(folder, "Thumbs.db", "thumbs")
    write_article(folder, ".draft.txt", "Draft\nNot ready.")
    write_article(folder / ".git", "HEAD", "ref: refs/heads/main")
    return folder


SKIPPED = {
    ".git": "a hidden folder (not looked into)",
    ".draft.txt": "a hidden file",
    "LICENSE": "a licence file, not an article",
    "NOTICE": "a licence notice, not an article",
    "README.md": "a README, not an article",
    "SHA256SUMS": "a checksum list, not an article",
    "Thumbs.db": "a file the operating system keeps about the folder",
    "witness.txt.sha256": "a checksum list, not an article",
}


def test_a_folder_skips_and_counts_what_is_not_an_article(cli, tmp_path):
    folder = _material_folder(tmp_path)
    result = cli("ingest", folder, "--home", tmp_path / "data")
    assert result.exit_code == 0, result.output
    assert result.stdout == "3 new, 0 updated, 0 unchanged, 0 rejected, 8 skipped\n"
    for name, reason in SKIPPED.items():
        assert f"skipped: {folder / name}: {reason}\n" in result.stderr
    listed = json.loads(cli("search", "", "--home", tmp_path / "data", "--json").output)
    assert sorted(hit["title"] for hit in listed["hits"]) == [
        "Notice of detention",
        "Testimony of a witness",
        "营地的报道",
    ]


def test_skipped_files_and_their_reasons_are_in_the_json(cli, tmp_path):
    folder = _material_folder(tmp_path)
    data = json.loads(cli("ingest", folder, "--home", tmp_path / "data", "--json").output)
    assert (data["new"], data["rejected"], data["skipped"]) == (3, 0, 8)
    skipped = {Path(f["path"]).name: f["reason"] for f in data["files"] if f["status"] == "skipped"}
    assert skipped == SKIPPED


def test_a_file_named_on_the_command_line_is_always_tried(cli, tmp_path):
    folder = _material_folder(tmp_path)
    home = tmp_path / "data"
    result = cli("ingest", folder / "LICENSE", folder / ".draft.txt", "--home", home)
    assert result.exit_code == 0, result.output
    assert result.stdout == "2 new, 0 updated, 0 unchanged, 0 rejected, 0 skipped\n"
    listed = json.loads(cli("search", "", "--home", home, "--json").output)
    assert sorted(hit["title"] for hit in listed["hits"]) == ["Draft", "MIT License"]


def test_an_empty_feed_item_is_rejected_by_name_and_a_gzipped_warc_is_read(cli, tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    feed = {"version": "https://jsonfeed.org/version/1", "title": "News", "items": [{"id": "1"}]}
    (folder / "feed.json").write_text(json.dumps(feed), encoding="utf-8")
    warc = b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n"
    (folder / "crawl.warc.gz").write_bytes(gzip.compress(warc))
    result = cli("ingest", folder, "--home", tmp_path / "data")
    assert result.exit_code == 1
    assert result.stdout == "0 new, 0 updated, 0 unchanged, 1 rejected, 1 skipped\n"
    assert f"rejected: {folder / 'feed.json'}#item 1 <1>: has neither text nor a summary\n" in result.stderr
    assert (
        f"skipped: {folder / 'crawl.warc.gz'}: 1 item that is not an article: "
        "1 × a warcinfo record (about the crawl, not a page)\n" in result.stderr
    )
