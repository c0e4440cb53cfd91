"""Structured records: CSV, JSON and NDJSON exports read row by row through a mapping."""

import json
import os
from datetime import date
from pathlib import Path

import pytest

from archive.errors import Rejected
from archive.readers import choose_reader, feed, tabular
from archive.readers.contract import NO, ReadOptions
from archive.readers.loose_dates import loose_date
from archive.records import Metadata, ParsedText

REPO = Path(__file__).resolve().parents[1]

# Messy as real exports are: a multi-line cell, a Markdown link, trailing spaces, an empty
# cell, dates written three ways, a row of empty cells, an empty body, Cyrillic and Chinese.
CASES_CSV = (
    "case_id,name,name_zh,summary,details,contact_date,home_town,link,lang\n"
    'C01,Aliya Nur ,阿丽娅,"Aliya was detained in May 2017.\nHer brother [Arman Nur](#case-C02) was taken too.",'
    "Likes gardening. ,12 April 2018,Kashgar; Ghulja,https://cases.example.org/c01,en\n"
    "C02,Arman Nur,,He has not called since 2017.,,Mar-17,Unknown,not a link,\n"
    ",,,,,,,,\n"
    "C03,Бахыт Ким,,Бахыт пропал в 2018 году.,,After 2015,,,xx-bogus\n"
    "C04,Empty Body,,,,2019,,,\n"
).encode()

MAPPING = {
    "title": "name",
    "body": "summary\ndetails",
    "date": "contact_date",
    "people": "name\nname_zh",
    "places": "home_town",
    "url": "link",
    "language": "lang",
    "id": "case_id",
}


def _read(raw: bytes, mapping=MAPPING):
    return list(tabular.read_items(raw, ReadOptions(mapping=mapping)))


def test_csv_rows_become_articles_with_their_cells_cleaned():
    first, second, cyrillic, empty = _read(CASES_CSV)
    assert first.locator == "row 1 <C01>"
    assert first.parsed == ParsedText(
        title="Aliya Nur",
        paragraphs=(
            "Aliya was detained in May 2017.",
            "Her brother Arman Nur was taken too.",
            "Likes gardening.",
        ),
    )
    assert first.given == Metadata(
        title="Aliya Nur", url="https://cases.example.org/c01", date="2018-04-12", language="en"
    )
    assert first.details == (
        ("row", "1"),
        ("record_id", "C01"),
        ("person", "Aliya Nur"),
        ("person", "阿丽娅"),
        ("place", "Kashgar"),
        ("place", "Ghulja"),
        ("date_as_written", "12 April 2018"),
        ("link", "#case-C02"),
    )
    assert second.locator == "row 2 <C02>"
    assert (second.given.date, second.given.url) == ("2017-03", "")
    assert second.parsed.warnings == (
        "the record's url was left out: metadata field 'url' must be an absolute http(s) URL, not 'not a link'",
    )
    assert ("place", "Unknown") not in second.details
    # The row of empty cells is passed over; numbering stays that of the file's data rows.
    assert cyrillic.locator == "row 4 <C03>"
    assert cyrillic.parsed.paragraphs == ("Бахыт пропал в 2018 году.",)
    assert (cyrillic.given.date, cyrillic.given.language) == ("", "")
    assert cyrillic.parsed.warnings[0] == (
        "the contact_date date was left out: 'After 2015' is not a date that can be placed without guessing, "
        "or is in the future"
    )
    assert cyrillic.parsed.warnings[1].startswith(
        "the record's language was left out: metadata field 'language' "
    )
    assert (empty.locator, empty.parsed, empty.rejected) == (
        "row 5 <C04>",
        None,
        "has no text in its body column(s) summary, details",
    )


def test_the_digest_is_the_rows_own_and_changes_only_with_it():
    before = _read(CASES_CSV)
    after = _read(CASES_CSV.replace(b"He has not called", b"He never called"))
    assert [a.digest == b.digest for a, b in zip(before, after, strict=True)] == [True, False, True, True]
    assert len({i.digest for i in before}) == 4


