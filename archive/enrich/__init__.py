"""Enrichment: what an article says about whom, where and when (issue 7).

Pure functions of the normalized body (`"\\n\\n".join(paragraphs)`); every offset is a
character offset into it. The gazetteer is the only input read from files.
"""

from archive.enrich.dates import DateMention, find_dates
from archive.enrich.entities import Entity, alias_map, find_entities
from archive.enrich.gazetteer import Entry, Gazetteer

__all__ = ["DateMention", "Entity", "Entry", "Gazetteer", "alias_map", "find_dates", "find_entities"]
