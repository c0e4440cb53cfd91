"""People, places and organisations named in an article, each under one canonical name.

Researchers browse the archive by who and where: every spelling of a person in an article
("Kaster Musakhan", later "Musakhan", elsewhere "Qaster Musakhanuly") must land on one
entity, and two people must never be merged because their names look alike. Known names
come from the gazetteer in any script; other people from the shape of names in English
and Cyrillic text: runs of two to four capitalised words, with titles, sentence openers,
nationalities, months and the words of institutions taken out. A lone surname or first
name is a mention only of a person already named in full in the same article.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from archive.enrich._text import CJK, Token, cased, joined, keys_of, tokenize
from archive.enrich._words import CAMP, NOT_NAME, OF_PHRASE, ORG_AFTER, PARTICLES, PLACE_AFTER, TITLES
from archive.enrich.gazetteer import Entry, Gazetteer, Match

# Words that may stand before "Court", "Ministry", "Province"… as part of its name.
_FUNCTION = NOT_NAME - TITLES
_DESIGNATORS = PLACE_AFTER | ORG_AFTER
# Words that are no names but may stand in one of an institution ("Almaty City Court").
_INSTITUTION_WORDS = _DESIGNATORS | frozenset(
    "city regional supreme high people intermediate state public security foreign national "
    "international municipal provincial autonomous region federal criminal civil appeal "
    "appeals administrative economic military police interior justice education health "
    # Nationalities name institutions too ("Chinese Embassy", "Kazakh Foreign Ministry").
    "chinese kazakh kazakhstani uyghur uighur kyrgyz russian american british german french "
    "turkish swedish dutch european".split()
)
_OPENERS = ".!?…:;"
_LEAD_IN = " \t\"“”‘’«»„‚(['—–-*"
# A title at the end of a name is a surname there: "Mervyn King", "John Major".
_TITLE_SURNAMES = frozenset({"king", "major", "marshal", "bishop", "dean", "prince", "judge", "justice"})


@dataclass(frozen=True)
class Entity:
    type: str  # "person" | "place" | "org"
    name: str  # canonical
    aliases: tuple[str, ...]  # other forms seen in this text or known from the gazetteer
    mentions: tuple[tuple[int, int], ...]  # (start, end) offsets into the body


@dataclass
class _Found:
    type: str
    name: str
    known: tuple[str, ...] = ()  # the gazetteer's aliases
    forms: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    keys: list[tuple[str, ...]] = field(default_factory=list)  # key sequences it is written as


def find_entities(paragraphs: Sequence[str], gazetteer: Gazetteer) -> tuple[Entity, ...]:
    """The entities of an article body, in order of first mention."""
    body = "\n\n".join(paragraphs)
    tokens = tokenize(body)
    matches = gazetteer.match(body, tokens)
    taken: list[Match | None] = [None] * len(tokens)
    for match in matches:
        for i in range(match.first, match.last):
            taken[i] = match
    found: dict[object, _Found] = {}
    absorbed = _institutions(body, tokens, taken, found)
    for match in matches:
        if match not in absorbed:
            _add_known(found, match.entry, body, match)
    _people(body, tokens, taken, found)
    entities = []
    for item in found.values():
        forms = [f for f in dict.fromkeys((*item.forms, *item.known)) if f != item.name]
        mentions = tuple(sorted(set(item.mentions)))
        if mentions:
            entities.append(Entity(item.type, item.name, tuple(forms), mentions))
    entities.sort(key=lambda e: (e.mentions[0], e.type, e.name))
    return tuple(entities)


def alias_map(entities: Iterable[Entity]) -> dict[str, str]:
    """Casefolded names and aliases of the people found -> canonical name (for quote speakers)."""
    names: dict[str, str] = {}
    for entity in entities:
        if entity.type == "person":
            for form in (entity.name, *entity.aliases):
                names.setdefault(form.casefold(), entity.name)
    return names


def _add_known(found: dict, entry: Entry, body: str, match: Match) -> None:
    item = found.get(("known", entry.type, entry.name))
    if item is None:
        forms = [f for f in (entry.name, *entry.aliases) if not CJK.search(f)]
        item = _Found(entry.type, entry.name, entry.aliases, keys=[k for f in forms if (k := keys_of(f))])
        found[("known", entry.type, entry.name)] = item
    item.forms.append(body[match.start : match.end])
    item.mentions.append((match.start, match.end))


def _add(found: dict, kind: str, keys: tuple[str, ...], form: str, span: tuple[int, int]) -> _Found:
    item = found.setdefault((kind, keys), _Found(kind, form, keys=[keys]))
    item.forms.append(form)
    item.mentions.append(span)
    return item


# -- places and organisations by pattern -------------------------------------------------------


def _institutions(body: str, tokens: list[Token], taken: list, found: dict) -> set[Match]:
    """ "X Province", "X Prefecture", "X camp", "Ministry of …", "… Court": names the gazetteer
    does not know but whose last word says what they are. Returns the place matches they absorb
    ("Almaty Regional Court" is a court, not a mention of Almaty)."""
    absorbed: set[Match] = set()
    for i in reversed(range(len(tokens))):  # right to left: "Zharkent District Court" is one court
        token = tokens[i]
        word = token.word.casefold()
        is_camp = word == CAMP
        if taken[i] is not None or not (is_camp or (word in _DESIGNATORS and token.word[0].isupper())):
            continue
        kind = "org" if word in ORG_AFTER else "place"
        first, swallowed = i, []
        while first > 0 and i - first < 4 and joined(body, tokens[first - 1], tokens[first]):
            prev = tokens[first - 1]
            owner = taken[first - 1]
            if owner is not None:
                if is_camp or owner.entry.type != "place":
                    break
                swallowed.append(owner)
                first = owner.first
                continue
            lowered = prev.word.casefold()
            if not (cased(prev.word) and prev.word[0].isupper()) or (
                lowered in _FUNCTION and lowered not in _INSTITUTION_WORDS
            ):
                break
            first -= 1
        last = i + 1
        if word in OF_PHRASE and first == i:  # "Ministry of Public Security"
            last = _of_phrase(body, tokens, taken, i)
        if first == i and last == i + 1:
            continue
        span = tokens[first].start, tokens[last - 1].end
        item = _add(found, kind, tuple(t.key for t in tokens[first:last]), body[span[0] : span[1]], span)
        item.name = item.forms[0]
        absorbed.update(swallowed)
        for k in range(first, last):
            taken[k] = Match(span[0], span[1], Entry(kind, item.name), first, last)
    return absorbed


def _of_phrase(body: str, tokens: list[Token], taken: list, i: int) -> int:
    """The end (token index) of "Ministry of [the] Foreign Affairs [and …]"."""
    last, k = i + 1, i + 1
    while k < len(tokens) and joined(body, tokens[k - 1], tokens[k]) and taken[k] is None:
        word = tokens[k].word
        if word[0].isupper():
            last = k + 1
        elif word not in ("of", "the", "and", "for"):
            break
        k += 1
    return last if last > i + 1 and tokens[i + 1].word in ("of", "for") else i + 1


# -- people by pattern -------------------------------------------------------------------------


def _people(body: str, tokens: list[Token], taken: list, found: dict) -> None:
    """Name runs → people; shorter forms fold into the one full name they belong to."""
    lower = {t.word.casefold() for t in tokens if t.word[:1].islower()}
    headings = _heading_tokens(body, tokens)
    candidates: list[tuple[int, int]] = []  # token ranges of name candidates
    run: list[int] = []
    for i, token in enumerate(tokens):
        namey = taken[i] is None and i not in headings and cased(token.word) and token.word[0].isupper()
        particle = (
            run
            and token.word in PARTICLES
            and i + 1 < len(tokens)
            and tokens[i + 1].word[:1].isupper()
            and joined(body, token, tokens[i + 1])
        )
        if (namey or particle) and run and not _one_name(body, tokens[run[-1]], token):
            candidates += _split(body, tokens, run, lower)
            run = []
        if namey or particle:
            run.append(i)
        elif run:
            candidates += _split(body, tokens, run, lower)
            run = []
    if run:
        candidates += _split(body, tokens, run, lower)

    parts = _parts([item for item in found.values() if item.type == "person"])
    # Full names first, longest first; then what is left folds into them.
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    for first, last in candidates:
        keys = tuple(t.key for t in tokens[first:last])
        span = tokens[first].start, tokens[last - 1].end
        form = body[span[0] : span[1]]
        if ("person", keys) in found:  # the same name again, maybe spelled otherwise
            _add(found, "person", keys, form, span)
        elif keys in parts:  # a short form: the person it belongs to, if that is decided
            owner = _owner(parts[keys], span[0])
            if owner is not None:
                owner.forms.append(form)
                owner.mentions.append(span)
        elif last - first >= 2:
            item = _add(found, "person", keys, form, span)
            for part in _proper_parts(keys):
                parts.setdefault(part, []).append(item)


def _split(body: str, tokens: list[Token], run: list[int], lower: set[str]) -> list[tuple[int, int]]:
    """Cut a capitalised run at words that are never names; strip titles; drop a sentence
    opener that the article also writes in lower case ("Later", "Patriots")."""
    out = []
    piece: list[int] = []
    for i in [*run, -1]:
        word = tokens[i].word.casefold() if i >= 0 else ""
        if i >= 0 and word not in _FUNCTION:
            piece.append(i)
            continue
        # strip titles at the front: everything up to the last title that precedes a name word
        cut = 0
        for k, j in enumerate(piece[:-1]):
            if tokens[j].word.casefold() in TITLES:
                cut = k + 1
        piece = piece[cut:]
        while piece and tokens[piece[-1]].word.casefold() in TITLES - _TITLE_SURNAMES:
            piece.pop()
        # a sentence opener ("Later Critics said") that the article also writes in lower case
        if piece and cut == 0 and tokens[piece[0]].word.casefold() in lower:
            before = run[: run.index(piece[0])]
            opener = before[0] if before else piece[0]
            if _opens_sentence(body, tokens[opener]) and all(
                tokens[k].word.casefold() in _FUNCTION for k in before
            ):
                piece = piece[1:]
        while piece and tokens[piece[-1]].word in PARTICLES:
            piece.pop()
        if 1 <= len(piece) <= 4:
            out.append((piece[0], piece[-1] + 1))
        piece = []
    return out


def _one_name(body: str, left: Token, right: Token) -> bool:
    """Two words of one person's name: not across a slash ("Kay Nietfeld/AFP", a credit)."""
    return joined(body, left, right) and "/" not in body[left.end : right.start]


