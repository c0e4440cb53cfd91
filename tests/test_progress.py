"""Progress bars: drawn on a terminal for ingest, reindex and export; never in captured
output, piped output or --json."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

from tests.conftest import REPO, write_article
from tests.language_texts import EN

BAR = re.compile(r"\r|%\||(file|article)s?/s|\d+/\d+ \[")  # what a tqdm bar is made of


def articles(folder: Path, count: int, first: int = 0) -> Path:
    for n in range(first, first + count):
        write_article(folder, f"a{n}.txt", f"Report {n}\n{EN}\nItem {n}.")
    return folder


def on_a_terminal(*args: str, piped_stdout: bool = False) -> str:
    """Run `archive ARGS` with standard error (and output, unless piped) on a real pseudo-terminal."""
    main_fd, child_fd = pty.openpty()
    # A new pseudo-terminal is 0 columns wide until told otherwise; a real one is not.
    fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-c", "from webapp.cli import main; main()", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL if piped_stdout else child_fd,
        stderr=child_fd,
        env=env,
        cwd=REPO,
    )
    os.close(child_fd)
    chunks = []
    while True:
        try:
            chunk = os.read(main_fd, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main_fd)
    assert process.wait(timeout=120) == 0, b"".join(chunks).decode("utf-8", "replace")
    return b"".join(chunks).decode("utf-8", "replace")


def test_captured_output_has_no_progress_bar(cli, tmp_path):
    """CliRunner's streams are not terminals: not a carriage return, not a bar."""
    home = tmp_path / "data"
    runs = [
        cli("ingest", articles(tmp_path / "in", 5), "--home", home, "--source", "Batch"),
        cli("reindex", "--full", "--home", home),
        cli("export", "--home", home),
        cli("export", "-o", tmp_path / "out.jsonl", "--home", home),
        cli("export", "--format", "bagit", "-o", tmp_path / "bag", "--home", home),
    ]
    for result in runs:
        assert result.exit_code == 0, result.output
        assert not BAR.search(result.stdout), result.stdout
        assert not BAR.search(result.stderr), result.stderr
    assert runs[0].stdout == "5 new, 0 updated, 0 unchanged, 0 rejected, 0 skipped\n"


def test_a_terminal_shows_a_bar_unless_json_is_asked_for(tmp_path):
    home = str(tmp_path / "data")
    shown = on_a_terminal("ingest", str(articles(tmp_path / "in", 3)), "--home", home)
    assert "ingest:" in shown and "/3 [" in shown  # the bar, counting the three files
    assert "3 new, 0 updated" in shown
    rebuilt = on_a_terminal("reindex", "--full", "--home", home)
    assert "index:" in rebuilt and BAR.search(rebuilt)
    as_json = on_a_terminal("ingest", str(articles(tmp_path / "more", 2, first=10)), "--home", home, "--json")
    assert not BAR.search(as_json.replace("\r\n", "\n")), as_json  # a terminal turns \n into \r\n
    assert '"new": 2' in as_json
    # `archive ingest ... > log`: standard error is still a terminal, but nobody watches the run.
    piped = on_a_terminal(
        "ingest", str(articles(tmp_path / "third", 2, first=20)), "--home", home, piped_stdout=True
    )
    assert "index: incremental reindex: 2 indexed" in piped  # its notes do reach the terminal
    assert not BAR.search(piped.replace("\r\n", "\n")), piped
