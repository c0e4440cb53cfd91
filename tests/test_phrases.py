"""Phrases answered from adjacent-word pairs: the words must stand together, in order.

The fixture has articles where the words of a phrase are all present but apart or in the
other order, so an answer from word (or pair) postings without adjacency would be wrong;
Cyrillic and Chinese beside English, a restricted article, an article changed after it was
indexed, and two index segments.
"""

from __future__ import annotations

import pytest

import index
from tests.conftest import ingest, write_article

FIRST = {
    "court.txt": (
        "Hearing in Almaty",
        "The head of the court heard the witness.",
        {"source": "RFA", "date": "2019-04-02"},
    ),
    "families.txt": ("Families wait", "The families spoke of nothing else.", {"source": "AP"}),
    "hunger.txt": (
        "Cold nights",
        "They spoke of hunger; the camp was cold.",
        {"source": "AP", "date": "2020"},
    ),
    "scattered.txt": (
        "Storm delays appeal",
        "The head of state said the court of appeal met because of the storm.",
        {"source": "Reuters", "date": "2018-11"},
    ),
    "voices.txt": ("Voices of the camps", "Nothing more is known.", {"source": "RFA"}),
    "closed.txt": (
        "Archivist notes",
        "Minutes of the meeting.",
        {"source": "AP", "visibility": "restricted"},
    ),
    "draft.txt": ("Draft report", "The end of the war came late.", {"source": "AP", "key": "draft"}),
}
SECOND = {
    "ru1.txt": (
        "Показания свидетеля",
        "Она была в лагере. Из лагеря её отпустили.",
        {"source": "Azattyq", "language": "ru"},
    ),
    "ru2.txt": ("Письмо", "В лагеря из Алматы не писали.", {"source": "Azattyq", "language": "ru"}),
    "zh1.txt": ("新疆拘禁营的证词", "她在拘禁营里被关了一年。", {"source": "RFA", "language": "zh"}),
    "zh2.txt": ("营地", "营里拘禁了很多人。", {"source": "RFA", "language": "zh"}),
}


@pytest.fixture(scope="module")
def phrases_home(tmp_path_factory):
    root = tmp_path_factory.mktemp("phrases")
    from archive.home import Home

    home = Home(root / "data")
    for batch, articles in (("one", FIRST), ("two", SECOND)):
        for name, (title, body, meta) in articles.items():
            write_article(root / batch, name, f"{title}\n\n{body}\n", meta)
        ingest(home, root / batch)  # the second batch is a second segment
    # The draft changes after it was indexed: its old text must no longer match.
    write_article(
        root / "three", "draft.txt", "Draft report\n\nThe war ended late.\n", {"source": "AP", "key": "draft"}
    )
    ingest(home, root / "three")
    return home


def _titles(home, text: str, **kwargs) -> set[str]:
    result = index.SearchIndex(home.index).search(text, pagelen=50, **kwargs)
    assert result.total == len(result.hits)
    return {hit.title for hit in result.hits}


@pytest.mark.parametrize(
    "query, expected",
    [
        ('"of the"', {"Hearing in Almaty", "Storm delays appeal", "Voices of the camps"}),
        ('"the of"', set()),
        ('"spoke of"', {"Families wait", "Cold nights"}),
        ('"the court"', {"Hearing in Almaty", "Storm delays appeal"}),
        ('"of the court"', {"Hearing in Almaty"}),
        ('"head of the court"', {"Hearing in Almaty"}),
        ('"Head of the Courts"', {"Hearing in Almaty"}),  # the same analysis: case and stems
        ('"the court of the"', set()),  # every pair is in "Storm delays appeal", not in a row
        ('title:"of the"', {"Voices of the camps"}),
        ('"of the" source:Reuters', {"Storm delays appeal"}),
        ('"end of the war"', set()),  # only the draft's first version said so
        ('"из лагеря"', {"Показания свидетеля"}),
        ('"лагеря из"', {"Письмо"}),
        ('"拘禁营"', {"新疆拘禁营的证词"}),
        ("拘禁营", {"新疆拘禁营的证词"}),
        # Two uncommon words: their pair is not indexed, the words' positions decide.
        ('"court heard"', {"Hearing in Almaty"}),
        ('"heard court"', set()),
        ('"court appeal"', set()),  # both in "Storm delays appeal", apart
        ('"court heard the witness"', {"Hearing in Almaty"}),  # unindexed and indexed pairs
        ('"state said the court"', {"Storm delays appeal"}),
        ('title:"storm delays appeal"', {"Storm delays appeal"}),
        ('"war came late"', set()),  # only the draft's first version said so
    ],
)
def test_phrase_words_must_stand_together_in_order(phrases_home, query, expected):
    assert _titles(phrases_home, query) == expected


def test_phrase_results_with_facets_and_date_order(phrases_home):
    result = index.SearchIndex(phrases_home.index).search('"of the"', sort="newest")
    assert [h.title for h in result.hits] == [
        "Hearing in Almaty",
        "Storm delays appeal",
        "Voices of the camps",
    ]
    assert {f.value: f.count for f in result.facets["source"]} == {"RFA": 2, "Reuters": 1}


def test_a_common_phrase_is_marked_only_where_its_words_stand_together(phrases_home):
    hits = index.SearchIndex(phrases_home.index).search('"of the"').hits
    snippets = {h.title: str(h.snippet_html) for h in hits}
    assert snippets["Storm delays appeal"].count("<mark>") == 1
    assert "because <mark>of the</mark> storm" in snippets["Storm delays appeal"]
    assert "<mark>of the</mark> court" in snippets["Hearing in Almaty"]
    titles = {h.title: str(h.title_html) for h in hits}
    assert titles["Voices of the camps"] == "Voices <mark>of the</mark> camps"


def test_every_adjacent_pair_is_indexed(phrases_home):
    from whoosh import index as whoosh_index

    from index import _generations

    ix = whoosh_index.open_dir(str(_generations.current(phrases_home.index)))
    with ix.reader() as reader:
        pairs = {term.decode() for term in reader.lexicon("pairs")}
    # Pairs of two uncommon words too: the soft-phrase ranking reads them (index/_ranking.py).
    assert {"body|the|court", "body|court|heard", "title|storm|delai"} <= pairs
    assert {"body|of|the", "body|heard|the", "title|voic|of", "body|из|лагеря"} <= pairs
