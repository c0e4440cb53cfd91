"""The array engine gives the same documents, scores and order as Whoosh's own search,
on a real index with several segments and deleted documents."""

from __future__ import annotations

import random

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
    value = doc[fieldname]
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
    "language:kk",
    "source:azattyq camp",
    "date:2019",
    "date:[2019-03 TO 2019-09]",
    "camp date:[2015 TO]",
    "*",
]


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
    if "*" in text:
        # A prefix scores each match by its field's boost alone; Whoosh does so only when
        # the prefix expands to several words (see index/_engine.py).
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
        expected = [
            doc
            for doc in (ix.docs[searcher.stored_fields(r.docnum)["id"]] for r in everything.ranked)
            if doc["source"] != "Radio Azattyq" and "courts" in _values(doc, "tags", True)
        ]
    assert all(d["source"] in ("Bitter Winter", "Eurasianet") for d in docs)
    assert all("courts" in _values(d, "tags", True) for d in docs)
    assert both.total == len(expected) > 0
    assert both.facets["source"].keys() <= {"Bitter Winter", "Eurasianet"}
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
