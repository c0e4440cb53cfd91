"""The HTML reader: the article out of a saved page, with what the page declares about it."""

from __future__ import annotations

import gzip
import json

import pytest

from archive.blobs import BlobStore
from archive.errors import Rejected
from archive.ingest import ingest_paths
from archive.readers import parse
from archive.store import Store
from tests.conftest import write_article

# Our own fixture: a Russian-language news page with everything around the article that a
# saved page really carries. Article paragraphs are long enough to look like an article.
RU_PARAGRAPHS = (
    "Айгуль Нурланова провела в лагере под Кульджой четырнадцать месяцев. «Нас будили в шесть утра "
    "и заставляли петь», — рассказала она нашему корреспонденту в Алматы.",
    "По её словам, в одной комнате жили двадцать женщин. Камеры под потолком следили за каждым "
    "движением, а разговаривать на казахском языке было запрещено.",
    "Весной 2019 года её отпустили, но паспорт так и не вернули. Она пересекла границу только "
    "после того, как родственники обратились в консульство.",
    "Министерство иностранных дел Китая не ответило на наш запрос о комментарии до публикации "
    "этого материала.",
)
RU_PAGE = f"""<!DOCTYPE html>
<html lang="ru-RU">
<head>
<meta charset="utf-8">
<title>«Нас будили в шесть утра»: свидетельство из лагеря | Новости Степи</title>
<meta property="og:title" content="«Нас будили в шесть утра»: свидетельство из лагеря">
<meta property="og:site_name" content="Новости Степи">
<meta property="og:type" content="article">
<meta name="description" content="Бывшая заключённая рассказала о жизни в лагере в Синьцзяне.">
<meta name="keywords" content="Синьцзян, лагеря, свидетельства">
<link rel="canonical" href="https://stepnews.example.org/2019/05/svidetelstvo">
<script type="application/ld+json">
{{"@context": "https://schema.org", "@type": "NewsArticle",
  "headline": "«Нас будили в шесть утра»: свидетельство из лагеря",
  "datePublished": "2019-05-14T09:30:00+06:00",
  "author": [{{"@type": "Person", "name": "Марат Сейткали"}}, {{"@type": "Person", "name": "Дана Оспанова"}}],
  "publisher": {{"@type": "Organization", "name": "Новости Степи"}}}}
</script>
</head>
<body>
<div id="cookie-banner" class="cookie-consent">Мы используем файлы cookie. <button>Принять все</button></div>
<header><nav class="main-nav"><ul><li><a href="/">Главная</a></li><li><a href="/politika">Политика</a></li>
<li><a href="/ekonomika">Экономика</a></li><li><a href="/sport">Спорт</a></li></ul></nav></header>
<main>
<article>
<h1>«Нас будили в шесть утра»: свидетельство из лагеря</h1>
<div class="byline">Марат Сейткали, Дана Оспанова</div>
<time datetime="2019-05-14T09:30:00+06:00">14 мая 2019</time>
<div class="share-buttons"><a href="https://facebook.com/share">Поделиться в Facebook</a>
<a href="https://t.me/share">Отправить в Telegram</a></div>
{"".join(f"<p>{p}</p>" for p in RU_PARAGRAPHS)}
</article>
<aside class="related"><h3>Читайте также</h3><ul><li><a href="/a">Цены на бензин снова выросли в Астане</a></li>
<li><a href="/b">Футбольный клуб «Кайрат» сменил тренера перед новым сезоном</a></li></ul></aside>
<section id="comments" class="comments"><h3>Комментарии (2)</h3>
<div class="comment"><p>Гость: Ужасная история, спасибо за материал, берегите себя и своих близких.</p></div>
<div class="comment"><p>Аноним: Почему об этом молчат большие телеканалы? Это надо показывать всем.</p></div>
</section>
</main>
<footer><p>© 2019 Новости Степи. Все права защищены.</p></footer>
</body>
</html>
"""

