"""A search of several plain words shows the articles with all of them first; when fewer
than a page have all of them, those with some of them follow, best first, and the page
says so. Anything with an operator, a field or a phrase means exactly what it says."""

from __future__ import annotations

import pytest

from tests.conftest import ingest, write_article
from webapp import create_app

ARTICLES = {
    "all.txt": "Night in Almaty\nThe camp guard spoke of hunger in Almaty.",
    "two.txt": "Camp and hunger\nA camp where hunger was daily.",
    "one.txt": "Camp life\nThe camp had a fence. The camp had a gate.",
    "none.txt": "Weather report\nRain is expected on Tuesday.",
}


@pytest.fixture
def web(tmp_path, home):
    folder = tmp_path / "in"
    for name, text in ARTICLES.items():
        write_article(folder, name, text, {"source": "Test"})
    ingest(home, folder)
    app = create_app({"ARCHIVE_HOME": str(home.root), "TESTING": True, "PAGE_SIZE": 5})
    return app.test_client()


def titles(result: dict) -> list[str]:
    return [hit["title"] for hit in result["hits"]]


def test_all_the_words_first_then_the_most_of_them(web):
    result = web.get("/api/search?q=camp+hunger+Almaty").get_json()
    assert result["all_words"] == 1
    assert result["total"] == 3
    assert titles(result) == ["Night in Almaty", "Camp and hunger", "Camp life"]
    assert result["notices"] == [
        "Only 1 of the articles have all of these words; 2 more with some of them follow."
    ]


def test_no_article_with_every_word(web):
    result = web.get("/api/search?q=hunger+fence").get_json()
    assert result["all_words"] == 0
    assert set(titles(result)) == {"Night in Almaty", "Camp and hunger", "Camp life"}
    assert result["notices"][0].startswith("No article has all of these words; 3 have some of them")
    page = web.get("/search?q=hunger+fence").get_data(as_text=True)
    assert "No article has all of these words" in page


def test_a_full_page_of_all_the_words_has_no_others(web):
    result = web.get("/api/search?q=camp+hunger&limit=1").get_json()
    assert result["all_words"] == result["total"] == 2
    assert result["notices"] == []


@pytest.mark.parametrize("query", ["camp AND Almaty AND hunger", '"camp hunger"', "title:camp hunger Almaty"])
def test_operators_fields_and_phrases_mean_exactly_that(web, query):
    result = web.get("/api/search", query_string={"q": query}).get_json()
    assert result["total"] == result["all_words"]
    assert "some of them" not in " ".join(result["notices"])


def test_a_word_typed_twice_weighs_twice(tmp_path, home):
    folder = tmp_path / "twice"
    write_article(folder, "x.txt", "Report X\nCamp, camp, camp and hunger once.", {"source": "Test"})
    write_article(folder, "y.txt", "Report Y\nHunger, hunger, hunger and camp once.", {"source": "Test"})
    ingest(home, folder)
    client = create_app({"ARCHIVE_HOME": str(home.root), "TESTING": True}).test_client()
    for query, first in (("camp camp hunger", "Report X"), ("hunger hunger camp", "Report Y")):
        result = client.get("/api/search", query_string={"q": query}).get_json()
        assert titles(result)[0] == first, query
