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

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from archive.enrich._words import NOT_NAME, TITLES
from archive.enrich.quote_marks import Span, pair_marks
from archive.enrich.speech_verbs import ACCORDING as _ACCORDING
from archive.enrich.speech_verbs import CJK_CHAR as _CJK_CHAR
from archive.enrich.speech_verbs import SPEECH_VERBS
from archive.enrich.speech_verbs import VERB as _VERB
from archive.enrich.speech_verbs import VERB_RE as _VERB_RE

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
    spans = _merge_interrupted(body, pair_marks(paragraphs))
    people = _People(body, names, mentions, not_people, organisations)
    people.quoted_spans = [(s.start, s.end) for s in spans]
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
        paragraph = bisect.bisect_right(starts, start)  # where its words start
        quotes.append(Quote("", text, start, end, paragraph, speakers, how if speakers else "none"))
    return tuple(
        Quote(f"q{n}", q.text, q.start, q.end, q.paragraph, q.speakers, q.how)
        for n, q in enumerate(quotes, start=1)
    )


# -- one quote or two, testimony or a term ---------------------------------------------------------

_ABBREVIATION = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|Sen|Rep|Gov|Lt|Sgt|Capt|Jr|Sr|Inc|Co|No|Mt|[A-Z])\."
)
_QUOTE_MARKS = '\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a"\u2018\u2019'
_GAP_LEAD = ",;:\u2014\u2013- \u00a0"
_CONTINUING_END = ",;\u2014\u2013-\u2026:\uff0c\u3001\uff1b\uff1a"  # with Chinese ， 、 ； ：


def _merge_interrupted(body: str, spans: list[Span]) -> list[Span]:
    """“A,” she said, “B.” is one quote, and so is “A,” she said. “B.”: the halves join when
    the first opens a sentence and breaks off with a comma or dash, what stands between
    them is one attribution clause and nothing else, and the second half has no
    attribution of its own. A reported fragment ("called it a “disaster”, his report
    said. “The status…”") opens mid-sentence and stays apart."""
    merged: list[Span] = []
    for span in spans:
        last = merged[-1] if merged else None
        if last is not None and last.closed and _joins(body, last, span):
            last.parts.extend(span.parts)
            last.close_at, last.closed = span.close_at, span.closed
            continue
        merged.append(span)
    return merged


def _joins(body: str, first: Span, second: Span) -> bool:
    if not first.opens_sentence and len(first.parts) == 1:
        return False
    head = body[first.start : first.end].rstrip(_QUOTE_MARKS + "'")
    gap = body[first.close_at : second.open_at]
    clause = gap.lstrip(_GAP_LEAD)
    if "\n" in clause:
        # "A," argues X.⏎⏎"B." — the next paragraph opens with the rest of the quote.
        clause, rest = clause.split("\n", 1)
        if rest.strip():
            return False
    clause = clause.strip()
    lowered = clause[:1].islower()
    # The comma may stand inside the marks ("A," she said) or, as German, Russian and
    # Kazakh write it, outside them («A», she said).
    outside = gap.lstrip(" \u00a0")[:1]
    if not (
        head[-1:] in _CONTINUING_END
        or (outside != "" and outside in ",\u2014\u2013")
        or (head[-1:] in "?!" and lowered)
    ):
        return False
    if (
        not clause
        or len(clause) > 170
        or clause[-1] not in ".,:;\u2014\u2013\u3002\uff0c\uff1a\uff1b"
        or any(m in clause for m in _QUOTE_MARKS)
    ):
        return False
    core = _ABBREVIATION.sub("X", clause[:-1])
    if re.search(r"[.!?\u3002\uff01\uff1f]", core):
        return False
    verb = _VERB_RE.search(core) or _ACCORDING.search(core)
    if verb is None or verb.start() > 70:
        return False
    return not _own_attribution(body, second)


