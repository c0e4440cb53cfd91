"""Archivist-supplied metadata: a NAME.json sidecar or YAML front matter.

Values are validated strictly: a wrong date or URL in the metadata is rejected with the
field named, because silently storing it would make a citation wrong.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from archive.errors import Rejected
from archive.normalize import collapse_spaces
from archive.records import VISIBILITIES, Metadata

FIELDS = ("key", "title", "source", "url", "date", "language", "authors", "author", "tags", "visibility")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}")
_LANGUAGE = re.compile(r"^[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)


def find_sidecar(path: Path) -> Path | None:
    """The metadata sidecar of a file: NAME.json beside NAME.ext, holding a JSON object.

    A JSON file whose top level is an array is a data file in its own right (case
    records, say), never metadata, even when a file of the same name sits beside it.
    """
    if path.suffix.lower() == ".json":
        return None
    candidate = path.with_suffix(".json")
    try:
        with candidate.open("rb") as handle:
            head = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return None
    return None if head.startswith(b"[") else candidate


def parse_sidecar_json(raw: bytes) -> Metadata:
    """Read a JSON sidecar into Metadata."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise Rejected("sidecar is not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise Rejected(
            f"sidecar is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    return metadata_from_mapping(data)


def split_front_matter(text: str) -> tuple[Metadata | None, str]:
    """Separate YAML front matter from the article text, if the text starts with it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, text
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        raise Rejected(f"front matter is not valid YAML{where}") from None
    return metadata_from_mapping(data or {}), text[match.end() :]


def metadata_from_mapping(data: Any) -> Metadata:
    """Validate a mapping of metadata fields; unknown fields and bad values are errors."""
    if not isinstance(data, dict):
        raise Rejected("metadata must be an object of fields (source, url, date, ...)")
    unknown = sorted(set(map(str, data)) - set(FIELDS))
    if unknown:
        raise Rejected(
            f"unknown metadata field(s) {', '.join(unknown)}; known fields are {', '.join(FIELDS)}"
        )
    authors = _string_list(data, "authors") or _string_list(data, "author")
    return Metadata(
        key=_string(data, "key"),
        title=_string(data, "title"),
        source=_string(data, "source"),
        url=_url(_string(data, "url")),
        date=_date(data.get("date")),
        language=_language(_string(data, "language")),
        authors=authors,
        tags=_string_list(data, "tags"),
        visibility=_visibility(_string(data, "visibility")),
    )


def _string(data: dict, name: str) -> str:
    value = data.get(name)
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise Rejected(f"metadata field '{name}' must be text, not {type(value).__name__}")
    return collapse_spaces(str(value))


def _string_list(data: dict, name: str) -> tuple[str, ...]:
    value = data.get(name)
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Rejected(f"metadata field '{name}' must be a list of text values")
    seen: dict[str, None] = {}
    for item in value:
        item = collapse_spaces(item)
        if item:
            seen.setdefault(item, None)
    return tuple(seen)


def _url(value: str) -> str:
    if value and not re.match(r"^https?://[^\s/]+", value):
        raise Rejected(f"metadata field 'url' must be an absolute http(s) URL, not {value!r}")
    return value


def _date(value: Any) -> str:
    if value is None or value == "":
        return ""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value).strip()
    if match := _DATETIME.match(text):
        text = match.group(1)
    if not _DATE.match(text):
        raise Rejected(f"metadata field 'date' must be YYYY, YYYY-MM or YYYY-MM-DD, not {text!r}")
    return text[:10]


def _language(value: str) -> str:
    if value and not _LANGUAGE.match(value):
        raise Rejected(
            f"metadata field 'language' must be a language code such as 'en' or 'kk', not {value!r}"
        )
    return value.lower()


def _visibility(value: str) -> str:
    value = value.lower() or "public"
    if value not in VISIBILITIES:
        raise Rejected(f"metadata field 'visibility' must be one of {', '.join(VISIBILITIES)}, not {value!r}")
    return value
