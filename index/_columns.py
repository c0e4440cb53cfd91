"""Per-segment arrays that make facets, filters, date order and scoring vector operations.

Whoosh answers "how many matches per source" by walking every match in Python, which
is what made the home page take seconds at 50,000 articles. A segment never changes
once written (deletions aside), so everything a search needs per document — which
facet values it has, its date's rank, its field lengths, whether it is deleted — is
read once into NumPy arrays and reused by every search until the segment is merged
away. A search then pays one array operation per facet, not one Python step per match.
"""

from __future__ import annotations

import itertools
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pickle import loads

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.formats import Positions
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length

from index._schema import FACETS

# byte -> field length, as Whoosh stores lengths in one byte per document and field.
_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
# Posting lists of at least this many documents are kept in memory, up to this many
# bytes per segment (8 bytes a posting: a word in every one of 50,000 articles of a
# segment takes 400 KB). A list read from Whoosh costs about a microsecond a posting,
# most of it unpickling the positions stored beside the ids; the benchmark's mix cycles
# through more lists than the earlier 48 MB of 12-byte postings held, so every
# request read them again.
CACHE_POSTINGS_OVER = 1_000
CACHE_POSTINGS_BYTES = 64 * 2**20
_NO_IDS = np.zeros(0, dtype=np.int32)
# Whoosh keeps weights as 32-bit floats (array "f"), so float32 loses nothing.
_NO_WEIGHTS = np.zeros(0, dtype=np.float32)


@dataclass
class Facet:
    """One facet in one segment: document -> value ordinals, and the values in lexicon order."""

    values: list[str]
    # Single-valued: ords[doc] is the value's ordinal or -1. Multi-valued: parallel arrays
    # of (doc, ordinal) pairs, one pair per value a document has.
    ords: np.ndarray
    docs: np.ndarray | None = None

    @property
    def multi(self) -> bool:
        return self.docs is not None

    def count(self, matched: np.ndarray) -> dict[str, int]:
        """Value -> number of matched documents; `matched` is a boolean mask over documents."""
        if self.multi:
            ords = self.ords[matched[self.docs]]
        else:
            ords = self.ords[matched]
            ords = ords[ords >= 0]
        counts = np.bincount(ords, minlength=len(self.values))
        return {self.values[i]: int(counts[i]) for i in np.flatnonzero(counts)}

    def allows(self, wanted: list[str], size: int) -> np.ndarray:
        """Mask of documents with at least one of the wanted values."""
        position = {v: i for i, v in enumerate(self.values)}
        ords = [position[v] for v in wanted if v in position]
        if self.multi:
            mask = np.zeros(size, dtype=bool)
            mask[self.docs[np.isin(self.ords, ords)]] = True
            return mask
        return np.isin(self.ords, ords)