WP_PARAGRAPHS = (
    "Kaster Musakhan and Murager Alimuly crossed into Kazakhstan in 2019, fleeing a camp where they "
    "said they were held for their Kazakh identity.",
    "On Tuesday a court in Zaisan granted both men provisional asylum, the first time the country "
    "has admitted that ethnic Kazakhs are persecuted in Xinjiang.",
    "“We were very hungry all the time,” Alimuly told Bitter Winter after the hearing. “They gave "
    "us one bowl of soup a day.”",
)
# A WordPress-like page: no JSON-LD, Yoast-style meta, author in a byline link, an entry
# footer with tags and a share bar, a sidebar, and a page charset that is not UTF-8.
WP_PAGE = f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>Two Refugees Granted Asylum &#8211; Bitter Winter</title>
<meta property="og:site_name" content="Bitter Winter">
<meta property="og:type" content="article">
<meta property="og:description" content="A court in Zaisan said yes for the first time.">
<meta property="article:published_time" content="2020-10-06T08:00:00+00:00">
<meta property="article:tag" content="Kazakhstan">
<meta property="article:tag" content="Asylum">
<meta name="generator" content="WordPress 5.5.1">
</head>
<body class="post-template-default single single-post">
<div id="masthead"><div class="site-branding"><p class="site-title"><a href="/">Bitter Winter</a></p></div>
<ul id="primary-menu" class="menu"><li><a href="/category/news/">News</a></li><li><a href="/about/">About</a></li></ul></div>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-1" class="post-1 post type-post status-publish">
<header class="entry-header"><h1 class="entry-title">Two Refugees Granted Asylum</h1>
<div class="entry-meta"><span class="byline">by <span class="author vcard"><a class="url fn n" rel="author"
href="/author/leila/">Leila Adilzhan</a></span></span></div></header>
<div class="entry-content">
{"".join(f"<p>{p}</p>" for p in WP_PARAGRAPHS).replace("provisional asylum", "<em>provision</em>al <a href='/asylum/'>asylum</a>")}
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul><li><a class="share-twitter"
href="#">Twitter</a></li><li><a class="share-facebook" href="#">Facebook</a></li></ul></div>
</div>
<footer class="entry-footer"><span class="tags-links">Tagged <a href="/tag/kazakhstan/" rel="tag">Kazakhstan</a></span></footer>
</article>
<nav class="navigation post-navigation"><a href="/prev/" rel="prev">Previous post: Weather in Almaty this weekend</a></nav>
</main></div>
<aside id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">Recent Posts</h2>
<ul><li><a href="/x/">A completely different story about markets</a></li></ul></section></aside></div>
</body>
</html>
"""

HOME_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Example News – Home</title>
<meta property="og:type" content="website"><link rel="canonical" href="https://news.example.org/">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "WebSite", "name": "Example News",
"url": "https://news.example.org/"}</script></head>
<body><nav><a href="/world">World</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a></nav>
<div class="teasers">
<div class="teaser"><h2><a href="/a">Floods in the north displace thousands of families overnight</a></h2>
<p>Rescue teams are working through the night as rivers burst their banks across the region.</p></div>
<div class="teaser"><h2><a href="/b">Parliament passes the budget after a long and bitter debate</a></h2>
<p>The opposition walked out before the final vote, calling the process rushed and opaque.</p></div>
</div></body></html>
"""

