"""Dates mentioned in an article: value, precision and exact offsets, the year of a bare day
taken from the text before it or the article's date, and nothing guessed."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.enrich import find_dates


def _rows(paragraphs, article_date=""):
    return [(d.text, d.value, d.precision, d.start, d.end) for d in find_dates(paragraphs, article_date)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Released on January 21, 2020, at dawn.", [("January 21, 2020", "2020-01-21", "day", 12, 28)]),
        ("Taken on 21 January 2019.", [("21 January 2019", "2019-01-21", "day", 9, 24)]),
        ("Moved in October 2019 to Hotan.", [("October 2019", "2019-10", "month", 9, 21)]),
        ("The camps grew in 2018.", [("2018", "2018", "year", 18, 22)]),
        ("Filed 2019-10-14 in Almaty.", [("2019-10-14", "2019-10-14", "day", 6, 16)]),
        ("Held from Sept. 3rd, 2017 on.", [("Sept. 3rd, 2017", "2017-09-03", "day", 10, 25)]),
        ("Её задержали 21 января 2020 года.", [("21 января 2020", "2020-01-21", "day", 13, 27)]),
        ("2020 жылғы 21 қаңтарда сот болды.", [("2020 жылғы 21 қаңтарда", "2020-01-21", "day", 0, 22)]),
        ("她于2020年1月21日被捕。", [("2020年1月21日", "2020-01-21", "day", 2, 12)]),
        ("Протокол от 14.10.2019.", [("14.10.2019", "2019-10-14", "day", 12, 22)]),
        # not dates, or not exact
        ("February 30, 2020 never was.", []),
        ("Last week, on Monday, 2018 people came; page 2019 of 3.", []),
        ("She may 5 times refuse.", []),
    ],
)
def test_date_forms(text, expected):
    assert _rows([text]) == expected


def test_a_day_without_year_takes_the_nearest_earlier_year_else_the_articles():
    paragraphs = [
        "On October 15 police came.",  # before any year: the article's year
        "In 2018 the camps grew. On October 15 police came again; by 3 March they left.",
        "In March 2019 she fled, and on May 5 she crossed.",
    ]
    assert _rows(paragraphs, article_date="2020-06-01") == [
        ("October 15", "2020-10-15", "day", 3, 13),
        ("2018", "2018", "year", 31, 35),
        ("October 15", "2018-10-15", "day", 55, 65),
        ("3 March", "2018-03-03", "day", 88, 95),
        ("March 2019", "2019-03", "month", 111, 121),
        ("May 5", "2019-05-05", "day", 139, 144),
    ]
    # no year anywhere: a day cannot be placed on a timeline, so it is left out
    assert _rows(["On October 15 police came."]) == []


@settings(max_examples=25 if "MUTANT_UNDER_TEST" in os.environ else 150, deadline=None)
@given(
    st.lists(
        st.lists(
            st.one_of(
                st.sampled_from(
                    [
                        "on",
                        "in",
                        "October",
                        "15",
                        "21st",
                        "2019",
                        "2019-10-14",
                        "年",
                        "1月",
                        "января",
                        ",",
                        "\n",
                    ]
                ),
                st.text(max_size=5),
            ),
            max_size=20,
        ).map(" ".join),
        max_size=3,
    ),
    st.sampled_from(["", "2020", "2020-05", "2021-02-03", "bogus"]),
)
def test_dates_never_raise_and_lie_in_the_body(paragraphs, article_date):
    body = "\n\n".join(paragraphs)
    for mention in find_dates(paragraphs, article_date):
        assert body[mention.start : mention.end] == mention.text
        assert mention.precision == {4: "year", 7: "month", 10: "day"}[len(mention.value)]
