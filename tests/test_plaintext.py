import pytest

from archive.errors import Rejected
from archive.readers import choose_reader, plaintext
from tests.conftest import SEEDS

SEED = SEEDS / "000_fdb5cd3d6fd92abd.txt"


def test_seed_structure_and_wording_is_kept_exactly():
    parsed = plaintext.read(SEED.read_bytes())
    assert parsed.title == "Provisional Asylum Granted to Two Refugees from China in Kazakhstan"
    assert parsed.standfirst.startswith("For the first time, authorities admit")
    assert parsed.authors == ("Leila Adilzhan",)
    assert len(parsed.paragraphs) == 7
    # Evidence: typographic quotes and even the missing space are kept as written.
    assert "“We were very hungry, and came to one Kazakh home" in parsed.paragraphs[2]
    assert "Abdulla Bakbergen,we got a refugee document" in parsed.paragraphs[5]
    source_lines = SEED.read_text(encoding="utf-8").splitlines()
    assert list(parsed.paragraphs) == [line.strip() for line in source_lines[3:] if line.strip()]


def test_title_and_blank_line_separated_body():
    parsed = plaintext.parse_text("Headline\n\nFirst paragraph\ncontinues here.\n\nSecond.\n")
    assert parsed.title == "Headline"
    assert parsed.standfirst == "" and parsed.authors == ()
    assert parsed.paragraphs == ("First paragraph continues here.", "Second.")


def test_markdown_heading_marker_is_not_part_of_the_title():
    assert plaintext.parse_text("# A Million People\n\nBody.").title == "A Million People"
    assert plaintext.parse_text("#hashtag title\nBody.").title == "#hashtag title"


def test_prose_that_opens_with_a_bracket_is_still_text():
    assert choose_reader("a.txt", "[Translated from Kazakh] Title\nBody.".encode()) is plaintext
    with pytest.raises(Rejected, match="JSON"):
        choose_reader("a.txt", b'{"an": "object"}')


def test_byline_right_after_title():
    parsed = plaintext.parse_text("Headline\nBy Jane Roe\nBody one.\nBody two.")
    assert parsed.authors == ("Jane Roe",)
    assert parsed.standfirst == ""
    assert parsed.paragraphs == ("Body one.", "Body two.")


def test_second_line_without_byline_is_a_paragraph():
    parsed = plaintext.parse_text("Headline\nNot a standfirst.\nBody.")
    assert parsed.standfirst == ""
    assert parsed.paragraphs == ("Not a standfirst.", "Body.")


def test_front_matter_is_metadata_not_text():
    raw = "---\nsource: Example News\ndate: 2021-03-04\ntags: [camps]\n---\nHeadline\nBody.\n".encode()
    parsed = plaintext.read(raw)
    assert parsed.title == "Headline"
    assert parsed.embedded.source == "Example News"
    assert parsed.embedded.date == "2021-03-04"
    assert parsed.embedded.tags == ("camps",)


@pytest.mark.parametrize("raw", [b"   \n\n \t\n", b"---\nsource: X\n---\n\n"])
def test_no_text_is_rejected(raw):
    with pytest.raises(Rejected, match="has no text"):
        plaintext.read(raw)


@pytest.mark.parametrize(
    "name, raw, kind",
    [
        ("data.json", b'{"a": 1}', "a JSON object with fields a"),
        ("data.txt", b"[1, 2]", "a JSON array of 2 values"),
        ("scan.pdf", b"%PDF-1.4 ...", "a PDF document"),
        ("logo.png", b"\x89PNG\r\n\x1a\n...", "a PNG image"),
        ("CISI.ALL", b".I 1\n.T\nTitle", "text in a '.all' file"),
    ],
)
def test_other_formats_are_rejected_saying_what_they_are_and_what_is_read(name, raw, kind):
    with pytest.raises(Rejected) as caught:
        choose_reader(name, raw)
    assert str(caught.value) == (
        f"looks like {kind}; this version reads plain-text, Markdown and saved HTML articles "
        "(.txt, .md, .html, .html.gz), web archives (.warc, .warc.gz, .arc.gz, .wacz), feeds (RSS, Atom, JSON Feed) and records "
        "(CSV, JSON, NDJSON, with a mapping)"
    )
