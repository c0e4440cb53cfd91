"""The array engine gives the same documents as Whoosh's own search, on a real index with
several segments and deleted documents; the same scores too, except for typed words,
which it scores as BM25F (checked against a document-by-document computation here)."""

from __future__ import annotations

import math
import random
from collections import Counter

import pytest
from whoosh import index as whoosh_index
from whoosh import sorting

from index._columns import ColumnCache
from index._dates import bounds
from index._engine import collect
from index._pairs import pairs_text
from index._query import parse_query
from index._schema import FACETS, build_schema

WORDS = (
    "camp camps refugee refugees asylum court judge Almaty Urumqi border hungry testimony police "
    "detained released family village witness Kazakh Uyghur report said told"
).split()
SOURCES = ["Radio Azattyq", "Bitter Winter", "Eurasianet"]


def _documents(rng: random.Random, count: int):
    for n in range(count):
        body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 60)))
        if n % 7 == 0:
            body += " we were very hungry" if n % 2 else " hungry we were very"
        date = rng.choice(
            ["", f"20{rng.randint(10, 22)}", f"2019-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}"]
        )
        source = rng.choice(SOURCES)
        period = bounds(date)
        yield {
            **({"date_start": period[0], "date_end": period[1]} if period else {}),
            "id": f"d{n:03}",
            "title": " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6))),
            "body": body,
            "standfirst": rng.choice(["", "A witness speaks about the camp"]),
            "byline": "",
            "source_text": source,
            "tags_text": "",
            "source": source,
            "year": date[:4],
            "language": rng.choice(["en", "ru", "kk"]),
            "date": date,
            "undated": "0" if date else "1",
            "authors": ",".join(rng.sample(["A. Writer", "B. Reporter", "C. Editor"], rng.randint(0, 2))),
            "tags": ",".join(rng.sample(["camps", "courts", "asylum"], rng.randint(0, 3))),
        }


@pytest.fixture(scope="module")
def ix(tmp_path_factory):
    """Three segments (never merged) and deleted documents in two of them."""
    folder = tmp_path_factory.mktemp("engine")
    ix = whoosh_index.create_in(str(folder), build_schema())
    docs = list(_documents(random.Random(11), 150))
    for start, end in ((0, 60), (60, 110), (110, 150)):
        with ix.writer() as writer:
            writer.merge = False
            for doc in docs[start:end]:
                writer.add_document(**doc, pairs=pairs_text(doc))
    with ix.writer() as writer:
        writer.merge = False
        for doc_id in ("d003", "d017", "d071", "d099"):
            writer.delete_by_term("id", doc_id)
    assert len(ix.reader().leaf_readers()) == 3 and ix.doc_count() == 146
    ix.docs = {doc["id"]: doc for doc in docs}
    return ix


def _values(doc: dict, fieldname: str, multi: bool) -> list[str]:
    value = doc.get(fieldname, "")
    return [v for v in (value.split(",") if multi else [value]) if v]


QUERIES = [
    "camp",
    "refugees asylum",
    "camp OR court",
    "(camp OR court) NOT judge",
    "hungry NOT border",
    '"border police"',
    '"we were very hungry"',
    '"camp refugee"',
    '"Kazakh Uyghur"',
    'title:"camp refugee"',
    "Urum*",
    "title:witness",
    "title:witness ANDMAYBE title:camp",
    "language:kk",
    "source:azattyq camp",
    "date:2019",
    "date:[2019-03 TO 2019-09]",
    "camp date:[2015 TO]",
    "*",
]


# Queries without a word typed on its own: the engine scores them exactly as Whoosh does.
WHOOSH_SCORED = {
    '"border police"',
    '"we were very hungry"',
    '"camp refugee"',
    '"Kazakh Uyghur"',
    'title:"camp refugee"',
    "title:witness",
    "title:witness ANDMAYBE title:camp",
    "language:kk",
    "date:2019",
    "date:[2019-03 TO 2019-09]",
}


