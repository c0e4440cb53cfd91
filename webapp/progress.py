"""Progress bars for long commands, drawn only for a person watching a terminal.

A bar is written to standard error, and only when both standard output and standard
error are terminals and the command was not asked for JSON: piped output, a log file,
CI and scripts reading `--json` get none of the carriage returns a bar is made of.
tqdm (pure Python, no dependencies of its own) draws it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TypeVar

from tqdm import tqdm

from archive.progress import Progress, silent

T = TypeVar("T")
UNITS = {"ingest": "file"}  # everything else counts articles


def on_terminal() -> bool:
    """Whether a person is watching: both output streams are terminals."""
    return sys.stdout.isatty() and sys.stderr.isatty()


def terminal_progress(*, quiet: bool = False) -> Progress:
    """A bar on standard error when a person is watching, else nothing at all."""
    if quiet or not on_terminal():
        return silent
    return _bar


def _bar(items: Iterable[T], total: int | None, label: str) -> Iterable[T]:
    return tqdm(
        items,
        total=total,
        desc=label,
        unit=UNITS.get(label, "article"),
        file=sys.stderr,
        leave=False,
        dynamic_ncols=True,
        mininterval=0.25,
    )
