"""Index generations: every full rebuild goes into a new folder, then one atomic rename
of the CURRENT pointer swaps it in. Readers always open "the current generation", so a
rebuild never disturbs the running web app and a crash mid-rebuild changes nothing."""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from index.errors import IndexBusy

POINTER = "CURRENT"
PREVIOUS = "PREVIOUS"
META = "meta.json"
_NAME = re.compile(r"^gen-[0-9]{8}T[0-9]{6}-[0-9a-z_]+$")


def current(root: Path) -> Path | None:
    """The folder of the generation in service, or None if there is none."""
    return _pointed(root, POINTER)


def previous(root: Path) -> Path | None:
    """The generation that was in service before the current one, kept for rollback."""
    return _pointed(root, PREVIOUS)


def _pointed(root: Path, pointer: str) -> Path | None:
    try:
        name = (root / pointer).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    folder = root / name
    return folder if _NAME.match(name) and (folder / META).is_file() else None


def create(root: Path) -> Path:
    """A fresh, empty folder for a new generation."""
    root.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    return Path(tempfile.mkdtemp(prefix=f"gen-{stamp}-", dir=root))


def publish(root: Path, folder: Path) -> None:
    """Make `folder` the current generation atomically.

    The generation it replaces is kept for rollback; older ones, and leftovers of
    rebuilds that crashed, are removed. Callers hold writer_lock, so nothing else is
    building at the same time.
    """
    before = current(root)
    if before is not None:
        _write_atomic(root / PREVIOUS, before.name + "\n")
    _write_atomic(root / POINTER, folder.name + "\n")
    for other in root.iterdir():
        if other.is_dir() and _NAME.match(other.name) and other not in (folder, before):
            shutil.rmtree(other, ignore_errors=True)


def swap_back(root: Path) -> tuple[Path, Path]:
    """Put the previous generation back in service; the current one becomes the previous.

    Both pointers are rewritten atomically one after the other: a crash between them
    leaves both naming the same generation, which is still a consistent index.
    Callers hold writer_lock. Returns (now current, now previous).
    """
    before, now = current(root), previous(root)
    if now is None or before is None or now == before:
        raise FileNotFoundError("no previous generation is kept")
    _write_atomic(root / POINTER, now.name + "\n")
    _write_atomic(root / PREVIOUS, before.name + "\n")
    return now, before


def read_meta(folder: Path) -> dict:
    return json.loads((folder / META).read_text(encoding="utf-8"))


def write_meta(folder: Path, meta: dict) -> None:
    _write_atomic(folder / META, json.dumps(meta, indent=2) + "\n")


@contextmanager
def writer_lock(root: Path, wait: bool = True) -> Iterator[None]:
    """One index writer at a time across processes (an flock, released if we die)."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / "write.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            raise IndexBusy() from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
