"""Real-browser tests of the site perfsite writes (issue 7).

Builds the sample site (content/) and a hostile fixture site (Tests/browser/hostile-site/content/) with the
already-built perfsite binary, then, in one headless Chromium session driven by Selenium, opens the pages from
file:// and checks: no SEVERE console entry and no serious or critical axe-core 4.x violation on every page kind;
navigation by clicking; and that hostile input in an issue (title, labels, endpoint, body, custom optimization
lines, ...) triggers no dialog, adds no script, no on* attribute and no javascript:/vbscript:/data: URL.

Run by scripts/browser-tests.sh, which installs what is missing. Environment:
  PERFSITE_BIN   the perfsite binary (default: .build/debug/perfsite in the repository)
  CHROMIUM_BIN   default /usr/bin/chromium
  CHROMEDRIVER   default /usr/bin/chromedriver
  AXE_JS         axe.min.js to inject (default: the one inside the axe-playwright-python package)
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, UnexpectedAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

REPO = Path(__file__).resolve().parents[2]
PERFSITE_BIN = Path(os.environ.get("PERFSITE_BIN", REPO / ".build" / "debug" / "perfsite"))
SAMPLE_CONTENT = REPO / "content"
HOSTILE_CONTENT = Path(__file__).resolve().parent / "hostile-site" / "content"
CHROMIUM_BIN = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")

# The scripts perfsite itself puts on pages, by file name (docs/site.md): any other <script> came from input.
PERFSITE_SCRIPTS = ("assets/tables.js", "assets/search.js")
HOSTILE_NUMBER = 99
BLOCKED_SCHEMES = ("javascript:", "vbscript:", "data:")
FAILING_IMPACTS = ("serious", "critical")


# ---------------------------------------------------------------------------------------------------------------
# Building the sites


def build_site(content: Path, output: Path) -> None:
    """Builds one site with the existing binary, from a scratch folder so no perfsite.yml or templates/ is picked up."""
    assert PERFSITE_BIN.is_file(), f"no perfsite binary at {PERFSITE_BIN} (build it, or set PERFSITE_BIN)"
    result = subprocess.run(
        [str(PERFSITE_BIN), "build", "--content", str(content), "--output", str(output), "--no-cache"],
        cwd=output.parent,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, (
        f"perfsite build --content {content} exited with {result.returncode}\n{result.stdout}\n{result.stderr}"
    )
    assert (output / "index.html").is_file(), f"perfsite build wrote no index.html into {output}"


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("sites")
    build_site(SAMPLE_CONTENT, root / "sample")
    return root / "sample"


@pytest.fixture(scope="session")
def paged_site(tmp_path_factory) -> Path:
    """The sample site with `paginate: 5` in its perfsite.yml, so that every long list has later pages."""
    root = tmp_path_factory.mktemp("sites")
    (root / "perfsite.yml").write_text("paginate: 5\n", encoding="utf-8")
    build_site(SAMPLE_CONTENT, root / "paged")
    return root / "paged"


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("sites")
    build_site(HOSTILE_CONTENT, root / "hostile")
    return root / "hostile"


# ---------------------------------------------------------------------------------------------------------------
# The browser


def find_axe_js() -> Path:
    if os.environ.get("AXE_JS"):
        return Path(os.environ["AXE_JS"])
    # find_spec on a top-level package does not import it (its __init__ needs playwright, installed --no-deps).
    spec = importlib.util.find_spec("axe_playwright_python")
    assert spec is not None and spec.submodule_search_locations, (
        "axe-core is missing: pip install --no-deps axe-playwright-python (or set AXE_JS)"
    )
    for folder in spec.submodule_search_locations:
        found = sorted(Path(folder).rglob("axe.min.js"))
        if found:
            return found[0]
    raise AssertionError("no axe.min.js inside the axe_playwright_python package")


@pytest.fixture(scope="session")
def axe_source() -> str:
    source = find_axe_js().read_text(encoding="utf-8")
    version = re.search(r"axe v(\d+)\.(\d+)\.(\d+)", source[:200])
    assert version and int(version.group(1)) >= 4, f"need axe-core 4.x, found {source[:40]!r}"
    return source


@pytest.fixture(scope="session")
def driver():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM_BIN
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000",
                     "--lang=en-US", "--disable-gpu", "--no-first-run", "--disable-extensions"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # Leave any dialog open, so that a script that ran is seen (never accepted or dismissed behind our back).
    options.unhandled_prompt_behavior = "ignore"
    browser = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    browser.set_page_load_timeout(60)
    browser.set_script_timeout(120)
    yield browser
    browser.quit()


SCREENS = [(390, "light"), (390, "dark"), (1280, "light"), (1280, "dark")]


@pytest.fixture(params=SCREENS, ids=[f"{width}px-{scheme}" for width, scheme in SCREENS])
def screen(driver, request):
    """A phone or a desktop window, in the light or the dark colour scheme; put back to 1280 px and light after."""
    width, scheme = request.param
    driver.set_window_size(width, 900)
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]}
    )
    try:
        yield request.param
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
        driver.set_window_size(1280, 900)


def take_dialogs(browser) -> list[str]:
    """Returns the text of every open dialog, accepting each so the session can go on."""
    texts = []
    for _ in range(50):
        try:
            alert = browser.switch_to.alert
        except NoAlertPresentException:
            break
        texts.append(alert.text)
        alert.accept()
    return texts


# Resolves once every image has loaded or failed (so its load and error handlers have run), the window's own load
# event is past, and one more frame and task have run: the events a pasted handler could hide behind, waited for
# rather than guessed at with a sleep.
SETTLED = """
const done = arguments[arguments.length - 1];
const images = [...document.images].filter((image) => !image.complete);
const loaded = images.map((image) => new Promise((resolve) => {
  image.addEventListener("load", resolve, { once: true });
  image.addEventListener("error", resolve, { once: true });
}));
const windowLoaded = document.readyState === "complete" ? Promise.resolve()
  : new Promise((resolve) => addEventListener("load", resolve, { once: true }));
