"""The gold-set scoring of benchmarks/enrichment_eval.py on tiny literal cases.

The figures the issue's targets are judged by come from these functions, so each is
pinned with hand-computed values; no corpus and no extractor is needed.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "enrichment_eval.py"
_spec = importlib.util.spec_from_file_location("enrichment_eval", _PATH)
ev = importlib.util.module_from_spec(_spec)
sys.modules["enrichment_eval"] = ev  # dataclasses look their module up there
_spec.loader.exec_module(ev)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((0, 10), (0, 10), 1.0),
        ((0, 10), (5, 15), 5 / 15),
        ((0, 10), (2, 6), 4 / 10),
        ((0, 10), (10, 20), 0.0),  # touching, end exclusive
        ((0, 10), (30, 40), 0.0),
        ((5, 15), (0, 10), 5 / 15),  # symmetric
    ],
)
def test_overlap_is_intersection_over_union(a, b, expected):
    assert ev.overlap(a, b) == pytest.approx(expected)


def test_matching_is_one_to_one_and_takes_the_best_pairs_first():
    gold = [(0, 10), (12, 20)]
    # One long prediction covers both gold quotes; a second one fits gold 1 exactly.
    predicted = [(0, 20), (12, 20)]
    # overlaps: g0-p0 0.5, g1-p0 0.4, g1-p1 1.0 -> g1 takes p1, g0 takes p0.
    assert ev.match_spans(gold, predicted, 0.3) == [(0, 0), (1, 1)]
    # At 0.8 only the exact pair survives.
    assert ev.match_spans(gold, predicted, 0.8) == [(1, 1)]
    # A single prediction can never count for two gold quotes.
    assert ev.match_spans(gold, [(0, 20)], 0.3) == [(0, 0)]


def test_threshold_is_inclusive():
    assert ev.match_spans([(0, 10)], [(0, 8)], 0.8) == [(0, 0)]
    assert ev.match_spans([(0, 10)], [(0, 7)], 0.8) == []


def test_exact_pairs_need_equal_start_and_end():
    assert ev.exact_pairs([(0, 10), (20, 30)], [(20, 30), (0, 11)]) == [(1, 0)]


def test_prf_literal_values():
    assert ev.prf(3, 4, 6) == {"p": 0.5, "r": 0.75, "f1": 0.6, "tp": 3, "gold": 4, "pred": 6}
    assert ev.prf(0, 0, 0)["f1"] == 1.0
    assert ev.prf(0, 2, 0)["p"] == 0.0 and ev.prf(0, 2, 0)["f1"] == 0.0


def test_entities_match_through_any_alias_casefolded():
    gold = ("Kaster Musakhan", ["Musakhan", "Kaster"])
    assert ev.entities_match(gold, ("MUSAKHAN", ()))
    assert ev.entities_match(gold, ("K. Musakhan", ("kaster",)))
    assert not ev.entities_match(gold, ("Murager Alimuly", ("Alimuly",)))


def test_entity_matching_is_one_to_one_and_prefers_the_exact_name():
    gold = [("Erkin Ayup", ["Erkin"]), ("Erkin", [])]
    predicted = [("Erkin", ()), ("Erkin Ayup", ())]
    # Without the exact-name pass, gold 0 would take predicted 0 through its alias and
    # leave gold 1 with a wrong partner.
    assert ev.match_entities(gold, predicted) == [(0, 1), (1, 0)]
    assert ev.match_entities(gold, [("erkin", ())]) == [(1, 0)]
    # Two gold people sharing an alias cannot both claim one prediction.
    assert len(ev.match_entities([("Ann Li", ["Li"]), ("Bo Li", ["Li"])], [("Li", ())])) == 1


def test_speaker_right_compares_sets_through_gold_aliases():
    people = [("Kaster Musakhan", ["Musakhan"]), ("Murager Alimuly", ["Alimuly"])]
    assert ev.speaker_right(["Kaster Musakhan", "Murager Alimuly"], ("Alimuly", "musakhan"), people)
    assert not ev.speaker_right(["Kaster Musakhan", "Murager Alimuly"], ("Musakhan",), people)
    assert ev.speaker_right([], (), people)
    assert not ev.speaker_right([], ("Musakhan",), people)


BODY = "He said: “It was cold. It was cold.” Then: «Nobody came», she says. „Go home“, they said.\n\n“One\n\n“Two.”"


def test_locate_finds_spans_between_the_marks_in_text_order():
    quotes = [
        {"first": "It was cold.", "last": "It was cold."},
        {"first": "Nobody came", "last": "Nobody came"},
        {"first": "Go home", "last": "Go home"},
        {"first": "One", "last": "Two."},
    ]
    got = ev.locate(BODY, quotes)
    assert got.errors == [] and got.warnings == []
    spans = [BODY[s:e] for s, e in got.spans]
    # The repeated sentence: `last` is taken where it closes the quote, not where it first occurs.
    assert spans == ["It was cold. It was cold.", "Nobody came", "Go home", "One\n\n“Two."]


def test_locate_reports_missing_and_out_of_order_fragments():
    got = ev.locate(
        BODY, [{"first": "Go home", "last": "Go home"}, {"first": "Nobody came", "last": "Nobody came"}]
    )
    assert got.spans[1] is None
    assert "out of order" in got.errors[0]
    got = ev.locate(BODY, [{"first": "It was warm", "last": "cold."}])
    assert got.spans == [None] and "not found anywhere" in got.errors[0]
    got = ev.locate(BODY, [{"first": "Nobody came", "last": "It was cold."}])
    assert got.spans == [None] and "`last`" in got.errors[0]


def test_locate_flags_an_ambiguous_last_fragment():
    body = "“A b c.” x “A b c.”"
    got = ev.locate(body, [{"first": "A b", "last": "c."}])
    assert any("ambiguous" in e for e in got.errors)


def test_locate_warns_when_a_fragment_is_not_at_a_mark():
    got = ev.locate(BODY, [{"first": "was cold. It", "last": "It was cold."}])
    assert got.errors == [] and "opening quotation mark" in got.warnings[0]


def test_window_gives_the_character_range_of_paragraphs():
    paragraphs = ["abc", "de", "fghi"]
    assert ev.paragraph_starts(paragraphs) == [0, 5, 9]
    assert ev.window(paragraphs, [2, 3]) == (5, 13)
    assert ev.window(paragraphs, None) == (0, 13)