def _opens_sentence(body: str, token: Token) -> bool:
    k = token.start - 1
    while k >= 0 and body[k] in _LEAD_IN:
        k -= 1
    return k < 0 or body[k] in _OPENERS or body[k] == "\n"


def _heading_tokens(body: str, tokens: list[Token]) -> set[int]:
    """Tokens of paragraphs written in Title Case and not ended like a sentence (headings),
    where capitals mark no names."""
    out: set[int] = set()
    paragraph: list[int] = []
    for i in range(len(tokens) + 1):
        if paragraph and (i == len(tokens) or "\n" in body[tokens[i - 1].end : tokens[i].start]):
            words = [tokens[k].word for k in paragraph if cased(tokens[k].word)]
            ending = body[tokens[paragraph[-1]].end : tokens[i].start if i < len(tokens) else None].strip()
            if (
                len(words) >= 5
                and sum(w[0].isupper() for w in words) >= 0.7 * len(words)
                and not ending.startswith((".", "!", "?", "…", ":", '"', "”", "’", "»"))
            ):
                out.update(paragraph)
            paragraph = []
        paragraph.append(i)
    return out


def _proper_parts(keys: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The shorter forms of a name: its first words and its last words ("Kaster", "Musakhan")."""
    return [keys[:n] for n in range(1, len(keys))] + [keys[-n:] for n in range(1, len(keys))]


def _parts(people: list[_Found]) -> dict[tuple[str, ...], list[_Found]]:
    parts: dict[tuple[str, ...], list[_Found]] = {}
    for item in people:
        for keys in item.keys:
            for part in _proper_parts(keys):
                parts.setdefault(part, []).append(item)
    return parts


def _owner(candidates: list[_Found], at: int) -> _Found | None:
    """The person a short form belongs to: the only one it fits, else the one named last
    before it; None when that is not decided (never a guess between two people)."""
    unique = list({id(c): c for c in candidates}.values())
    if len(unique) == 1:
        return unique[0]
    before = [(max((s for s, _ in c.mentions if s < at), default=-1), c) for c in unique]
    before = [(s, c) for s, c in before if s >= 0]
    if not before:
        return None
    before.sort(key=lambda sc: sc[0])
    return before[-1][1]