Promise.all([...loaded, windowLoaded]).then(() => requestAnimationFrame(() => setTimeout(done, 0)));
"""


def settle(browser) -> list[str]:
    """Waits until the page has settled (SETTLED), taking any dialog that opens meanwhile; returns their texts."""
    dialogs = []
    for _ in range(10):
        try:
            browser.execute_async_script(SETTLED)
            break
        except UnexpectedAlertPresentException as error:
            dialogs += take_dialogs(browser) or [getattr(error, "alert_text", None) or str(error)]
    return dialogs + take_dialogs(browser)


def read_log(browser) -> list[dict]:
    """Reads (and so empties) the browser's console log: call it once per page, before leaving it."""
    return browser.get_log("browser")


def open_page(browser, path: Path) -> dict:
    """Opens a page by its file:// URL and returns what happened: the console log and any dialog."""
    assert path.is_file(), f"no page {path}"
    take_dialogs(browser)
    read_log(browser)  # drop what earlier pages left
    dialogs = []
    for _ in range(10):
        try:
            if not dialogs:
                browser.get(path.as_uri())
            WebDriverWait(browser, 30).until(lambda b: b.execute_script("return document.readyState") == "complete")
            break
        except UnexpectedAlertPresentException as error:
            # A dialog opened while loading: take it (it stays open, see unhandled_prompt_behavior) and go on.
            dialogs += take_dialogs(browser) or [getattr(error, "alert_text", None) or str(error)]
    dialogs += settle(browser)
    return {"log": read_log(browser), "dialogs": dialogs}


def severe(log: list[dict]) -> list[str]:
    return [f"{entry.get('source', '')}: {entry['message']}" for entry in log if entry.get("level") == "SEVERE"]


