"""Direct quotations and who said them: rules, not a model.

What news and testimony reporting does with quotation marks, and what published
extractors get wrong on it (textacy's and CoreNLP's issue trackers): a stray or unpaired
mark must not swallow the rest of the article, so a quote never runs past its paragraph
unless the next paragraph opens with a quotation mark again (the convention for a quote
over several paragraphs); an attribution may stand inside the quote ("This, they tell
Bitter Winter, means …"), between two halves of it ("A," she said, "B.") or on the line
before it ("X, a doctor, said:"); two or three quoted words in a sentence are a term or a
title, not testimony. A speaker is named only from the text: a name with a speech verb,
or a pronoun or group word resolved to the person or pair named most recently; otherwise
the quote is unresolved, never guessed. `how` records which it was.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from archive.enrich._words import NOT_NAME, TITLES

# Opening mark -> the marks that close it.
_PAIRS = {
    "\u201c": "\u201d",  # “ ”
    "\u201e": "\u201c\u201d",  # „ “ (German, Kazakh, Russian) and „ ”
    "\u00ab": "\u00bb",  # « »
    '"': '"',
    "\u2018": "\u2019",  # ‘ ’
    "\u201a": "\u2018\u2019",  # ‚ ‘
}
_DOUBLE_OPEN = '\u201c\u201e\u00ab"'
_WORD_CHAR = re.compile(r"\w")

_VERBS = (
    "say says said saying tell tells told telling add adds added adding report reports reported "
    "recall recalls recalled recalling explain explains explained comment comments commented "
    "describe describes described testify testifies testified testifying state states stated "
    "write writes wrote written claim claims claimed insist insists insisted ask asks asked "
    "note notes noted warn warns warned argue argues argued admit admits admitted recount "
    "recounts recounted continue continues continued remember remembers remembered confirm "
    "confirms confirmed reply replies replied respond responds responded announce announces "
    "announced declare declares declared suggest suggests suggested acknowledge acknowledges "
    "acknowledged maintain maintains maintained stress stresses stressed emphasise emphasised "
    "emphasize emphasized predict predicted urge urges urged observe observed conclude concludes "
    "concluded quipped joked shouted cried whispered tweeted posted alleged allege alleges denied "
    "deny denies complained complain complains believe believes believed think thinks thought "
    "agreed agrees criticised criticized criticises slated attacked welcomed backed dismissed "
    "advised advises vowed promised conceded pleaded demanded retorted countered wondered "
    "recalls remembered "
    # Russian and Kazakh reporting verbs, the forms news and testimony use.
    "сказал сказала сказали рассказал рассказала рассказали рассказывает говорит говорят заявил "
    "заявила заявили отметил отметила добавил добавила сообщил сообщила пояснил пояснила "
    "вспоминает вспоминал вспоминала деді айтты дейді айтады мәлімдеді"
)
SPEECH_VERBS = frozenset(_VERBS.split())
_VERB = (
    r"(?:"
    + "|".join(sorted((re.escape(v) for v in SPEECH_VERBS if v.isalpha()), key=len, reverse=True))
    + r")"
)
# Chinese reporting verbs have no word boundaries around them.
_CJK_VERB = (
    r"(?:说道|补充道|补充说|说|表示|声称|宣称|称|指出|告诉|强调|透露|回忆|介绍|写道|认为|要求|提到|承认|警告)"
)
_VERB_RE = re.compile(rf"\b{_VERB}\b|{_CJK_VERB}", re.IGNORECASE)
_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ACCORDING = re.compile(r"\baccording to\b", re.IGNORECASE)

# Subject pronouns only: "his brother said" is the brother speaking, who is not named.
PRONOUNS = frozenset({"he", "she"})
GROUPS = frozenset(
    {"they", "both", "the two", "the couple", "the pair", "the family", "the brothers", "the sisters", "we"}
)
_NAME_WORD = r"(?:[A-Z\u0400-\u042F\u04D8\u0492\u049A\u04A2\u04E8\u04B0\u04AE\u04BA\u0406][\w'’\-]*\.?)"
_NAME = re.compile(
    rf"{_NAME_WORD}(?:[ \u00a0](?:(?:al|el|bin|ibn|van|von|de|der|da|di|le|la)[ \u00a0])?{_NAME_WORD}){{0,3}}"
)
_ORG_SPOKES = re.compile(
    r"(?:a |an |the )?(?:spokesman|spokeswoman|spokesperson|representative|statement|source)s? "
    r"(?:for|from|of|at) (?:the )?((?:[A-Z][\w&'’\-]*\.?)(?: (?:of |for |and |the )?[A-Z][\w&'’\-]*\.?)*)"
)
_ORG_BEFORE = re.compile(
    r"(?:a |an |the )?((?:[A-Z][\w&'’\-]*\.?)(?: [A-Z][\w&'’\-]*\.?)*) (?:spokesman|spokeswoman|spokesperson|statement)"
)


@dataclass(frozen=True)
class Quote:
    anchor: str
    text: str
    start: int
    end: int
    paragraph: int
    speakers: tuple[str, ...]
    how: str  # "explicit" | "pronoun" | "group" | "none"

    @property
    def speaker(self) -> str:
        return " and ".join(self.speakers)


@dataclass
class _Span:
    start: int  # first character inside the marks
    end: int  # just before the closing mark (or the paragraph end)
    open_at: int  # the opening mark
    close_at: int  # just after the closing mark
    paragraph: int
    parts: list[tuple[int, int]]
    closed: bool


def find_quotes(
    paragraphs: Sequence[str],
    names: Mapping[str, str] | None = None,
    *,
    mentions: Sequence[tuple[int, str]] | None = None,
    not_people: frozenset[str] = frozenset(),
    organisations: Mapping[str, str] | None = None,
) -> tuple[Quote, ...]:
    """The direct quotations of an article body, with speakers where the text says them.

    `names` maps casefolded forms of the people an article names to their canonical names;
    `mentions` (offset, canonical name) and `not_people` (casefolded names of places and
    organisations) come from entity extraction when it ran, so that "Bitter Winter" is
    not taken for a person and "they" finds the last two people, not the last place.
    Without them, capitalised names next to a speech verb are used.
    """
    names = dict(names or {})
    body = "\n\n".join(paragraphs)
    starts = []
    at = 0
    for p in paragraphs:
        starts.append(at)
        at += len(p) + 2
    spans = _merge_interrupted(body, _spans(paragraphs, starts))
    people = _People(body, names, mentions, not_people, organisations)
    people.quoted = [(sp.start, sp.end) for sp in spans]
    quotes: list[Quote] = []
    previous: tuple[tuple[str, ...], str, int, int] | None = None  # speakers, how, paragraph, end
    for span in spans:
        if not _is_testimony(body, span):
            continue
        speakers, how = _attribute(body, span, paragraphs, starts, people)
        if not speakers and previous and _continues(span, previous, people):
            speakers, how = previous[0], previous[1]
        if speakers:
            previous = (speakers, how, span.paragraph, span.close_at)
        text = " … ".join(body[a:b].strip() for a, b in span.parts)
        start, end = span.parts[0][0], span.parts[-1][1]
        quotes.append(Quote("", text, start, end, span.paragraph, speakers, how if speakers else "none"))
    return tuple(
        Quote(f"q{n}", q.text, q.start, q.end, q.paragraph, q.speakers, q.how)
        for n, q in enumerate(quotes, start=1)
    )


# -- finding the marks -------------------------------------------------------------------------


def _spans(paragraphs: Sequence[str], starts: list[int]) -> list[_Span]:
    """Quoted stretches, paragraph by paragraph; an unclosed quote carries into the next
    paragraph only when that paragraph opens with a quotation mark."""
    found: list[_Span] = []
    carry: _Span | None = None
    carry_closers = ""
    for number, (text, base) in enumerate(zip(paragraphs, starts, strict=True), start=1):
        i = 0
        open_span: _Span | None = None
        closers = ""
        if carry is not None:
            lead = len(text) - len(text.lstrip())
            if text[lead : lead + 1] and text[lead] in _DOUBLE_OPEN:
                open_span, closers = carry, carry_closers
                open_span.parts.append((base + lead + 1, base + lead + 1))
                i = lead + 1
            else:
                _finish_unclosed(carry, found)
            carry = None
        while i < len(text):
            ch = text[i]
            if open_span is None:
                if ch in _PAIRS and _opens(text, i):
                    open_span = _Span(
                        base + i + 1,
                        base + i + 1,
                        base + i,
                        base + i + 1,
                        number,
                        [(base + i + 1, base + i + 1)],
                        False,
                    )
                    closers = _PAIRS[ch]
            elif (
                ch in _DOUBLE_OPEN and closers not in ("\u2019", "\u2018\u2019") and _continues_here(text, i)
            ):
                # `"A. "B."`: a new paragraph of the same quote whose break was lost (an
                # opening mark after a sentence, and no closing mark before it).
                first, _ = open_span.parts[-1]
                open_span.parts[-1] = (first, base + len(text[:i].rstrip()))
                open_span.parts.append((base + i + 1, base + i + 1))
            elif ch in closers and _closes(text, i, ch):
                first, _ = open_span.parts[-1]
                open_span.parts[-1] = (first, base + i)
                open_span.end, open_span.close_at, open_span.closed = base + i, base + i + 1, True
                found.append(open_span)
                open_span = None
            elif ch in _DOUBLE_OPEN and ch not in closers and closers in ("\u2019", "\u2018\u2019"):
                # A double mark inside a single-quoted stretch: the single mark was an apostrophe.
                open_span = _Span(
                    base + i + 1,
                    base + i + 1,
                    base + i,
                    base + i + 1,
                    number,
                    [(base + i + 1, base + i + 1)],
                    False,
                )
                closers = _PAIRS[ch]
            i += 1
        if open_span is not None:
            first, _ = open_span.parts[-1]
            open_span.parts[-1] = (first, base + len(text.rstrip()))
            open_span.end = base + len(text.rstrip())
            if closers != "\u2019" and closers != "\u2018\u2019":
                carry, carry_closers = open_span, closers
    if carry is not None:
        _finish_unclosed(carry, found)
    found.sort(key=lambda s: s.start)
    return found


def _continues_here(text: str, i: int) -> bool:
    """A quotation mark that opens (space before, a word after) right after a sentence ends."""
    after = text[i + 1 : i + 2]
    before = text[:i]
    return bool(after) and not after.isspace() and before[-1:].isspace() and before.rstrip()[-1:] in ".!?…"


def _finish_unclosed(span: _Span, found: list[_Span]) -> None:
    """A quote whose closing mark never came: kept (to its paragraph's end) only when it
    ran over several paragraphs in the multi-paragraph style, else dropped as a stray mark."""
    if len(span.parts) > 1:
        span.close_at = span.end
        found.append(span)


def _opens(text: str, i: int) -> bool:
    ch = text[i]
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace():
        return False
    if ch in "\u2018\u201a'":
        return not _WORD_CHAR.match(before)
    if ch == '"':
        return not _WORD_CHAR.match(before) or before in "(["
    return True


def _closes(text: str, i: int, ch: str) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch in "\u2019\u2018":
        # don’t, Uyghurs’ land: an apostrophe, not a closing mark, when a letter follows.
        return not _WORD_CHAR.match(after)
    return True


def _merge_interrupted(body: str, spans: list[_Span]) -> list[_Span]:
    """“A,” she said, “B.” is one quote: the halves are joined when a short attribution with
    a speech verb stands between them in one paragraph and the second half has no
    attribution of its own."""
    merged: list[_Span] = []
    for span in spans:
        if merged:
            last = merged[-1]
            gap = body[last.close_at : span.open_at]
            if (
                last.paragraph == span.paragraph
                and last.closed
                and 0 < len(gap) <= 80
                and _VERB_RE.search(gap)
                and not re.search(r"[.!?]\s*$", body[last.start : last.end].rstrip("\u2019'")[-2:] or "")
                and re.match(r"^[,\s\u2014\u2013\u3400-\u9fff-]", gap)
                and not _attribution_after(body, span)
                and "\n" not in gap
            ):
                last.parts.extend(span.parts)
                last.end, last.close_at, last.closed = span.end, span.close_at, span.closed
                continue
            if (
                last.paragraph == span.paragraph
                and last.closed
                and 0 < len(gap) <= 110
                and re.match(r"^,?\s*[^.!?]{0,50}?\b" + _VERB + r"\b[^.!?]{0,70}[.:]\s*$", gap, re.IGNORECASE)
                and not _attribution_after(body, span)
                and _is_testimony(body, last)
            ):
                # "A," he said. "B." — the second sentence continues the first quote.
                last.parts.extend(span.parts)
                last.end, last.close_at, last.closed = span.end, span.close_at, span.closed
                continue
        merged.append(span)
    return merged


def _attribution_after(body: str, span: _Span) -> bool:
    tail = _sentence_after(body, span)
    return bool(_VERB_RE.search(tail) or _ACCORDING.search(tail))


# -- testimony or a term ----------------------------------------------------------------------


def _is_testimony(body: str, span: _Span) -> bool:
    """Speech, not a scare-quoted term, a title or a nickname.

    Four words or more are speech; fewer only when they make a whole sentence of their
    own ("Tony, that's rubbish.") or a speech verb attributes them.
    """
    text = " ".join(body[a:b] for a, b in span.parts).strip()
    cjk = len(_CJK_CHAR.findall(text))
    if cjk and cjk * 2 >= len(text):
        # Chinese: a clause or sentence (ending in its punctuation) of eight characters or
        # more, or a long stretch; short slogans and cited terms (“维稳”) are not speech.
        return (cjk >= 8 and text[-1:] in "，。！？；…,.!?") or cjk >= 16
    words = re.findall(r"[^\W_]+(?:['’][^\W_]+)*", text)
    if not words:
        return False
    if len(words) >= 4:
        return not _is_title(text, words)
    whole = text[:1].isupper() and text.rstrip()[-1:] in ".!?,…" and len(words) >= 2
    near = body[max(0, span.open_at - 40) : span.open_at] + body[span.close_at : span.close_at + 40]
    return whole and bool(_VERB_RE.search(near))


def _is_title(text: str, words: list[str]) -> bool:
    """A quoted title ("The Sound of Music"): every long word capitalised, no end punctuation."""
    if text.rstrip()[-1:] in ".!?,:;…" or len(words) > 8:
        return False
    long_words = [w for w in words if len(w) > 3]
    return bool(long_words) and all(w[:1].isupper() for w in long_words)


# -- who said it ---------------------------------------------------------------------------------


class _People:
    """The people an article names, so a surname or a pronoun finds its full name."""

    def __init__(
        self,
        body: str,
        names: dict[str, str],
        mentions,
        not_people: frozenset[str],
        orgs: Mapping[str, str] | None = None,
    ):
        self.names = names
        self.not_people = not_people
        self.quoted: list[tuple[int, int]] = []  # spans inside quotation marks
        self.informed = mentions is not None  # entities ran: their names are the only names
        self.orgs = dict(orgs or {})
        self.orgs_re = _alternatives(self.orgs)
        self.mentions: list[tuple[int, str]] = []  # (offset, canonical full name)
        full: dict[str, str] = {}
        if mentions is not None:
            self.mentions = sorted(mentions)
            for _, canonical in self.mentions:
                for part in canonical.split():
                    full.setdefault(part.casefold(), canonical)
        else:
            for m in _NAME.finditer(body):
                name = _clean_name(m.group(0))
                if not name or " " not in name or name.casefold() in not_people:
                    continue
                canonical = self.canonical(name, full)
                self.mentions.append((m.start(), canonical))
                for part in canonical.split():
                    full.setdefault(part.casefold(), canonical)
        self.full = full
        known = sorted(
            {*names, *(k for _, n in self.mentions for k in (n.casefold(),))}, key=len, reverse=True
        )
        self.known = _alternatives(known)

    def canonical(self, name: str, full: dict[str, str] | None = None) -> str:
        full = self.full if full is None else full
        key = name.casefold()
        if key in self.not_people:
            return ""
        if key in self.names:
            return self.names[key]
        parts = name.split()
        if len(parts) == 1:
            return full.get(key, name if key not in NOT_NAME else "")
        # "Mr Blair" → "Blair" → the fuller form if the article has one.
        last = parts[-1].casefold()
        if last in self.names:
            return self.names[last]
        return name

    def subject_before(self, before: int, body: str) -> str:
        """Who "he", "she" or "the minister" most likely is: the person who spoke last in
        the text before (a name next to a speech verb in one of the last sentences, quoted
        or reported), else the person named most recently."""
        start = max(0, before - 1200)
        window = body[start:before]
        spoke, spoke_at = "", -1
        for sentence in reversed(list(re.finditer(r"[^.!?\n]+[.!?]?", window))[-8:]):
            text = sentence.group(0)
            verb = _VERB_RE.search(text)
            if not verb:
                continue
            names = _names(text, self, verb)
            if names and names[0] not in self.orgs.values():
                spoke, spoke_at = names[0], start + sentence.start()
                break
        # A person who opens a later sentence ("Ian Fogg, an analyst, agreed…") is who
        # the next "he said" is about, even without a speech verb.
        for offset, name in reversed(self.mentions):
            if offset >= before or offset <= spoke_at:
                break
            if any(a <= offset < b for a, b in self.quoted):
                continue
            if _opens_sentence(body[max(0, offset - 40) : offset + 1], min(offset, 40)):
                return name
        if spoke:
            return spoke
        latest = self.latest(before, outside=self.quoted)
        return latest[0] if latest else ""

    def latest_org(self, before: int, body: str) -> str:
        """The organisation named most recently before a point in the text."""
        if self.orgs_re is None:
            return ""
        last = ""
        for m in self.orgs_re.finditer(body[max(0, before - 1500) : before]):
            last = self.orgs.get(m.group(0).casefold(), "")
        return last

    def latest(self, before: int, *, pair: bool = False, outside=()) -> tuple[str, ...]:
        seen: list[str] = []
        for offset, name in reversed(self.mentions):
            if offset >= before or any(a <= offset < b for a, b in outside):
                continue
            if name not in seen:
                seen.append(name)
            if not pair:
                return (name,)
            if len(seen) == 2:
                return tuple(reversed(seen))
        return ()


def _alternatives(forms) -> re.Pattern | None:
    """One pattern for many names, longest first; Chinese names need no word boundary."""
    forms = sorted(set(forms), key=len, reverse=True)
    if not forms:
        return None
    parts = [re.escape(f) if _CJK_CHAR.search(f) else rf"\b{re.escape(f)}\b" for f in forms]
    return re.compile("|".join(parts), re.IGNORECASE)


def _clean_name(raw: str) -> str:
    words = raw.replace("\u00a0", " ").split()
    while words and words[0].rstrip(".").casefold() in (TITLES | NOT_NAME):
        words = words[1:]
    while words and words[-1].rstrip(".").casefold() in NOT_NAME:
        words = words[:-1]
    words = [w.rstrip(".'’").removesuffix("’s").removesuffix("'s") for w in words]
    if (
        not words
        or any(w.casefold() in NOT_NAME for w in words)
        or any(w.casefold() in SPEECH_VERBS for w in words)
    ):
        return ""
    name = " ".join(words)
    return name if len(name) > 1 else ""


def _sentence_after(body: str, span: _Span) -> str:
    """The rest of the sentence after the closing mark, the mark included (so the first
    word after it is not taken for a sentence opener)."""
    mark = body[span.close_at - 1 : span.close_at] if span.closed else ""
    tail = body[span.close_at : span.close_at + 160]
    cut = re.search(r"[.!?](?:\s|$)|\n|[\u201c\u201e\u00ab\"]", tail)
    return mark + (tail[: cut.start() + 1] if cut else tail)


def _sentence_before(body: str, span: _Span) -> str:
    head = body[max(0, span.open_at - 200) : span.open_at]
    cut = max(
        head.rfind(". "),
        head.rfind("! "),
        head.rfind("? "),
        head.rfind("\n"),
        head.rfind("\u201d"),
        head.rfind("\u00bb"),
    )
    return head[cut + 1 :] if cut >= 0 else head


def _attribute(body, span: _Span, paragraphs, starts, people: _People) -> tuple[tuple[str, ...], str]:
    """Speakers and how they were found, looking where reporters put attributions."""
    inside = [body[b : span.parts[i + 1][0]] for i, (_, b) in enumerate(span.parts[:-1])]
    quoted = " ".join(body[a:b] for a, b in span.parts)
    before = _sentence_before(body, span)
    after = _sentence_after(body, span)
    clauses: list[tuple[str, str]] = [(g, "after") for g in inside if "\n" not in g]
    if before.rstrip().endswith((":", "：")):
        clauses.append((before, "before"))  # X said: "…" — the strongest sign there is
    if _attribution_shaped(quoted, after):
        clauses.append((after, "after"))  # ," she said. / ?" asked X.
    clauses += [(before, "before"), *((e, "after") for e in _embedded(quoted))]
    for clause, side in clauses:
        found = _speaker_in(clause, span.open_at, people, body, side=side)
        if found:
            return found
    # "X, a doctor, said:" or "—X" on the line before a quote that opens its paragraph, or a
    # last sentence there that introduces the speaker ("Marat Ospan described the night.").
    para_start = starts[span.paragraph - 1]
    if span.open_at - para_start <= 2 and span.paragraph >= 2:
        before = paragraphs[span.paragraph - 2].strip()
        if before.endswith(":") or re.match(r"^[\u2014\u2013-]\s*\S", before):
            found = _speaker_in(before, span.open_at, people, body, verb_needed=False)
            if found:
                return found
        elif not re.search(r"[\u201c\u201d\u00ab\u00bb\"]", before):
            last = re.split(r"(?<=[.!?])\s+", before)[-1]
            found = _speaker_in(last, span.open_at, people, body)
            if found and found[1] == "explicit":
                return found
    return (), "none"


def _embedded(quoted: str) -> list[str]:
    """Attributions set inside the marks: ", they tell Bitter Winter," / ", Kaster and Murager report,"."""
    # At most four words before the verb, so a sentence of the quote is not taken for one.
    return [
        m.group(0)
        for m in re.finditer(r",\s(?:[\w’'\-]+\s){1,4}?" + _VERB + r"\b[^,.!?]{0,40},", quoted, re.IGNORECASE)
    ]


def _attribution_shaped(quoted: str, after: str) -> bool:
    """Whether the words after a closing mark attribute the quote rather than start a new
    sentence: the quote ends with a comma, dash, ? or ! (or no end at all), or what follows
    starts in lower case ("said X", "he added")."""
    ending = quoted.rstrip()[-1:]
    following = after.lstrip("\u201d\u00bb\"\u2019' ")
    if not following:
        return False
    if ending not in ".…" or following[:1].islower():
        return True
    # `…." Thomas Dawson, an IMF director, said earlier this month.` — a speech verb and the
    # sentence ends before any other quote opens.
    return bool(_VERB_RE.search(following)) and following.rstrip()[-1:] in ".!?"


def _speaker_in(
    clause: str, at: int, people: _People, body: str, verb_needed: bool = True, side: str = "after"
) -> tuple[tuple[str, ...], str] | None:
    verbs = list(_VERB_RE.finditer(clause))
    # The verb nearest the quote: the last one before it, the first one after it.
    verb = (verbs[-1] if side == "before" else verbs[0]) if verbs else None
    according = _ACCORDING.search(clause)
    if verb_needed and not verb and not according and not clause.rstrip().endswith(":"):
        return None
    if according:
        after = clause[according.end() :]
        names = _names(after[:60], people, None)
        if names:
            return names[:1], "explicit"
        org = _org(after, people)
        if org:
            return (org,), "group"
    org = _org(clause, people)
    if org:
        return (org,), "group"
    names = _names(clause, people, verb)
    if names:
        return names, "explicit"
    words = clause.casefold()
    for word in sorted(GROUPS, key=len, reverse=True):
        if re.search(rf"\b{re.escape(word)}\b", words):
            pair = people.latest(at, pair=True)
            if len(pair) == 2:
                return pair, "group"
    org_noun = re.search(
        r"\b(?:the|its) (?:[a-z][\w\-]* ){0,2}(" + _ORG_NOUNS + r")\b,? " + _VERB + r"\b", clause
    )
    if org_noun:
        # "the club said", "the former monopoly said in a statement": the organisation last named.
        org = people.latest_org(at, body)
        return ((org,), "group") if org else None
    if (
        any(re.search(rf"\b{word}\b", words) for word in PRONOUNS)
        or re.search(r"[他她]", clause)
        or re.search(r"\b(?:the|a|an) (?:[a-z][\w\-]*\s){0,3}[a-z][\w\-]*,?\s" + _VERB + r"\b", clause)
    ):
        # "he said", "the minister said", "the 23-year-old told …"
        latest = people.subject_before(at, body)
        return ((latest,), "pronoun") if latest else None
    return None


_ORG_NOUNS = (
    "club|company|firm|group|board|bank|ministry|department|government|party|council|committee|"
    "union|agency|regulator|watchdog|organisation|organization|body|court|embassy|monopoly|"
    "statement|report|newspaper|magazine|channel|broadcaster|website|charity|institute|"
    "think-tank|campaign|league|federation|association|authority|authorities|police|army|office"
)


def _org(clause: str, people: _People) -> str:
    """An organisation speaking through a spokesperson or a statement ("a spokesman for
    the Foreign Ministry said"); named as the gazetteer or the article names it."""
    m = _ORG_SPOKES.search(clause) or _ORG_BEFORE.search(clause)
    if not m:
        return ""
    name = m.group(1).strip()
    if name.casefold() in NOT_NAME:
        return ""
    return people.orgs.get(name.casefold(), name)


_ADDRESSEE = re.compile(
    r"\b(?:tell|tells|told|telling|asked|asks|to|with|by|for|of|about|advised|urged|warned)\s+"
    r"(?:(?:mr|mrs|ms|miss|dr|the|prime minister|president)\.?\s+)?$",
    re.IGNORECASE,
)


def _names(clause: str, people: _People, verb: re.Match | None) -> tuple[str, ...]:
    """Who the attribution names as speaking: "Kaster and Murager report" gives both.

    The name nearest the speech verb wins ("X said", "said X", "X, a doctor, said"); a
    name right after "told" or "to" is who was spoken to. Known people and organisations
    (from entities) first; without them, a capitalised name next to the verb.
    """
    candidates: list[tuple[int, int, str]] = []  # (start, end, canonical)
    for pattern in (people.known, people.orgs_re):
        if pattern is None:
            continue
        for m in pattern.finditer(clause):
            if _ADDRESSEE.search(clause[: m.start()]):
                continue
            canonical = people.canonical(m.group(0)) or people.orgs.get(m.group(0).casefold(), "")
            if canonical:
                candidates.append((m.start(), m.end(), canonical))
    if not candidates and people.informed and verb is not None:
        # A name entities did not know, right next to the verb ("Aitugan told Amnesty",
        # "said Daulet"): still the speaker.
        before = re.search(rf"({_NAME.pattern}),?\s+(?:\w+\s+)?$", clause[: verb.start()])
        after = None
        if not re.fullmatch(
            r"tell|tells|told|telling|ask|asks|asked|advised|urged|warned", verb.group(0), re.I
        ):
            after = re.match(rf"\s+({_NAME.pattern})", clause[verb.end() :])
        for m in (before, after):
            raw = m.group(1) if m else ""
            name = _clean_name(raw) if m else ""
            if name and name.casefold() not in people.not_people and raw.casefold() not in people.not_people:
                canonical = people.canonical(name)
                if canonical:
                    return (canonical,)
    if not candidates and not people.informed:
        for m in _NAME.finditer(clause):
            if _ADDRESSEE.search(clause[: m.start()]):
                continue
            if _opens_sentence(clause, m.start()) and " " not in m.group(0).strip():
                continue
            name = _clean_name(m.group(0))
            canonical = people.canonical(name) if name else ""
            if canonical:
                candidates.append((m.start(), m.end(), canonical))
    if not candidates:
        return ()
    if verb is not None:

        def distance(c):
            if c[1] <= verb.start():
                return verb.start() - c[1]
            return c[0] - verb.end() + 5  # "said X" a little behind "X said"

        near = [c for c in candidates if distance(c) <= 90]
        if not near:
            return ()
        near.sort(key=distance)
        best = near[0]
        # "Kaster and Murager report": the name before the best one, joined by "and".
        for other in near[1:]:
            between = clause[min(other[1], best[1]) : max(other[0], best[0])]
            if other[2] != best[2] and re.fullmatch(r"\s*(?:and|&|и)\s*", between):
                first, second = sorted((best, other))
                return (first[2], second[2])
        return (best[2],)
    return (sorted(candidates)[0][2],)


def _opens_sentence(text: str, at: int) -> bool:
    before = text[:at].rstrip(' \u00a0"“‘«„—–-')
    return not before or before[-1] in ".!?:\n"


def _continues(span: _Span, previous: tuple, people: _People) -> bool:
    """A quote with no attribution of its own continues the voice of the quote before it when
    it follows in the same or the next paragraph, or within three paragraphs with nobody
    else named in between (an interview's answers, a testimony told in several quotes)."""
    speakers, _, paragraph, end = previous
    if span.paragraph - paragraph <= 1:
        return True
    if span.paragraph - paragraph > 3:
        return False
    between = [
        name
        for offset, name in people.mentions
        if end <= offset < span.open_at
        and name not in speakers
        and not any(a <= offset < b for a, b in people.quoted)
    ]
    return not between
