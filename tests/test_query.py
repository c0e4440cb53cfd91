import pytest

from index import MAX_QUERY_CHARS, QueryError, check_query


@pytest.mark.parametrize(
    "query, normalized",
    [
        ("Atajurt", "Atajurt"),
        ("  Kaster   Murager ", "Kaster Murager"),
        ("“we were very hungry”", '"we were very hungry"'),
        ('source:"Bitter Winter" asylum', 'source:"Bitter Winter" asylum'),
        ("(Atajurt OR Bilash) AND Almaty", "(Atajurt OR Bilash) AND Almaty"),
        ("asylum NOT Turkey", "asylum NOT Turkey"),
        ("Kazak*", "Kazak*"),
        ("who is Bilash?", "who is Bilash?"),
        ('"title: inside quotes is text"', '"title: inside quotes is text"'),
        ("10:30 meeting", "10:30 meeting"),
        ("", ""),
    ],
)
def test_good_queries(query, normalized):
    assert check_query(query) == normalized


@pytest.mark.parametrize(
    "query, says",
    [
        ('"unbalanced (', "never closed"),
        ("(unbalanced", "'(' is opened but never closed"),
        ("unbalanced)", "')' with no '('"),
        ("title:", "needs a search term right after the colon"),
        ("title: asylum", "needs a search term right after the colon"),
        ("AND", "needs a search term on each side"),
        ("asylum OR", "needs a search term on each side"),
        ("OR asylum", "needs a search term on each side"),
        ("asylum AND OR camps", "needs a search term on each side"),
        ("NOT", "needs a search term after it"),
        ("()", "nothing to search for"),
        ("colour:red", "Unknown field 'colour:'"),
        ("Title:asylum", "lower case"),
        ("ka*", "at least 3 letters"),
        ("*stan", "can only end a word"),
        ("x" * (MAX_QUERY_CHARS + 1), f"the limit is {MAX_QUERY_CHARS}"),
    ],
)
def test_bad_queries_say_what_is_wrong(query, says):
    with pytest.raises(QueryError, match=says.replace("(", r"\(").replace(")", r"\)").replace("*", r"\*")):
        check_query(query)