def run_axe(browser, source: str) -> dict:
    browser.execute_script(source)
    result = browser.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ['violations']})
          .then(r => done({version: axe.version, violations: r.violations.map(v => ({
              id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
              nodes: v.nodes.map(n => ({target: n.target, html: n.html, impact: n.impact,
                                        summary: n.failureSummary}))}))}))
          .catch(e => done({error: String(e && e.stack || e)}));
        """
    )
    assert "error" not in result, f"axe.run failed: {result['error']}"
    return result


def describe_violations(violations: list[dict], most: int = 8) -> str:
    """One line a violation, then its elements (at most `most`), with the fix axe asks for once when all share it."""
    lines = []
    for violation in violations:
        nodes = violation["nodes"]
        lines.append(f"- {violation['id']} ({violation['impact']}, {len(nodes)} elements): {violation['help']}"
                     f" <{violation['helpUrl']}>")
        for node in nodes[:most]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:200]}")
        if len(nodes) > most:
            lines.append(f"    ... and {len(nodes) - most} more")
        summaries = {node.get("summary") or "" for node in nodes}
        for summary in sorted(summaries)[:3]:
            lines.append("      " + summary.replace("\n", "\n      "))
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------------------
# (a) Every page kind of the sample site: no console error, no serious or critical accessibility violation

PAGE_KINDS = {
    "dashboard": "index.html",
    "issues-index": "issues/index.html",
    "issue": "issues/*-*.html",
    "components-index": "components/index.html",
    "component": "components/*.html",
    "layers-index": "layers/index.html",
    "layer": "layers/*.html",
    "types-index": "types/index.html",
    "type": "types/*.html",
    "trends": "trends.html",
    "changed": "changed.html",
    "search": "search.html",
    "targets": "targets.html",
    "outcomes": "outcomes.html",
    "ageing": "ageing.html",
    "optimizations": "optimizations.html",
    "idea": "optimizations/*/*.html",
    "changes": "changes.html",
    "quality": "quality.html",
    "not-found": "404.html",
}
# Later pages of the lists, in the sample site built with `paginate: 5`.
PAGED_KINDS = {
    "issues-index-page-2": "issues/index.page-2.html",
    "component-page-2": "components/api-endpoints.page-2.html",
}
SITES_AND_KINDS = [("sample", kind) for kind in PAGE_KINDS] + [("paged", kind) for kind in PAGED_KINDS]


def site_and_page(request, site_name: str, kind: str) -> tuple[Path, Path]:
    site = request.getfixturevalue(f"{site_name}_site")
    return site, page_of_kind(site, {**PAGE_KINDS, **PAGED_KINDS}[kind])


def page_of_kind(site: Path, pattern: str) -> Path:
    """The page for a kind: the file itself, or the first item page (lowest issue number, first name)."""
    if "*" not in pattern:
        return site / pattern
    pages = [p for p in site.glob(pattern) if p.name != "index.html"]
    assert pages, f"no page matches {pattern} in {site}"

    def key(page: Path):
        number = re.match(r"(\d+)-", page.name)
        return (int(number.group(1)) if number else 0, page.name)

    return min(pages, key=key)


@pytest.mark.parametrize("site_name,kind", SITES_AND_KINDS)
def test_page_has_no_console_error(driver, request, site_name, kind):
    sample_site, page = site_and_page(request, site_name, kind)
    opened = open_page(driver, page)
    assert not opened["dialogs"], f"{page.relative_to(sample_site)} opened dialogs: {opened['dialogs']}"
    errors = severe(opened["log"])
    assert not errors, f"{page.relative_to(sample_site)} logged SEVERE console entries:\n" + "\n".join(errors)


@pytest.mark.parametrize("site_name,kind", SITES_AND_KINDS)
def test_page_has_no_serious_accessibility_violation(driver, screen, request, axe_source, site_name, kind):
    sample_site, page = site_and_page(request, site_name, kind)
    scheme = screen[1]
    open_page(driver, page)
    result = run_axe(driver, axe_source)
    assert result["version"].startswith("4."), f"axe-core {result['version']} is not 4.x"
    failing = [v for v in result["violations"] if v["impact"] in FAILING_IMPACTS]
    assert not failing, (
        f"axe-core {result['version']} found serious or critical violations on {page.relative_to(sample_site)}"
        f" ({screen[0]} px, {scheme} colour scheme):\n" + describe_violations(failing)
    )


# ---------------------------------------------------------------------------------------------------------------
# (b) Navigation by clicking


def h1_text(browser) -> str:
    return browser.find_element(By.TAG_NAME, "h1").text.strip()


def click_and_wait(browser, link) -> str:
    """Clicks a link and waits for the page it points to; returns that URL."""
    target = link.get_attribute("href")  # the resolved, absolute URL
    assert target and target.startswith("file://"), f"link {link.text!r} points to {target!r}"
    link.click()
    WebDriverWait(browser, 15).until(EC.url_to_be(target))
    WebDriverWait(browser, 15).until(lambda b: b.execute_script("return document.readyState") == "complete")
    errors = severe(read_log(browser))
    assert not errors, f"{target} logged SEVERE console entries:\n" + "\n".join(errors)
    return target


def nav_link(browser, label: str):
    return browser.find_element(By.CSS_SELECTOR, 'header nav[aria-label="Main"]').find_element(By.LINK_TEXT, label)


def test_navigation_by_clicking(driver, sample_site):
    opened = open_page(driver, sample_site / "index.html")
    assert not severe(opened["log"])
    assert h1_text(driver) == "Performance issues"

    # The nav link "Issues".
    click_and_wait(driver, nav_link(driver, "Issues"))
    assert driver.current_url == (sample_site / "issues" / "index.html").as_uri()
    assert h1_text(driver) == "All issues"

    # A link to an issue page in the table.
    issue_links = [
        a
        for a in driver.find_elements(By.CSS_SELECTOR, "main table a[href]")
        if re.search(r"/issues/\d+-[^/]+\.html$", a.get_attribute("href") or "")
    ]
    assert issue_links, "the issues table links to no issue page"
    link = issue_links[0]
    number = re.search(r"/issues/(\d+)-", link.get_attribute("href")).group(1)
    url = click_and_wait(driver, link)
    assert re.fullmatch(re.escape((sample_site / "issues").as_uri()) + rf"/{number}-[a-z0-9-]+\.html", url)
    assert driver.current_url == url
    assert h1_text(driver).startswith(f"#{number} "), f"the issue page's h1 is {h1_text(driver)!r}"

    # A component link in the "At a glance" block.
    components = driver.find_elements(
        By.XPATH,
        "//main//h2[normalize-space()='At a glance']/following-sibling::dl"
        "/dt[normalize-space()='Components']/following-sibling::dd[1]//a[@href]",
    )
    assert components, f"issue #{number} has no component link in its At a glance block"
    component = components[0]
    label = component.text.strip()
    url = click_and_wait(driver, component)
    assert re.fullmatch(re.escape((sample_site / "components").as_uri()) + r"/[a-z0-9-]+\.html", url)
    assert driver.current_url == url
    assert h1_text(driver) == label

    # The nav link "Trends", from a page one folder down.
    click_and_wait(driver, nav_link(driver, "Trends"))
    assert driver.current_url == (sample_site / "trends.html").as_uri()
    assert h1_text(driver) == "Trends"


def issue_numbers_listed(browser) -> list[int]:
    return [int(a.text) for a in browser.find_elements(By.CSS_SELECTOR, "main table.issues tbody td:first-child a")]


def test_pager_by_clicking(driver, paged_site):
    """Next › walks the issue index page by page: every issue is listed once, and Previous and 1 lead back."""
    open_page(driver, paged_site / "issues" / "index.html")
    position = driver.find_element(By.CSS_SELECTOR, "main nav.pager .position").text
    count = int(re.fullmatch(r"Page 1 of (\d+)", position).group(1))
    assert count > 2, f"the paged sample site's issue index has {count} pages"
    listed = issue_numbers_listed(driver)
    assert len(listed) == 5
    for number in range(2, count + 1):
        url = click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main nav.pager a[rel=next]"))
        assert url == (paged_site / "issues" / f"index.page-{number}.html").as_uri()
        assert h1_text(driver) == "All issues"
        current = driver.find_element(By.CSS_SELECTOR, "main nav.pager a[aria-current=page]")
        assert current.text == str(number)
        assert driver.title.startswith(f"Issues (Page {number} of {count})")
        listed += issue_numbers_listed(driver)
    assert not driver.find_elements(By.CSS_SELECTOR, "main nav.pager a[rel=next]")
    pages = [p for p in (paged_site / "issues").glob("*.html") if re.fullmatch(r"\d+(-[a-z0-9-]+)?\.html", p.name)]
    assert sorted(listed) == sorted({int(p.name.split("-")[0].split(".")[0]) for p in pages})
    assert len(listed) == len(pages)

    url = click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main nav.pager a[rel=prev]"))
    assert url == (paged_site / "issues" / f"index.page-{count - 1}.html").as_uri()
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main nav.pager").find_element(By.LINK_TEXT, "1"))
    assert driver.current_url == (paged_site / "issues" / "index.html").as_uri()


# ---------------------------------------------------------------------------------------------------------------
# (c) Hostile input runs no script

INSPECT_PAGE = r"""
const blocked = arguments[0];
const own = ['assets/tables.js', 'assets/search.js'];
const found = {scripts: Array.from(document.querySelectorAll('script')).filter(s => !(s.getAttribute('src') &&
  own.some(name => s.src.endsWith('/' + name)) && !s.textContent.trim())).length, handlers: [], urls: [], embeds: [],
  refresh: []};