LOGIN_WALL = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head>
<body><div class="login"><h1>Sign in to continue reading</h1>
<form action="/login" method="post"><label>Email <input type="email" name="email"></label>
<label>Password <input type="password" name="password"></label><button>Sign in</button></form>
<p>Subscribers get unlimited access to every story on our website and in the app.</p></div></body></html>
"""


def test_news_page_gives_its_article_without_the_page_around_it():
    reader, parsed = parse("svidetelstvo.html", RU_PAGE.encode("utf-8"))
    assert reader.NAME == "html"
    assert parsed.title == "«Нас будили в шесть утра»: свидетельство из лагеря"
    assert parsed.paragraphs == RU_PARAGRAPHS
    text = "\n".join((parsed.title, parsed.standfirst, *parsed.paragraphs))
    for boilerplate in (
        "cookie",
        "Главная",
        "Поделиться",
        "Telegram",
        "Читайте также",
        "Кайрат",
        "Гость",
        "©",
    ):
        assert boilerplate not in text, boilerplate
    assert parsed.standfirst == "Бывшая заключённая рассказала о жизни в лагере в Синьцзяне."
    assert parsed.authors == ("Марат Сейткали", "Дана Оспанова")


def test_news_page_declarations_become_embedded_metadata():
    _, parsed = parse("svidetelstvo.html", RU_PAGE.encode("utf-8"))
    meta = parsed.embedded
    assert meta.url == "https://stepnews.example.org/2019/05/svidetelstvo"
    assert meta.source == "Новости Степи"
    assert meta.date == "2019-05-14"
    assert meta.language == "ru"  # from <html lang="ru-RU">, not guessed as English
    assert meta.authors == ("Марат Сейткали", "Дана Оспанова")
    assert meta.tags == ("Синьцзян", "лагеря", "свидетельства")
    assert parsed.warnings == ()


def test_wordpress_page_in_its_declared_charset():
    raw = WP_PAGE.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the fixture really is not UTF-8: “ ” are single bytes
    _, parsed = parse("asylum.htm", raw)
    assert parsed.title == "Two Refugees Granted Asylum"  # not "… – Bitter Winter"
    assert parsed.paragraphs == WP_PARAGRAPHS
    assert parsed.standfirst == "A court in Zaisan said yes for the first time."
    assert parsed.authors == ("Leila Adilzhan",)
    meta = parsed.embedded
    assert (meta.source, meta.date, meta.language) == ("Bitter Winter", "2020-10-06", "en")
    assert meta.tags == ("Kazakhstan", "Asylum")
    assert parsed.warnings == ()  # the charset was declared, so nothing was guessed
    text = "\n".join(parsed.paragraphs)
    for boilerplate in ("Share this", "Recent Posts", "Previous post", "Tagged", "News About"):
        assert boilerplate not in text, boilerplate


def test_description_that_is_just_the_first_paragraph_is_not_a_standfirst():
    page = RU_PAGE.replace(
        "Бывшая заключённая рассказала о жизни в лагере в Синьцзяне.", RU_PARAGRAPHS[0][:80] + "…"
    )
    _, parsed = parse("p.html", page.encode())
    assert parsed.standfirst == ""
    assert parsed.paragraphs[0] == RU_PARAGRAPHS[0]


def test_gzipped_page_is_read_like_the_page():
    _, plain = parse("svidetelstvo.html", RU_PAGE.encode())
    reader, zipped = parse("svidetelstvo.html.gz", gzip.compress(RU_PAGE.encode()))
    assert reader.NAME == "html"
    assert zipped == plain


def test_invalid_declared_date_is_left_out_with_a_warning_not_a_rejection():
    page = RU_PAGE.replace("2019-05-14T09:30:00+06:00", "весна 2019").replace("14 мая 2019", "")
    _, parsed = parse("p.html", page.encode())
    assert parsed.embedded.date == ""
    assert any("date" in w and "весна 2019" in w for w in parsed.warnings), parsed.warnings
    assert parsed.paragraphs == RU_PARAGRAPHS


def test_invalid_declared_language_is_left_out_with_a_warning():
    page = RU_PAGE.replace('lang="ru-RU"', 'lang="Russian language"')
    _, parsed = parse("p.html", page.encode())
    assert parsed.embedded.language == ""
    assert any("language" in w for w in parsed.warnings), parsed.warnings


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        (HOME_PAGE, "home page of https://news.example.org/"),
        (LOGIN_WALL, "no article text|login page"),
        ("<!DOCTYPE html><html></html>", "HTML page with no article text"),
        ("<html><body><p>Coming soon.</p></body></html>", "HTML page with no article text"),
    ],
)
def test_pages_without_an_article_are_rejected_saying_so(page, reason):
    with pytest.raises(Rejected, match=reason):
        parse("index.html", page.encode())


def test_truncated_gzip_is_rejected_with_a_reason():
    raw = gzip.compress(RU_PAGE.encode())
    with pytest.raises(Rejected, match="truncated gzip"):
        parse("p.html.gz", raw[: len(raw) // 2])


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("page.html", b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("saved", b"<!doctype html>\n<html lang=en><p>x", "html"),  # no name: the content says it
        ("page.txt", b"<html><head><title>x</title></head></html>", "html"),
        ("page.xhtml", b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', "html"),
        ("page.html", b"<style>p{}</style>\n" + b" " * 5000 + b"<meta charset=utf-8><p>x</p>", "html"),
        ("notes.txt", b"Title\nby Jane Roe\nA paragraph mentioning <p> tags.", "plaintext"),
    ],
)
def test_html_is_chosen_by_content(name, head, expected):
    from archive.readers import choose_reader

    assert choose_reader(name, head).NAME == expected


def test_feeds_are_not_taken_for_pages():
    from archive.readers import html

    feed = b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>x</title></channel></rss>'
    assert html.sniff("feed.xml", feed) == 0
    # Other markup with a <title> (TREC topics, XML) is not a page without an HTML name.
    assert html.sniff("query.trec", b"<top>\n<num> 1\n<title> camps in Xinjiang\n</top>") == 0


def test_ingested_pages_store_the_article_and_a_sidecar_still_wins(tmp_path, home):
    folder = tmp_path / "saved"
    write_article(folder, "svidetelstvo.html", RU_PAGE)
    (folder / "asylum.html.gz").write_bytes(gzip.compress(WP_PAGE.encode("cp1252")))
    write_article(folder, "index.html", HOME_PAGE)
    # The archivist corrects the source and the date of one page; the rest still comes from the page.
    (folder / "svidetelstvo.json").write_text(
        json.dumps({"source": "Stepnews (Almaty)", "date": "2019-05-13"}), encoding="utf-8"
    )
    with Store.open(home.database, create=True) as store:
        report = ingest_paths([folder], store, BlobStore(home.originals))
        outcomes = {o.path.rsplit("/", 1)[-1]: o for o in report.outcomes}
        assert report.counts == {"new": 2, "updated": 0, "unchanged": 0, "rejected": 1, "skipped": 0}, (
            report.outcomes
        )
        assert "home page" in outcomes["index.html"].reason
        ru = store.get(outcomes["svidetelstvo.html"].id)
        wp = store.get(outcomes["asylum.html.gz"].id)
    assert ru.record.paragraphs == RU_PARAGRAPHS
    assert (ru.record.source, ru.record.date) == ("Stepnews (Almaty)", "2019-05-13")  # sidecar wins
    assert ru.record.url == "https://stepnews.example.org/2019/05/svidetelstvo"  # page fills the rest
    assert (ru.record.language, ru.record.authors) == ("ru", ("Марат Сейткали", "Дана Оспанова"))
    assert ru.provenance.parser == "html/1"
    assert wp.record.title == "Two Refugees Granted Asylum"
    assert (wp.record.source, wp.record.date, wp.record.tags) == (
        "Bitter Winter",
        "2020-10-06",
        ("Kazakhstan", "Asylum"),
    )
    assert wp.record.paragraphs == WP_PARAGRAPHS
    assert wp.provenance.raw_size == (folder / "asylum.html.gz").stat().st_size  # the gzip is the evidence


def test_lone_json_ld_authors_and_a_titled_page_without_h1():
    page = RU_PAGE.replace('<div class="byline">Марат Сейткали, Дана Оспанова</div>', "")
    page = page.replace("<h1>«Нас будили в шесть утра»: свидетельство из лагеря</h1>", "")
    page = page.replace(
        '<meta property="og:title" content="«Нас будили в шесть утра»: свидетельство из лагеря">', ""
    )
    page = page.replace('"headline": "«Нас будили в шесть утра»: свидетельство из лагеря",', "")
    _, parsed = parse("p.html", page.encode())
    assert parsed.authors == ("Марат Сейткали", "Дана Оспанова")  # from JSON-LD alone
    assert parsed.title == "«Нас будили в шесть утра»: свидетельство из лагеря"  # <title> minus "| site"


def test_latin1_label_is_read_as_windows_1252_as_browsers_do():
    page = WP_PAGE.replace("charset=windows-1252", "charset=iso-8859-1")
    _, parsed = parse("asylum.html", page.encode("cp1252"))
    assert parsed.paragraphs == WP_PARAGRAPHS  # “ ” (0x93, 0x94) are quotes, not C1 controls
    assert parsed.warnings == ()  # read by its label, nothing guessed


def test_declarations_alone_give_authors_and_a_title_without_the_site_name():
    import trafilatura

    from archive.readers.html import choose_title
    from archive.readers.html_meta import Declared, parse_declarations, read_declarations

    page = RU_PAGE.replace('<div class="byline">Марат Сейткали, Дана Оспанова</div>', "")
    declared = read_declarations(parse_declarations(trafilatura.load_html(page)))
    assert declared.authors == ("Марат Сейткали", "Дана Оспанова")
    assert choose_title(
        Declared(page_title="Two Refugees – Bitter Winter", site_name="Bitter Winter"), ""
    ) == ("Two Refugees")
    assert choose_title(
        Declared(page_title="Bitter Winter | Two Refugees", site_name="Bitter Winter"), ""
    ) == ("Two Refugees")


def test_table_rows_are_paragraphs():
    rows = "".join(
        f"<tr><td>{name}</td><td>{place}</td></tr>"
        for name, place in (("Kaster Musakhan", "Zaisan"), ("Murager Alimuly", "Zaisan"))
    )
    page = WP_PAGE.replace('<div class="sharedaddy', f'<table>{rows}</table><div class="sharedaddy')
    _, parsed = parse("asylum.html", page.encode("cp1252"))
    assert parsed.paragraphs == (*WP_PARAGRAPHS, "Kaster Musakhan Zaisan", "Murager Alimuly Zaisan")


def test_a_doctype_is_proof_whatever_the_name():
    from archive.readers import html
    from archive.readers.contract import CERTAIN, LIKELY

    assert html.sniff("saved", b"<!DOCTYPE html>\n<html><body>") == CERTAIN
    assert html.sniff("saved.html", b"<div><p>fragment</p></div>") == LIKELY
