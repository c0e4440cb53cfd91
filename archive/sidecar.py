"""Archivist-supplied metadata: a NAME.json sidecar or YAML front matter.

Values are validated strictly: a wrong date or URL in the metadata is rejected with the
field named, because silently storing it would make a citation wrong.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from archive.errors import Rejected
from archive.metadata_values import check_date, check_language, utc_today
from archive.normalize import collapse_spaces
from archive.records import Metadata
from archive.visibility import Visibility

FIELDS = ("key", "title", "source", "url", "date", "language", "authors", "author", "tags", "visibility")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)


class _TextLoader(yaml.SafeLoader):
    """YAML that keeps every scalar as the text written (only `~`/`null`/empty mean none).

    Every metadata field is text, and YAML 1.1's guesses would change what the archivist
    wrote: `key: 007` would become 7, `date: 0000` the number 0, and `date: 2020-13-45`
    would crash the YAML library instead of being refused with the field named.
    """


_GUESSED = {"tag:yaml.org,2002:" + t for t in ("bool", "int", "float", "timestamp")}
_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _GUESSED]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


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
    except RecursionError:
        raise Rejected("sidecar is not metadata: its JSON is nested too deeply") from None
    return metadata_from_mapping(data)


def split_front_matter(text: str) -> tuple[Metadata | None, str]:
    """Separate YAML front matter from the article text, if the text starts with it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, text
    try:
        data = yaml.load(match.group(1), Loader=_TextLoader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        raise Rejected(f"front matter is not valid YAML{where}") from None
    except (ValueError, TypeError, RecursionError) as exc:  # an explicit tag such as !!timestamp
        raise Rejected(f"front matter has a value YAML cannot read: {exc}") from None
    return metadata_from_mapping(data or {}), text[match.end() :]


def metadata_from_mapping(data: Any, *, today: date | None = None) -> Metadata:
    """Validate a mapping of metadata fields; unknown fields and bad values are errors.

    `today` (UTC) bounds the date: a citation dated in the future is a typo, not a fact.
    """
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
        date=_date(data.get("date"), today or utc_today()),
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


def _date(value: Any, today: date) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, date)):
        raise Rejected(f"metadata field 'date' must be text such as '2019-10-14', not {type(value).__name__}")
    text = value.isoformat() if isinstance(value, date) else str(value).strip()
    return _refuse_as("date", check_date, text, today)


def _language(value: str) -> str:
    return _refuse_as("language", check_language, value) if value else ""


def _refuse_as(name: str, check, *args) -> str:
    """Run a value check, turning its complaint into a rejection that names the field."""
    try:
        return check(*args)
    except ValueError as exc:
        raise Rejected(f"metadata field '{name}' {exc}") from None


def _visibility(value: str) -> str:
    value = value.lower() or Visibility.PUBLIC.value
    known = [v.value for v in Visibility]
    if value not in known:
        raise Rejected(f"metadata field 'visibility' must be one of {', '.join(known)}, not {value!r}")
    return value