@pytest.mark.parametrize("text", QUERIES)
def test_same_matches_scores_and_order_as_whoosh(ix, text):
    q = parse_query(text, ix.schema)
    with ix.searcher() as searcher:
        expected = searcher.search(q, limit=None)
        want = [(hit["id"], hit.score) for hit in expected]
        found = collect(searcher, q, ColumnCache(), filters={}, sort="relevance", limit=200, time_limit=10)
        got = [(searcher.stored_fields(r.docnum)["id"], r.score) for r in found.ranked]
    assert found.total == len(want) and found.total > 0
    assert {i for i, _ in got} == {i for i, _ in want}
    if "*" in text or text not in WHOOSH_SCORED:
        # A prefix scores each match by its field's boost alone; Whoosh does so only when
        # the prefix expands to several words (see index/_engine.py). Typed words are
        # scored as BM25F: test_words_are_scored_as_bm25f.
        return
    scores = dict(want)
    for doc_id, score in got:
        assert score == pytest.approx(scores[doc_id], rel=1e-9), doc_id
    # Same order wherever the scores differ (Whoosh breaks ties by document number too).
    assert [s for _, s in got] == sorted((s for _, s in got), reverse=True)
    assert [i for i, _ in got][:10] == [i for i, _ in want][:10]


@pytest.mark.parametrize("text", ["camp", "*", "refugees OR hungry"])
@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_date_order_and_facet_counts_as_whoosh(ix, text, sort):
    q = parse_query(text, ix.schema)
    with ix.searcher() as searcher:
        ids_by_date = sorting.MultiFacet(
            [sorting.FieldFacet("undated"), sorting.FieldFacet("date", reverse=(sort == "newest"))]
        )
        expected = searcher.search(q, limit=None, sortedby=ids_by_date)
        want = [hit["date"] for hit in expected]
        found = collect(searcher, q, ColumnCache(), filters={}, sort=sort, limit=500, time_limit=10)
        got = [searcher.stored_fields(r.docnum)["date"] for r in found.ranked]
        whoosh_counts: dict[str, dict[str, int]] = {}
        for hit in expected:
            doc = ix.docs[hit["id"]]
            for name, (fieldname, multi) in FACETS.items():
                for value in _values(doc, fieldname, multi):
                    whoosh_counts.setdefault(name, {}).setdefault(value, 0)
                    whoosh_counts[name][value] += 1
    assert got == want
    assert got[-1] == "" and got[0] != ""
    assert found.facets == {name: whoosh_counts.get(name, {}) for name in FACETS}


def test_filters_keep_only_documents_with_a_wanted_value(ix):
    q = parse_query("camp", ix.schema)
    with ix.searcher() as searcher:
        both = collect(
            searcher,
            q,
            ColumnCache(),
            filters={"source": ["Bitter Winter", "Eurasianet"], "tag": ["courts"]},
            sort="relevance",
            limit=500,
            time_limit=10,
        )
        docs = [ix.docs[searcher.stored_fields(r.docnum)["id"]] for r in both.ranked]
        everything = collect(
            searcher, q, ColumnCache(), filters={}, sort="relevance", limit=500, time_limit=10
        )
        matching = [ix.docs[searcher.stored_fields(r.docnum)["id"]] for r in everything.ranked]
        expected = [
            doc
            for doc in matching
            if doc["source"] != "Radio Azattyq" and "courts" in _values(doc, "tags", True)
        ]
    assert all(d["source"] in ("Bitter Winter", "Eurasianet") for d in docs)
    assert all("courts" in _values(d, "tags", True) for d in docs)
    assert both.total == len(expected) > 0
    # Each facet counts under the *other* facets' filters (its own values combine by OR),
    # so the unchosen source still shows how many it would add.
    tagged = [d for d in matching if "courts" in _values(d, "tags", True)]
    assert both.facets["source"] == dict(Counter(d["source"] for d in tagged))
    assert "Radio Azattyq" in both.facets["source"]
    chosen = [d for d in matching if d["source"] != "Radio Azattyq"]
    assert both.facets["tag"] == dict(Counter(t for d in chosen for t in _values(d, "tags", True)))
    assert both.facets["tag"]["courts"] == both.total


