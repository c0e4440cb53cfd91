"""A progress hook, so long loops (ingest, reindex, export) can show how far they are
without the archive or the index knowing anything about terminals.

The command line passes a hook that draws a bar on a terminal (webapp/progress.py);
everyone else gets `silent`, which hands the items through untouched.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

T = TypeVar("T")


class Progress(Protocol):
    def __call__(self, items: Iterable[T], total: int | None, label: str) -> Iterable[T]:
        """The same items, in the same order, reporting each one as it is taken."""
        ...


def silent(items: Iterable[T], total: int | None, label: str) -> Iterable[T]:
    """No progress shown: the items as they are."""
    return items