const snippet = el => el.outerHTML.slice(0, 200);
const urlAttributes = ['href', 'xlink:href', 'src', 'srcset', 'action', 'formaction', 'data', 'poster',
                       'background', 'lowsrc', 'dynsrc', 'ping', 'manifest', 'codebase', 'cite'];
const normalize = v => v.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').toLowerCase();
for (const el of document.querySelectorAll('*')) {
  for (const attr of el.attributes) {
    const name = attr.name.toLowerCase();
    if (name.startsWith('on')) found.handlers.push(`${name} on <${el.localName}>: ${snippet(el)}`);
    if (urlAttributes.includes(name) || (name === 'srcdoc')) {
      const raw = normalize(attr.value);
      let protocol = '';
      try { protocol = new URL(attr.value.trim(), document.baseURI).protocol.toLowerCase(); } catch (e) {}
      const values = name === 'srcset' ? raw.split(',').map(s => s.trim()) : [raw];
      if (name === 'srcdoc' || values.some(v => blocked.some(s => v.startsWith(s))) || blocked.includes(protocol))
        found.urls.push(`${name}=${JSON.stringify(attr.value)} on <${el.localName}>: ${snippet(el)}`);
    }
  }
}
for (const el of document.querySelectorAll('iframe, frame, object, embed, base'))
  found.embeds.push(snippet(el));
