"""Every refusal of the query checker, word for word, and the inputs it must let through.

The messages are the product here: a researcher reads one and fixes the query. Pinning
them whole (not a substring) is what lets a changed word, a dropped example or a wrong
field list fail a test; mutation testing showed substring checks let all of those pass.
"""

from __future__ import annotations

import pytest

import index

UNKNOWN_FIELD = (
    "Unknown field 'bogus:'. Fields you can search: title, standfirst, body, author, source, tag, "
    "language, year, date, speaker, person, place, org, quote. To search for the text itself, put it in quotes."
)
NEEDS_TERM = "'title:' needs a search term right after the colon, for example title:asylum."
AND_SIDES = "'AND' needs a search term on each side, for example: Kazakh AND asylum."
NOT_AFTER = "'NOT' needs a search term after it, for example: asylum NOT Turkey."
SHORT_WILDCARD = (
    "'ka*': a wildcard needs at least 3 letters before it (a shorter one would match too many words)."
)


@pytest.mark.parametrize(
    "query, message",
    [
        ("Title:asylum", "Field names are lower case: write 'title:' instead of 'Title:'."),
        ("bogus:x", UNKNOWN_FIELD),
        ("title:", NEEDS_TERM),
        ("title: x", NEEDS_TERM),
        ("(title:)", NEEDS_TERM),
        ("AND", AND_SIDES),
        ("( AND x)", AND_SIDES),
        ("(x AND)", AND_SIDES),
        ("x AND AND y", AND_SIDES),
        ("x OR", "'OR' needs a search term on each side, for example: Kazakh OR asylum."),
        ("x NOT", NOT_AFTER),
        ("(x NOT)", NOT_AFTER),
        ("x NOT AND y", NOT_AFTER),
        ("()", "The query has brackets but nothing to search for inside them."),
        ("( ( ) )", "The query has brackets but nothing to search for inside them."),
        ("ka*", SHORT_WILDCARD),
        ("(ka*)", SHORT_WILDCARD),
        ("(x ka*)", SHORT_WILDCARD),
        ("title:ka*", SHORT_WILDCARD),
        ("asylum ka*", SHORT_WILDCARD),
        ("k*z*", "'k*z*': a * can only end a word, as in Kazak* (it matches every ending)."),
        ("kaz**", "'kaz**': a * can only end a word, as in Kazak* (it matches every ending)."),
        ('"open', 'A quotation mark (") is opened but never closed. Close the phrase with " or remove it.'),
        ("(x", "A '(' is opened but never closed. Add ')' or remove it."),
        ("x)", "There is a ')' with no '(' before it. Remove it, or put the phrase in quotes."),
        ("x" * 2001, "The query is 2,001 characters long; the limit is 2000."),
    ],
)
def test_refusals_say_exactly_what_to_fix(query, message):
    with pytest.raises(index.QueryError) as refused:
        index.check_query(query)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    "query, checked",
    [
        ("Kaz*", "Kaz*"),  # exactly three letters before the *
        ("asylum *", "asylum *"),  # a lone * is not a wildcard to check
        ("*", "*"),
        ("(Atajurt OR Bilash) NOT Turkey", "(Atajurt OR Bilash) NOT Turkey"),
        ("“we were very hungry”", '"we were very hungry"'),  # typographic quotes
        ('"title: AND (" x', '"title: AND (" x'),  # inside a phrase nothing is syntax
        ("  many   spaces\there ", "many spaces here"),
        ("x" * 2000, "x" * 2000),
        ("author:Adilzhan year:2019", "author:Adilzhan year:2019"),
    ],
)
def test_well_formed_queries_pass_normalized(query, checked):
    assert index.check_query(query) == checked


def test_star_alone_lists_everything_newest_first(realistic_home):
    result = index.SearchIndex(realistic_home.index).search("*")
    assert result.total == 9 and result.sort == "newest"
    assert result.hits[0].date == "2021-03-02" and result.hits[-1].date == ""


def test_a_title_match_outranks_the_same_word_in_a_body(tmp_path, home):
    from tests.conftest import ingest, write_article

    folder = tmp_path / "rank"
    # Texts of the same length, so BM25F's length normalization is the same for both.
    write_article(folder, "a.txt", "Report from Zhanaozen\nWorkers in the town went on strike.")
    write_article(folder, "b.txt", "Another report\nWorkers in Zhanaozen went on strike.")
    ingest(home, folder)
    titles = [h.title for h in index.SearchIndex(home.index).search("Zhanaozen").hits]
    assert titles == ["Report from Zhanaozen", "Another report"]


def test_punctuation_alone_is_nothing_to_search_for(realistic_home):
    for text in ("'", "…", '""', "-"):
        with pytest.raises(index.QueryError) as refused:
            index.SearchIndex(realistic_home.index).search(text)
        assert str(refused.value) == "There is nothing to search for in this query."


def test_pages_and_page_sizes(realistic_home):
    search = index.SearchIndex(realistic_home.index).search
    assert len(search("").hits) == 9 and search("").pagelen == 20  # the default page size
    assert search("", page=500).hits == []  # the last allowed page, empty
    with pytest.raises(index.QueryError) as refused:
        search("", page=501)
    assert str(refused.value) == "Page 501 is out of range; pages run from 1 to 500."
    with pytest.raises(index.QueryError) as refused:
        search("", sort="sideways")
    assert str(refused.value) == "Unknown sort 'sideways'; use one of relevance, newest, oldest."
