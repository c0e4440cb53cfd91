"""Whoosh's posting pool, with its temporary runs written in compressed blocks.

While a segment is written, postings that do not fit in `limitmb` of memory are sorted
into temporary "run" files, about four times the size of the finished index when
written as Whoosh writes them (a rebuild of 20,000 articles wrote 850 MB of runs for a
190 MB index), and merged at the end. Whoosh pickles and unpickles them one posting at a
time, which was a third of a rebuild's time (profiled at 10,000 articles: writing runs
15%, reading them back 8% plus the gzip stream under them). Here a run is a series of
blocks, each a few thousand postings marshalled in one call and compressed with zlib's
fastest level: the disk a rebuild needs stays a fraction of the index, and a posting
costs a share of one C call instead of a Python call of its own each way.

Whoosh's SegmentWriter takes a `poolclass` argument and ignores it, so the pool class is
swapped in whoosh.writing for the length of a rebuild (the command line's one writer;
the multiprocess writer's workers fork inside it and inherit the swap).

The same context fixes a second cost of writing postings: for every posting Whoosh asks
the segment for the document's length in the field, and for a field without lengths
(the `pairs` field, keywords, ids: half of all postings) it looks for the length column
on disk again each time, one `stat` per posting (9% of a rebuild). A segment being
written has its length columns already complete, so "no such column" is remembered.
"""

from __future__ import annotations

import marshal
import struct
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice

from whoosh import writing
from whoosh.codec.whoosh3 import W3PerDocReader
from whoosh.writing import PostingPool

# Postings per compressed block: large enough that the per-block calls vanish, small
# enough that the merge, which holds one decoded block per run (at 100,000 articles
# about 90 runs a worker), stays within tens of megabytes.
BLOCK = 4096
_LENGTH = struct.Struct("<I")


class BlockPool(PostingPool):
    """A posting pool whose runs are zlib-compressed blocks of marshalled postings."""

    def _write_run(self, f, items: Iterable[tuple]) -> None:
        items = iter(items)
        try:
            while True:
                block = list(islice(items, BLOCK))
                if not block:
                    break
                data = zlib.compress(marshal.dumps(block), 1)
                f.write(_LENGTH.pack(len(data)))
                f.write(data)
        finally:
            f.close()

    def _read_run(self, path) -> Iterator[tuple]:
        f = self._open_run(path)
        try:
            while True:
                head = f.read(_LENGTH.size)
                if not head:
                    return
                (size,) = _LENGTH.unpack(head)
                yield from marshal.loads(zlib.decompress(f.read(size)))
        finally:
            f.close()
            self._remove_run(path)


def _cached_reader(self, fieldname, column):
    """W3PerDocReader._cached_reader, remembering a column that is not there."""
    try:
        return self._readers[fieldname]
    except KeyError:
        reader = self._readers[fieldname] = (
            self.column_reader(fieldname, column) if self.has_column(fieldname) else None
        )
        return reader


@contextmanager
def tuned_writing() -> Iterator[None]:
    """Compressed block runs and remembered missing length columns, for one rebuild."""
    original_pool, original_reader = writing.PostingPool, W3PerDocReader._cached_reader
    writing.PostingPool = BlockPool
    W3PerDocReader._cached_reader = _cached_reader
    try:
        yield
    finally:
        writing.PostingPool = original_pool
        W3PerDocReader._cached_reader = original_reader
