"""People, places and organisations in an article: one canonical entity per person, with
every spelling and short form, in Latin, Cyrillic, Arabic script and Chinese."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.enrich import Gazetteer, alias_map, find_entities
from archive.enrich._text import keys_of

FAST = settings(
    max_examples=25 if "MUTANT_UNDER_TEST" in os.environ else 150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


def _table(paragraphs, gazetteer):
    """(type, name, mentions as (start, end, text)) for each entity, in order of first mention."""
    body = "\n\n".join(paragraphs)
    return [
        (e.type, e.name, [(s, t, body[s:t]) for s, t in e.mentions])
        for e in find_entities(paragraphs, gazetteer)
    ]


def test_people_by_pattern_short_forms_fold_and_near_names_stay_apart(gazetteer):
    paragraphs = [
        "Judge Aigerim Tulegenova heard Kaster Musakhan in Zharkent on Monday.",
        "Later Musakhan said that Dr Serikzhan Bilash had warned him. Bilash and Bilal Nurov disagreed; Nurov left.",
        "In October Kaster testified again.",
    ]
    assert _table(paragraphs, gazetteer) == [
        ("person", "Aigerim Tulegenova", [(6, 24, "Aigerim Tulegenova")]),
        (
            "person",
            "Kaster Musakhan",
            [(31, 46, "Kaster Musakhan"), (77, 85, "Musakhan"), (190, 196, "Kaster")],
        ),
        ("place", "Zharkent", [(50, 58, "Zharkent")]),
        ("person", "Serikzhan Bilash", [(99, 115, "Serikzhan Bilash"), (132, 138, "Bilash")]),
        ("person", "Bilal Nurov", [(143, 154, "Bilal Nurov"), (166, 171, "Nurov")]),
    ]
    entities = find_entities(paragraphs, gazetteer)
    assert entities[1].aliases[:2] == ("Musakhan", "Kaster")
    names = alias_map(entities)
    assert names["musakhan"] == "Kaster Musakhan"
    assert names["bilash"] == "Serikzhan Bilash"
    assert names["nurov"] == "Bilal Nurov"


def test_titles_possessives_nationalities_and_credits_are_not_names(gazetteer):
    paragraphs = [
        "Foreign Secretary Jack Straw met Chinese premier Li Keqiang; Mr Straw was brief.",
        "Photograph: Kay Nietfeld/Anadolu. Tony Blair’s office said Professor Rahile Dawut was absent.",
    ]
    assert _table(paragraphs, gazetteer) == [
        ("person", "Jack Straw", [(18, 28, "Jack Straw"), (64, 69, "Straw")]),
        ("person", "Li Keqiang", [(49, 59, "Li Keqiang")]),
        ("person", "Kay Nietfeld", [(94, 106, "Kay Nietfeld")]),
        ("person", "Tony Blair", [(116, 126, "Tony Blair")]),
        ("person", "Rahile Dawut", [(151, 163, "Rahile Dawut")]),
    ]


def test_an_ambiguous_short_form_goes_to_the_person_named_last_before_it(gazetteer):
    paragraphs = ["Aigul Akan and Kaisha Akan fled. Kaisha Akan spoke first; then Akan wept."]
    table = _table(paragraphs, gazetteer)
    assert table == [
        ("person", "Aigul Akan", [(0, 10, "Aigul Akan")]),
        ("person", "Kaisha Akan", [(15, 26, "Kaisha Akan"), (33, 44, "Kaisha Akan"), (63, 67, "Akan")]),
    ]
    # with no full name before it, a short form shared by two people is nobody's
    assert _table(["Akan wept. Aigul Akan and Kaisha Akan fled."], gazetteer)[0][1] == "Aigul Akan"
    assert all(
        (0, 4, "Akan") not in row[2]
        for row in _table(["Akan wept. Aigul Akan and Kaisha Akan fled."], gazetteer)
    )


def test_cyrillic_names_fold_into_the_gazetteer_entry(gazetteer):
    paragraphs = ["Бүгін Қастер Мұсаханұлы Алматы қаласында сөйледі. Мұсаханұлы Атажұрт туралы айтты."]
    assert _table(paragraphs, gazetteer) == [
        ("person", "Kaster Musakhan", [(6, 23, "Қастер Мұсаханұлы"), (50, 60, "Мұсаханұлы")]),
        ("place", "Almaty", [(24, 30, "Алматы")]),
        ("org", "Atajurt Kazakh Human Rights", [(61, 68, "Атажұрт")]),
    ]
    assert find_entities(paragraphs, gazetteer)[0].aliases[:2] == ("Қастер Мұсаханұлы", "Мұсаханұлы")


def test_arabic_script_and_chinese_names_come_from_the_gazetteer(gazetteer):
    paragraphs = ["ئىلھام توختى ئۈرۈمچى شەھىرىدە.", "习近平和陈全国在新疆。"]
    assert _table(paragraphs, gazetteer) == [
        ("person", "Ilham Tohti", [(0, 12, "ئىلھام توختى")]),
        ("place", "Urumqi", [(13, 20, "ئۈرۈمچى")]),
        ("person", "Xi Jinping", [(32, 35, "习近平")]),
        ("person", "Chen Quanguo", [(36, 39, "陈全国")]),
        ("place", "Xinjiang", [(40, 42, "新疆")]),
    ]


def test_places_and_organisations_by_their_last_word(gazetteer):
    paragraphs = [
        "Police in Nilqa County and Ghazi Province said the Yengisar camp closed.",
        "The Ministry of State Security denied it; the Zharkent District Court disagreed.",
    ]
    assert _table(paragraphs, gazetteer) == [
        ("place", "Nilqa County", [(10, 22, "Nilqa County")]),
        ("place", "Ghazi Province", [(27, 41, "Ghazi Province")]),
        ("place", "Yengisar camp", [(51, 64, "Yengisar camp")]),
        ("org", "Ministry of State Security", [(78, 104, "Ministry of State Security")]),
        ("org", "Zharkent District Court", [(120, 143, "Zharkent District Court")]),
    ]


def test_organisations_by_their_head_word(gazetteer):
    text = (
        "Staff of the Department for Work and Pensions met the Qarasu Farmers Association and Tengri Radio."
    )
    table = _table([text], gazetteer)
    orgs = [name for kind, name, _ in table if kind == "org"]
    assert orgs == ["Department for Work and Pensions", "Qarasu Farmers Association", "Tengri Radio"]
    assert not [name for kind, name, _ in table if kind == "person"]


def test_headings_months_weekdays_and_sentence_openers_make_no_people(gazetteer):
    paragraphs = [
        "Think Of Your Family Before You Speak Out",
        "Patriots met on Monday in March. Later Critics Said nothing. Sunday Morning came.",
        "patriots and critics are common words here.",
    ]
    assert _table(paragraphs, gazetteer) == []


def test_nothing_in_an_empty_or_nameless_text(gazetteer):
    assert find_entities([], gazetteer) == ()
    assert find_entities(["", "   "], gazetteer) == ()
    assert find_entities(["they said it was cold."], gazetteer) == ()


_WORDS = st.sampled_from(
    ["Kaster", "Musakhan", "Bilash", "Bilal", "Mr", "Judge", "said", "the", "in", "Almaty", "Алматы",
     "Сайрагүл", "Сауытбай", "camp", "County", "Court", "Ministry", "of", "新疆", "习近平", "ئىلھام", "توختى",
     "UN", "us", "Xinjiang", "Police", "October", "’s", ".", ",", "/", "-", "\n\n", "“", "”"]
)  # fmt: skip
_TEXT = st.lists(st.one_of(_WORDS, st.text(max_size=6)), max_size=30).map(" ".join)


@FAST
@given(paragraphs=st.lists(_TEXT, max_size=4))
def test_mentions_lie_in_the_body_and_spell_the_entity(gazetteer, paragraphs):
    body = "\n\n".join(paragraphs)
    for entity in find_entities(paragraphs, gazetteer):
        assert entity.type in ("person", "place", "org")
        assert entity.mentions == tuple(sorted(set(entity.mentions)))
        forms = {keys_of(form) for form in (entity.name, *entity.aliases)}
        for start, end in entity.mentions:
            assert 0 <= start < end <= len(body)
            assert body[start:end] == body[start:end].strip()
            # a mention is the name or an alias after folding
            assert keys_of(body[start:end]) in forms or body[start:end] in (entity.name, *entity.aliases)
