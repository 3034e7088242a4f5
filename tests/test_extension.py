"""The extension in a real browser: Debian's Chromium driven by Playwright, the unpacked
extension loaded, the real server on a free port with the mini corpus, test pages served
from localhost.

A check is started the way a user starts it from the toolbar: the extension's popup page
(opened as a tab, with ?tab=<id> naming the page, since a headless browser has no toolbar)
clicks "Check this page", which asks the service worker to inject the content script, which
collects the text, calls the server through the service worker and underlines the claims.

Headless: Chromium >= 132 has only the "new" headless mode, which runs MV3 extensions, so
Playwright's headless=True (it passes --headless) works with /usr/bin/chromium; no browser
is downloaded (`playwright install` is never run).
"""

from __future__ import annotations

import functools
import http.server
import os
import socket
import threading
import time
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXTENSION = REPO / "extension"
PAGES = Path(__file__).parent / "fixtures" / "pages"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = os.environ.get("FACTCHECK_CHROMIUM", "/usr/bin/chromium")
LABELS = ("supported", "overstated", "unsupported")
COLOURS = {"supported": "rgb(26, 127, 55)", "overstated": "rgb(188, 76, 0)", "unsupported": "rgb(207, 34, 46)"}

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium); set FACTCHECK_CHROMIUM to another Chromium",
                allow_module_level=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def checker(mini_home):
    from factcheck.config import Config
    from factcheck.pipeline import Checker

    return Checker(Config(home=mini_home)).load()


@pytest.fixture(scope="module")
def server(checker):
    """The real app under uvicorn, in a thread, on a free port."""
    import uvicorn

    from factcheck.server.app import ServerSettings, create_app

    port = free_port()
    app = create_app(checker, ServerSettings(port=port))
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 120
    while not srv.started:
        assert thread.is_alive() and time.time() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def pages():
    """The test articles, served from localhost like any web page."""
    handler = functools.partial(_QuietHandler, directory=str(PAGES))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://localhost:{httpd.server_address[1]}"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser(server, tmp_path_factory):
    """Chromium with the unpacked extension; yields (context, service worker, extension id)."""
    from factcheck.server.security import EXTENSION_ID

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True,
            args=[f"--disable-extensions-except={EXTENSION}", f"--load-extension={EXTENSION}",
                  "--disable-features=DisableLoadExtensionCommandLineSwitch", "--no-first-run"],
            viewport={"width": 1000, "height": 900})
        worker = context.service_workers[0] if context.service_workers else context.wait_for_event(
            "serviceworker", timeout=30_000)
        assert worker.url.startswith(f"chrome-extension://{EXTENSION_ID}/"), worker.url
        worker.evaluate("url => chrome.storage.local.set({serverUrl: url, token: ''})", server)
        yield context, worker, EXTENSION_ID
        context.close()


def check_page(browser, url: str):
    """Open `url`, press "Check this page" in the popup; return (page, popup) once done."""
    context, worker, ext_id = browser
    page = context.new_page()
    page.goto(f"{url}?visit={uuid.uuid4().hex}")  # a unique URL names this tab
    tab_id = worker.evaluate("async url => (await chrome.tabs.query({url}))[0].id", page.url)
    popup = context.new_page()
    popup.goto(f"chrome-extension://{ext_id}/popup.html?tab={tab_id}")
    popup.click("#check-page")
    popup.wait_for_selector("body[data-state=done], body[data-state=error]", timeout=180_000)
    assert popup.get_attribute("body", "data-state") == "done", popup.inner_text("#status")
    return page, popup


def claim_marks(page) -> dict[int, dict]:
    """claim index → {label, text} from the underlines in the page."""
    return page.evaluate("""() => {
        const out = {};
        for (const m of document.querySelectorAll('fc-mark')) {
            const i = m.dataset.fcClaim;
            out[i] = out[i] || {label: m.dataset.fcLabel, text: '', labels: []};
            out[i].text += m.textContent;
            out[i].labels.push(m.dataset.fcLabel);
        }
        return out;
    }""")


def popup_claims(popup) -> list[dict]:
    return popup.eval_on_selector_all("#claims button", "bs => bs.map(b => ({label: b.dataset.label, "
                                      "text: b.textContent}))")


@pytest.fixture(scope="module")
def checked_story(browser, pages):
    page, popup = check_page(browser, f"{pages}/health_story.html")
    yield page, popup
    page.close()
    popup.close()