for (const el of document.querySelectorAll('meta[http-equiv]'))
  if (el.getAttribute('http-equiv').toLowerCase() === 'refresh') found.refresh.push(snippet(el));
return found;
"""


def inspect_hostile_page(browser, site: Path, page: Path) -> list[str]:
    """Opens one page and returns every way hostile input got through (empty when none did)."""
    name = str(page.relative_to(site))
    opened = open_page(browser, page)
    problems = [f"{name}: a dialog opened: {text!r}" for text in opened["dialogs"]]
    for _ in range(10):
        try:
            found = browser.execute_script(INSPECT_PAGE, list(BLOCKED_SCHEMES))
            break
        except UnexpectedAlertPresentException as error:
            late = take_dialogs(browser) or [getattr(error, "alert_text", None) or str(error)]
            problems += [f"{name}: a dialog opened: {text!r}" for text in late]
    else:
        raise AssertionError(f"{name}: dialogs kept opening: {problems}")
    problems += [f"{name}: a dialog opened: {text!r}" for text in take_dialogs(browser)]
    if found["scripts"]:
        problems.append(f"{name}: {found['scripts']} <script> elements besides perfsite's {PERFSITE_SCRIPTS}")
    problems += [f"{name}: event-handler attribute {h}" for h in found["handlers"]]
    problems += [f"{name}: blocked URL {u}" for u in found["urls"]]
    problems += [f"{name}: embedding element {e}" for e in found["embeds"]]
    problems += [f"{name}: meta refresh {m}" for m in found["refresh"]]
    return problems


HOSTILE_PAGES = {
    "issue": f"issues/{HOSTILE_NUMBER}-*.html",
    "issues-index": "issues/index.html",
    "dashboard": "index.html",
    "optimizations": "optimizations.html",
    "changes": "changes.html",
    "quality": "quality.html",
}


def hostile_page(site: Path, kind: str) -> Path:
    pattern = HOSTILE_PAGES[kind]
    pages = sorted(site.glob(pattern))
    assert len(pages) == 1, f"expected one page for {pattern} in {site}, found {pages}"
    return pages[0]


@pytest.mark.parametrize("kind", HOSTILE_PAGES)
def test_hostile_input_runs_no_script(driver, hostile_site, kind):
    page = hostile_page(hostile_site, kind)
    text = page.read_text(encoding="utf-8")
    # The page must show the hostile issue, or the test would prove nothing.
    assert "alert(" in text, f"{page.relative_to(hostile_site)} does not show the hostile issue"
    problems = inspect_hostile_page(driver, hostile_site, page)
    assert not problems, "hostile input got through:\n" + "\n".join(problems)


def test_hostile_input_runs_no_script_on_other_pages(driver, hostile_site):
    """Every other page that shows some of the hostile issue's text (its component, layer and type pages...)."""
    named = {hostile_page(hostile_site, kind) for kind in HOSTILE_PAGES}
    others = sorted(
        p for p in hostile_site.rglob("*.html") if p not in named and "alert(" in p.read_text(encoding="utf-8")
    )
    assert others, "no other page shows the hostile issue"
    problems = []
    for page in others:
        problems += inspect_hostile_page(driver, hostile_site, page)
    assert not problems, "hostile input got through:\n" + "\n".join(problems)


