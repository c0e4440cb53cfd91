"""Language detection (archive/language.py): sure answers for articles, none for scraps."""

from __future__ import annotations

import pytest

from archive.language import detect_language
from tests.language_texts import EN, KK, RU, ZH


@pytest.mark.parametrize(
    "text, expected",
    [
        (EN, "en"),
        (RU, "ru"),
        (KK, "kk"),  # Kazakh Cyrillic is not taken for Russian
        (ZH, "zh"),
        # A Kazakh article quoting a Russian sentence is still Kazakh.
        ("Ол сотта айтты: «Меня держали в лагере полгода». Куәгер бұдан кейін үнсіз қалды.", "kk"),
    ],
)
def test_an_article_gets_its_language(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Atajurt",  # a name
        # Names in a script one language owns score high on their own (ug 0.998, kk 0.98):
        # a caption that is only a name says nothing of the article's language.
        "ئىلھام توختى",
        "Қазақстан",
        "Camp report",  # a headline
        "12345 2019-10-14 — 3/4",  # no letters to speak of
        "Сайрагүл Sauytbay 新疆 camp 2018",  # three scripts in one line
        "Куәгер лагерьде ұсталды.",  # Kazakh, Tatar or Bashkir: too short to tell
        # Russian with Kazakh names in it: the model leans Kazakh at 0.39; better nothing than that.
        "Сайрагүл Сауытбай рассказала суду в Жаркенте, что её держали в лагере. "
        "Қайрат Самарқан и Өмірбек Бекали дали показания.",
        # One Chinese sentence of 30 characters scores 0.87 (Wu Chinese next): under the bar.
        "证人说，她在营地里被关押了十一个月，直到家人支付了释放费用。",
    ],
)
def test_short_or_mixed_text_stays_undetected(text):
    assert detect_language(text) == ""