def test_claims_are_underlined_with_the_servers_labels(checked_story, checker):
    page, popup = checked_story
    marks = claim_marks(page)
    assert len(marks) >= 4, marks
    claims = popup_claims(popup)
    assert len(claims) == len(marks)
    from factcheck.schema import Claim

    texts = " | ".join(m["text"] for m in marks.values())
    assert "The therapy is a cure for lupus" in texts and "time-restricted eating" in texts
    for i, m in marks.items():
        assert set(m["labels"]) == {m["label"]} and m["label"] in LABELS, m
        assert claims[int(i)]["label"] == m["label"]
    # each label is the verdict the pipeline gives that claim's text
    verdicts, _ = checker.check_claims([Claim(c["text"].split(" ", 1)[1], 0, 0, 1, 1) for c in claims])
    assert [v.label for v in verdicts] == [m["label"] for _, m in sorted(marks.items(), key=lambda kv: int(kv[0]))]
    # the colour is the label's
    for label in {m["label"] for m in marks.values()}:
        colour = page.eval_on_selector(f"fc-mark[data-fc-label={label}]",
                                       "m => getComputedStyle(m).textDecorationColor")
        assert colour == COLOURS[label]


def test_popup_counts_match_the_page(checked_story):
    page, popup = checked_story
    labels = [m["label"] for m in claim_marks(page).values()]
    for label in LABELS:
        assert int(popup.inner_text(f"#count-{label}")) == labels.count(label)


def test_hover_card_shows_evidence_with_pubmed_links(checked_story):
    page, _ = checked_story
    card = page.locator("fc-ui #card")
    found = False
    for mark in page.locator("fc-mark[tabindex='0']").all():
        page.mouse.move(0, 0)  # away first: an open card may cover the next claim
        card.wait_for(state="hidden", timeout=5000)
        mark.hover()
        card.wait_for(state="visible", timeout=5000)
        if card.locator(".evidence").count():
            found = True
            break
    assert found, "no claim's card shows an evidence sentence"
    assert card.locator(".badge").inner_text().lower() in LABELS
    link = card.locator(".evidence a").first
    assert link.get_attribute("href").startswith("https://pubmed.ncbi.nlm.nih.gov/")
    assert card.locator(".evidence q").first.inner_text().strip()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "checked_page.png"))


def test_keyboard_focus_shows_the_card(checked_story):
    page, _ = checked_story
    page.mouse.move(0, 0)
    page.locator("fc-mark[tabindex='0']").first.focus()
    page.locator("fc-ui #card").wait_for(state="visible", timeout=5000)


def test_popup_list_scrolls_to_a_claim(checked_story):
    page, popup = checked_story
    popup.locator("#claims button").last.click()
    page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'FC-MARK'",
                           timeout=5000)


def test_highlights_keep_the_layout_and_can_be_removed(browser, pages):
    context, _, _ = browser
    fresh = context.new_page()
    fresh.goto(f"{pages}/health_story.html")
    original_html = fresh.inner_html("article")
    box = fresh.locator("article").bounding_box()
    fresh.close()
    page, popup = check_page(browser, f"{pages}/health_story.html")
    assert page.locator("fc-mark").count() > 0
    assert page.locator("article").bounding_box() == box  # no layout shift
    popup.click("#clear")
    page.wait_for_function("() => !document.querySelector('fc-mark')", timeout=5000)
    assert page.inner_html("article") == original_html
    page.close()
    popup.close()


def test_a_page_without_claims_shows_none(browser, pages):
    page, popup = check_page(browser, f"{pages}/no_claims.html")
    assert page.locator("fc-mark").count() == 0
    assert popup.locator("#claims button").count() == 0
    assert "no checkable" in popup.inner_text("#status").lower()
    page.close()
    popup.close()


def test_server_not_running_says_how_to_start_it(browser):
    context, _, ext_id = browser
    options = context.new_page()
    options.goto(f"chrome-extension://{ext_id}/options.html")
    options.fill("#serverUrl", f"http://127.0.0.1:{free_port()}")
    options.click("#test")
    options.wait_for_function("() => document.querySelector('#result').className === 'error'", timeout=10_000)
    assert "factcheck serve" in options.inner_text("#result")
    options.fill("#serverUrl", "https://example.com")
    options.click("#save")
    assert "this computer" in options.inner_text("#result")
    options.close()


