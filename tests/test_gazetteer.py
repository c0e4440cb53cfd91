"""The gazetteer: shipped data that loads cleanly, spellings in every script, user folders."""

from __future__ import annotations

import pytest

from archive.enrich import Gazetteer, find_entities
from archive.enrich._text import tokenize


@pytest.fixture(scope="module")
def shipped():
    return Gazetteer.load()


def _named(gazetteer, text):
    """(matched text, entry name) for every gazetteer name in a text."""
    return [(text[m.start : m.end], m.entry.name) for m in gazetteer.match(text, tokenize(text))]


def test_shipped_files_load_without_problems_or_shared_spellings(shipped):
    assert shipped.problems == ()
    assert shipped.ambiguous() == []
    types = {e.type for e in shipped.entries}
    assert types == {"person", "place", "org"}
    assert len(shipped.entries) > 250


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sairagul Sauytbay spoke.", [("Sairagul Sauytbay", "Sayragul Sauytbay")]),
        ("Сайрагүл Сауытбай сөйледі.", [("Сайрагүл Сауытбай", "Sayragul Sauytbay")]),
        ("SAYRAGUL SAUYTBAY", [("SAYRAGUL SAUYTBAY", "Sayragul Sauytbay")]),
        (
            "Serikjan Bilash and Qaster Musakhanuly",
            [("Serikjan Bilash", "Serikzhan Bilash"), ("Qaster Musakhanuly", "Kaster Musakhan")],
        ),
        (
            "ئىلھام توختى قەشقەردە",
            [("ئىلھام توختى", "Ilham Tohti")],
        ),  # Kashgar with a case ending: not claimed
        ("习近平在乌鲁木齐讲话。", [("习近平", "Xi Jinping"), ("乌鲁木齐", "Urumqi")]),
        (
            "From Alma-Ata to Nur Sultan via Ghulja.",
            [("Alma-Ata", "Almaty"), ("Nur Sultan", "Astana"), ("Ghulja", "Ghulja")],
        ),
        (
            "Xinjiang Police raided Xinjiang homes.",
            [("Xinjiang Police", "Xinjiang Police"), ("Xinjiang", "Xinjiang")],
        ),
        (
            "The US and the UK, said Amnesty.",
            [("US", "United States"), ("UK", "United Kingdom"), ("Amnesty", "Amnesty International")],
        ),
        ("Tell us what Kazakhstan’s court said.", [("Kazakhstan", "Kazakhstan")]),
        ("a re-education camp in xinjiang", []),  # lower case: not a name
        ("Us too, said the US.", [("US", "United States")]),  # a short acronym only in capitals
    ],
)
def test_names_are_found_in_any_spelling_and_script(shipped, text, expected):
    assert _named(shipped, text) == expected


def test_a_user_folder_adds_entries_and_aliases(tmp_path, shipped):
    extra = tmp_path / "gazetteer"
    extra.mkdir()
    (extra / "people.yaml").write_text(
        "# our witnesses\n"
        "- {name: Zhanar Omarkyzy, aliases: [Жанар Омарқызы]}\n"
        "- {name: Sayragul Sauytbay, aliases: [Sajragul Sauytbaj]}\n",
        encoding="utf-8",
    )
    (extra / "more.csv").write_text(
        "type,name,aliases\nplace,Qarasu Village,Карасу ауылы;Qarasu\norg,Almaty Witness Circle,\n",
        encoding="utf-8",
    )
    gazetteer = Gazetteer.load(extra)
    assert gazetteer.problems == ()
    assert len(gazetteer.entries) == len(shipped.entries) + 3
    text = "Жанар Омарқызы met Sajragul Sauytbaj in Qarasu, then joined the Almaty Witness Circle."
    assert _named(gazetteer, text) == [
        ("Жанар Омарқызы", "Zhanar Omarkyzy"),
        ("Sajragul Sauytbaj", "Sayragul Sauytbay"),
        ("Qarasu", "Qarasu Village"),
        ("Almaty Witness Circle", "Almaty Witness Circle"),
    ]
    assert _named(shipped, text) == [("Almaty", "Almaty")]
    sayragul = next(e for e in gazetteer.entries if e.name == "Sayragul Sauytbay")
    assert {"Сайрагүл Сауытбай", "Sajragul Sauytbaj"} <= set(sayragul.aliases)  # merged, not replaced
    assert gazetteer.digest != shipped.digest
    assert Gazetteer.load(extra).digest == gazetteer.digest  # stable: a staleness stamp


def test_bad_files_and_entries_are_reported_and_the_rest_loads(tmp_path):
    extra = tmp_path / "mine"
    extra.mkdir()
    (extra / "places.yaml").write_text(
        "- {name: Good Town, aliases: [Goodtown]}\n- {aliases: [Nameless]}\n- just a string\n"
        "- {name: Odd, aliases: [1, 2]}\n",
        encoding="utf-8",
    )
    (extra / "broken.yaml").write_text("- {name: [unclosed\n", encoding="utf-8")
    (extra / "things.csv").write_text("type,name,aliases\nriver,Ili River,\n", encoding="utf-8")
    gazetteer = Gazetteer.load(extra, tmp_path / "missing")
    assert gazetteer.problems == (
        f"{extra / 'broken.yaml'}: not valid YAML at line 2; file skipped",
        f"{extra / 'places.yaml'}: entry 2: field 'name' is missing or not text",
        f"{extra / 'places.yaml'}: entry 3: expected a mapping with name and aliases, got 'just a string'",
        f"{extra / 'places.yaml'}: entry 4 (Odd): field 'aliases' must be a list of texts",
        f"{extra / 'things.csv'}: row 2 (Ili River): field 'type' must be person, place or org (got 'river')",
        f"{tmp_path / 'missing'}: gazetteer folder not found",
    )
    assert [e.name for e in gazetteer.entries if e.name == "Good Town"] == ["Good Town"]


def test_a_spelling_shared_by_two_entries_matches_neither(tmp_path):
    extra = tmp_path / "g"
    extra.mkdir()
    (extra / "people.yaml").write_text(
        "- {name: Aidos Bilash, aliases: [A. Bilash]}\n- {name: Arman Bilash, aliases: [A. Bilash]}\n",
        encoding="utf-8",
    )
    gazetteer = Gazetteer.load(extra)
    assert gazetteer.ambiguous() == ["A. Bilash (person Aidos Bilash) = A. Bilash (person Arman Bilash)"]
    assert find_entities(["Then A. Bilash spoke."], gazetteer) == ()
    entities = find_entities(["Then Aidos Bilash spoke."], gazetteer)
    assert [(e.name, e.mentions) for e in entities] == [("Aidos Bilash", ((5, 17),))]
