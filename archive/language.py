"""Guessing an article's language when nobody said it, and saying only what is sure.

py3langid (a Naive Bayes model over byte n-grams, shipped inside the package, so it runs
offline) scores 140 languages, Kazakh, Uyghur and Kyrgyz among them. With normalized
probabilities its confidence is calibrated by the text's length, so a headline or a
mixed-script line scores low on its own. A wrong language is worse than none: it puts
an article under the wrong facet and the wrong stemming, so below the threshold the
language stays empty. What comes back is a tag checked by the same rule as a given
language (metadata_values.check_language), so `zxx` ("no linguistic content") and
codes outside ISO 639 never get stored.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from archive.metadata_values import check_language

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

# Calibrated probability the best language needs. Measured on this model: complete
# sentences of 80+ letters score 0.98 and above (English, Russian, Kazakh, Uyghur);
# a 30-character Chinese sentence 0.87 (Wu Chinese second); single names and lines
# mixing Latin, Cyrillic and Chinese 0.08 to 0.5.
MIN_CONFIDENCE = 0.9
# Fewer letters than this are not judged at all (a title, a caption, a list of numbers).
MIN_LETTERS = 20
# Classification time is linear in the text (0.15 ms for 600 characters, 0.23 ms for
# 1,000, in pure Python): the opening of an article says its language as surely (all
# 2,225 BBC News texts came out English from their first 400 characters).
SAMPLE_CHARS = 600


@lru_cache(maxsize=1)
def _identifier() -> "LanguageIdentifier":
    """The model, loaded once per process and only when a text needs it.

    Loading takes 0.3 to 0.5 s (an LZMA-compressed table), as much as classifying a
    couple of thousand articles, so commands that detect nothing never pay it.
    """
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """The language of a text as a standard tag ('en', 'kk', 'zh'), or '' when unsure."""
    sample = text[:SAMPLE_CHARS]
    if not _has_letters(sample, MIN_LETTERS):
        return ""
    code, confidence = _identifier().classify(sample)
    if confidence < MIN_CONFIDENCE:
        return ""
    try:
        return check_language(code)
    except ValueError:  # 'zxx' and the like: the model's way of saying "not a language"
        return ""


def _has_letters(text: str, needed: int) -> bool:
    """Whether the text has at least `needed` letters (stops counting there)."""
    for ch in text:
        if ch.isalpha():
            needed -= 1
            if needed <= 0:
                return True
    return False
