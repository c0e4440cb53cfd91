"""Ranking promises for plain queries of several words (index/_ranking.py): typed words
standing together in an article rank it higher, and in the "some of the words" fallback
the function words of a question do not decide the order. Each fixture is built so that
the other order is what plain per-word BM25F gives; the test checks that too."""

from __future__ import annotations

import pytest

from index import _ranking
from tests.conftest import ingest, write_article
from webapp import create_app

# Same words, same count, no other word shared with the query; "Apart" is one word
# shorter, so per-word BM25F alone puts it first.
NEAR = {
    "apart.txt": "Apart\nHeat rose in the old hall; later conduction failed.",
    "together.txt": "Together\nHeat conduction failed in the old hall, later than planned.",
    "weather.txt": "Weather report\nRain is expected on Tuesday.",
}


def _client(home, tmp_path, articles: dict[str, str]):
    for name, text in articles.items():
        folder = tmp_path / name  # one ingest per file, in this order (document numbers)
        write_article(folder, name, text, {"source": "Test"})
        ingest(home, folder)
    return create_app({"ARCHIVE_HOME": str(home.root), "TESTING": True}).test_client()


def titles(client, query: str) -> list[str]:
    result = client.get("/api/search", query_string={"q": query}).get_json()
    return [hit["title"] for hit in result["hits"]]


@pytest.fixture
def near(tmp_path, home):
    return _client(home, tmp_path, NEAR)


@pytest.mark.parametrize("query", ["heat conduction", "heat conduction slabs"])
def test_words_typed_together_rank_articles_that_have_them_together_first(near, query, monkeypatch):
    # With all the words, and in the fallback (no article has "slabs").
    assert titles(near, query) == ["Together", "Apart"]
    monkeypatch.setattr(_ranking, "SOFT_PHRASE_WEIGHT", 0.0)
    assert titles(near, query) == ["Apart", "Together"]  # the fixture can fail


def test_a_soft_phrase_needs_the_words_in_the_order_typed(near):
    # "conduction heat" is in neither article: the shorter one stays first.
    assert titles(near, "conduction heat") == ["Apart", "Together"]


QUESTION = {
    "questions.txt": "Questions\nWhat is on the list of what is told?",
    "glass.txt": "Glass\nGlass cracks, hot.",
    "weather.txt": "Weather report\nRain expected Tuesday.",
}


@pytest.fixture
def question(tmp_path, home):
    return _client(home, tmp_path, QUESTION)


def test_function_words_do_not_order_the_articles_with_some_of_the_words(question, monkeypatch):
    query = "what is the effect of heat on glass"
    result = question.get("/api/search", query_string={"q": query}).get_json()
    assert result["all_words"] == 0 and result["total"] == 2  # still found, and counted
    assert [hit["title"] for hit in result["hits"]] == ["Glass", "Questions"]
    monkeypatch.setattr(_ranking, "STOP_WORDS", frozenset())
    monkeypatch.setattr(_ranking, "_STOP_TERMS", None)
    assert titles(question, query) == ["Questions", "Glass"]  # the fixture can fail


def test_a_question_of_only_function_words_is_ranked_by_them(tmp_path, home):
    client = _client(
        home,
        tmp_path,
        {"once.txt": "Once\nIt rained.", "often.txt": "Often\nWhat it was, what it is, what it will be."},
    )
    # No article has "it", "what" and "were", nor two of them in this order: the one with
    # more of them comes first.
    assert titles(client, "it what were") == ["Often", "Once"]


def test_function_words_still_count_among_all_the_words(question):
    result = question.get("/api/search", query_string={"q": "what is the list"}).get_json()
    assert result["all_words"] == 1
    assert [hit["title"] for hit in result["hits"]][0] == "Questions"
