"""Dates as periods and date order, on an archive where a wrong answer is possible:
day, month and year precision, several years, and undated articles."""

from __future__ import annotations

import pytest

import index
from tests.conftest import ingest, write_article

# title -> date ("" is undated). Titles are single distinctive words.
DATED = {
    "Alma": "2019-10-14",
    "Baku": "2019",
    "Chui": "2019-10",
    "Dala": "2020-06-30",
    "Emba": "2020",
    "Fergana": "2018-02-28",
    "Gobi": "",
    "Hami": "",
    "Ili": "2021-01-01",
    "Jeti": "2017-12-31",
}


@pytest.fixture
def dated_home(tmp_path, home):
    folder = tmp_path / "dated"
    for n, (title, day) in enumerate(DATED.items()):
        sidecar = {"source": ["Radio Azattyq", "Bitter Winter"][n % 2]}
        if day:
            sidecar["date"] = day
        write_article(folder, f"{title.lower()}.txt", f"{title}\nA camp report number {n}.", sidecar)
    report = ingest(home, folder)
    assert report.counts["new"] == len(DATED)
    return home


def titles(home, text="", **kwargs) -> list[str]:
    result = index.SearchIndex(home.index).search(text, pagelen=50, **kwargs)
    return [hit.title for hit in result.hits]


OLDEST = ["Jeti", "Fergana", "Baku", "Chui", "Alma", "Emba", "Dala", "Ili"]


def test_oldest_first_puts_undated_last(dated_home):
    order = titles(dated_home, sort="oldest")
    assert order[:8] == OLDEST
    assert set(order[8:]) == {"Gobi", "Hami"}


def test_newest_first_puts_undated_last(dated_home):
    for text in ("camp", ""):  # a query, and the home page's browse-all
        order = titles(dated_home, text, sort="newest")
        assert order[:8] == OLDEST[::-1]
        assert set(order[8:]) == {"Gobi", "Hami"}


def test_a_short_page_in_date_order_holds_the_right_articles(dated_home):
    for text in ("camp", ""):
        for sort, first in (("newest", ["Ili", "Dala", "Emba"]), ("oldest", ["Jeti", "Fergana", "Baku"])):
            page = index.SearchIndex(dated_home.index).search(text, sort=sort, pagelen=3)
            assert [h.title for h in page.hits] == first, (text, sort)
    last = index.SearchIndex(dated_home.index).search("", sort="oldest", pagelen=3, page=4)
    assert [h.title for h in last.hits] == ["Hami"] or [h.title for h in last.hits] == ["Gobi"]


def test_the_score_is_a_score_or_nothing(dated_home):
    by_date = index.SearchIndex(dated_home.index).search("camp", sort="oldest")
    assert {hit.score for hit in by_date.hits} == {None}
    assert all(h["score"] is None for h in by_date.to_json()["hits"])
    relevant = index.SearchIndex(dated_home.index).search("camp", sort="relevance")
    assert all(isinstance(hit.score, float) and hit.score > 0 for hit in relevant.hits)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("date:2019", {"Alma", "Baku", "Chui"}),
        ("date:2021", {"Ili"}),
        ("date:2017", {"Jeti"}),
        ("date:2017-12", {"Jeti"}),
        ("date:2021-01-01", {"Ili"}),
        ("date:[2017-12-31 TO 2018-02-28]", {"Jeti", "Fergana"}),
        ("date:{2017-12-31 TO 2018-02-28}", set()),
        ("date:2019-10", {"Alma", "Chui"}),
        ("date:2019-10-14", {"Alma"}),
        ("date:2019-10-15", set()),
        ("date:[2019-10 TO 2020-06]", {"Alma", "Chui", "Dala"}),
        ("date:[2018 TO 2019]", {"Fergana", "Alma", "Baku", "Chui"}),
        ("date:[2020 TO]", {"Dala", "Emba", "Ili"}),
        ("date:[TO 2018-12]", {"Jeti", "Fergana"}),
        ("date:{2019 TO 2020-06-30]", {"Dala"}),
        ("date:2020-02-29", set()),
        ("date:2019*", {"Alma", "Baku", "Chui"}),
        ("year:2019", {"Alma", "Baku", "Chui"}),
        ("camp date:2020", {"Dala", "Emba"}),
        ("camp NOT date:2019", {"Dala", "Emba", "Fergana", "Gobi", "Hami", "Ili", "Jeti"}),
    ],
)
def test_dates_search_as_periods(dated_home, query, expected):
    assert set(titles(dated_home, query)) == expected


@pytest.mark.parametrize(
    "query, says",
    [
        ("date:2020-13-45", "not a real calendar date"),
        ("date:2019-02-29", "not a real calendar date"),
        ("date:2019-00", "not a real calendar date"),
        ("date:yesterday", "is not a date"),
        ("date:[2020 TO 2019]", "ends before it starts"),
        ("year:abc", "is not a year"),
    ],
)
def test_dates_that_are_not_dates_are_refused(dated_home, query, says):
    with pytest.raises(index.QueryError, match=says):
        titles(dated_home, query)


def test_a_year_filter_that_is_not_a_year_is_refused(dated_home):
    with pytest.raises(index.QueryError, match="four digits"):
        titles(dated_home, filters={"year": ["abc"]})
    assert set(titles(dated_home, filters={"year": ["2020"]})) == {"Dala", "Emba"}


def test_cli_sorts_by_date_without_a_traceback(dated_home, cli):
    result = cli("search", "", "--sort", "oldest", "--home", dated_home.root, "--limit", "3")
    assert result.exit_code == 0
    lines = [line for line in result.output.splitlines() if line and not line.startswith(" ")]
    assert [line.split("  ")[1] for line in lines[1:]] == ["2017-12-31", "2018-02-28", "2019"]