def test_remembered_posting_lists_give_the_same_answers_within_their_bound(ix, monkeypatch):
    from index import _columns

    monkeypatch.setattr(_columns, "CACHE_POSTINGS_OVER", 1)
    monkeypatch.setattr(_columns, "CACHE_POSTINGS_BYTES", 600)
    cache = ColumnCache()
    with ix.searcher() as searcher:
        for text in QUERIES:
            q = parse_query(text, ix.schema)
            first = collect(searcher, q, cache, filters={}, sort="relevance", limit=50, time_limit=10)
            again = collect(searcher, q, cache, filters={}, sort="relevance", limit=50, time_limit=10)
            fresh = collect(searcher, q, ColumnCache(), filters={}, sort="relevance", limit=50, time_limit=10)
            assert first == again == fresh, text
        segments = [cache.get(reader) for reader, _ in searcher.reader().leaf_readers()]
    assert all(s._cached_bytes <= 600 for s in segments) and any(s._cached_bytes for s in segments)
    assert all(s._cached_bytes == sum(i.nbytes + w.nbytes for i, w in s._postings.values()) for s in segments)


# The fields a typed word is looked up in, with their weights, as the README describes them.
FIELD_WEIGHTS = {
    "title": 3.0,
    "standfirst": 1.5,
    "body": 1.0,
    "byline": 2.0,
    "source_text": 1.0,
    "tags_text": 1.5,
}


def _bm25f(ix, words: list[str]) -> dict[str, float]:
    """BM25F (Robertson & Zaragoza) computed article by article from the stored texts."""
    analyzer = build_schema()["body"].analyzer
    docs = list(ix.docs.values())
    tokens = {(d["id"], f): [t.text for t in analyzer(d.get(f, ""))] for d in docs for f in FIELD_WEIGHTS}
    live = {d["id"] for d in docs} - {"d003", "d017", "d071", "d099"}
    n_all = len(docs)
    average = {f: sum(len(tokens[d["id"], f]) for d in docs) / n_all for f in FIELD_WEIGHTS}
    scores: dict[str, float] = {}
    for word in words:
        stem = next(t.text for t in analyzer(word))
        df = max(sum(stem in tokens[d["id"], f] for d in docs) for f in FIELD_WEIGHTS)
        idf = math.log(1 + (n_all - df + 0.5) / (df + 0.5))
        for doc_id in live:
            weight = 0.0
            for f, boost in FIELD_WEIGHTS.items():
                tf = tokens[doc_id, f].count(stem)
                if tf:
                    weight += boost * tf / (0.25 + 0.75 * len(tokens[doc_id, f]) / (average[f] or 1))
            if weight:
                scores[doc_id] = scores.get(doc_id, 0.0) + idf * weight * 2.2 / (weight + 1.2)
    return scores


@pytest.mark.parametrize("text", ["camp", "refugees asylum", "camp OR court", "hungry"])
def test_words_are_scored_as_bm25f(ix, text):
    """Each typed word's field frequencies are weighted and added, then saturated once, with
    an idf that falls towards 0 for a word in most articles (index/_engine.py, _word)."""
    q = parse_query(text, ix.schema)
    words = [w for w in text.split() if w != "OR"]
    expected = _bm25f(ix, words)
    if " " in text and "OR" not in text:  # AND: only articles with every word
        analyzer = build_schema()["body"].analyzer
        stems = [next(t.text for t in analyzer(w)) for w in words]
        expected = {
            d: s
            for d, s in expected.items()
            if all(
                any(st in [t.text for t in analyzer(ix.docs[d].get(f, ""))] for f in FIELD_WEIGHTS)
                for st in stems
            )
        }
    with ix.searcher() as searcher:
        found = collect(searcher, q, ColumnCache(), filters={}, sort="relevance", limit=200, time_limit=10)
        got = {searcher.stored_fields(r.docnum)["id"]: r.score for r in found.ranked}
    assert set(got) == set(expected) and expected
    for doc_id, score in got.items():
        # Whoosh keeps field lengths in one byte (about 2% off), so scores agree to a few percent.
        assert score == pytest.approx(expected[doc_id], rel=0.03), doc_id


def test_a_word_in_most_articles_counts_for_little(ix):
    """'said' is in few articles here, 'camp' in many: a match on the rarer word weighs more."""
    q = parse_query("camp OR said", ix.schema)
    with ix.searcher() as searcher:
        found = collect(searcher, q, ColumnCache(), filters={}, sort="relevance", limit=200, time_limit=10)
        top = searcher.stored_fields(found.ranked[0].docnum)
    assert "said" in (top["title"] + " " + top["body"]).split()