def _own_attribution(body: str, span: Span) -> bool:
    """Whether the words after a quote attribute it (`…,” he added.`), rather than open a
    new sentence or introduce the next quote (`…” And X says: “`)."""
    tail = _sentence_after(body, span)[1:]
    following = tail.lstrip(_QUOTE_MARKS + " ")
    if not following or following.rstrip().endswith(":"):
        return False
    ending = body[span.start : span.end].rstrip()[-1:]
    if ending in ".\u2026" and not following[:1].islower():
        return False
    return bool(_VERB_RE.search(following) or _ACCORDING.search(following))


# Words that name what follows as a title, a term or a slogan rather than someone's words:
# right before the mark ("a film called “…”"), or before a colon too ("the old maxim: “…”").
_TERM_CUE = re.compile(
    r"\b(?:titled|entitled|called|named|dubbed|branded|labelled|labeled|nicknamed|known as|"
    r"so-called|phrase|terms?|book|novel|film|movie|album|song|single|track|show|series|"
    r"documentary|article|poem|hashtag)\s*,?\s*$",
    re.IGNORECASE,
)
_SLOGAN_CUE = re.compile(
    r"\b(?:headlines?|headlined|slogans?|motto|maxim|catchphrase|adage|proverb|banner|placard)"
    r"\s*[:,]?\s*$",
    re.IGNORECASE,
)


def _is_testimony(body: str, span: Span) -> bool:
    """Speech, not a scare-quoted term, a title or a nickname.

    Four words or more are speech, unless they are a title (every long word capitalised,
    no end punctuation) or what precedes names them as a title, slogan or term ("under
    the headline “…”"); fewer only when a speech verb attributes them in the sentence and
    they are the said words ("Tony, that's rubbish," she shouted), not a term in it."""
    text = " ".join(body[a:b] for a, b in span.parts).strip()
    cjk = len(_CJK_CHAR.findall(text))
    if cjk and cjk * 2 >= len(text):
        # Chinese: a clause or sentence (ending in its punctuation) of eight characters or
        # more, or a long stretch; short slogans and cited terms (“维稳”) are not speech.
        return (cjk >= 8 and text[-1:] in "，。！？；…,.!?") or cjk >= 16
    words = re.findall(r"[^\W_]+(?:['’][^\W_]+)*", text)
    if not words:
        return False
    lead = body[max(0, span.open_at - 40) : span.open_at]
    if _TERM_CUE.search(lead) or _SLOGAN_CUE.search(lead):
        return False
    if lead.endswith("(") and body[span.close_at : span.close_at + 1] == ")":
        return False  # (“…”): a slogan or an aside set in brackets, not someone speaking
    if len(words) >= 4:
        return not _is_title(text, words)
    if len(words) < 2 or not text[:1].isupper():
        return False
    if _VERB_RE.search(lead[-14:]) and re.search(r"\b" + _VERB + r"\b\W*$", lead, re.IGNORECASE):
        return True  # shouting "Tony, that's rubbish"
    whole = text.rstrip()[-1:] in ".!?,…"
    near = _sentence_before(body, span)[-60:] + body[span.close_at : span.close_at + 40]
    return whole and bool(_VERB_RE.search(near))


