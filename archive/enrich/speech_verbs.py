"""Verbs that report speech, for finding who a quotation belongs to.

News and testimony attribute quotes with many verbs besides "said" (the extractors that
know only "said" leave most speakers unknown); every tense a reporter uses is listed,
with the Russian and Kazakh forms of the commonest ones. A plain list: a missing verb is
found and added by reading one line.
"""

from __future__ import annotations

import re

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
SPEECH_VERBS: frozenset[str] = frozenset(_VERBS.split())
VERB = (
    r"(?:"
    + "|".join(sorted((re.escape(v) for v in SPEECH_VERBS if v.isalpha()), key=len, reverse=True))
    + r")"
)
# Chinese reporting verbs have no word boundaries around them.
CJK_VERB = (
    r"(?:说道|补充道|补充说|说|表示|声称|宣称|称|指出|告诉|强调|透露|回忆|介绍|写道|认为|要求|提到|承认|警告)"
)
VERB_RE = re.compile(rf"\b{VERB}\b|{CJK_VERB}", re.IGNORECASE)
CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
ACCORDING = re.compile(r"\baccording to\b", re.IGNORECASE)
