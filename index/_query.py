"""Reading what a person typed into a Whoosh query, or saying exactly what is wrong.

Whoosh's parser never complains: it silently drops an unbalanced parenthesis or turns
`title:` into a search for the word "title". A researcher who gets a quiet wrong answer
may cite it, so `check_query` rejects such input first with a message that says how to
fix it, and only well-formed text reaches the parser.
"""

from __future__ import annotations

import re
import unicodedata

from whoosh import qparser, query
from whoosh.qparser import AndGroup, MultifieldParser

from archive.metadata_values import check_language
from index._dates import range_bounds
from index._schema import DEFAULT_FIELDS, USER_FIELDS, VARIANT_BOOST
from index._variants import variant_key
from index.errors import QueryError

# Long enough for a pasted paragraph (a quote to find elsewhere, a research question),
# short enough that one query cannot ask for thousands of words' postings.
MAX_QUERY_CHARS = 2000
MIN_WILDCARD_PREFIX = 3
_BINARY = {"AND", "OR", "ANDNOT", "ANDMAYBE"}
_FIELD = re.compile(r"(?<![\w:])([A-Za-z_]+):")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"'})


def check_query(text: str) -> str:
    """Normalize a query and validate it; raise QueryError saying what is wrong."""
    text = unicodedata.normalize("NFC", text or "").translate(_QUOTES)
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"The query is {len(text):,} characters long; the limit is {MAX_QUERY_CHARS}.")
    outside = _check_quotes_and_parens(text)
    text, outside = _minus_as_not(text, outside)
    _check_fields(outside)
    _check_operators(outside)
    _check_wildcards(outside)
    _check_fuzzy(outside)
    return text


def parse_query(
    text: str, schema, *, variants: bool = True, fields: dict[str, float] | None = None
) -> query.Query:
    """A Whoosh query for checked text; an empty query matches every article.

    With `variants`, each word typed on its own also finds other spellings of it
    (index/_variants.py), ranked below the spelling typed; a quoted phrase never does.
    """
    text = check_query(text)
    if not text or text == "*":
        return query.Every()
    fields = fields or DEFAULT_FIELDS
    parser = MultifieldParser(list(fields), schema, fieldboosts=fields, group=AndGroup)
    aliases: dict[str, list[str]] = {}
    for typed, field in USER_FIELDS.items():
        if typed != field:
            aliases.setdefault(field, []).append(typed)
    parser.add_plugin(qparser.FieldAliasPlugin(aliases))
    # Only a trailing * is a wildcard; a "?" ends questions people type, not a pattern.
    parser.remove_plugin_class(qparser.WildcardPlugin)
    parser.add_plugin(qparser.PrefixPlugin())
    parser.add_plugin(qparser.FuzzyTermPlugin())
    try:
        parsed = parser.parse(text)
    except Exception as exc:  # Whoosh raises assorted errors for odd input
        raise QueryError(f"The query could not be understood ({exc}).") from None
    if parsed is query.NullQuery:
        raise QueryError("There is nothing to search for in this query.")
    parsed = parsed.accept(_dates_as_periods)
    return parsed.accept(_variants_of(text)) if variants else parsed


def _variants_of(text: str):
    """A query visitor that lets each unfielded word match other spellings of it too."""

    def visit(node: query.Query) -> query.Query:
        words = node.subqueries if type(node) is query.Or else ()
        if not words or not all(type(w) is query.Term and w.fieldname in DEFAULT_FIELDS for w in words):
            return node
        start, end = getattr(words[0], "startchar", None), getattr(words[0], "endchar", None)
        key = variant_key(text[start:end]) if start is not None and end is not None else ""
        if not key:
            return node
        return query.Or([*words, query.Term("variants", key, boost=VARIANT_BOOST)], boost=node.boost)

    return visit


_YEAR = re.compile(r"^\d{4}$")


def _dates_as_periods(node: query.Query) -> query.Query:
    """`date:2019-10` and `date:[2019-10 TO 2020-06]` find the articles inside the period.

    Whoosh would compare the typed text with the stored string, so a month would match
    only articles dated to exactly that month. A value that is not a date is refused
    rather than quietly matching nothing.
    """
    fieldname = getattr(node, "fieldname", None)
    if fieldname == "date" and isinstance(node, query.Term):
        return _inside(*range_bounds(node.text, node.text))
    if fieldname == "date" and isinstance(node, query.TermRange):
        return _inside(*range_bounds(node.start, node.end, node.startexcl, node.endexcl))
    if fieldname == "language" and type(node) is query.Term:
        # Tags are stored in their standard form (en-US); `language:EN` finds en and en-US.
        try:
            tag = check_language(node.text)
        except ValueError as exc:
            raise QueryError(f"'language:{node.text}': {exc}.") from None
        return query.Or([query.Term("language", tag), query.Prefix("language", tag + "-")])
    if fieldname == "year" and isinstance(node, query.Term) and not _YEAR.match(node.text):
        raise QueryError(f"'year:{node.text}' is not a year: write four digits, as in year:2019.")
    return node


