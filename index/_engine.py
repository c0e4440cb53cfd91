"""Answering a parsed query with array operations over Whoosh's postings.

Whoosh scores, sorts and groups every match one Python step at a time, so a word that
is in every article costs time in proportion to the archive (a second at 50,000). Here
the common query shapes — words in several fields (BM25F, Whoosh's own formula and
statistics), AND, OR, NOT, ANDMAYBE, prefixes and "everything" — are evaluated on whole posting
lists as NumPy arrays; anything else (phrases, ranges, fuzzy terms) goes through
Whoosh's own matcher for that node only. Facet counts, filters and date order then come
from the per-segment arrays in `_columns`, and only the page that is shown is loaded.

`tests/test_engine.py` checks that every shape gives the same documents and scores as
Whoosh's own search.
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass

import numpy as np
from whoosh import query as wq

from index._columns import ColumnCache, SegmentColumns
from index._pairs import phrase_pairs, unpaired_words
from index._schema import DEFAULT_FIELDS as WORD_FIELDS
from index._schema import PAIRED_FIELDS

# Whoosh's BM25F defaults, which the index has always been searched with.
K1 = 1.2
B = 0.75
# How many postings a node read through Whoosh's matcher may step through between
# looks at the clock.
_CLOCK_EVERY = 4096
# How many words one prefix or fuzzy term may stand for in a segment.
MAX_EXPANSION = 1000


@dataclass(frozen=True)
class Matches:
    """Sorted, unique document numbers of one segment and their scores."""

    ids: np.ndarray
    scores: np.ndarray

    def take(self, keep: np.ndarray) -> "Matches":
        return Matches(self.ids[keep], self.scores[keep])


_EMPTY = Matches(np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float64))


@dataclass(frozen=True)
class Ranked:
    """One candidate for the page: global document number, score and date."""

    docnum: int
    score: float
    date: str


@dataclass(frozen=True)
class Collected:
    total: int
    facets: dict[str, dict[str, int]]
    ranked: list[Ranked]  # the best `limit` documents in the requested order
    partial: bool
    notices: tuple[str, ...] = ()


class _Segment:
    """Evaluates query nodes over one segment."""

    def __init__(self, top, leaf, columns: SegmentColumns, deadline: float):
        self.top = top
        self.leaf = leaf
        self.reader = leaf.reader()
        self.columns = columns
        self.deadline = deadline
        self.partial = False
        self.notices: set[str] = set()

    def run(self, node: wq.Query) -> Matches:
        kind = type(node)
        if kind is wq.Term:
            return self._term(node)
        if (
            kind is wq.Or
            and node.subqueries
            and all(type(t) is wq.Term and t.fieldname == "pairs" for t in node.subqueries)
        ):
            return self._pair(node)
        if kind is wq.AndMaybe:
            return _plus(self.run(node.a), self.run(node.b))
        if kind is wq.Or:
            words, others = _words_in(node.subqueries)
            found = _union([*(self._word(terms) for terms in words), *(self.run(child) for child in others)])
            return Matches(found.ids, found.scores * node.boost) if node.boost != 1 else found
        if kind is wq.And:
            return self._and(node)
        if kind is wq.AndNot:
            return _without(self.run(node.a), self.run(node.b))
        if kind is wq.Every:
            ids = np.flatnonzero(self.columns.live).astype(np.int32)
            return Matches(ids, np.full(len(ids), float(node.boost)))
        if kind in (wq.Prefix, wq.FuzzyTerm, wq.TermRange) and node.constantscore:
            return self._expanding(node)
        if kind is wq.NumericRange and node.constantscore:
            # Whoosh compiles a numeric range (date:2019) into ranges of its tiered terms.
            found = self.run(node._compile_query(self.reader))
            return Matches(found.ids, np.full(len(found.ids), float(node.boost)))
        if kind is wq.ConstantScoreQuery:
            found = self.run(node.child)
            return Matches(found.ids, np.full(len(found.ids), float(node.score)))
        if kind is wq.Phrase and node.slop == 1 and len(node.words) > 1:
            return self._phrase(node)
        return self._through_whoosh(node)

    def _term(self, node: wq.Term) -> Matches:
        field = self.reader.schema[node.fieldname]
        btext = field.to_bytes(node.text)
        ids, tf = self.columns.postings(self.reader, node.fieldname, btext)
        if not len(ids):
            return _EMPTY
        tf = tf.astype(np.float64)  # kept as float32, as Whoosh stores them; scored in float64
        if field.scorable:
            docs = self.top.doc_count_all()
            idf = math.log(docs / (self.top.doc_frequency(node.fieldname, btext) + 1)) + 1
            avgfl = self.top.avg_field_length(node.fieldname) or 1
            lengths = self.columns.lengths(self.reader, node.fieldname)[ids]
            scores = idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * lengths / avgfl)))
        else:
            scores = tf
        return Matches(ids, scores * node.boost if node.boost != 1 else scores)

    def _word(self, terms: list[wq.Term]) -> Matches:
        """One typed word searched in several fields, scored as BM25F.

        Whoosh scores each field on its own and adds the results, so a word in a short
        title and again in the text counts as two full matches, and a word in nearly
        every article (what, the, have) still scores 1 for every field it is in: a long
        question was ranked by its common words. Here the word's frequencies in the
        fields are weighted, length-normalized and added first, then saturated once
        (Robertson and Zaragoza's BM25F), with an idf that falls to nearly nothing for a
        word in most articles. Measured on Cranfield and CISI: benchmarks/RANKING.md.
        """
        parts = []
        df = 0
        for term in terms:
            field = self.reader.schema[term.fieldname]
            btext = field.to_bytes(term.text)
            ids, tf = self.columns.postings(self.reader, term.fieldname, btext)
            if not len(ids):
                continue
            df = max(df, self.top.doc_frequency(term.fieldname, btext))
            avgfl = self.top.avg_field_length(term.fieldname) or 1
            lengths = self.columns.lengths(self.reader, term.fieldname)[ids]
            parts.append(Matches(ids, term.boost * tf / ((1 - B) + B * lengths / avgfl)))
        found = _union(parts)
        if not len(found.ids):
            return _EMPTY
        docs = self.top.doc_count_all()
        idf = math.log(1 + (docs - df + 0.5) / (df + 0.5))
        weight = found.scores
        return Matches(found.ids, idf * weight * (K1 + 1) / (weight + K1))

    def _pair(self, node: wq.Or) -> Matches:
        """Two typed words standing together, looked up in several fields: a soft phrase.

        Scored like one typed word (_word) whose frequency in each field is 1 where the
        pair is there (the `pairs` field keeps no counts or lengths): weighted by field,
        added, saturated once, times the pair's idf and the node's boost. A pair of
        common words ("of the") is in most articles and adds next to nothing.
        """
        parts = []
        df = 0
        for term in node.subqueries:
            btext = term.text.encode("utf-8")
            ids, _ = self.columns.postings(self.reader, "pairs", btext)
            if not len(ids):
                continue
            df = max(df, self.top.doc_frequency("pairs", btext))
            parts.append(Matches(ids, np.full(len(ids), float(term.boost))))
        found = _union(parts)
        if not len(found.ids):
            return _EMPTY
        docs = self.top.doc_count_all()
        idf = math.log(1 + (docs - df + 0.5) / (df + 0.5))
        weight = found.scores
        return Matches(found.ids, node.boost * idf * weight * (K1 + 1) / (weight + K1))

    def _and(self, node: wq.And) -> Matches:
        wanted = [c for c in node.subqueries if not isinstance(c, wq.Not)]
        unwanted = [c for c in node.subqueries if isinstance(c, wq.Not)]
        if not wanted:
            return self._through_whoosh(node)
        parts = sorted((self.run(c) for c in wanted), key=lambda m: len(m.ids))
        result = parts[0]
        for part in parts[1:]:
            if not len(result.ids):
                return _EMPTY
            common, left, right = np.intersect1d(
                result.ids, part.ids, assume_unique=True, return_indices=True
            )
            result = Matches(common, result.scores[left] + part.scores[right])
        for not_node in unwanted:
            # Whoosh's "not" matcher adds its boost to every document it lets through.
            result = _without(result, self.run(not_node.query))
            result = Matches(result.ids, result.scores + not_node.boost)
        return result

    def _expanding(self, node: wq.Query) -> Matches:
        """Every word a prefix or a fuzzy term stands for; each match scores the boost alone.

        That is what Whoosh means by a constant-score expansion (its own matcher departs
        from it when only one word is found: then BM25F without the boost, which made
        `Kazakhst*` rank differently from `Kazak*`). At most MAX_EXPANSION words are
        searched, and the search says so when there were more.
        """
        words = list(itertools.islice(node.expanded_terms(self.reader), MAX_EXPANSION + 1))
        if len(words) > MAX_EXPANSION:
            words = words[:MAX_EXPANSION]
            shown = (
                f"{node.text}*"
                if isinstance(node, wq.Prefix)
                else f"{node.text}~{node.maxdist}"
                if isinstance(node, wq.FuzzyTerm)
                else f"{node.fieldname}:[{node.start} TO {node.end}]"
            )
            self.notices.add(
                f"'{shown}' stands for more than {MAX_EXPANSION:,} words; only the first {MAX_EXPANSION:,} "
                "(in alphabetical order) were searched. Type more letters to narrow it."
            )
            self.partial = True
        parts = []
        for fieldname, word in words:
            # Whoosh's fuzzy terms expand to text, its prefixes to bytes.
            btext = word if isinstance(word, bytes) else self.reader.schema[fieldname].to_bytes(word)
            ids, _ = self.columns.postings(self.reader, fieldname, btext)
            parts.append(Matches(ids, np.zeros(len(ids))))
        union = _union(parts)
        return Matches(union.ids, np.full(len(union.ids), float(node.boost)))

    def _phrase(self, node: wq.Phrase) -> Matches:
        """Documents with the words in a row, scored as Whoosh scores a phrase (the sum of
        its words' scores).

        In a paired field the candidates are the documents having every indexed adjacent
        pair of the phrase (its pair posting lists intersected, rarest first) and the
        words of its unindexed pairs (two uncommon words: short lists): exact for two
        words whose pair is indexed, and otherwise positions are checked on those
        candidates only. Elsewhere the candidates are the documents having all the words.
        """
        fieldname = node.fieldname
        if fieldname in PAIRED_FIELDS and "pairs" in self.reader.schema:
            candidates = self._with_pairs(fieldname, node.words)
            terms = phrase_pairs(fieldname, node.words)
            if (len(node.words) == 2 and terms) or not len(candidates.ids):
                return _boosted(candidates, node.boost)
        else:
            candidates = self._and(wq.And([wq.Term(fieldname, word) for word in node.words]))
            if not len(candidates.ids):
                return _EMPTY
        field = self.reader.schema[fieldname]
        read = {
            word: self.columns.positions(self.reader, fieldname, field.to_bytes(word), candidates.ids)
            for word in dict.fromkeys(node.words)  # "the end of the" reads "the" once
        }
        at = [read[word] for word in node.words]
        keep = np.array([_in_a_row([p[doc] for p in at]) for doc in candidates.ids.tolist()], dtype=bool)
        return _boosted(candidates.take(keep), node.boost)

    def _with_pairs(self, fieldname: str, words: list[str]) -> Matches:
        """Documents having every indexed adjacent pair of the words and the words of the
        pairs that are not indexed, with the words' summed scores."""
        found = {word: self._term(wq.Term(fieldname, word)) for word in dict.fromkeys(words)}
        lists = sorted(
            [
                *(
                    self.columns.postings(self.reader, "pairs", term.encode("utf-8"))[0]
                    for term in phrase_pairs(fieldname, words)
                ),
                *(found[word].ids for word in unpaired_words(words)),
            ],
            key=len,
        )
        ids = lists[0]
        for other in lists[1:]:
            if not len(ids):
                break
            ids = np.intersect1d(ids, other, assume_unique=True)
        if not len(ids):
            return _EMPTY
        scores = np.zeros(len(ids))
        for word in words:
            # Every document with a pair has both its words, so each id is found.
            scores += found[word].scores[np.searchsorted(found[word].ids, ids)]
        return Matches(ids, scores)

    def _through_whoosh(self, node: wq.Query) -> Matches:
        """Whoosh's own matcher for shapes without an array form (phrases, ranges, fuzzy)."""
        matcher = node.matcher(self.leaf, self.leaf.context())
        ids: list[int] = []
        scores: list[float] = []
        while matcher.is_active():
            ids.append(matcher.id())
            scores.append(matcher.score())
            matcher.next()
            if len(ids) % _CLOCK_EVERY == 0 and time.monotonic() > self.deadline:
                self.partial = True
                break
        return Matches(np.array(ids, dtype=np.int32), np.array(scores, dtype=np.float64))


def _words_in(children) -> tuple[list[list[wq.Term]], list[wq.Query]]:
    """Split an OR's children into typed words (the same word looked up in several of the
    default fields, as the parser writes it) and everything else."""
    by_text: dict[str, list[wq.Term]] = {}
    for child in children:
        if type(child) is wq.Term and child.fieldname in WORD_FIELDS:
            by_text.setdefault(child.text, []).append(child)
    words = [terms for terms in by_text.values() if len({t.fieldname for t in terms}) == len(terms) > 1]
    grouped = {id(t) for terms in words for t in terms}
    return words, [child for child in children if id(child) not in grouped]


def _plus(kept: Matches, extra: Matches) -> Matches:
    """`kept`'s documents, with `extra`'s score added where it has them (ANDMAYBE)."""
    if not len(kept.ids) or not len(extra.ids):
        return kept
    _, left, right = np.intersect1d(kept.ids, extra.ids, assume_unique=True, return_indices=True)
    scores = kept.scores.copy()
    scores[left] += extra.scores[right]
    return Matches(kept.ids, scores)


def _union(parts: list[Matches]) -> Matches:
    """Documents matching any part; a document's score is the sum of its parts', as in Whoosh."""
    parts = [p for p in parts if len(p.ids)]
    if not parts:
        return _EMPTY
    if len(parts) == 1:
        return parts[0]
    ids, where = np.unique(np.concatenate([p.ids for p in parts]), return_inverse=True)
    return Matches(
        ids.astype(np.int32), np.bincount(where, weights=np.concatenate([p.scores for p in parts]))
    )


def _in_a_row(positions: list[frozenset[int]]) -> bool:
    """Whether word i stands at p + i for some p, given each word's positions in a document.

    Anchored on the word with the fewest positions ("end" rather than "the"), so the
    loop runs over a few positions instead of every "the" in the article.
    """
    anchor = min(range(len(positions)), key=lambda i: len(positions[i]))
    others = [(i - anchor, at) for i, at in enumerate(positions) if i != anchor]
    return any(all(p + shift in at for shift, at in others) for p in positions[anchor])


def _boosted(found: Matches, boost: float) -> Matches:
    return Matches(found.ids, found.scores * boost) if boost != 1 else found


def _without(kept: Matches, dropped: Matches) -> Matches:
    if not len(dropped.ids) or not len(kept.ids):
        return kept
    return kept.take(~np.isin(kept.ids, dropped.ids, assume_unique=True))


def collect(
    searcher,
    q: wq.Query,
    cache: ColumnCache,
    *,
    filters: dict[str, list[str]],
    sort: str,
    limit: int,
    time_limit: float,
) -> Collected:
    """Total, facet counts and the best `limit` documents for a query, segment by segment."""
    deadline = time.monotonic() + time_limit
    total, partial, notices = 0, False, set()
    facets: dict[str, dict[str, int]] = {}
    ranked: list[Ranked] = []
    everything = type(q) is wq.Every and not filters
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        if reader.segment() is None:  # an index with no documents at all
            continue
        columns = cache.get(reader)
        segment = _Segment(searcher, leaf, columns, deadline)
        if everything:
            counts, ids, scores = columns.every_counts(), None, None
            total += int(columns.live.sum())
        else:
            found = segment.run(q)
            allowed = {
                name: columns.facets[name].allows(values, columns.size) for name, values in filters.items()
            }
            matches = found
            for mask in allowed.values():
                matches = matches.take(mask[matches.ids])
            matched = np.zeros(columns.size, dtype=bool)
            matched[matches.ids] = True
            counts = {
                name: facet.count(matched) for name, facet in columns.facets.items() if name not in allowed
            }
            for name in allowed:
                # A facet's own filter does not narrow its counts: the other values stay
                # visible, with what choosing them as well (OR within a facet) would add.
                others = np.zeros(columns.size, dtype=bool)
                others[found.ids] = True
                for other, mask in allowed.items():
                    if other != name:
                        others &= mask
                counts[name] = columns.facets[name].count(others)
            ids, scores = matches.ids, matches.scores
            total += len(ids)
        partial = partial or segment.partial
        notices |= segment.notices
        for name, values in counts.items():
            merged = facets.setdefault(name, {})
            for value, count in values.items():
                merged[value] = merged.get(value, 0) + count
        ranked.extend(_best(columns, reader, ids, scores, sort, limit, offset))
        if time.monotonic() > deadline:
            partial = True
            break
    if partial and not notices:
        notices.add(f"The search took longer than {time_limit:g} s and was stopped: results are partial.")
    return Collected(total, facets, _order(ranked, sort)[:limit], partial, tuple(sorted(notices)))


def _best(columns: SegmentColumns, reader, ids, scores, sort: str, limit: int, offset: int) -> list[Ranked]:
    """The segment's best `limit` documents in the requested order (ids None: all live ones)."""
    if sort == "relevance":
        if ids is None:
            ids = np.flatnonzero(columns.live)
            scores = np.ones(len(ids))
        order = np.lexsort((ids, -scores))[:limit]
        return [Ranked(offset + int(ids[i]), float(scores[i]), "") for i in order]
    dates = columns.date(reader)
    if ids is None:
        chosen = columns.date_order(reader, newest=(sort == "newest"))[:limit]
    else:
        keys = dates.ords[ids]
        undated = keys < 0
        order = np.lexsort((ids, -keys if sort == "newest" else keys, undated))[:limit]
        chosen = ids[order]
    return [
        Ranked(offset + int(d), 0.0, dates.values[dates.ords[d]] if dates.ords[d] >= 0 else "")
        for d in chosen
    ]


def _order(ranked: list[Ranked], sort: str) -> list[Ranked]:
    """Merge segments' candidates: by score, or by date with undated last; ties by document."""
    ranked = sorted(ranked, key=lambda r: r.docnum)
    if sort == "relevance":
        return sorted(ranked, key=lambda r: -r.score)
    ranked.sort(key=lambda r: r.date, reverse=(sort == "newest"))
    return sorted(ranked, key=lambda r: r.date == "")
