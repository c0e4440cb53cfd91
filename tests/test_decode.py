import codecs

import pytest

from archive.decode import decode_bytes
from archive.errors import Rejected

TEXT = "Серикжан Билаш said: “Atajurt will not be silent.”"


@pytest.mark.parametrize(
    "raw",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),
        TEXT.encode("utf-32"),
    ],
)
def test_unicode_encodings_read_without_warning(raw):
    text, warnings = decode_bytes(raw)
    assert text.lstrip("\ufeff") == TEXT
    assert warnings == []


def test_legacy_encoding_is_read_and_reported():
    raw = ("Казахи, бежавшие из Синьцзяна, рассказали о лагерях перевоспитания. " * 3).encode("cp1251")
    text, warnings = decode_bytes(raw)
    assert text.startswith("Казахи, бежавшие из Синьцзяна")
    assert len(warnings) == 1 and "not UTF-8" in warnings[0] and "offset 0" in warnings[0]


def test_latin1_pound_sign_is_read_and_reported():
    text, warnings = decode_bytes("The fine was £500 for the club, he said.\n".encode("latin-1"))
    assert "£500" in text
    assert warnings and "read as" in warnings[0]


def test_binary_is_rejected():
    with pytest.raises(Rejected, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
