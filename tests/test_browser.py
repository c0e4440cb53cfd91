"""What a researcher does, in a real headless Chromium against the real app on localhost."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from werkzeug.serving import make_server

from tests.conftest import ingest, write_article
from webapp import create_app

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.browser

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is installed by `make test`")


@contextmanager
def live_server(home_root: Path):
    """The real app on a free loopback port, in a thread, for the length of the block."""
    server = make_server("127.0.0.1", 0, create_app({"ARCHIVE_HOME": str(home_root)}), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is not installed at /usr/bin/chromium; `make test` installs it")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def test_search_highlight_follow_and_permanent_url(page, seeded_home, seed_id, cli, tmp_path):
    expect = sync_api.expect
    with live_server(seeded_home.root) as base:
        page.goto(base + "/")
        page.get_by_label("Search the archive").fill("Atajurt")
        page.keyboard.press("Enter")
        page.wait_for_url("**/search?q=Atajurt")
        expect(page.locator("#result-count")).to_contain_text("1 result for")
        highlight = page.locator(".hit .snippet mark").first
        expect(highlight).to_have_text("Atajurt")
        expect(highlight).to_be_visible()
        page.screenshot(path=str(tmp_path / "search.png"), full_page=True)

        page.locator(".hit h3 a").first.click()
        permanent = (
            f"{base}/articles/{seed_id}/provisional-asylum-granted-to-two-refugees-from-china-in-kazakhstan"
        )
        # The query travels with the link, so the article page marks what matched.
        page.wait_for_url(permanent + "?q=Atajurt#first-match")
        expect(page.locator("#first-match")).to_have_text("Atajurt")
        expect(page.locator("h1")).to_have_text(
            "Provisional Asylum Granted to Two Refugees from China in Kazakhstan"
        )
        expect(page.locator("#permalink")).to_have_text(permanent)
        page.screenshot(path=str(tmp_path / "article.png"), full_page=True)

    # Rebuild the index, re-ingest and restart the server: the same URL still works.
    assert cli("reindex", "--full", "--home", seeded_home.root).exit_code == 0
    assert cli("ingest", Path(__file__).parent.parent / "seeds", "--home", seeded_home.root).exit_code == 0
    with live_server(seeded_home.root) as base:
        response = page.goto(permanent.replace(permanent.split("/articles/")[0], base))
        assert response.status == 200
        expect(page.locator("h1")).to_contain_text("Provisional Asylum Granted")
        short = page.goto(f"{base}/articles/{seed_id}")
        assert short.status == 200 and page.url.endswith(
            "provisional-asylum-granted-to-two-refugees-from-china-in-kazakhstan"
        )


def test_facet_click_and_bad_query_message(page, seeded_home):
    expect = sync_api.expect
    with live_server(seeded_home.root) as base:
        page.goto(base + "/search?q=asylum")
        page.locator("#facet-source a", has_text="Bitter Winter").click()
        expect(page.locator(".active-filters")).to_contain_text("Source: Bitter Winter")
        assert "source=Bitter+Winter" in page.url

        page.get_by_label("Search the archive").fill('"unbalanced (')
        page.keyboard.press("Enter")
        expect(page.locator(".error .message")).to_contain_text("never closed")
        # The query stays in the box so the researcher can fix it.
        expect(page.get_by_label("Search the archive")).to_have_value('"unbalanced (')


def test_hostile_document_does_not_run_script(page, seeded_home, tmp_path):
    from tests.conftest import ingest, write_article

    write_article(
        tmp_path / "x",
        "x.txt",
        '<script>window.pwned=1</script> Hostile\n<img src=x onerror="window.pwned=2"> hostile body',
    )
    ingest(seeded_home, tmp_path / "x")
    with live_server(seeded_home.root) as base:
        page.goto(base + "/search?q=hostile")
        page.locator(".hit h3 a").first.click()
        page.wait_for_load_state("load")
        assert page.evaluate("window.pwned === undefined")
        assert "<script>window.pwned=1</script>" in page.locator("h1").inner_text()


def test_following_a_phrase_hit_lands_on_the_marked_phrase(page, seeded_home, tmp_path):
    expect = sync_api.expect
    filler = "\n\n".join(f"Paragraph {n} recounts the journey in other words." for n in range(60))
    write_article(
        tmp_path / "long",
        "long.txt",
        f"A long testimony\n\n{filler}\n\nAt the border we were very hungry, she said. We were cold.",
        {"source": "Test Source", "date": "2020-01-05"},
    )
    ingest(seeded_home, tmp_path / "long")
    with live_server(seeded_home.root) as base:
        page.set_viewport_size({"width": 1000, "height": 700})
        page.goto(base + "/search?q=" + quote('"we were very hungry" border'))
        long_hit = page.locator(".hit", has_text="A long testimony")
        # The phrase is marked as one passage; "We were" elsewhere is not marked.
        expect(long_hit.locator(".snippet mark")).to_have_text(["border", "we were very hungry"])
        expect(page.locator("#result-count")).to_contain_text('"we were very hungry" border')
        long_hit.locator("h3 a").click()
        page.wait_for_url("**#first-match")
        first = page.locator("#first-match")
        expect(first).to_have_text("border")
        expect(first).to_be_in_viewport()
        assert page.evaluate("window.scrollY") > 500
        expect(page.locator("#p61 mark")).to_have_text(["border", "we were very hungry"])
