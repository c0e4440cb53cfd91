"""Direct quotations and their speakers, on sentences written for these tests: each case is
a shape that published extractors get wrong on news and testimony text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive.enrich.quotes import find_quotes


def quotes_of(*paragraphs: str, **kwargs):
    return find_quotes(paragraphs, **kwargs)


def summary(*paragraphs: str, **kwargs):
    return [(q.text, q.speakers, q.how) for q in quotes_of(*paragraphs, **kwargs)]


# (paragraphs, [(quote text, speakers, how)])
CASES = [
    pytest.param(
        ["“We were kept in a cold room for nine days,” Aigul Sadykova said."],
        [("We were kept in a cold room for nine days,", ("Aigul Sadykova",), "explicit")],
        id="curly, speaker after",
    ),
    pytest.param(
        ['Nurlan Bekov told reporters: "The guards took our passports at the gate."'],
        [("The guards took our passports at the gate.", ("Nurlan Bekov",), "explicit")],
        id="straight, speaker before with a colon",
    ),
    pytest.param(
        ["«Нас держали в лагере два года», — рассказала Гульнар Омарова."],
        [("Нас держали в лагере два года", ("Гульнар Омарова",), "explicit")],
        id="guillemets, Cyrillic speaker",
    ),
    pytest.param(
        ["„Wir haben nichts gewusst“, sagte Erlan Kaliyev vor Gericht. Er berichtete weiter."],
        [("Wir haben nichts gewusst", (), "none")],
        id="low-high quotes; a German verb is not in the list, so no guess",
    ),
    pytest.param(
        ["“The camp,” Dana Zhunus recalled, “had a fence of three layers and a watchtower.”"],
        [("The camp, … had a fence of three layers and a watchtower.", ("Dana Zhunus",), "explicit")],
        id="interrupted by the attribution: one quote",
    ),
    pytest.param(
        ["“I signed the papers they gave me,” said Marat Ospan. “I could not read them.”"],
        [("I signed the papers they gave me, … I could not read them.", ("Marat Ospan",), "explicit")],
        id="a second sentence after 'said X.' continues the quote",
    ),
    pytest.param(
        [
            "Marat Ospan described the first night.",
            "“They shaved our heads and took our clothes.",
            "“Nobody told us why we were there or when we would leave.”",
        ],
        [
            (
                "They shaved our heads and took our clothes. … Nobody told us why we were there or when we would leave.",
                ("Marat Ospan",),
                "explicit",
            )
        ],
        id="multi-paragraph: opening mark on each paragraph, closing mark on the last",
    ),
    pytest.param(
        [
            "Aigul Sadykova spoke first. Later Marat Ospan joined her.",
            "“We learned the songs by heart,” she said.",
        ],
        [("We learned the songs by heart,", ("Marat Ospan",), "pronoun")],
        id="pronoun: the person named most recently (no gender guessing)",
    ),
    pytest.param(
        [
            "Kanat Serik and Bolat Nurtay crossed the border in 2019.",
            "“We walked for two nights without food,” they said.",
        ],
        [("We walked for two nights without food,", ("Kanat Serik", "Bolat Nurtay"), "group")],
        id="group: 'they' is the last two people named",
    ),
    pytest.param(
        ["Kanat Serik and Bolat Nurtay report: “The court gave us one year in prison.”"],
        [("The court gave us one year in prison.", ("Kanat Serik", "Bolat Nurtay"), "explicit")],
        id="a named pair",
    ),
    pytest.param(
        ["“This, they tell Radio Azattyq, means the government admits the camps exist at last.”"],
        [("This, they tell Radio Azattyq, means the government admits the camps exist at last.", (), "none")],
        id="attribution inside the quote with no one named before: unresolved, not the listener",
    ),
    pytest.param(
        [
            "Aidos Temir, a former teacher from Ghulja, said:",
            "“Every morning we sang for the flag before we were allowed to eat.”",
        ],
        [("Every morning we sang for the flag before we were allowed to eat.", ("Aidos Temir",), "explicit")],
        id="speaker on the line before, ending with a colon",
    ),
    pytest.param(
        ["Officials call the sites ‘vocational centres’ and deny any abuse."],
        [],
        id="scare quotes are not testimony",
    ),
    pytest.param(
        ["She read “The Road to Freedom” twice while waiting for her visa."],
        [],
        id="a quoted title is not testimony",
    ),
    pytest.param(
        ["The so-called “re-education” began in 2017. It didn’t stop; the Uyghurs’ villages emptied."],
        [],
        id="apostrophes are not closing marks",
    ),
    pytest.param(
        [
            "He said “we will see and then the rest of the article runs on without a closing mark.",
            "Next paragraph.",
        ],
        [],
        id="an unclosed mark does not swallow the article",
    ),
    pytest.param(
        ["“My brother said ‘do not come back’ and hung up the phone,” Saule Baimukhan recalled."],
        [("My brother said ‘do not come back’ and hung up the phone,", ("Saule Baimukhan",), "explicit")],
        id="a nested quote stays inside the outer one",
    ),
    pytest.param(
        ["“The visa rules will change next year,” a spokesman for the Foreign Ministry said."],
        [("The visa rules will change next year,", ("Foreign Ministry",), "group")],
        id="a spokesperson's words are the organisation's",
    ),
    pytest.param(
        ["According to Serik Amanov, “nobody in the village was told where the men were taken.”"],
        [("nobody in the village was told where the men were taken.", ("Serik Amanov",), "explicit")],
        id="according to",
    ),
    pytest.param(
        [
            "Critics called the plan a “recipe for endless delay”, the review said. “Nobody can use it before 2030.”"
        ],
        [("recipe for endless delay", (), "none"), ("Nobody can use it before 2030.", (), "none")],
        id="a fragment quoted mid-sentence is not joined to the next sentence's quote",
    ),
    pytest.param(
        ["“We were told nothing,” argues Dana Zhunus.", "“Not a single letter reached us in two years.”"],
        [
            (
                "We were told nothing, … Not a single letter reached us in two years.",
                ("Dana Zhunus",),
                "explicit",
            )
        ],
        id="interrupted across a paragraph break: the attribution ends one, the quote opens the next",
    ),
    pytest.param(
        ["“The doors were locked,” she said, adding that the guards “never let us out at night.”"],
        [("The doors were locked,", (), "none"), ("never let us out at night.", (), "none")],
        id="a gap that says more than an attribution keeps two quotes (and no one is named)",
    ),
    pytest.param(
        ['Aidos Temir said: "We had no lawyer. Saule Baimukhan said: "The verdict was read in Chinese."'],
        [
            ("We had no lawyer.", ("Aidos Temir",), "explicit"),
            ("The verdict was read in Chinese.", ("Saule Baimukhan",), "explicit"),
        ],
        id="a lost closing mark: the first quote ends with its last sentence before the next opens",
    ),
    pytest.param(
        ['Aidos Temir said: "', "We slept on the floor of a classroom."],
        [("We slept on the floor of a classroom.", ("Aidos Temir",), "explicit")],
        id="an opening mark at the end of a paragraph: the quote is the next one",
    ),
    pytest.param(
        ["Banners carried the slogan “Stability and unity for all peoples” across the town."],
        [],
        id="a slogan is not testimony",
    ),
    pytest.param(
        ['They promised jobs ("Everyone will get a good salary here") and new flats.'],
        [],
        id="a quoted aside in brackets is not testimony",
    ),
    pytest.param(
        ['Then Aigul Sadykova shouted "Leave us alone" and ran to the gate.'],
        [("Leave us alone", ("Aigul Sadykova",), "explicit")],
        id="three words right after a speech verb are speech",
    ),
    pytest.param(
        [
            "Kaster Musakhan described the camp at length. A different view came from Serik Amanov, a lawyer. "
            "He said: “The trials were a formality from start to finish.”"
        ],
        [("The trials were a formality from start to finish.", ("Serik Amanov",), "pronoun")],
        id="pronoun: the person the sentence before introduces, not the earlier speaker",
    ),
    pytest.param(
        [
            "Kaster Musakhan and Murager Alimuly fled in 2019.",
            "“We walked for days without water,” the two recall.",
        ],
        [("We walked for days without water,", ("Kaster Musakhan", "Murager Alimuly"), "group")],
        id="group: 'the two' is the last pair named",
    ),
    pytest.param(
        [
            "Kaster Musakhan and Murager Alimuly left Ghulja in 2019.",
            "“This, they tell Bitter Winter, means the police still watch our relatives.”",
            "“After the hearing,” Musakhan adds, “we were told to sign again.”",
        ],
        [
            (
                "This, they tell Bitter Winter, means the police still watch our relatives.",
                ("Kaster Musakhan", "Murager Alimuly"),
                "group",
            ),
            ("After the hearing, … we were told to sign again.", ("Kaster Musakhan",), "explicit"),
        ],
        id="attribution inside the quote to a pair named before; a surname is the full name",
    ),
    pytest.param(
        ["«Нам сказали: „подпишите“, и мы подписали», — вспоминает Асель Нурланова."],
        [("Нам сказали: „подпишите“, и мы подписали", ("Асель Нурланова",), "explicit")],
        id="low quotes nested in guillemets",
    ),
    pytest.param(
        ["Judge Erlan Kaliyev read the verdict.", "“The court finds the accused guilty,” Kaliyev said."],
        [("The court finds the accused guilty,", ("Erlan Kaliyev",), "explicit")],
        id="a title is stripped and the surname is the full name",
    ),
    pytest.param(
        [
            "Aidos Temir, a former teacher, said:",
            "“We sang every morning.",
            "“Then we ate.”",
            "Officials deny it.",
        ],
        [("We sang every morning. … Then we ate.", ("Aidos Temir",), "explicit")],
        id="speaker with an apposition and a colon, then a quote over two paragraphs",
    ),
    pytest.param(
        ["The village’s ‘human rights activists’ were listed. He didn’t know the Uyghurs’ names."],
        [],
        id="single-quoted scare quote among apostrophes",
    ),
]


@pytest.mark.parametrize("paragraphs, expected", CASES)
def test_quotes_and_speakers(paragraphs, expected):
    assert summary(*paragraphs) == expected


def test_a_surname_alone_is_the_person_named_in_full():
    found = summary(
        "Serik Amanov left Almaty in March.",
        "“I had no choice,” Amanov said.",
    )
    assert found == [("I had no choice,", ("Serik Amanov",), "explicit")]


def test_known_names_come_from_entities_and_places_are_not_people():
    paragraphs = (
        "Gulbahar Jalilova spoke in Almaty.",
        "“They called us by numbers, never by names,” Almaty Radio reported her saying.",
    )
    mentions = [(0, "Gulbahar Jalilova")]
    found = find_quotes(
        paragraphs,
        {"gulbahar jalilova": "Gulbahar Jalilova", "jalilova": "Gulbahar Jalilova"},
        mentions=mentions,
        not_people=frozenset({"almaty", "almaty radio"}),
    )
    assert [(q.speakers, q.how) for q in found] != [(("Almaty Radio",), "explicit")]


def test_anchors_offsets_and_paragraphs():
    paragraphs = (
        "Intro without quotes.",
        "“First words here are spoken,” said Dana Zhunus.",
        "Then: “Second words here were also spoken,” said Dana Zhunus.",
    )
    body = "\n\n".join(paragraphs)
    found = find_quotes(paragraphs)
    assert [q.anchor for q in found] == ["q1", "q2"]
    assert [q.paragraph for q in found] == [2, 3]
    for q in found:
        assert body[q.start : q.end] == q.text
        assert body[q.start - 1] == "“" and body[q.end] == "”"
    assert find_quotes(paragraphs) == found  # the same anchors every time


@given(st.lists(st.text(alphabet=st.sampled_from("ab “”\"«»„‘’' .,:—\nXY"), max_size=60), max_size=6))
def test_never_raises_and_spans_stay_inside(paragraphs):
    body = "\n\n".join(paragraphs)
    found = find_quotes(paragraphs)
    assert [q.anchor for q in found] == [f"q{n}" for n in range(1, len(found) + 1)]
    for q in found:
        assert 0 <= q.start < q.end <= len(body)
        inside = body[q.start : q.end]
        for part in q.text.split(" … "):
            assert part in inside
        assert q.how in ("explicit", "pronoun", "group", "none")
        assert bool(q.speakers) == (q.how != "none")


_ALPHABET = st.sampled_from(list("ab XY.,:;?!—()\n") + list("“”\"«»„‘’'") + ["said", "Dana Zhunus", "he"])


@given(st.lists(st.lists(_ALPHABET, max_size=40).map("".join), max_size=6))
def test_quotes_stay_in_their_paragraphs_unless_each_one_opens_with_a_mark(paragraphs):
    """A stray mark never swallows the article: a quote runs into a further paragraph only
    when that paragraph opens with a quotation mark, and `paragraph` is where its words start."""
    body = "\n\n".join(paragraphs)
    starts = [sum(len(p) + 2 for p in paragraphs[:n]) for n in range(len(paragraphs))]
    found = find_quotes(paragraphs)
    assert find_quotes(paragraphs) == found
    for q in found:
        assert (
            starts[q.paragraph - 1] <= q.start <= starts[q.paragraph - 1] + len(paragraphs[q.paragraph - 1])
        )
        assert all(ch in body[q.start : q.end] for ch in q.text.replace(" … ", ""))
        for n in range(q.paragraph, len(paragraphs)):
            if starts[n] < q.end:
                assert paragraphs[n].lstrip()[:1] in '“"«„', (n, q)


MORE_CASES = [
    pytest.param(
        ["‘We didn’t sleep for three nights,’ Dana Zhunus said."],
        [("We didn’t sleep for three nights,", ("Dana Zhunus",), "explicit")],
        id="an apostrophe inside a single-quoted quote does not close it",
    ),
    pytest.param(
        [
            "The review called it a “recipe for endless delay,” the paper said. “Nobody can use it before 2030.”"
        ],
        [("recipe for endless delay,", (), "none"), ("Nobody can use it before 2030.", (), "none")],
        id="a fragment ending in a comma mid-sentence is not the first half of an interrupted quote",
    ),
    pytest.param(
        ["“We were moved at night,” said Aidos Temir. “The buses had no windows,” said Saule Baimukhan."],
        [
            ("We were moved at night,", ("Aidos Temir",), "explicit"),
            ("The buses had no windows,", ("Saule Baimukhan",), "explicit"),
        ],
        id="a second quote with its own attribution is a second quote",
    ),
    pytest.param(
        ["Dana Zhunus spoke first: “Serik Amanov took our passports.” “Then we waited,” she said."],
        [
            ("Serik Amanov took our passports.", ("Dana Zhunus",), "explicit"),
            ("Then we waited,", ("Dana Zhunus",), "pronoun"),
        ],
        id="a name inside quoted words is not who a pronoun means",
    ),
]


@pytest.mark.parametrize("paragraphs, expected", MORE_CASES)
def test_more_quotes_and_speakers(paragraphs, expected):
    assert summary(*paragraphs) == expected


def test_paragraph_is_where_the_quoted_words_start():
    found = find_quotes(["Intro.", 'Aidos Temir said: "', "We slept on the floor of a classroom."])
    assert [(q.paragraph, q.start) for q in found] == [(3, len('Intro.\n\nAidos Temir said: "\n\n'))]


def test_chinese_quotes_interrupted_by_their_attribution_and_slogans():
    paragraphs = (
        "通知写道：“你们的亲人在学习，这是为了他们好，”官员这样说，“也是为了你们好。”",
        "标语写着“团结稳定”。",
    )
    found = find_quotes(paragraphs)
    assert [q.text for q in found] == ["你们的亲人在学习，这是为了他们好， … 也是为了你们好。"]


def test_the_comma_outside_the_marks_as_russian_and_german_write_it():
    paragraphs = ("«Нас приняли вежливо», — говорят они, «а потом никто не ответил на письма».",)
    (quote,) = find_quotes(paragraphs)
    assert quote.text == "Нас приняли вежливо … а потом никто не ответил на письма"
    paragraphs = ("„We have waited for years“, said Erlan Kaliyev, „and nobody answers us.“",)
    found = find_quotes(paragraphs)
    assert [(q.text, q.speakers) for q in found] == [
        ("We have waited for years … and nobody answers us.", ("Erlan Kaliyev",))
    ]


def test_a_title_ending_a_sentence_keeps_its_full_stop_and_is_still_a_title():
    paragraphs = (
        "She spoke at a conference on “Oasis Towns of the Southern Tarim Rim.”",
        "Her book “From a Shepherd Boy to Professor of Soil Science at Xinjiang University” sold well.",
    )
    assert find_quotes(paragraphs) == ()


def test_it_next_to_the_verb_is_the_organisation_not_the_name_before():
    paragraphs = (
        "The Kazakh Foreign Ministry wrote that the report was “based on rumours and nothing else.”",
        "Bekov, it claimed, “was never detained in any facility in the region.”",
    )
    found = find_quotes(
        paragraphs,
        {"bekov": "Nurlan Bekov"},
        mentions=[],
        organisations={"kazakh foreign ministry": "Kazakh Foreign Ministry"},
    )
    assert [(q.speakers, q.how) for q in found] == [
        (("Kazakh Foreign Ministry",), "explicit"),
        (("Kazakh Foreign Ministry",), "group"),
    ]


def test_a_short_chinese_sentence_is_testimony_and_a_slogan_is_not():
    paragraphs = ("他回忆说：“我们被关了两个月。”", "墙上写着“团结稳定”。")
    assert [q.text for q in find_quotes(paragraphs)] == ["我们被关了两个月。"]


def test_an_unattributed_quote_keeps_the_last_voice_until_someone_else_is_named():
    paragraphs = (
        "“We crossed at night,” Aidos Temir said.",
        "The border was closed for a week after that.",
        "Officials gave no reason for the closure.",
        "“Nobody asked us anything at the post.”",
        "Dana Zhunus arrived a month later.",
        "“The guards had changed by then.”",
    )
    found = find_quotes(paragraphs)
    assert [(q.paragraph, q.speakers) for q in found] == [
        (1, ("Aidos Temir",)),
        (4, ("Aidos Temir",)),  # three paragraphs on, nobody else named between
        (6, ()),  # someone else was named between: not guessed
    ]