def test_options_test_connection_reaches_the_server(browser, server):
    context, _, ext_id = browser
    options = context.new_page()
    options.goto(f"chrome-extension://{ext_id}/options.html")
    options.fill("#serverUrl", server)
    options.click("#test")
    options.wait_for_function("() => document.querySelector('#result').textContent.startsWith('Connected')",
                              timeout=10_000)
    options.close()


def test_popup_names_the_study_behind_the_story(checked_story):
    """Issue #18: the popup says which study the page appears to report, as every report does.
    This page mixes a lupus case and an eating trial, so no single study is accepted as its source."""
    from factcheck.schema import NO_SOURCE

    _, popup = checked_story
    study = popup.locator("#study")
    study.wait_for(state="visible", timeout=5000)
    assert study.inner_text() == NO_SOURCE


# ----------------------------------------------------------------------------- hostile pages (issue #20)
HOSTILE = "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;"  # markup, as text the page shows


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory):
    """A 5,000-paragraph page and a page whose text looks like markup, served from localhost."""
    root = tmp_path_factory.mktemp("hostile-pages")
    story = (PAGES / "health_story.html").read_text()
    filler = "".join(f"<p>Archive entry {i} of the newsletter, page {i // 50 + 1}.</p>" for i in range(5000))
    (root / "long.html").write_text(story.replace("</article>", filler + "</article>"))
    (root / "markup.html").write_text(
        "<html><body><article><h1>Lupus therapy</h1>"
        f"<p>A woman with severe lupus {HOSTILE} went into remission after CAR T cell therapy, doctors said.</p>"
        f"<p>The therapy <b>{HOSTILE}</b> cured lupus in <script>var x = 1;</script>five patients.</p>"
        "</article></body></html>")
    handler = functools.partial(_QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://localhost:{httpd.server_address[1]}"
    httpd.shutdown()


LONG_TASKS = """window.__longTasks = [];
new PerformanceObserver(list => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
  .observe({type: 'longtask', buffered: true});"""


def test_a_page_of_5000_paragraphs_is_checked_without_freezing_the_tab(browser, hostile_pages):
    context, _, _ = browser
    context.add_init_script(LONG_TASKS)
    page, popup = check_page(browser, f"{hostile_pages}/long.html")
    assert page.locator("p").count() > 5000 and page.locator("fc-mark").count() > 0
    tasks = page.evaluate("() => window.__longTasks")
    print(f"long tasks on the 5,000-paragraph page: {len(tasks)}, longest {max(tasks, default=0):.0f} ms")
    assert max(tasks, default=0) < 1000  # the tab answers input within a second throughout
    page.close()
    popup.close()


def test_markup_in_the_page_text_is_shown_as_text_never_run(browser, hostile_pages):
    page, popup = check_page(browser, f"{hostile_pages}/markup.html")
    marks = page.locator("fc-mark[tabindex='0']")
    assert marks.count() > 0
    for i in range(marks.count()):
        page.mouse.move(0, 0)
        page.locator("fc-ui #card").wait_for(state="hidden", timeout=5000)
        marks.nth(i).hover()
        page.locator("fc-ui #card").wait_for(state="visible", timeout=5000)
        assert page.locator("fc-ui #card img").count() == 0
    assert any("<img src=x" in b["text"] for b in popup_claims(popup))  # the claim keeps the text as written
    assert popup.locator("#claims img").count() == 0
    assert page.evaluate("() => window.__pwned") is None and popup.evaluate("() => window.__pwned") is None
    page.close()
    popup.close()


def test_popup_says_the_server_is_down_and_how_to_start_it(browser, pages, server):
    context, worker, ext_id = browser
    worker.evaluate("url => chrome.storage.local.set({serverUrl: url})", f"http://127.0.0.1:{free_port()}")
    try:
        page = context.new_page()
        page.goto(f"{pages}/health_story.html?visit={uuid.uuid4().hex}")
        tab_id = worker.evaluate("async url => (await chrome.tabs.query({url}))[0].id", page.url)
        popup = context.new_page()
        popup.goto(f"chrome-extension://{ext_id}/popup.html?tab={tab_id}")
        popup.click("#check-page")
        popup.wait_for_selector("body[data-state=error]", timeout=60_000)
        assert "factcheck serve" in popup.inner_text("#status")
        page.close()
        popup.close()
    finally:
        worker.evaluate("url => chrome.storage.local.set({serverUrl: url})", server)
