"""Whoosh's posting pool, with its temporary runs compressed.

While a segment is written, postings that do not fit in `limitmb` of memory are sorted
into temporary "run" files of pickled tuples, about four times the size of the finished
index: a rebuild of 20,000 articles wrote 850 MB of runs for a 190 MB index. Compressing
the runs (zlib's fastest level) keeps the disk a rebuild needs to a fraction of that.

Whoosh's SegmentWriter takes a `poolclass` argument and ignores it, so the pool class is
swapped in whoosh.writing for the length of a rebuild (the command line's one writer;
the multiprocess writer's workers fork inside it and inherit the swap).
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from contextlib import contextmanager

from whoosh import writing
from whoosh.writing import PostingPool


class _Gzip(gzip.GzipFile):
    """A gzip stream that also closes the file under it (Whoosh closes only what it got)."""

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.fileobj_under.close()


def _wrap(raw, mode: str) -> _Gzip:
    stream = _Gzip(fileobj=raw, mode=mode, compresslevel=1)
    stream.fileobj_under = raw
    return stream


class CompressedPool(PostingPool):
    def _new_run(self):
        path, raw = super()._new_run()
        # Whoosh pickles one posting per write call; a buffer feeds zlib in large pieces.
        return path, io.BufferedWriter(_wrap(raw, "wb"), buffer_size=1 << 20)

    def _open_run(self, path):
        return _wrap(super()._open_run(path), "rb")


@contextmanager
def compressed_runs() -> Iterator[None]:
    original = writing.PostingPool
    writing.PostingPool = CompressedPool
    try:
        yield
    finally:
        writing.PostingPool = original