def _inside(low: int | None, high: int | None) -> query.Query:
    clauses = []
    if low is not None:
        clauses.append(query.NumericRange("date_start", low, None))
    if high is not None:
        clauses.append(query.NumericRange("date_end", None, high))
    if not clauses:
        raise QueryError("A date range needs a start, an end, or both, as in date:[2019-10 TO 2020-06].")
    return query.And(clauses)


def _check_quotes_and_parens(text: str) -> str:
    """Check pairing; return the text with the inside of quoted phrases masked."""
    depth = 0
    in_quote = False
    outside: list[str] = []
    for char in text:
        if char == '"':
            in_quote = not in_quote
            outside.append('"')
            continue
        if in_quote:
            outside.append("_")  # a phrase is one opaque term for the checks below
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                raise QueryError(
                    "There is a ')' with no '(' before it. Remove it, or put the phrase in quotes."
                )
            depth -= 1
        outside.append(char)
    if in_quote:
        raise QueryError(
            'A quotation mark (") is opened but never closed. Close the phrase with " or remove it.'
        )
    if depth:
        raise QueryError("A '(' is opened but never closed. Add ')' or remove it.")
    return "".join(outside)


def _check_fields(outside: str) -> None:
    known = ", ".join(USER_FIELDS)
    for match in _FIELD.finditer(outside):
        name = match.group(1)
        after = outside[match.end() : match.end() + 1]
        if name.lower() not in USER_FIELDS:
            raise QueryError(
                f"Unknown field '{name}:'. Fields you can search: {known}. To search for the text itself, put it in quotes."
            )
        if name not in USER_FIELDS:
            raise QueryError(f"Field names are lower case: write '{name.lower()}:' instead of '{name}:'.")
        if after in ("", " ", ")"):
            raise QueryError(
                f"'{name}:' needs a search term right after the colon, for example {name}:asylum."
            )


def _check_operators(outside: str) -> None:
    tokens = [t for t in re.split(r"\s+|(\(|\))", outside) if t]
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if token in _BINARY:
            if (
                before in (None, "(")
                or before in _BINARY
                or before == "NOT"
                or after in (None, ")")
                or after in _BINARY
            ):
                raise QueryError(
                    f"'{token}' needs a search term on each side, for example: Kazakh {token} asylum."
                )
        elif token == "NOT" and (after in (None, ")") or after in _BINARY):
            raise QueryError("'NOT' needs a search term after it, for example: asylum NOT Turkey.")
    if tokens and all(t in ("(", ")") for t in tokens):
        raise QueryError("The query has brackets but nothing to search for inside them.")


_MINUS = re.compile(r"(?:^|(?<=[\s(]))-(?=[^\s\-)])")


def _minus_as_not(text: str, outside: str) -> tuple[str, str]:
    """`-Turkey` excludes, as in web search engines: it becomes `NOT Turkey`.

    Only a minus that starts a word does (Ust-Kamenogorsk is one name), and never one
    inside a quoted phrase. Whoosh's own plus/minus plugin also turned the other words
    into optional ones, which is not what a researcher means.
    """
    starts = [m.start() for m in _MINUS.finditer(outside)]
    for at in reversed(starts):
        text = text[:at] + "NOT " + text[at + 1 :]
        outside = outside[:at] + "NOT " + outside[at + 1 :]
    return text, outside


_FUZZY = re.compile(r"(\S*?)~(\S*)")
MAX_FUZZY_DISTANCE = 2
MIN_FUZZY_LETTERS = 4


def _check_fuzzy(outside: str) -> None:
    for match in _FUZZY.finditer(outside):
        word, distance = match.group(1).split(":")[-1], match.group(2)
        if len(word) < MIN_FUZZY_LETTERS:
            raise QueryError(
                f"'{match.group(0)}': a ~ for spelling variants needs a word of at least "
                f"{MIN_FUZZY_LETTERS} letters before it, as in Kazakhstn~."
            )
        if distance and not (distance.isdigit() and 1 <= int(distance) <= MAX_FUZZY_DISTANCE):
            raise QueryError(
                f"'{match.group(0)}': write word~ (one letter different) or word~2 (up to "
                f"{MAX_FUZZY_DISTANCE}); larger distances match too many words."
            )


def _check_wildcards(outside: str) -> None:
    for word in outside.replace("(", " ").replace(")", " ").split():
        term = word.split(":", 1)[1] if ":" in word else word
        if "*" not in term or term == "*":
            continue
        if "*" in term[:-1]:
            raise QueryError(f"'{term}': a * can only end a word, as in Kazak* (it matches every ending).")
        if len(term) - 1 < MIN_WILDCARD_PREFIX:
            raise QueryError(
                f"'{term}': a wildcard needs at least {MIN_WILDCARD_PREFIX} letters before it "
                f"(a shorter one would match too many words)."
            )
