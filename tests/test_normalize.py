import pytest

from archive.normalize import collapse_spaces, normalize_text, parse_byline, split_blocks


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("a\r\nb\rc", "a\nb\nc"),
        ("\ufeffTitle", "Title"),
        ("\x00\ufeffTitle", "Title"),  # a BOM behind a stray NUL is still leading
        ("\ufeff\ufeffTitle", "Title"),
        ("Cafe\u0301", "Café"),  # NFD to NFC
        ("bell\x07 and nul\x00", "bell and nul"),
        ("“quoted” — kept’s", "“quoted” — kept’s"),
        ("tab\tstays\nnewline stays", "tab\tstays\nnewline stays"),
    ],
)
def test_normalize_text(raw, expected):
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [("  a \t b\u00a0c\n d ", "a b c d"), ("", ""), ("one", "one")],
)
def test_collapse_spaces(raw, expected):
    assert collapse_spaces(raw) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("one\ntwo\nthree", ["one", "two", "three"]),
        ("first line\nwrapped\n\nsecond\n", ["first line wrapped", "second"]),
        ("\n\n  \n", []),
        ("a\n\n\n\nb", ["a", "b"]),
    ],
)
def test_split_blocks(text, expected):
    assert split_blocks(text) == expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("by Leila Adilzhan", ["Leila Adilzhan"]),
        ("By Ruth Ingram and Gulchehra Hoja", ["Ruth Ingram", "Gulchehra Hoja"]),
        ("BY A. Smith, B. Jones & C. Lee", ["A. Smith", "B. Jones", "C. Lee"]),
        ("By the time we reached the border the guards had already closed the gate", None),
        ("Bystanders said", None),
        ("Nothing here", None),
    ],
)
def test_parse_byline(line, expected):
    assert parse_byline(line) == expected