def _is_title(text: str, words: list[str]) -> bool:
    """A quoted title ("The Sound of Music", "Studies of Mazar Cultures on the Silk Road."):
    every long word capitalised and nothing that ends a spoken clause but a full stop,
    which titles carry when the sentence ends with them."""
    if text.rstrip()[-1:] in "!?,:;…" or len(words) > 12:
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
        self.informed = mentions is not None  # entities ran: their names are the only names
        self.orgs = dict(orgs or {})
        self.orgs_re = _alternatives(self.orgs)
        self.mentions: list[tuple[int, str]] = []  # (offset, canonical full name)
        self.quoted_spans: list[tuple[int, int]] = []
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
        """Who "he", "she" or "the minister" is: walking back sentence by sentence, the
        first sentence that names a person decides: its speaker when it has a speech
        verb ("Alan Johnson said he had met Doug Smith"), else the person it names last
        ("One dissenting view came from Brian Gammage." He said: …). Names inside quoted
        words, a name in the possessive and whoever was spoken to are not candidates."""
        start = max(0, before - 1500)
        window = body[start:before]
        cuts = [0, *(m.end() for m in re.finditer(r"[.!?\u2026][\"\u201d\u2019\u00bb]?\s+|\n+", window))]
        sentences = [(start + a, start + b) for a, b in zip(cuts, [*cuts[1:], len(window)], strict=True)]
        for a, b in reversed(sentences[-8:]):
            found = [
                (o, n)
                for o, n in self.mentions
                if a <= o < b
                and not self.quoted(o)
                and not re.match(r"[\w \-.’']*?['’]s\b", body[o : o + len(n) + 3])
            ]
            if not found:
                continue
            text = body[a:b]
            verb = _VERB_RE.search(text)
            if verb:
                names = _names(text, self, verb)
                if names and names[0] not in self.orgs.values():
                    return names[0]
            for o, n in reversed(found):
                if not _ADDRESSEE.search(body[max(a, o - 30) : o]) and n not in self.orgs.values():
                    return n
        latest = self.latest(before)
        return latest[0] if latest else ""

    def quoted(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.quoted_spans)

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


def _sentence_after(body: str, span: Span) -> str:
    """The rest of the sentence after the closing mark, the mark included (so the first
    word after it is not taken for a sentence opener)."""
    mark = body[span.close_at - 1 : span.close_at] if span.closed else ""
    tail = body[span.close_at : span.close_at + 160]
    cut = re.search(r"[.!?](?:\s|$)|\n|[\u201c\u201e\u00ab\"]", tail)
    return mark + (tail[: cut.start() + 1] if cut else tail)


def _sentence_before(body: str, span: Span) -> str:
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


def _attribute(body, span: Span, paragraphs, starts, people: _People) -> tuple[tuple[str, ...], str]:
    """Speakers and how they were found, looking where reporters put attributions."""
    inside = [body[b : span.parts[i + 1][0]] for i, (_, b) in enumerate(span.parts[:-1])]
    quoted = " ".join(body[a:b] for a, b in span.parts)
    before = _sentence_before(body, span)
    after = _sentence_after(body, span)
    clauses: list[tuple[str, str]] = [(g.split("\n")[0], "after") for g in inside]
    if before.rstrip().endswith(":"):
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
    elif not before.strip():
        # `Mr Howard described the report as "very important". "This is from…"`: the
        # sentence before, in the same paragraph, names who speaks next.
        pieces = re.split(r"(?<=[.!?])[\"\u201d\u2019\u00bb]?\s+", body[para_start : span.open_at].strip())
        previous = pieces[-1] if pieces and pieces[-1] else ""
        if previous and not any(m in previous for m in _QUOTE_MARKS):
            found = _speaker_in(previous, span.open_at, people, body, side="before")
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
    subject = re.search(r"\b(he|she|it|they)\s+(?:also\s+)?$", clause[: verb.start()], re.I) if verb else None
    if subject and subject.group(1).casefold() == "it":
        # "Sauytbay, it claimed, …": the pronoun next to the verb speaks, not the name before.
        org = people.latest_org(at, body)
        return ((org,), "group") if org else None
    if subject and subject.group(1).casefold() in ("he", "she"):
        latest = people.subject_before(at, body)
        if latest:
            return (latest,), "pronoun"
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
    ) or re.search(r"\bit,? (?:also )?" + _VERB + r"\b", clause)  # "it claimed": an organisation
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


def _continues(span: Span, previous: tuple, people: _People) -> bool:
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
        if end <= offset < span.open_at and name not in speakers and not people.quoted(offset)
    ]
    return not between