def test_hostile_title_is_shown_as_text(driver, hostile_site):
    """The hostile title reaches the reader as text, not markup."""
    open_page(driver, hostile_page(hostile_site, "issue"))
    assert h1_text(driver) == (
        f"#{HOSTILE_NUMBER} <script>alert(1)</script> <img src=x onerror=alert(2)> <svg onload=alert(7)> upload is slow"
    )


def test_checks_catch_a_real_script(driver, tmp_path):
    """The checks above see a script when one does run: a canary page with each kind of hostile markup."""
    canary = tmp_path / "canary.html"
    canary.write_text(
        "<!doctype html><html lang=en><title>canary</title>"
        "<script>alert('canary-script')</script>"
        "<img src=x onerror=\"alert('canary-img')\">"
        "<a href=' JaVa&#09;Script:alert(1)'>js</a><a href='DATA:text/html,x'>data</a>"
        "<iframe src='about:blank'></iframe></html>",
        encoding="utf-8",
    )
    problems = inspect_hostile_page(driver, tmp_path, canary)
    joined = "\n".join(problems)
    for expected in ("canary-script", "canary-img", "<script> elements", "onerror on <img>",
                     'href=" JaVa\\tScript:alert(1)"', 'href="DATA:text/html,x"', "embedding element <iframe"):
        assert expected in joined, f"the checks missed {expected!r}; they reported:\n{joined}"


# ---------------------------------------------------------------------------------------------------------------
# (e) Phones and wide windows: no cell's content overflows it, chart labels are never drawn under 11 px, and month
# tables start with the newest month.

CELL_OVERFLOW = """
return Array.from(document.querySelectorAll('td, th')).filter(cell => cell.scrollWidth > cell.clientWidth + 1)
  .map(cell => cell.tagName + ' ' + JSON.stringify(cell.textContent.trim().slice(0, 40))).slice(0, 5);
"""
CHART_SCALES = """
return Array.from(document.querySelectorAll('figure.chart svg')).map(svg => svg.getScreenCTM().a);
"""


