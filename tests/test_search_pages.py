"""The search page and its JSON twin say what happened: pages past the end, numbers out of
range, bad filters, date order, and phrases marked as phrases."""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.conftest import ingest, write_article
from webapp import create_app

PHRASE_TEXT = (
    "Arrival\n\nWe were told to wait. We waited at the gate.\n\n"
    "At the border we were very hungry, and nobody fed us.\n\nLater we were moved again."
)


@pytest.fixture
def web(tmp_path, home):
    """Twelve camp reports (dated and undated) and one with a phrase, served with 5 per page."""
    folder = tmp_path / "in"
    for n in range(12):
        sidecar = {"source": "Radio Azattyq", **({"date": f"20{10 + n}-03-01"} if n % 3 else {})}
        write_article(folder, f"r{n:02}.txt", f"Camp report {n}\nA camp account, number {n}.", sidecar)
    write_article(folder, "phrase.txt", PHRASE_TEXT, {"source": "Bitter Winter", "date": "2019-10-14"})
    ingest(home, folder)
    app = create_app({"ARCHIVE_HOME": str(home.root), "TESTING": True, "PAGE_SIZE": 5})
    return app.test_client()


def text_of(response) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def search_box(response) -> str:
    return unescape(re.search(r'id="q"[^>]*value="([^"]*)"', response.get_data(as_text=True)).group(1))


def test_a_page_past_the_end_names_the_last_page_and_links_to_it(web):
    response = web.get("/search?q=camp&page=4")
    assert response.status_code == 404
    assert "There is no page 4: the 12 results fill 3 pages." in text_of(response)
    html = response.get_data(as_text=True)
    link = re.search(r'id="past-the-end">.*?<a href="([^"]+)"', html, re.S).group(1)
    assert unescape(link) == "/search?q=camp&page=3"
    assert "Nothing matched" not in text_of(response)
    assert search_box(response) == "camp"
    assert web.get(unescape(link)).status_code == 200


def test_the_api_says_which_page_is_last(web):
    response = web.get("/api/search?q=camp&page=9&limit=10")
    assert response.status_code == 404
    error = response.get_json()["error"]
    assert error["last_page"] == 2
    assert error["last_page_url"] == "/api/search?q=camp&limit=10&page=2"
    assert "There is no page 9" in error["message"]


def test_the_json_reports_the_limit_used(web):
    assert web.get("/api/search?q=camp").get_json()["limit"] == 5
    body = web.get("/api/search?q=camp&limit=7").get_json()
    assert (body["limit"], len(body["hits"]), body["pages"]) == (7, 7, 2)


@pytest.mark.parametrize(
    "params, says",
    [
        ("page=-1", "'page' must be from 1 to 500; -1 is out of range."),
        ("page=0", "'page' must be from 1 to 500; 0 is out of range."),
        ("page=501", "'page' must be from 1 to 500; 501 is out of range."),
        ("page=two", "'page' must be a whole number from 1 to 500, not 'two'."),
        ("limit=100000", "'limit' must be from 1 to 100; 100000 is out of range."),
        ("limit=0", "'limit' must be from 1 to 100; 0 is out of range."),
        ("year=abc", "The year filter must be four digits, as in year=2019, not 'abc'."),
        ("q=date:2020-13-45", "'2020-13-45' is not a real calendar date"),
    ],
)
def test_out_of_range_and_malformed_parameters_say_so(web, params, says):
    page = web.get(f"/search?q=camp&{params}" if not params.startswith("q=") else f"/search?{params}")
    assert page.status_code == 400
    assert says in text_of(page)
    api = web.get(f"/api/search?{params}")
    assert api.status_code == 400 and says in api.get_json()["error"]["message"]


def test_the_search_box_keeps_the_query_on_an_error_page(web):
    response = web.get("/search?q=date:2020-13-45+camp")
    assert response.status_code == 400
    assert search_box(response) == "date:2020-13-45 camp"


@pytest.mark.parametrize("path", ["/search?q=&sort=oldest", "/search?q=camp&sort=newest"])
def test_date_order_pages_answer(web, path):
    response = web.get(path)
    assert response.status_code == 200
    dates = re.findall(r'<span class="date">([^<]+)</span>', response.get_data(as_text=True))
    shown = [d for d in dates if d != "date unknown"]
    assert shown == sorted(shown, reverse="newest" in path) and len(shown) == 5


def test_api_oldest_first_with_undated_last(web):
    hits = web.get("/api/search?q=camp&sort=oldest&limit=12").get_json()["hits"]
    assert [h["date"] for h in hits][:3] == ["2011-03-01", "2012-03-01", "2014-03-01"]
    assert [h["date"] for h in hits][-4:] == ["", "", "", ""]
    assert {h["score"] for h in hits} == {None}


def test_a_phrase_is_marked_as_a_phrase(web):
    response = web.get('/search?q="we+were+very+hungry"')
    html = response.get_data(as_text=True)
    assert re.findall(r"<mark>(.*?)</mark>", html) == ["we were very hungry"]
    heading = re.search(r'<p id="result-count">(.*?)</p>', html, re.S).group(1)
    assert unescape(re.sub(r"<[^>]+>", "", heading)).split() == '1 result for "we were very hungry"'.split()
    api = web.get('/api/search?q="we were very hungry"').get_json()
    assert "<mark>we were very hungry</mark>" in api["hits"][0]["snippet_html"]
    assert api["hits"][0]["snippet_html"].count("<mark>") == 1


def test_single_words_and_prefixes_are_marked_where_they_occur(web):
    html = web.get("/search?q=waited+gat*").get_data(as_text=True)
    # "waited" finds its other forms (wait), as the search itself does.
    assert re.findall(r"<mark>(.*?)</mark>", html) == ["wait", "waited", "gate"]


def test_following_a_hit_keeps_the_query_and_marks_the_article(web):
    html = web.get('/search?q="we+were+very+hungry"').get_data(as_text=True)
    link = unescape(re.search(r'<h3><a href="([^"]+)"', html).group(1))
    assert link.endswith("?q=%22we+were+very+hungry%22#first-match")
    page = web.get(link.split("#")[0], follow_redirects=True)
    article = page.get_data(as_text=True)
    assert re.findall(r"<mark[^>]*>(.*?)</mark>", article) == ["we were very hungry"]
    marked = re.search(r'<p id="p(\d+)">[^\n]*<mark id="first-match">', article)
    assert marked and marked.group(1) == "2"
    assert search_box(page) == '"we were very hungry"'


def test_an_article_page_with_a_bad_query_is_still_the_article(web):
    html = web.get('/search?q="we+were+very+hungry"').get_data(as_text=True)
    path = unescape(re.search(r'<h3><a href="([^"?]+)', html).group(1))
    page = web.get(path + "?q=%22unbalanced")
    assert page.status_code == 200
    assert "<mark" not in page.get_data(as_text=True)
    assert "At the border we were very hungry" in text_of(page)
