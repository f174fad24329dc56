"""Browser tests: Debian's headless Chromium driven by Playwright against pytest-django's live_server.

One browser per test session (per xdist worker); each test gets a fresh context (cookies, viewport)
and a page that records console errors and uncaught exceptions. A failing test leaves a screenshot
of every page it had open under pytest's temporary folder (kept for the last three runs, older ones
removed by pytest); `GONGKAI_BROWSER_SHOTS=/some/dir` also saves one of every checked page.

`playwright install` is never used: the browser is /usr/bin/chromium (`make deps-system`).
"""
import os
import re
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make between
# browser steps are ordinary synchronous calls (the live server answers in its own thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe.min.js"
PASSWORD = "pw-Test-12345"  # gongkai/conftest.py make_user

# Every browser test needs committed data the live server thread can see.
BROWSER_DB = pytest.mark.django_db(transaction=True)


# Data migrations whose rows a flush removes (post_migrate refills only content types and
# permissions); the search migrations' RunPython steps create tables and triggers, which a flush keeps.
DATA_MIGRATIONS = ["gongkai.catalog.migrations.0002_subjects", "gongkai.columns.migrations.0002_default_columns"]


@pytest.fixture(autouse=True)
def _migration_data(request):
    """Write the data migrations' rows again after an earlier transactional test's flush.

    Django's `serialized_rollback` cannot do this here: the test before may have flushed without
    it (post_migrate then makes content types anew, which a restore clashes with), and once
    Playwright's event loop runs in this thread Django hands out a fresh connection object that
    lacks the rows serialized when the database was created."""
    request.getfixturevalue("transactional_db")
    import importlib

    from django.apps import apps

    for name in DATA_MIGRATIONS:
        importlib.import_module(name).load(apps, None)  # get_or_create: idempotent
    yield


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make deps-system` (installs Debian's chromium).")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


class Pages:
    """Opens pages in one browser context and checks what a person sees on each of them."""

    def __init__(self, context, base_url, shots_dir):
        self.context = context
        self.base_url = base_url
        self.shots_dir = shots_dir
        self.errors: list[str] = []
        self.pages = []
        self.checked = 0

    def new_page(self):
        page = self.context.new_page()
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(f"console: {msg.text}"))
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        self.pages.append(page)
        return page

    def url(self, path: str) -> str:
        return self.base_url + path

    def check(self, page, *, name: str, texts=(), axe: bool = False, status: int = 200):
        """Assert the page shows `texts`, does not scroll sideways, logged no console error; run
        axe-core when `axe` (no serious or critical violation). An error page (`status`) logs its
        own HTTP status once in the console: that one line is expected."""
        page.wait_for_load_state("load")
        if status != 200:
            expected = f"status of {status}"
            hits = [e for e in self.errors if expected in e]
            assert hits, f"{name}: expected HTTP {status}"
            self.errors.remove(hits[0])
        body = page.locator("body").inner_text()
        for text in texts:
            assert text in body, f"{name}: “{text}” not on the page {page.url}"
        overflow = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert overflow[0] <= overflow[1], f"{name}: page is {overflow[0]}px wide in a {overflow[1]}px window"
        assert not self.errors, f"{name}: {self.errors}"
        if axe:
            violations = axe_violations(page)
            assert not violations, f"{name}: axe-core: {violations}"
        self.checked += 1
        if os.environ.get("GONGKAI_BROWSER_SHOTS"):
            folder = Path(os.environ["GONGKAI_BROWSER_SHOTS"])
            folder.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(folder / f"{name}.png"), full_page=True)

    def screenshots(self, label: str) -> list[str]:
        self.shots_dir.mkdir(parents=True, exist_ok=True)
        paths = []
        for i, page in enumerate(self.pages):
            if page.is_closed():
                continue
            path = self.shots_dir / f"{re.sub(r'[^0-9A-Za-z_.-]+', '_', label)}-{i}.png"
            try:
                page.screenshot(path=str(path), full_page=True)
            except Exception as exc:  # noqa: BLE001 - a crashed page must not hide the test's own failure
                paths.append(f"(no screenshot of {page.url}: {exc})")
                continue
            paths.append(str(path))
        return paths


def axe_violations(page) -> list[str]:
    """Run axe-core (WCAG 2 A/AA rules) in the page; return the serious and critical violations."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol, so the site's CSP (script-src 'self') is untouched.
        page.evaluate(AXE.read_text("utf-8") + "\n;0")
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                                           resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return [f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes']}" for v in result
            if v["impact"] in ("serious", "critical")]


def _pages(request, browser, live_server, tmp_path_factory, viewport):
    context = browser.new_context(viewport=viewport, locale="zh-CN", timezone_id="Asia/Shanghai",
                                  accept_downloads=True, device_scale_factor=1)
    context.set_default_timeout(15_000)
    pages = Pages(context, live_server.url, tmp_path_factory.getbasetemp() / "browser-shots")
    yield pages
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        paths = pages.screenshots(request.node.name)
        request.node.add_report_section("call", "screenshots", "\n".join(paths) or "(none)")
        print("\nscreenshots of the failed browser test:", *paths, sep="\n  ")
    context.close()


@pytest.fixture
def desktop(request, browser, live_server, tmp_path_factory):
    yield from _pages(request, browser, live_server, tmp_path_factory, DESKTOP)


@pytest.fixture
def phone(request, browser, live_server, tmp_path_factory):
    yield from _pages(request, browser, live_server, tmp_path_factory, PHONE)


@pytest.fixture(autouse=True)
def _browser_settings(settings):
    """People take more than the challenge's minimum fill time; the tests need not wait for it."""
    settings.GONGKAI = {**settings.GONGKAI, "CHALLENGE_MIN_SECONDS": 0}
    settings.PAGE_CACHE_SECONDS = 0
    settings.SITE_FOOTER = {"ID_CODE": "9999000001", "ICP": "示ICP备00000001号", "PSB": "示公网安备 99990002000001号",
                            "PSB_URL": "", "CONAC_URL": "https://bszs.conac.cn/", "CONTACT_URL": "",
                            "CONTACT_PHONE": "0999-8000000", "CONTACT_EMAIL": "xxgk@example.gov.cn"}


def log_in(pages, username: str):
    """Log in through the console's login form; return the page."""
    page = pages.new_page()
    page.goto(pages.url("/console/login/"))
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/console/$"))
    return page


def solve_challenge(page, form_selector: str = "form"):
    """Answer whatever bot check the form carries, the way a person would through the page: the
    arithmetic question in its label, or a widget that works by itself (wait until the form's submit
    button is enabled, no element marked busy remains and the widget's payload field holds its answer:
    CI once submitted the 390 px /apply/ form after the widget showed 已验证 but before the field was
    filled, and the page came back asking to wait for the check)."""
    answer = page.locator(f"{form_selector} input[name=challenge_answer]")
    if answer.count() and answer.first.is_visible():
        label = page.locator(f"label[for='{answer.first.get_attribute('id')}']").inner_text()
        match = re.search(r"(\d+)\s*([加减+\-])\s*(\d+)", label)
        assert match, f"unreadable challenge question: {label}"
        a, op, b = int(match.group(1)), match.group(2), int(match.group(3))
        answer.first.fill(str(a + b if op in "加+" else a - b))
    page.wait_for_function(
        """(sel) => { const f = document.querySelector(sel); if (!f) return true;
            const b = f.querySelector('button[type=submit], input[type=submit]');
            const p = f.querySelector('input[name=altcha]');  // the solved payload, once the widget wrote it
            return (!b || !b.disabled) && !f.querySelector('[aria-busy=true]') && (!p || !!p.value); }""",
        arg=form_selector)