@dataclass
class SegmentColumns:
    """What every search needs to know about one segment's documents, as arrays."""

    size: int
    live: np.ndarray  # bool: not deleted
    facets: dict[str, Facet] = field(default_factory=dict)
    _lengths: dict[str, np.ndarray] = field(default_factory=dict)
    _date: Facet | None = None
    _every_counts: dict[str, dict[str, int]] | None = None
    _date_orders: dict[bool, np.ndarray] = field(default_factory=dict)
    _postings: OrderedDict = field(default_factory=OrderedDict)
    _cached_bytes: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def read(cls, reader) -> "SegmentColumns":
        size = reader.doc_count_all()
        live = np.ones(size, dtype=bool)
        if reader.has_deletions():
            live[list(reader.deleted_docs_set)] = False
        columns = cls(size, live)
        for name, (fieldname, multi) in FACETS.items():
            columns.facets[name] = _read_facet(reader, fieldname, multi, size)
        return columns

    def lengths(self, reader, fieldname: str) -> np.ndarray:
        """Each document's length in a field, exactly as Whoosh's scorer reads it."""
        table = self._lengths.get(fieldname)
        if table is None:
            column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            raw = np.zeros(self.size, dtype=np.uint8)
            if column is not None:
                raw = np.frombuffer(bytes(column[d] for d in range(self.size)), dtype=np.uint8)
            table = self._lengths[fieldname] = _LENGTHS[raw]
        return table

    def date(self, reader) -> Facet:
        """Date strings as ordinals in lexicon order, which is date order; -1 when undated."""
        if self._date is None:
            self._date = _read_facet(reader, "date", False, self.size)
        return self._date

    def date_order(self, reader, newest: bool) -> np.ndarray:
        """All live documents by date (undated last, ties by number): the home page's order."""
        order = self._date_orders.get(newest)
        if order is None:
            ids = np.flatnonzero(self.live)
            keys = self.date(reader).ords[ids]
            order = ids[np.lexsort((ids, -keys if newest else keys, keys < 0))]
            self._date_orders[newest] = order
        return order

    def every_counts(self) -> dict[str, dict[str, int]]:
        """Facet counts over all live documents: the home page's, computed once per segment."""
        if self._every_counts is None:
            self._every_counts = {name: f.count(self.live) for name, f in self.facets.items()}
        return self._every_counts

    def postings(self, reader, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
        """(document numbers, term frequencies) of a term, deleted documents left out.

        Reads Whoosh's posting blocks whole instead of stepping through them one
        posting at a time; ten times faster on a word in every article.
        """
        key = (fieldname, btext)
        with self._lock:
            cached = self._postings.get(key)
            if cached is not None:
                self._postings.move_to_end(key)
                return cached
        if key not in reader:
            return _NO_IDS, _NO_WEIGHTS
        matcher = reader._terms.matcher(fieldname, btext, reader.schema[fieldname].format)
        ids, weights = _read_blocks(matcher)
        keep = self.live[ids]
        found = (ids, weights) if keep.all() else (ids[keep], weights[keep])
        if len(ids) >= CACHE_POSTINGS_OVER:
            # Long lists are the common words, read again and again; keep the latest.
            with self._lock:
                if key not in self._postings:
                    self._postings[key] = found
                    self._cached_bytes += found[0].nbytes + found[1].nbytes
                while self._cached_bytes > CACHE_POSTINGS_BYTES and self._postings:
                    _, (old_ids, old_weights) = self._postings.popitem(last=False)
                    self._cached_bytes -= old_ids.nbytes + old_weights.nbytes
        return found

    def positions(
        self, reader, fieldname: str, btext: bytes, wanted: np.ndarray
    ) -> dict[int, frozenset[int]]:
        """Word positions of a term in the wanted documents only (for phrase checks)."""
        matcher = reader._terms.matcher(fieldname, btext, reader.schema[fieldname].format)
        decode = _position_decoder(reader.schema[fieldname].format)
        mask = np.zeros(self.size, dtype=bool)
        mask[wanted] = True
        found: dict[int, frozenset[int]] = {}
        if not isinstance(matcher, W3LeafMatcher):
            while matcher.is_active():
                if mask[matcher.id()]:
                    found[matcher.id()] = frozenset(decode(matcher.value()))
                matcher.next()
            return found
        wanted = np.sort(wanted)
        start = 0  # the first wanted document not yet passed
        while matcher.is_active():
            # A block's header says its last document: a block before the next wanted
            # one is skipped without unpickling its positions.
            end = int(np.searchsorted(wanted, matcher._maxid, side="right"))
            if end == start:
                if matcher._lastblock:
                    break
                matcher._goto(matcher._nextoffset)
                continue
            start = end
            if matcher._ids is None:
                matcher._read_ids()
            ids = np.asarray(matcher._ids, dtype=np.int32)
            hits = np.flatnonzero(mask[ids])
            if len(hits):
                if matcher._values is None:
                    matcher._read_values()
                values = matcher._values
                for i in hits.tolist():
                    found[int(ids[i])] = frozenset(decode(values[i]))
            if matcher._lastblock:
                break
            matcher._goto(matcher._nextoffset)
        return found


def _position_decoder(fmt):
    """Whoosh's Positions.decode_positions without its Python loop over the deltas."""
    if type(fmt) is not Positions:
        return fmt.decode_positions

    def decode(value: bytes):
        return itertools.accumulate(loads(value[_INT_SIZE:] + (b"" if value.endswith(b".") else b".")))

    return decode


def _read_blocks(matcher) -> tuple[np.ndarray, np.ndarray]:
    if not isinstance(matcher, W3LeafMatcher):  # another codec: the slow, public way
        ids, weights = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
        return np.array(ids, dtype=np.int32), np.array(weights, dtype=np.float32)
    id_blocks, weight_blocks = [], []
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        if matcher._weights is None:
            matcher._read_weights()
        id_blocks.append(np.asarray(matcher._ids, dtype=np.int32))
        weight_blocks.append(np.asarray(matcher._weights, dtype=np.float32))
        if matcher._lastblock:
            break
        matcher._goto(matcher._nextoffset)
    if not id_blocks:
        return _NO_IDS, _NO_WEIGHTS
    return np.concatenate(id_blocks), np.concatenate(weight_blocks)


def _read_facet(reader, fieldname: str, multi: bool, size: int) -> Facet:
    values: list[str] = []
    doc_parts: list[np.ndarray] = []
    ord_parts: list[np.ndarray] = []
    if fieldname in reader.indexed_field_names():
        for term in reader.lexicon(fieldname):
            if not term:  # an empty value is no value: undated, no source
                continue
            ordinal = len(values)
            values.append(term.decode("utf-8"))
            matcher = reader._terms.matcher(fieldname, term, reader.schema[fieldname].format)
            ids, _ = _read_blocks(matcher)
            doc_parts.append(ids)
            ord_parts.append(np.full(len(ids), ordinal, dtype=np.int32))
    docs = np.concatenate(doc_parts) if doc_parts else _NO_IDS
    ords = np.concatenate(ord_parts) if ord_parts else _NO_IDS
    if multi:
        return Facet(values, ords, docs)
    table = np.full(size, -1, dtype=np.int32)
    table[docs] = ords
    return Facet(values, table)


class ColumnCache:
    """Segment id -> SegmentColumns, shared by all searches of one SearchIndex."""

    def __init__(self):
        self._segments: dict[tuple[str, int], SegmentColumns] = {}
        self._lock = threading.Lock()

    def get(self, reader) -> SegmentColumns:
        # Deleting documents rewrites a segment's deletion list but keeps its id, so the
        # number of live documents is part of the key.
        key = (reader.segment().segment_id(), reader.doc_count())
        columns = self._segments.get(key)
        if columns is None:
            columns = SegmentColumns.read(reader)
            with self._lock:
                self._segments[key] = columns
        return columns

    def keep_only(self, keys: set[tuple[str, int]]) -> None:
        """Forget segments that are no longer in the index (merged or replaced)."""
        with self._lock:
            for key in [k for k in self._segments if k not in keys]:
                del self._segments[key]
