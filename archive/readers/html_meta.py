"""What a saved web page declares about itself: JSON-LD, meta tags, <time>, <link>.

Publishers state an article's headline, authors, dates, canonical address, site name and
keywords in machine-readable form for search engines and social sites. Those
declarations are more reliable than anything guessed from the layout, so they are read
first, with BeautifulSoup, and only what they leave open is filled from the extraction
library's guesses (html.py). Everything here is a pure function of the parsed page.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from bs4.element import Tag
from lxml import etree
from lxml.html import HtmlElement

from archive.normalize import collapse_spaces, parse_byline

# Only these elements carry declarations. They are picked out of the lxml tree the
# extraction library parses anyway, so BeautifulSoup reads a few KB, not a 200 KB page.
_DECLARING = (
    "//meta | //link[@rel] | //script[@type='application/ld+json'] | //head/title"
    " | //time[@datetime] | //h1 | //input[@type='password']"
)
_ARTICLE_TYPES = ("article", "newsarticle", "blogposting", "reportagenewsarticle", "report", "posting")
_PAGE_TYPES = ("website", "collectionpage", "searchresultspage", "profilepage", "itemlist")
MAX_TAGS = 20


@dataclass(frozen=True)
class Declared:
    """The page's own statements about itself, each "" or () when the page is silent."""

    titles: tuple[str, ...] = ()  # declared headlines: JSON-LD, Open Graph, Twitter
    page_title: str = ""  # the <title>, which often carries the site's name or a section
    h1s: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    date: str = ""
    url: str = ""
    site_name: str = ""
    language: str = ""
    description: str = ""
    tags: tuple[str, ...] = ()
    og_type: str = ""
    article_typed: bool = False  # JSON-LD says an article is here
    page_typed: bool = False  # JSON-LD says this is a site, index or listing page
    password_field: bool = False


def parse_declarations(tree: HtmlElement) -> BeautifulSoup:
    """The declaring elements of a parsed page (meta, link, JSON-LD, title, time, h1) as a soup."""
    parts = [etree.tostring(el, encoding="unicode", with_tail=False) for el in tree.xpath(_DECLARING)]
    return BeautifulSoup("<html><body>" + "".join(parts) + "</body></html>", "lxml")


def read_declarations(soup: BeautifulSoup) -> Declared:
    """Collect what the page declares, preferring JSON-LD, then Open Graph, then plain meta."""
    meta = _meta_values(soup)
    ld = list(_json_ld_objects(soup))
    articles = [
        o for o in ld if _types(o) & set(_ARTICLE_TYPES) or any(t.endswith("article") for t in _types(o))
    ]
    pages = [o for o in ld if _types(o) & set(_PAGE_TYPES)]
    main = articles[0] if articles else {}

    titles = _unique(
        _unescaped(t)
        for t in [_text(main.get("headline")), *meta.get("og:title", []), *meta.get("twitter:title", [])]
    )
    h1s = _unique(collapse_spaces(h.get_text(" ")) for h in soup.find_all("h1"))
    title_tag = soup.find("title")
    page_title = _unescaped(collapse_spaces(title_tag.get_text(" "))) if title_tag is not None else ""

    authors = _person_names(main.get("author")) or _names_from_meta(
        meta.get("author", []) + meta.get("article:author", []) + meta.get("dc.creator", [])
    )
    date = _first(
        _text(main.get("datePublished")),
        *meta.get("article:published_time", []),
        *meta.get("og:published_time", []),
        *meta.get("datepublished", []),
        *meta.get("dc.date.issued", []),
        *meta.get("date", []),
        _text(main.get("dateCreated")),
        *_time_elements(soup),
    )
    url = _absolute_url([*_canonical_links(soup), *meta.get("og:url", []), _text(main.get("url"))])
    publisher = main.get("publisher")
    site_name = _unescaped(
        _first(
            *meta.get("og:site_name", []),
            _text(publisher.get("name")) if isinstance(publisher, dict) else "",
            *meta.get("application-name", []),
        )
    )
    language = _first(
        *meta.get("content-language", []),
        _text(main.get("inLanguage")),
        *(v.replace("_", "-") for v in meta.get("og:locale", [])),
    )
    description = _unescaped(
        _first(*meta.get("og:description", []), *meta.get("description", []), _text(main.get("description")))
    )
    tags = _unique(
        [
            *meta.get("article:tag", []),
            *_split_keywords(main.get("keywords")),
            *(
                k
                for value in meta.get("keywords", []) + meta.get("news_keywords", [])
                for k in _split_keywords(value)
            ),
        ]
    )
    return Declared(
        titles=titles,
        page_title=page_title,
        h1s=h1s,
        authors=authors,
        date=date,
        url=url,
        site_name=site_name,
        language=language,
        description=description,
        tags=tuple(t for t in tags if len(t) <= 80)[:MAX_TAGS],
        og_type=_first(*meta.get("og:type", [])).lower(),
        article_typed=bool(articles),
        page_typed=bool(pages) and not articles,
        password_field=soup.find("input", attrs={"type": "password"}) is not None,
    )


