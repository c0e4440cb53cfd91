"""What the fork server behind ingest's worker processes loads once, before any worker.

Workers are forked from that server (archive/parallel_read.py), so whatever it has
loaded each of them has too, for free: the readers, the enrichment code, and the
language model, whose loading (0.3 to 0.5 s of LZMA decompression) every worker would
otherwise repeat for every batch.
"""

from __future__ import annotations

from archive import enriching, ingest  # noqa: F401 - imported to be inherited
from archive.language import detect_language

detect_language("A sentence long enough for the language model to be loaded now.")