def test_ndjson_a_bad_line_is_refused_and_the_rest_read():
    raw = (
        '{"id": "n1", "text": "First record.", "author": ["Ann Lee", "Bo Chen"], "when": "2020-02-03"}\n'
        '{"id": "n2", "text": "Second record.\n'  # a line cut in two
        '"}\n'
        "\n"
        "[1, 2]\n"
        '{"id": "n5", "text": "Fifth line, 第五行.", "when": "Early 2016"}\n'
    ).encode()
    items = _read(raw, {"body": "text", "authors": "author", "date": "when", "id": "id"})
    assert [(i.locator, i.rejected) for i in items] == [
        ("line 1 <n1>", ""),
        ("line 2", "is not valid JSON: Unterminated string starting at column 22"),
        ("line 3", "is not valid JSON: Unterminated string starting at column 1"),
        ("line 5", "is a JSON list, not an object of fields"),
        ("line 6 <n5>", ""),
    ]
    assert items[0].given.authors == ("Ann Lee", "Bo Chen")
    assert items[0].parsed.title == "First record."
    assert (items[4].given.date, items[4].parsed.paragraphs) == ("2016", ("Fifth line, 第五行.",))


def test_json_records_in_an_array_an_object_holding_one_or_keyed_by_name():
    records = [{"t": "One", "b": "Body one."}, {"t": "Two", "b": "<p>Body</p><p>two.</p>"}]
    mapping = {"title": "t", "body": "b"}
    for raw in (json.dumps(records), json.dumps({"meta": {"n": 2}, "data": records})):
        items = _read(raw.encode(), mapping)
        assert [(i.locator, i.parsed.title, i.parsed.paragraphs) for i in items] == [
            ("record 1", "One", ("Body one.",)),
            ("record 2", "Two", ("Body", "two.")),
        ]
    keyed = _read(json.dumps({"a7": records[0], "b9": records[1]}).encode(), mapping)
    assert [i.locator for i in keyed] == ["record 1 <a7>", "record 2 <b9>"]


def test_without_a_mapping_the_refusal_says_how_to_write_one():
    with pytest.raises(Rejected) as caught:
        _read(CASES_CSV, None)
    assert str(caught.value) == (
        "is a CSV table of 4 rows and needs a mapping that says which column is which: write it beside the "
        "file as <file name>.mapping.yaml (or pass --mapping FILE), for example "
        "{title: name, body: summary, date: contact_date, url: link, language: lang, id: case_id}; "
        "fields are title, body, date, authors, people, places, tags, source, url, language, id; "
        "its columns are case_id, name, name_zh, summary, details, contact_date, home_town, link, lang"
    )


def test_a_mapping_that_names_a_missing_column_names_it_and_the_columns_there_are():
    with pytest.raises(Rejected) as caught:
        _read(CASES_CSV, {**MAPPING, "places": "home_town\nheld_location"})
    assert str(caught.value) == (
        "the mapping's places names column 'held_location', which is not in the file; its columns are "
        "case_id, name, name_zh, summary, details, contact_date, home_town, link, lang"
    )
    with pytest.raises(
        Rejected, match=r"^the mapping has unknown field\(s\) headline; fields are title, body,"
    ):
        _read(CASES_CSV, {"headline": "name", "body": "summary"})
    with pytest.raises(Rejected, match=r"^the mapping names no body column; its columns are case_id, name,"):
        _read(CASES_CSV, {"title": "name"})
    with pytest.raises(Rejected, match=r"^the mapping's date names 2 columns; it takes one$"):
        _read(CASES_CSV, {"body": "summary", "date": "contact_date\nlink"})


def test_mapping_files_are_yaml_or_json_and_sit_beside_the_data(tmp_path):
    yaml_text = b"title: name\nbody: [summary, details]\nid: 007\n"
    assert tabular.load_mapping(yaml_text) == {"title": "name", "body": "summary\ndetails", "id": "007"}
    assert tabular.load_mapping(b'{"body": ["a b", "c"]}') == {"body": "a b\nc"}
    with pytest.raises(Rejected, match=r"^the mapping file is not valid YAML or JSON at line 2$"):
        tabular.load_mapping(b"body: [a\ntitle: : :\n")
    with pytest.raises(Rejected, match=r"^the mapping's body must name a column, or a list of columns$"):
        tabular.load_mapping(b"body: {a: 1}\n")
    data = tmp_path / "cases.csv"
    data.write_bytes(CASES_CSV)
    assert tabular.mapping_beside(data) is None
    (tmp_path / "cases.csv.mapping.yaml").write_bytes(yaml_text)
    assert tabular.mapping_beside(data) == tmp_path / "cases.csv.mapping.yaml"


