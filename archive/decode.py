"""Turn raw bytes into text, saying how when it was not plain UTF-8."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from archive.errors import Rejected

_ASCII = bytes(range(0x80))
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(raw: bytes) -> tuple[str, list[str]]:
    """Decode raw bytes, returning the text and any warnings about how it was read.

    UTF-8 (and BOM-marked UTF-16/32) is read as is. Anything else is guessed with
    charset-normalizer and the guess is reported, because a wrong guess changes the
    evidence; undecidable or binary content is rejected rather than mangled.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), []
            except UnicodeDecodeError as exc:
                raise Rejected(
                    f"starts with a {encoding} byte-order mark but is not valid {encoding}: {exc.reason}"
                ) from None
    if b"\x00" in raw:
        raise Rejected("looks like a binary file (it contains NUL bytes), not text")
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    if _mostly_ascii(raw):
        # A few stray high bytes in English text ("£", "é") fool statistical detectors
        # into CJK guesses; Windows-1252 is by far the likeliest source of such files.
        try:
            return raw.decode("cp1252"), [f"not UTF-8 (invalid byte at offset {bad_at}); read as cp1252"]
        except UnicodeDecodeError:
            pass
    best = from_bytes(raw).best()
    if best is None:
        raise Rejected(
            f"is not UTF-8 (invalid byte at offset {bad_at}) and its encoding could not be recognised"
        )
    return str(best), [f"not UTF-8 (invalid byte at offset {bad_at}); read as {best.encoding}"]


def _mostly_ascii(raw: bytes, threshold: float = 0.05) -> bool:
    high = len(raw.translate(None, _ASCII))
    return high <= max(1, threshold * len(raw))