@pytest.mark.parametrize("width", [390, 1280])
def test_no_cell_overflows_and_chart_labels_stay_readable(driver, sample_site, width):
    driver.set_window_size(width, 900)
    try:
        pages = sorted(sample_site.rglob("*.html"))
        assert len(pages) > 100
        overflowing = {}
        small_charts = {}
        for page in pages:
            open_page(driver, page)
            cells = driver.execute_script(CELL_OVERFLOW)
            if cells:
                overflowing[str(page.relative_to(sample_site))] = cells
            scales = [scale for scale in driver.execute_script(CHART_SCALES) if scale < 0.999]
            if scales:
                small_charts[str(page.relative_to(sample_site))] = scales
        assert not overflowing, f"cells whose content overflows them at {width} px: {overflowing}"
        assert not small_charts, f"charts drawn smaller than their own size (labels under 11 px): {small_charts}"
    finally:
        driver.set_window_size(1280, 900)


def test_month_tables_start_with_the_newest_month(driver, sample_site):
    open_page(driver, sample_site / "index.html")
    headers = driver.execute_script(
        "return Array.from(document.querySelectorAll('table.months thead th')).map(th => th.textContent.trim())"
    )
    months = [h for h in headers if h]
    assert months[:2] == ["Nov 26", "Oct 26"], months[:4]


def test_a_chart_wider_than_a_phone_starts_at_its_newest_month(driver, sample_site):
    driver.set_window_size(390, 900)
    try:
        open_page(driver, sample_site / "index.html")
        # Each chart's right end (the newest month) is in view, its left end scrolled off: [svg left, svg right,
        # figure left, figure right].
        edges = driver.execute_script(
            "return Array.from(document.querySelectorAll('figure.chart')).map(f => {"
            " const s = f.querySelector('svg').getBoundingClientRect(), r = f.getBoundingClientRect();"
            " return [s.left, s.right, r.left, r.right]; })")
    finally:
        driver.set_window_size(1280, 900)
    assert edges
    for svg_left, svg_right, left, right in edges:
        assert svg_left < left and abs(svg_right - right) <= 1, edges


# ---------------------------------------------------------------------------------------------------------------
# (f) Search: Pagefind's index works over http; from file:// the page says why it cannot.


def serve(folder: Path):
    """Serves `folder` over http on a free port until the generator is closed; yields the base URL."""
    import socket
    import sys

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(folder)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        # Ready once it has said so ("Serving HTTP on ..."; -u: unbuffered, so the line comes when it listens).
        line = server.stdout.readline()
        assert "Serving HTTP" in line, line
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait()


@pytest.fixture(scope="module")
def served_sample_site(sample_site):
    """The sample site over http, for as long as the module's tests run."""
    yield from serve(sample_site)


@pytest.fixture(scope="module")
def served_paged_site(paged_site):
    """The sample site with five rows a page, over http."""
    yield from serve(paged_site)


