"""One article's enrichment from its record, and the stamp that says how it was made.

The stamp is a digest of the enrichment code and of the gazetteer's content, computed
rather than bumped by hand, so changing a rule or adding an alias makes every article
enriched before it stale: `archive enrich` (and the next ingest) redo exactly those.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources

from archive.enrich.dates import find_dates
from archive.enrich.entities import alias_map, find_entities
from archive.enrich.gazetteer import Gazetteer
from archive.enrich.quotes import find_quotes
from archive.records import ArticleRecord, Enrichment


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A hash of the enrichment package's own source: any change to a rule is a new stamp."""
    digest = hashlib.sha256()
    package = resources.files("archive.enrich")
    for item in sorted(package.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".py"):
            digest.update(item.name.encode())
            digest.update(item.read_bytes())
    return digest.hexdigest()[:12]


def stamp_of(gazetteer: Gazetteer) -> str:
    return f"{code_digest()}.{gazetteer.digest[:12]}"


def enrich(record: ArticleRecord, gazetteer: Gazetteer, stamp: str = "") -> Enrichment:
    """Quotes with their speakers, entities and dates mentioned, for one article version.

    Entities come first so that quote speakers take the canonical names of the people
    the article (and the gazetteer) knows: "Musakhan" is "Kaster Musakhan".
    """
    entities = find_entities(record.paragraphs, gazetteer)
    mentions = [(start, e.name) for e in entities if e.type == "person" for start, _ in e.mentions]
    not_people = frozenset(
        form.casefold() for e in entities if e.type != "person" for form in (e.name, *e.aliases)
    )
    organisations = {
        form.casefold(): e.name for e in entities if e.type == "org" for form in (e.name, *e.aliases)
    }
    quotes = find_quotes(
        record.paragraphs,
        alias_map(entities),
        mentions=mentions,
        not_people=not_people,
        organisations=organisations,
    )
    dates = find_dates(record.paragraphs, record.date)
    return Enrichment(stamp or stamp_of(gazetteer), quotes, entities, dates)
