"""What a records file is called in messages, and how each odd record is refused by name.

Written for mutants of archive/readers/tabular.py that survived test_tabular_reader.py
(tests/MUTATION.md): the file's kind ("a TSV table of 1 row", "JSON Lines of 2 records")
is how a refusal tells a researcher what the archive took the file for, and each record
that cannot be read must be refused by its own locator while the rest is read.
"""

from __future__ import annotations

import pytest

from archive.errors import Rejected
from archive.readers import tabular
from archive.readers.contract import ReadOptions

NEEDS_MAPPING = (
    " and needs a mapping that says which column is which: write it beside the file as "
    "<file name>.mapping.yaml (or pass --mapping FILE), for example {suggested}; fields are title, "
    "body, date, authors, people, places, tags, source, url, language, id; its columns are {columns}"
)


def _read(raw: bytes, mapping: dict | None = None):
    return list(tabular.read_items(raw, ReadOptions(mapping=mapping or {})))


@pytest.mark.parametrize(
    "raw, kind, suggested, columns",
    [
        (b"a\tb\n1\t2\n", "a TSV table of 1 row", "{body: a}", "a, b"),
        (
            b"title;body\nT1;Body one\nT2;Body two\n",
            "a CSV table of 2 rows",
            "{title: title, body: body}",
            "title, body",
        ),
        (b'{"x": {"body": "A"}, "y": {"body": "B"}}', "a JSON object of 2 records", "{body: body}", "body"),
        (b'[{"a": "1"}, {"b": "2"}]', "a JSON array of 2 records", "{body: a}", "a, b"),
        (b'{"body": "A"}\n{"body": "B"}\n', "JSON Lines of 2 records", "{body: body}", "body"),
    ],
)
def test_the_refusal_without_a_mapping_names_the_files_kind(raw, kind, suggested, columns):
    with pytest.raises(Rejected) as refused:
        _read(raw)
    assert str(refused.value) == "is " + kind + NEEDS_MAPPING.format(suggested=suggested, columns=columns)


def test_one_object_alone_is_not_a_set_of_records():
    # One line of JSON Lines cannot be told from one JSON object, which is no table.
    with pytest.raises(Rejected) as refused:
        _read(b'{"body": "A"}\n')
    assert str(refused.value) == (
        "is JSON but not a set of records (an array of objects, or an object holding one)"
    )


def test_a_table_with_only_its_header_has_no_records():
    with pytest.raises(Rejected) as refused:
        _read(b"title,body\n")
    assert str(refused.value) == "is a CSV table of 0 rows with no records"


def test_records_that_are_not_objects_are_refused_one_by_one():
    items = _read(b'[{"body": "A"}, "text", 3]', {"body": "body"})
    assert [(i.locator, i.rejected) for i in items] == [
        ("record 1", ""),
        ("record 2", "is a JSON str, not an object of fields"),
        ("record 3", "is a JSON int, not an object of fields"),
    ]
    assert items[0].parsed.paragraphs == ("A",)


def test_a_json_lines_line_nested_too_deeply_costs_that_line_only():
    raw = b'{"body": "A"}\n' + b"[" * 100000 + b"]" * 100000 + b'\n[1]\n{"body": "D"}\n'
    items = _read(raw, {"body": "body"})
    assert [(i.locator, i.rejected) for i in items] == [
        ("line 1", ""),
        ("line 2", "is JSON nested too deeply to read"),
        ("line 3", "is a JSON list, not an object of fields"),
        ("line 4", ""),
    ]


def test_records_keyed_by_name_are_named_by_their_key():
    items = _read(b'{"x": {"body": "A"}, "y": {"body": "B"}}', {"body": "body"})
    assert [i.locator for i in items] == ["record 1 <x>", "record 2 <y>"]


def test_ragged_rows_keep_what_they_have():
    items = _read(b"title,body\nT1,Body one,extra\nT2\n", {"body": "body", "title": "title"})
    assert [(i.locator, i.rejected) for i in items] == [
        ("row 1", ""),
        ("row 2", "has no text in its body column(s) body"),
    ]
    assert items[0].parsed.title == "T1" and items[0].parsed.paragraphs == ("Body one",)


def test_a_semicolon_table_is_split_on_semicolons():
    (item,) = _read(b"title;body\nT1;Body, with a comma\n", {"body": "body", "title": "title"})
    assert (item.parsed.title, item.parsed.paragraphs) == ("T1", ("Body, with a comma",))