def test_search_finds_issues_over_http(driver, screen, served_sample_site):
    read_log(driver)
    driver.get(served_sample_site + "search.html")
    box = WebDriverWait(driver, 30).until(lambda b: b.find_element(By.CSS_SELECTOR, "#search input"))
    box.send_keys("keycloak")
    WebDriverWait(driver, 30).until(lambda b: b.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result-link"))
    titles = [link.text for link in driver.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result-link")]
    # The number once, then the title, state and priority.
    assert "#20 Token endpoint slow again after Keycloak 26 upgrade (p95 1.1 s) (open, P1)" in titles, titles
    errors = [entry for entry in severe(read_log(driver)) if "favicon.ico" not in entry]
    assert not errors, errors


def test_search_from_disk_says_it_needs_http(driver, sample_site):
    open_page(driver, sample_site / "search.html")
    message = driver.find_element(By.ID, "search-unavailable")
    assert message.is_displayed() and "served over http" in message.text


# ---------------------------------------------------------------------------------------------------------------
# (g) Issue tables: filtered from the URL's fragment, by typing and by menus, and sorted by a header.


def visible_rows(browser) -> list:
    return [row for row in browser.find_elements(By.CSS_SELECTOR, "table.issues tbody tr") if row.is_displayed()]


def column(rows, index: int) -> list[str]:
    # textContent, not .text: on a phone some cells are folded away, and Selenium gives a hidden element no text.
    return [row.find_elements(By.TAG_NAME, "td")[index].get_attribute("textContent").strip() for row in rows]


def test_a_filtered_view_opens_from_its_url(driver, screen, sample_site):
    page = sample_site / "issues" / "index.html"
    html = page.read_text(encoding="utf-8")
    closed = html.count('<span class="state state-closed">')
    driver.get(page.as_uri() + "#state=closed&sort=-number")
    WebDriverWait(driver, 15).until(lambda b: b.find_elements(By.CSS_SELECTOR, ".table-filter output"))
    rows = visible_rows(driver)
    assert closed > 0 and len(rows) == closed
    assert set(column(rows, 2)) == {"closed"}
    numbers = [int(n) for n in column(rows, 0)]
    assert numbers == sorted(numbers, reverse=True)
    assert driver.find_element(By.CSS_SELECTOR, ".table-filter output").text == f"{closed} of 34 shown"


def test_typing_filters_and_the_url_follows(driver, screen, sample_site):
    open_page(driver, sample_site / "issues" / "index.html")
    driver.find_element(By.CSS_SELECTOR, ".table-filter input").send_keys("keycloak")
    rows = visible_rows(driver)
    assert sorted(int(n) for n in column(rows, 0)) == [6, 20]
    assert driver.current_url.endswith("#q=keycloak")


def test_a_header_sorts_and_sorts_back(driver, screen, sample_site):
    open_page(driver, sample_site / "issues" / "index.html")
    filed = driver.find_elements(By.CSS_SELECTOR, "table.issues thead th button.sort")[7]
    filed.click()
    dates = column(visible_rows(driver), 7)
    assert dates == sorted(dates) and len(dates) == 34
    filed.click()
    assert column(visible_rows(driver), 7) == sorted(dates, reverse=True)
    header = driver.find_elements(By.CSS_SELECTOR, "table.issues thead th")[7]
    assert header.get_attribute("aria-sort") == "descending"


def test_a_filter_on_a_paged_list_searches_every_issue_over_http(driver, screen, served_paged_site):
    driver.get(served_paged_site + "issues/index.page-2.html#q=keycloak")
    WebDriverWait(driver, 30).until(
        lambda b: "(every issue)" in b.find_element(By.CSS_SELECTOR, ".table-filter output").text)
    assert sorted(int(n) for n in column(visible_rows(driver), 0)) == [6, 20]
    assert driver.find_element(By.CSS_SELECTOR, ".table-filter output").text == "2 of 34 shown (every issue)"
    assert not driver.find_element(By.CSS_SELECTOR, ".pager").is_displayed()


def test_a_filter_on_a_paged_list_opened_from_disk_says_it_covers_the_page(driver, paged_site):
    open_page(driver, paged_site / "issues" / "index.page-2.html")
    driver.find_element(By.CSS_SELECTOR, ".table-filter input").send_keys("a")
    text = driver.find_element(By.CSS_SELECTOR, ".table-filter output").text
    assert text.endswith("on this page (opened from disk: every issue is searched over http)"), text


def test_every_issue_filters_and_sorts_as_data_over_http(driver, screen, served_paged_site, sample_site):
    closed = (sample_site / "issues" / "index.html").read_text(encoding="utf-8").count('<span class="state state-closed">')
    driver.get(served_paged_site + "issues/index.page-3.html#state=closed&sort=-number")
    WebDriverWait(driver, 30).until(
        lambda b: "(every issue)" in b.find_element(By.CSS_SELECTOR, ".table-filter output").text)
    rows = visible_rows(driver)
    numbers = [int(n) for n in column(rows, 0)]
    assert len(numbers) == closed and numbers == sorted(numbers, reverse=True)
    assert set(column(rows, 2)) == {"closed"}
