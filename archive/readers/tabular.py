"""Structured records (CSV, JSON, NDJSON exports): one article per row, by a mapping.

A spreadsheet of case records says nothing about which column is the story and which
the date, so nothing is guessed: a small mapping (`<file>.mapping.yaml` beside the data
file, or `--mapping FILE`) names the columns, and a file without one is refused with a
suggested mapping built from its own columns. Real exports are messy, so each cell is
cleaned the way a person would read it: multi-line cells become paragraphs, Markdown
links `[text](url)` become their text (the target is kept in the provenance), cells of
HTML are reduced like a feed's content, spaces are folded, and dates typed in any of the
usual ways are normalized or dropped with a note (loose_dates.py). One bad record (a
line of NDJSON that is not JSON, a row with an empty body) is refused by its locator
("row 17 <SR017>", "record 3", "line 9"); the rest are read.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from archive.decode import decode_bytes
from archive.errors import Rejected
from archive.metadata_values import utc_today
from archive.normalize import collapse_spaces, normalize_text, split_blocks
from archive.readers.contract import LIKELY, NO, POSSIBLE, Item, ReadOptions
from archive.readers.given import primary_language, valid_value, valid_values
from archive.readers.html_body import fragment_blocks
from archive.readers.loose_dates import UNKNOWN_VALUES, loose_date
from archive.records import Metadata, ParsedText
from archive.sidecar import _TextLoader  # YAML that keeps `007` and `2019` as the text written

NAME = "records"
VERSION = "1"

FIELDS = ("title", "body", "date", "authors", "people", "places", "tags", "source", "url", "language", "id")
# Fields that may name several columns; the others name one.
SEVERAL = frozenset({"title", "body", "authors", "people", "places", "tags"})
MAPPING_SUFFIXES = (".mapping.yaml", ".mapping.yml", ".mapping.json")
_TABLE_SUFFIXES = (".csv", ".tsv")
_LINES_SUFFIXES = (".ndjson", ".jsonl")
_MARKDOWN_LINK = re.compile(r"\[([^\]\n]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_CELL = re.compile(r"^\s*<(p|div|h[1-6]|ul|ol|table|blockquote|section|article|span|br)[\s/>]", re.I)
_VALUE_SEPARATORS = re.compile(r"\s*[;\n]\s*")
_PLAIN_NAME = re.compile(r"^[A-Za-z_][\w .-]*$")


@dataclass(frozen=True)
class Record:
    """One row or record of the file: its number and values, or why it could not be read."""

    label: str  # "row", "record", "line"
    number: int
    values: Mapping[str, object] | None = None
    problem: str = ""
    key: str = ""  # the name a JSON object of records gives this one


@dataclass(frozen=True)
class Table:
    """The whole file: what it is (for messages), its columns, and its records."""

    kind: str
    columns: tuple[str, ...]
    records: tuple[Record, ...]
    warnings: tuple[str, ...] = ()


# --- choosing the reader -------------------------------------------------------------


def sniff(name: str, raw: bytes) -> float:
    """CSV by its name; JSON and NDJSON by their shape: records are objects of fields."""
    lower = name.lower()
    head = raw[:4096].removeprefix(b"\xef\xbb\xbf").lstrip()
    if lower.endswith(_TABLE_SUFFIXES):
        return LIKELY if head and b"\x00" not in raw[:4096] else NO
    if not head.startswith((b"[", b"{")):
        return NO
    named = lower.endswith(".json") or lower.endswith(_LINES_SUFFIXES)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, RecursionError):
        return NO
    except json.JSONDecodeError:
        return (LIKELY if named else POSSIBLE) if _looks_like_lines(raw) else NO
    if _records_in(data) is None:
        return NO
    return LIKELY if named else POSSIBLE


def _looks_like_lines(raw: bytes) -> bool:
    """NDJSON: its first two lines are each a JSON object (a later bad line is the reader's to report)."""
    lines = [line for line in raw[:65536].splitlines() if line.strip()][:2]
    try:
        return len(lines) == 2 and all(isinstance(json.loads(line), dict) for line in lines)
    except (ValueError, RecursionError):
        return False


def _records_in(data: object) -> list[tuple[str, object]] | None:
    """The records of a JSON document with their keys, or None when it is not a set of records."""
    if isinstance(data, list):
        return [("", r) for r in data] if data and isinstance(data[0], dict) else None
    if not isinstance(data, dict) or not data:
        return None
    if isinstance(data.get("version"), str) and "jsonfeed.org" in data["version"]:
        return None  # a JSON Feed is the feed reader's
    lists = [v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
    if len(lists) == 1:
        return [("", r) for r in lists[0]]
    if len(data) > 1 and all(isinstance(v, dict) for v in data.values()):
        return [(str(k), v) for k, v in data.items()]  # records keyed by name or id
    return None


# --- the mapping -----------------------------------------------------------------------


def mapping_beside(path: Path) -> Path | None:
    """The mapping file that sits beside a data file (`cases.csv.mapping.yaml`), if there is one."""
    for suffix in MAPPING_SUFFIXES:
        candidate = path.with_name(path.name + suffix)
        if candidate.is_file():
            return candidate
    return None


def load_mapping(raw: bytes) -> dict[str, str]:
    """A mapping file (YAML or JSON) as field -> column; several columns are joined by newlines.

    ReadOptions.mapping is text to text, so a field naming several columns carries them
    one a line: a column name never holds a line break in practice.
    """
    try:
        data = yaml.load(raw.decode("utf-8-sig"), Loader=_TextLoader)  # noqa: S506 - a SafeLoader
    except UnicodeDecodeError:
        raise Rejected("the mapping file is not UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise Rejected(f"the mapping file is not valid YAML or JSON{where}") from None
    if not isinstance(data, dict):
        raise Rejected(f"the mapping file must be an object of field: column ({', '.join(FIELDS)})")
    mapping: dict[str, str] = {}
    for field, value in data.items():
        columns = value if isinstance(value, list) else [value]
        if not columns or not all(isinstance(c, str) and c for c in columns):
            raise Rejected(f"the mapping's {field!s} must name a column, or a list of columns")
        mapping[str(field)] = "\n".join(columns)
    return mapping


def check_mapping(mapping: Mapping[str, str], table: Table) -> dict[str, tuple[str, ...]]:
    """Field -> columns, refused when a field is unknown, body is missing or a column is not there."""
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        raise Rejected(
            f"the mapping has unknown field(s) {', '.join(unknown)}; fields are {', '.join(FIELDS)}"
        )
    if not mapping.get("body"):
        raise Rejected(f"the mapping names no body column; {_columns_are(table)}")
    checked: dict[str, tuple[str, ...]] = {}
    for field, value in mapping.items():
        columns = tuple(value) if isinstance(value, (list, tuple)) else tuple(value.split("\n"))
        if len(columns) > 1 and field not in SEVERAL:
            raise Rejected(f"the mapping's {field} names {len(columns)} columns; it takes one")
        for column in columns:
            if column not in table.columns:
                raise Rejected(
                    f"the mapping's {field} names column {column!r}, which is not in the file; {_columns_are(table)}"
                )
        checked[field] = columns
    return checked


def _columns_are(table: Table) -> str:
    return f"its columns are {', '.join(table.columns) or '(none)'}"


def suggest_mapping(table: Table) -> str:
    """A mapping for this file, guessed from column names and values, as one line of YAML."""
    values = {
        c: [_plain(r.values.get(c)) for r in table.records if r.values is not None] for c in table.columns
    }
    filled = {c: [v for v in vs if v] for c, vs in values.items()}

    def named(*words: str, exclude: tuple[str, ...] = ()) -> list[str]:
        return [
            c
            for c in table.columns
            if any(w in c.lower() for w in words) and not any(x in c.lower() for x in exclude)
        ]

    def mean_length(column: str) -> float:
        return sum(map(len, filled[column])) / len(filled[column]) if filled[column] else 0.0

    guess: dict[str, str | list[str]] = {}
    if titles := named("title", "headline", "subject") or named("name"):
        guess["title"] = titles[0]
    body = [c for c in table.columns if mean_length(c) >= 100 and c != guess.get("title")]
    if not body and table.columns:
        body = [max(table.columns, key=mean_length)]
    guess["body"] = body if len(body) > 1 else body[0] if body else "COLUMN"
    today = utc_today()
    for column in named("date", "published", "created", "time", exclude=("birth", "dob")):
        if sum(1 for v in filled[column] if loose_date(v, today)[0]) * 2 >= len(filled[column]) > 0:
            guess["date"] = column
            break
    for field, words in (("authors", ("author", "byline", "writer")), ("tags", ("tag", "keyword", "topic"))):
        if found := named(*words):
            guess[field] = found[0]
    for column in named("url", "link"):
        if (
            sum(1 for v in filled[column] if v.startswith(("http://", "https://"))) * 2
            >= len(filled[column])
            > 0
        ):
            guess["url"] = column
            break
    for field, names in (("language", ("language", "lang")), ("source", ("source", "publisher", "outlet"))):
        if found := [c for c in table.columns if c.lower() in names]:
            guess[field] = found[0]
    for column in [
        c for c in table.columns if c.lower() in ("id", "key", "uuid") or c.lower().endswith("_id")
    ]:
        if len(set(filled[column])) == len(filled[column]) > 0:
            guess["id"] = column
            break

    def quoted(name: str) -> str:
        return name if _PLAIN_NAME.match(name) else json.dumps(name, ensure_ascii=False)

    parts = [
        f"{field}: [{', '.join(map(quoted, value))}]"
        if isinstance(value, list)
        else f"{field}: {quoted(value)}"
        for field, value in guess.items()
    ]
    return "{" + ", ".join(parts) + "}"


# --- reading ---------------------------------------------------------------------------


def read_items(raw: bytes, options: ReadOptions) -> Iterator[Item]:
    """Every record as an article, by the mapping; the whole file is refused without a usable one."""
    table = read_table(raw)
    if not table.records:
        raise Rejected(f"is {table.kind} with no records")
    if not options.mapping:
        raise Rejected(
            f"is {table.kind} and needs a mapping that says which column is which: write it beside the file "
            f"as <file name>.mapping.yaml (or pass --mapping FILE), for example {suggest_mapping(table)}; "
            f"fields are {', '.join(FIELDS)}; {_columns_are(table)}"
        )
    columns = check_mapping(options.mapping, table)
    today = utc_today()
    for record in table.records:
        yield item_from_record(record, columns, table.warnings, today)


def item_from_record(
    record: Record, columns: Mapping[str, tuple[str, ...]], warnings: tuple[str, ...], today: date
) -> Item:
    """One record's article: body paragraphs, title and metadata from the mapped columns."""
    record_id = _plain(record.values.get(columns["id"][0])) if record.values and "id" in columns else ""
    name = record_id or record.key
    locator = f"{record.label} {record.number}" + (f" <{name}>" if name else "")
    details: list[tuple[str, str]] = [(record.label, str(record.number))]
    if record.values is None:
        return Item(locator, details=tuple(details), rejected=record.problem)
    values = record.values
    digest = hashlib.sha256(
        json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()
    ).hexdigest()
    if name:
        details.append(("record_id", name))
    links: list[str] = []
    paragraphs = [p for column in columns["body"] for p in _paragraphs(values.get(column), links)]
    if not paragraphs:
        return Item(
            locator,
            digest=digest,
            details=tuple(details),
            rejected=f"has no text in its body column(s) {', '.join(columns['body'])}",
        )
    notes = list(warnings)
    title = " / ".join(t for c in columns.get("title", ()) if (t := _line(values.get(c), links)))
    people = _several(values, columns.get("people", ()), links)
    places = _several(values, columns.get("places", ()), links)
    details += [("person", p) for p in people] + [("place", p) for p in places]
    written_date = _line(values.get(columns["date"][0]), links) if "date" in columns else ""
    day, why = loose_date(written_date, today)
    if why:
        notes.append(f"the {columns['date'][0]} date was left out: {why}")
    elif day and day != written_date:
        details.append(("date_as_written", written_date))
    url = _single_url(values, columns.get("url", ()), links)
    details += [("link", link) for link in dict.fromkeys(links)]
    language = valid_value(
        "language", _line(values.get(_one(columns, "language")), []), notes, "the record's"
    )
    authors = valid_values("authors", _several(values, columns.get("authors", ()), []), notes, "the record's")
    given = Metadata(
        title=title,
        source=_line(values.get(_one(columns, "source")), []),
        url=valid_value("url", url, notes, "the record's"),
        date=day,
        language=primary_language(language),
        authors=authors,
        tags=valid_values("tags", _several(values, columns.get("tags", ()), []), notes, "the record's"),
    )
    parsed = ParsedText(
        title=title or paragraphs[0][:200],
        paragraphs=tuple(paragraphs),
        authors=authors,
        warnings=tuple(notes),
    )
    return Item(locator, parsed=parsed, given=given, digest=digest, details=tuple(details))


def _one(columns: Mapping[str, tuple[str, ...]], field: str) -> str:
    return columns[field][0] if field in columns else ""


def _plain(value: object) -> str:
    """A cell as text: numbers as written, lists one value a line, nothing for null."""
    if value is None or isinstance(value, dict):
        return ""
    if isinstance(value, list):
        return "\n".join(_plain(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return normalize_text(str(value)).strip()


def _unlink(text: str, links: list[str]) -> str:
    """Markdown links become their text; their targets are collected for the provenance."""

    def keep(match: re.Match[str]) -> str:
        links.append(match.group(2))
        return match.group(1)

    return _MARKDOWN_LINK.sub(keep, text)


def _paragraphs(value: object, links: list[str]) -> list[str]:
    """A body cell as paragraphs: one a line (or per blank-line block), or per block of its HTML."""
    text = _plain(value)
    if _HTML_CELL.match(text):
        return [b.text for b in fragment_blocks(text)]
    return split_blocks(_unlink(text, links))


def _line(value: object, links: list[str]) -> str:
    return collapse_spaces(_unlink(_plain(value), links))


def _several(values: Mapping[str, object], columns: tuple[str, ...], links: list[str]) -> list[str]:
    """Values from one or more cells: a cell holds several when separated by ';' or line breaks.

    "Unknown" and the like say nothing is known, so they are not a place or a person.
    """
    found: dict[str, None] = {}
    for column in columns:
        for part in _VALUE_SEPARATORS.split(_unlink(_plain(values.get(column)), links)):
            if (part := collapse_spaces(part)) and part.lower() not in UNKNOWN_VALUES:
                found.setdefault(part, None)
    return list(found)


def _single_url(values: Mapping[str, object], columns: tuple[str, ...], links: list[str]) -> str:
    """A URL cell, or the target of a Markdown link written in it."""
    if not columns:
        return ""
    text = _plain(values.get(columns[0]))
    match = _MARKDOWN_LINK.fullmatch(text.strip())
    return match.group(2) if match else collapse_spaces(text)


# --- the file's shape ------------------------------------------------------------------


def read_table(raw: bytes) -> Table:
    """The file's columns and records, whichever of CSV, JSON or NDJSON it is."""
    text, warnings = decode_bytes(raw)
    start = text.lstrip("\ufeff \t\r\n")[:1]
    if start in ("[", "{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            if exc.msg == "Extra data" or _looks_like_lines(raw):
                return _lines_table(text, tuple(warnings))
            raise Rejected(f"is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
        except RecursionError:
            raise Rejected("is JSON nested too deeply to read") from None
        return _json_table(data, tuple(warnings))
    return _csv_table(text, tuple(warnings))


def _json_table(data: object, warnings: tuple[str, ...]) -> Table:
    found = _records_in(data)
    if found is None:
        raise Rejected("is JSON but not a set of records (an array of objects, or an object holding one)")
    records = tuple(
        Record("record", n, values=value, key=key)
        if isinstance(value, dict)
        else Record("record", n, problem=f"is a JSON {type(value).__name__}, not an object of fields")
        for n, (key, value) in enumerate(found, start=1)
    )
    kind = f"a JSON {'object' if isinstance(data, dict) else 'array'} of {_count(len(records), 'record')}"
    return Table(kind, _union_of_keys(records), records, warnings)


def _lines_table(text: str, warnings: tuple[str, ...]) -> Table:
    records: list[Record] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            what = exc.msg.removesuffix(" at")  # "Unterminated string starting at"
            records.append(Record("line", number, problem=f"is not valid JSON: {what} at column {exc.colno}"))
            continue
        except RecursionError:
            records.append(Record("line", number, problem="is JSON nested too deeply to read"))
            continue
        if isinstance(value, dict):
            records.append(Record("line", number, values=value))
        else:
            records.append(
                Record("line", number, problem=f"is a JSON {type(value).__name__}, not an object of fields")
            )
    return Table(
        f"JSON Lines of {_count(len(records), 'record')}", _union_of_keys(records), tuple(records), warnings
    )


def _union_of_keys(records: tuple[Record, ...] | list[Record]) -> tuple[str, ...]:
    keys: dict[str, None] = {}
    for record in records:
        for key in record.values or {}:
            if str(key).strip():
                keys.setdefault(str(key), None)
    return tuple(keys)


def _csv_table(text: str, warnings: tuple[str, ...]) -> Table:
    sample = text[:8192]
    try:
        delimiter = csv.Sniffer().sniff(sample.split("\n", 1)[0], delimiters=",\t;").delimiter
    except csv.Error:
        delimiter = ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise Rejected(f"is not a readable CSV table: {exc}") from None
    if not rows:
        raise Rejected("is an empty CSV table")
    header = [collapse_spaces(h) for h in rows[0]]
    records: list[Record] = []
    for number, row in enumerate(rows[1:], start=1):
        if not any(cell.strip() for cell in row):
            continue  # a blank line between rows, or a row of empty cells
        values = {name: cell for name, cell in zip(header, row, strict=False) if name}
        records.append(Record("row", number, values=values))
    columns = tuple(dict.fromkeys(h for h in header if h))
    noun = "TSV" if delimiter == "\t" else "CSV"
    return Table(f"a {noun} table of {_count(len(records), 'row')}", columns, tuple(records), warnings)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