@pytest.mark.parametrize(
    "name, raw, reader",
    [
        ("cases.csv", CASES_CSV, tabular),
        ("cases.tsv", b"a\tb\n1\t2\n", tabular),
        ("cases.json", b'[{"a": 1}]', tabular),
        ("export.txt", b'{"rows": [{"a": 1}], "count": 1}', tabular),
        ("export.ndjson", b'{"a": 1}\n{"a": 2}\n{"a": \n', tabular),
        ("feed.json", b'{"version": "https://jsonfeed.org/version/1", "items": [{"id": 1}]}', feed),
    ],
)
def test_records_are_chosen_by_shape_and_a_json_feed_is_the_feeds(name, raw, reader):
    assert choose_reader(name, raw) is reader


@pytest.mark.parametrize(
    "name, raw",
    [
        ("meta.json", b'{"title": "x", "tags": ["a"]}'),
        ("n.json", b"[1, 2]"),
        ("x.csv", b""),
        ("t.txt", b"a,b\n1,2\n"),
    ],
)
def test_other_json_and_text_is_not_records(name, raw):
    assert tabular.sniff(name, raw) == NO


@pytest.mark.parametrize(
    "written, expected",
    [
        ("12 April 1974", ("1974-04-12", "")),
        ("April 12, 1974", ("1974-04-12", "")),
        ("May 2017", ("2017-05", "")),
        ("Sept 2019", ("2019-09", "")),
        ("Mar-17", ("2017-03", "")),  # a spreadsheet's month-year
        ("2017", ("2017", "")),
        ("2019-10-14T08:00:00Z", ("2019-10-14", "")),
        ("13 November 2021 ", ("2021-11-13", "")),
        ("Early 2016", ("2016", "")),
        ("Mid-2015", ("2015", "")),
        ("June-July 2017", ("2017", "")),
        ("2 May 2017 to 5 May 2017", ("2017-05", "")),
        ("25/12/2017", ("2017-12-25", "")),
        ("Unknown", ("", "")),
        ("", ("", "")),
        (
            "03/04/2017",
            ("", "'03/04/2017' is not a date that can be placed without guessing, or is in the future"),
        ),
        (
            "2016-2017",
            ("", "'2016-2017' is not a date that can be placed without guessing, or is in the future"),
        ),
        (
            "31 February 2020",
            ("", "'31 February 2020' is not a date that can be placed without guessing, or is in the future"),
        ),
        (
            "May 2030",
            ("", "'May 2030' is not a date that can be placed without guessing, or is in the future"),
        ),
    ],
)
def test_dates_as_people_type_them(written, expected):
    assert loose_date(written, date(2026, 1, 15)) == expected


def _corpora() -> Path:
    configured = os.environ.get("ARCHIVE_CORPORA")
    return Path(configured) if configured else Path(__file__).resolve().parents[2] / "shared" / "corpora"


def test_every_amnesty_case_file_reads_with_the_example_mapping():
    root = _corpora() / "xinjiang_amnesty_silkroad"
    if not root.is_dir():
        pytest.skip(f"no shared corpora at {root} (set ARCHIVE_CORPORA to their folder)")
    mapping = tabular.load_mapping((REPO / "docs" / "mappings" / "amnesty-cases.mapping.yaml").read_bytes())
    counts, articles = {}, {}
    for path in sorted(root.glob("cases-*/cases.*")):
        raw = path.read_bytes()
        assert choose_reader(path.name, raw) is tabular, path
        items = _read(raw, mapping)
        name = f"{path.parent.name}/{path.name}"
        counts[name] = (sum(1 for i in items if i.parsed), [i.locator for i in items if i.rejected])
        articles[name] = [(i.parsed, i.given) for i in items]
    assert counts == {
        "cases-2021/cases.csv": (59, ["row 40 <sr042>"]),
        "cases-2021/cases.json": (59, ["record 40 <sr042>"]),
        "cases-2022-07/cases.csv": (48, []),
        "cases-2022-07/cases.json": (48, []),
        "cases-2022-09/cases.csv": (7, []),
        "cases-2022-09/cases.json": (7, []),
    }
    for year in ("2021", "2022-07", "2022-09"):  # the CSV and the JSON export say the same
        assert articles[f"cases-{year}/cases.csv"] == articles[f"cases-{year}/cases.json"]