def _meta_values(soup: BeautifulSoup) -> dict[str, list[str]]:
    """Every <meta> value by its lower-cased name, property, itemprop or http-equiv."""
    values: dict[str, list[str]] = {}
    for tag in soup.find_all("meta"):
        content = tag.get("content")
        if not isinstance(content, str) or not collapse_spaces(content):
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = tag.get(attr)
            if isinstance(key, str) and key:
                values.setdefault(key.strip().lower(), []).append(collapse_spaces(content))
    return values


def _json_ld_objects(soup: BeautifulSoup) -> Iterator[dict]:
    """Every JSON-LD object on the page, flattening lists and @graph; broken blocks are skipped."""
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.string or script.get_text() or "null", strict=False)
        except ValueError:
            continue  # many pages ship broken JSON-LD; the rest of the page still speaks
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
                if isinstance(item.get("mainEntity"), dict):
                    stack.append(item["mainEntity"])


def _types(obj: dict) -> set[str]:
    kinds = obj.get("@type", [])
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return {k.lower() for k in kinds if isinstance(k, str)}


def _person_names(value: object) -> tuple[str, ...]:
    """Author names from a JSON-LD author: a name, a Person, or a list of either."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and _is_name(collapse_spaces(name)):
            names.append(collapse_spaces(name))
    return _unique(names)


def _names_from_meta(values: list[str]) -> tuple[str, ...]:
    """Author names from meta tags, which often hold a profile URL rather than a name."""
    return _unique(name for value in values for name in clean_byline(value))


def clean_byline(text: str) -> tuple[str, ...]:
    """Names from a byline as printed ("By Jane Roe and John Doe"), or () if it is not one."""
    text = collapse_spaces(text)
    names = parse_byline(text if text.lower().startswith("by ") else f"by {text}") or []
    return _unique(n for n in names if _is_name(n))


def _is_name(value: str) -> bool:
    return (
        bool(value)
        and "://" not in value
        and "@" not in value
        and len(value) <= 80
        and not value.startswith("/")
    )


def _canonical_links(soup: BeautifulSoup) -> list[str]:
    return [
        collapse_spaces(link["href"])
        for link in soup.find_all("link", href=True)
        if "canonical" in [r.lower() for r in (link.get("rel") or [])]
    ]


def _absolute_url(links: list[str]) -> str:
    """The first address given, made absolute against another one if it is relative."""
    absolute = [u for u in links if urlsplit(u).scheme in ("http", "https")]
    if not links or not absolute:
        return ""
    return absolute[0] if links[0] == absolute[0] else urljoin(absolute[0], links[0])


def _time_elements(soup: BeautifulSoup) -> list[str]:
    """Datetimes of <time> elements marked as the publication time.

    An unmarked <time> may belong to a related story or a comment; those are left to
    htmldate, which weighs where on the page a date stands.
    """
    times = [t for t in soup.find_all("time") if isinstance(t, Tag) and t.get("datetime")]
    marked = [t for t in times if t.has_attr("pubdate") or t.get("itemprop") == "datePublished"]
    return [str(t["datetime"]) for t in marked]


def _split_keywords(value: object) -> list[str]:
    if isinstance(value, list):
        return [collapse_spaces(v) for v in value if isinstance(v, str) and collapse_spaces(v)]
    if isinstance(value, str):
        return [k for k in (collapse_spaces(part) for part in value.split(",")) if k]
    return []


def _text(value: object) -> str:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("name") or ""
    if isinstance(value, list):
        value = value[0] if value and isinstance(value[0], str) else ""
    return collapse_spaces(value) if isinstance(value, str) else ""


def _unescaped(value: str) -> str:
    """Undo the double escaping many CMSs put in meta values ("&amp;#8217;" for ’)."""
    return html.unescape(value) if "&" in value else value


def _first(*values: str) -> str:
    return next((v for v in values if v), "")


def _unique(values) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for value in values:
        if value:
            seen.setdefault(value, None)
    return tuple(seen)
