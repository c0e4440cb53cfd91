"""Name variants: one spelling key for the ways reporters write the same name.

Bitter Winter writes "Kaster Musakhan", RFE/RL "Qaster Musakhanuly", Kazakh sources
"Қастер Мұсаханұлы"; Uyghur names appear in Arabic script ("ئىلھام توختى"), in ULY
("Ilham Toxti") and in press spelling ("Ilham Tohti"). Each name-like word gets a key:
its Latin transliteration (umsc for Uyghur Arabic script to ULY, anyascii for Cyrillic
and the rest) folded where romanizations disagree (q/k, gh/g, kh/x/h, zh/j, y/i, w/u,
doubled letters) and without a patronymic ending (-uly, -kyzy, -ovich, -ovna). A search
for any spelling then finds the others through the index's `variants` field.

Only name-like words get a key — capitalized words and words in Arabic script, which
has no capitals — so the field stays small. The folds are chosen so that different
names stay different: Bilash is not Bilal, Akan is not Aman.
"""

from __future__ import annotations

import re

# The folding itself lives in archive/ so the enrichment's gazetteer shares it.
from archive.variants import MIN_KEY, name_like, variant_key

__all__ = ["MIN_KEY", "name_like", "variant_key", "variant_keys"]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def variant_keys(text: str) -> list[str]:
    """Keys of the name-like words of a text, in order, for the index's `variants` field."""
    keys = []
    for word in _WORD.findall(text):
        if name_like(word):
            key = variant_key(word)
            if key:
                keys.append(key)
    return keys
