"""The workspace in a real browser: Streamlit served headless on a temporary case store,
driven by Playwright on Debian's Chromium at 1440x900.

The journey of issue 15: upload two charts, act on findings in both, reload the browser,
restart the server, and everything is still there (the local sign-in too, until Sign out:
its cookie then no longer signs anyone in); an override moves the finding to its
new group and changes the outcome; two browser contexts acting on one case get one clear
refusal and lose no action; the exported record verifies (``chartreview verify``) and
states the reviewer's outcome beside the tool's findings; the server log holds no file
name and no chart text. Screenshots go to ``artifacts/browser/``.

Set-up installs what it can (apt ``chromium`` when running as root with apt-get) and skips
with the reason otherwise; ``playwright`` is a pinned dev dependency.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from accounts import add_user
from audit.record import AuditRecord, verify_data
from casestore import open_store

ROOT = Path(__file__).resolve().parents[2]
COMPLETE = ROOT / "examples" / "medicare-iop-complete"  # met; has a PDF
ADOLESCENT = ROOT / "examples" / "optum-idaho-iop-adolescent"  # reviewed against Medicare
ARTIFACTS = ROOT / "artifacts" / "browser"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1440, "height": 900}
PASSWORD = "correct horse battery"
SESSION_COOKIE = "chartreview_session"
# an unreadable upload whose name carries a member's name: it must never reach the log
UNREADABLE = "Kaden-Verhoeven-scan.pdf"
WEEKLY = "medicare-iop.weekly-hours"
DIAGNOSIS = "medicare-iop.diagnosis"
SAFETY = "medicare-iop.safety"


def _ensure_chromium() -> None:
    if CHROMIUM.exists():
        return
    apt = shutil.which("apt-get")
    if apt is None or os.geteuid() != 0:
        pytest.skip(
            f"{CHROMIUM} is missing and cannot be installed here (needs root and apt-get): "
            "run `apt-get install -y chromium`"
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in ([apt, "update"], [apt, "install", "-y", "chromium"]):
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            pytest.skip(f"`{' '.join(cmd)}` failed: {done.stderr.strip()[-300:]}")
    if not CHROMIUM.exists():
        pytest.skip(f"apt-get installed chromium but {CHROMIUM} is still missing")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """``chartreview workspace`` (``streamlit run app.py`` with the policy search warmed
    up before it serves) on a fixed port and a temporary data folder; restartable."""

    data_dir: Path
    log: Path
    port: int = field(default_factory=_free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {
            **os.environ,
            "CHARTREVIEW_DATA_DIR": str(self.data_dir),
            "CHARTREVIEW_DATABASE_URL": "",
            "CHARTREVIEW_CASE_FILES_DIR": "",
            "CHARTREVIEW_USERS_FILE": "",
        }
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "cli.main",
                    "workspace",  # the README's launcher: warms the policy search up at start
                    "--server.headless",
                    "true",
                    "--server.port",
                    str(self.port),
                    "--server.address",
                    "127.0.0.1",
                    "--browser.gatherUsageStats",
                    "false",
                    # other edits to the repo must not trigger reruns mid-test
                    "--server.fileWatcherType",
                    "none",
                ],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                tail = self.log.read_text(errors="replace")[-2000:]
                pytest.fail(f"streamlit did not start:\n{tail}")
            time.sleep(0.3)

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)
        self.process = None


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    s = Server(data_dir=tmp_path / "data", log=tmp_path / "server.log")
    for user in ("rn.rivera", "rn.ames", "dr.boyd"):
        add_user(user, PASSWORD, path=s.data_dir / "users.json")
    s.start()
    try:
        yield s
    finally:
        s.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _ensure_chromium()
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="pip playwright is missing: bash scripts/test.sh installs it"
    )
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def _idle(page: Any) -> None:
    """Wait until the script is not running (a click during a rerun can be dropped); a
    rerun asked for a moment ago may not have started yet, so wait that moment first."""
    from playwright.sync_api import expect

    page.wait_for_timeout(350)
    app = page.locator('[data-testid="stApp"]')
    expect(app).to_have_attribute("data-test-script-state", re.compile("notRunning|initial"))


def _key(page: Any, key: str) -> Any:
    """The element Streamlit made for the widget or container with ``key`` (its class is
    ``st-key-`` and the key with every character but letters, digits, _ and - as -)."""
    css = re.sub(r"[^a-zA-Z0-9_-]", "-", key)
    return page.locator(f".st-key-{css}").first


def _shot(page: Any, name: str, *, top: bool = False) -> None:
    _idle(page)
    if top:
        page.locator('[data-testid="stMain"] h1').first.scroll_into_view_if_needed()
    page.wait_for_timeout(400)  # let charts and fonts settle
    page.screenshot(path=str(ARTIFACTS / name))


def _upload(page: Any, files: list[Path], expected_title: str) -> None:
    from playwright.sync_api import expect

    sidebar = page.locator('section[data-testid="stSidebar"]')
    chooser = sidebar.locator('input[type="file"]').first
    # every type the loader reads may be chosen (HTML, RTF, JSON and XML exports too)
    accepted = set((chooser.get_attribute("accept") or "").split(","))
    assert {".pdf", ".md", ".csv", ".html", ".rtf", ".json", ".xml"} <= accepted, accepted
    chooser.set_input_files([str(f) for f in files])
    sizes = sidebar.get_by_text(re.compile(r"^\d+(\.\d+)?\s?[KM]?B$"))
    expect(sizes).to_have_count(len(files))
    _idle(page)
    title = page.get_by_role("heading", name=expected_title, exact=True)
    # a click that lands while the upload's rerun is starting is dropped by Streamlit (a
    # loaded CI machine): once the app is idle again without the case, click again
    for _ in range(3):
        sidebar.get_by_role("button", name="Review chart").click()
        _idle(page)
        if title.count():
            break
    expect(title).to_be_visible()
    _idle(page)


def _sign_in(page: Any, user: str) -> None:
    from playwright.sync_api import expect

    _key(page, "sign_in_user").locator("input").fill(user)
    password = _key(page, "sign_in_password").locator("input")
    password.fill(PASSWORD)
    password.press("Enter")  # Enter submits the sign-in form
    _idle(page)
    sidebar = page.locator('section[data-testid="stSidebar"]')
    expect(sidebar.get_by_text(user, exact=True)).to_be_visible()


def _signed_in_as(page: Any, user: str | None) -> None:
    """The sidebar shows ``user`` signed in and no password form (``None``: the form)."""
    from playwright.sync_api import expect

    _idle(page)
    sidebar = page.locator('section[data-testid="stSidebar"]')
    password = _key(page, "sign_in_password").locator("input")
    if user is None:
        expect(password).to_be_visible()
        expect(sidebar.get_by_role("button", name="Sign out")).to_have_count(0)
    else:
        expect(sidebar.get_by_text(user, exact=True)).to_be_visible()
        expect(sidebar.get_by_role("button", name="Sign out")).to_be_visible()
        expect(password).to_have_count(0)


def _session_cookie(context: Any) -> dict[str, Any] | None:
    found = [c for c in context.cookies() if c["name"] == SESSION_COOKIE]
    assert len(found) <= 1, found
    return found[0] if found else None


def _open_finding(page: Any, rule: str) -> None:
    from playwright.sync_api import expect

    box = _key(page, f"why:{rule}").locator("input")
    if not box.is_visible():
        summary = _key(page, f"exp:{rule}").locator("summary").first
        summary.scroll_into_view_if_needed()
        summary.click()
        _idle(page)
    expect(box).to_be_visible()


def _choose(page: Any, key: str, starting: str) -> None:
    """Pick the first option starting with ``starting`` in the selectbox with ``key``
    (typed in to filter: a long list shows only the options in view)."""
    box = _key(page, key).get_by_role("combobox")
    box.click()
    box.fill(starting)
    pattern = re.compile("^" + re.escape(starting))
    page.locator('[role="option"]').filter(has_text=pattern).first.click()
    _idle(page)


def _act(page: Any, rule: str, action: str, text: str = "", to: str | None = None) -> None:
    _open_finding(page, rule)
    box = _key(page, f"why:{rule}").locator("input")
    if text:
        box.fill(text)
        box.press("Tab")
        _idle(page)
    if to is not None:
        _key(page, f"to:{rule}").get_by_text(to, exact=True).click()
        _idle(page)
    _key(page, f"{action}:{rule}").locator("button").first.click()
    _idle(page)


def _evidence_in_view(page: Any) -> dict[str, Any]:
    """Where the highlighted quote (``#evidence-span``) is: the scroll boxes of the evidence
    panel that hold it (the text's box, the crop's, the panel) and the window it is not
    wholly inside of (``outside``), its size, and how far its own box is scrolled."""
    return dict(
        page.evaluate(
            """() => {
                const panel = document.querySelector('.st-key-evidence_panel');
                const mark = panel && panel.querySelector('#evidence-span');
                if (!mark) return {found: false};
                const m = mark.getBoundingClientRect();
                const outside = [];
                let scrolled = null;
                for (let box = mark.parentElement; box; box = box.parentElement) {
                    const style = getComputedStyle(box);
                    const clips = style.overflowX !== 'visible' || style.overflowY !== 'visible';
                    if (clips || box === panel) {
                        const b = box.getBoundingClientRect();
                        if (scrolled === null) scrolled = [box.scrollTop, box.scrollLeft];
                        if (m.top < b.top - 1 || m.bottom > b.bottom + 1 ||
                            m.left < b.left - 1 || m.right > b.right + 1)
                            outside.push(box.className);
                    }
                    if (box === panel) break;
                }
                if (m.top < 0 || m.bottom > innerHeight || m.left < 0 || m.right > innerWidth)
                    outside.push('window');
                return {found: true, outside, height: m.height, width: m.width, scrolled};
            }"""
        )
    )


def _page_scroll(page: Any) -> int:
    return int(page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTop"))


def _heading_of_group(page: Any, rule_title: str) -> str:
    """The status group a finding is listed under (the nearest "#### Group (n)" above it)."""
    return str(
        page.evaluate(
            """(title) => {
                const all = [...document.querySelectorAll('h4, summary')];
                let group = null;
                for (const el of all) {
                    if (el.tagName === 'H4') group = el.innerText;
                    else if (el.innerText.includes(title)) return group;
                }
                return null;
            }""",
            rule_title,
        )
    )


def _ask(page: Any, question: str, expected: str) -> float:
    """Ask the policy ``question`` (typed, Enter): the seconds from Enter until the page
    is drawn again with the answer holding ``expected``."""
    from playwright.sync_api import expect

    box = _key(page, "ask_query").locator("input")
    box.scroll_into_view_if_needed()
    box.fill(question)
    _idle(page)
    state = "document.querySelector('[data-testid=\"stApp\"]').dataset.testScriptState"
    began = time.monotonic()
    box.press("Enter")  # Enter submits
    # a rerun quicker than the polling is over before it is seen running
    with contextlib.suppress(Exception):
        page.wait_for_function(f"{state} === 'running'", timeout=5_000, polling=20)
    page.wait_for_function(f"{state} !== 'running'", polling=20)
    seconds = time.monotonic() - began
    expect(page.locator(".cr-quote:visible").filter(has_text=expected).first).to_be_visible()
    return seconds


def _warmed_up(server: Server, times: int) -> float:
    """Wait until the server's log says the policy search warmed up ``times`` times in
    all (once per start); the seconds waited."""
    began = time.monotonic()
    while server.log.read_text(errors="replace").count("policy search warmed up") < times:
        if time.monotonic() - began > 180:
            pytest.fail("the policy search did not warm up within 180 s of the server's start")
        time.sleep(0.1)
    return time.monotonic() - began


def _case_ids(data_dir: Path) -> dict[str, str]:
    with open_store(f"sqlite:///{data_dir / 'cases.sqlite3'}", files_dir=data_dir / "x") as s:
        return {row.member: row.case_id for row in s.worklist()}


def _actions(data_dir: Path, case_id: str) -> list[tuple[str, str, str | None, str]]:
    with open_store(f"sqlite:///{data_dir / 'cases.sqlite3'}", files_dir=data_dir / "x") as s:
        return [(a.reviewer, a.action, a.rule_id, a.reason) for a in s.get_case(case_id).actions]


def test_a_working_day_survives_reload_and_restart_and_refuses_lost_updates(
    server: Server, browser: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    expect.set_options(timeout=90_000)
    # only this test's files are replaced: other tests keep their screenshots here too
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("[0-9]-*.png"):
        old.unlink()
    for name in ("failure.png", "exported-record.json", "exported-summary.md", "ask-timing.json"):
        (ARTIFACTS / name).unlink(missing_ok=True)
    bad = tmp_path / "upload" / UNREADABLE
    bad.parent.mkdir()
    bad.write_bytes(b"%PDF-1.7\nthis is not a PDF body\n")
    complete = sorted(p for p in COMPLETE.iterdir() if p.is_file())
    adolescent = [*sorted(p for p in ADOLESCENT.iterdir() if p.is_file()), bad]

    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(90_000)
    try:
        page.goto(server.url)
        expect(page.get_by_role("heading", name="Worklist")).to_be_visible()
        _sign_in(page, "rn.rivera")
        # the sign-in is remembered: a cookie for the whole site, never sent cross-site,
        # not Secure over http, lasting the sign-in's 8 hours
        page.wait_for_function(f"document.cookie.includes('{SESSION_COOKIE}=')")
        cookie = _session_cookie(context)
        assert cookie is not None and re.fullmatch(r"[A-Za-z0-9_-]{43}", cookie["value"])
        assert (cookie["path"], cookie["sameSite"], cookie["secure"]) == ("/", "Strict", False)
        assert 8 * 3600 - 120 < cookie["expires"] - time.time() <= 8 * 3600
        token = cookie["value"]

        # chart 1: a Medicare chart the tool finds met; the case header is read from it
        _upload(page, complete, "Dolores A. Whitcomb")
        expect(page.get_by_text("Member ID: RB-204417", exact=False)).to_be_visible()
        expect(page.get_by_text("Outcome: Met")).to_be_visible()
        expect(page.get_by_text("read by the offline reader", exact=False)).to_be_visible()
        _shot(page, "1-case-header-checklist.png")
        # override a met finding: it moves to "Not met" and the outcome changes
        weekly = "At least 9 hours of counted services in every complete program week"
        assert _heading_of_group(page, weekly).startswith("Met")
        _act(page, WEEKLY, "override", "Week 2 counts a recreational outing.", to="Not met")
        expect(page.get_by_text("Overridden to Not met and saved.")).to_be_visible()
        expect(_key(page, f"why:{WEEKLY}").locator("input")).to_have_value("")  # form cleared
        expect(page.get_by_text("Outcome: Not met")).to_be_visible()
        expect(page.get_by_text("The tool recommended Met; you changed 1 finding.")).to_be_visible()
        assert _heading_of_group(page, weekly).startswith("Not met (1)")
        _act(page, DIAGNOSIS, "accept")
        _act(page, DIAGNOSIS, "note", "F33.1 confirmed with the psychiatrist.")
        # one click, one action: the same note again has no text left to save, which is
        # said as a hint, not a failure; the saved message stays
        _key(page, f"note:{DIAGNOSIS}").locator("button").first.click()
        _idle(page)
        expect(page.get_by_text("Nothing to save: type a note first.")).to_be_visible()
        expect(page.get_by_text("Note saved.")).to_be_visible()
        expect(page.get_by_text("Not saved:", exact=False)).to_have_count(0)
        # what the rule worked out, in words: weeks numbered from 1, no keys, no JSON
        _open_finding(page, WEEKLY)
        worked_out = _key(page, f"exp:{WEEKLY}").get_by_role(
            "button", name="What the rule worked out"
        )
        worked_out.click()
        expect(page.get_by_text("Minimum hours per complete week:", exact=False)).to_be_visible()
        popover = page.locator('[data-testid="stPopoverBody"]')
        expect(popover.get_by_role("columnheader", name="Week", exact=True)).to_be_visible()
        assert "deciding" not in popover.inner_text() and "_" not in popover.inner_text()
        _shot(page, "2a-what-the-rule-worked-out.png")
        worked_out.click()  # closes it
        expect(popover).to_be_hidden()
        _idle(page)
        page.get_by_role("heading", name="Not met (1)").scroll_into_view_if_needed()
        _shot(page, "2-override-moved-finding.png")
        # the first "Show in the page" of the session leaves the page where it is (scroll
        # anchoring jumped it to its end when the panel was redrawn)
        _open_finding(page, WEEKLY)
        first_show = _key(page, f"exp:{WEEKLY}").get_by_role("button", name="Show in the page")
        first_show.first.scroll_into_view_if_needed()
        _idle(page)
        before = _page_scroll(page)
        first_show.first.click()
        _idle(page)
        page.wait_for_timeout(600)
        assert _page_scroll(page) == before
        # the PDF's evidence, in the evidence panel: the crop around the quote, its lines
        # whole and 17-20 px high (text at reading size), in view
        _choose(page, "evidence_subject", "Initial physician certification")
        page.wait_for_timeout(600)  # the script that scrolls the panel runs once more
        where = _evidence_in_view(page)
        assert where["found"] and where["outside"] == [] and where["height"] >= 16.5, where
        _shot(page, "3-evidence-panel.png")
        # Enlarge: the whole page in a dialog nearly as wide as the screen, the quote
        # highlighted, larger than in the panel and scrolled into view
        _key(page, "pdf_enlarge").locator("button").first.click()
        dialog = page.get_by_role("dialog")
        expect(dialog).to_be_visible()
        mark = dialog.locator("#page-span")
        expect(mark).to_have_count(1)
        page.wait_for_timeout(800)  # the dialog's script scrolls it once more
        box, shown = mark.bounding_box(), dialog.bounding_box()
        assert box is not None and shown is not None
        assert shown["width"] >= 1000, shown
        assert box["y"] >= 0 and box["y"] + box["height"] <= VIEWPORT["height"], box
        assert box["height"] >= 1.3 * where["height"], (box, where)
        _shot(page, "3a-enlarged-page.png")
        page.keyboard.press("Escape")
        expect(dialog).to_have_count(0)
        _idle(page)
        # "Show in the page" on each row that decided weekly hours: the panel's text is
        # scrolled to the quote (the page is not), the quote in view
        _open_finding(page, WEEKLY)
        shows = _key(page, f"exp:{WEEKLY}").get_by_role("button", name="Show in the page")
        assert shows.count() >= 4
        scrolled = []
        for n in range(shows.count()):
            shows.nth(n).scroll_into_view_if_needed()
            _idle(page)
            before = _page_scroll(page)
            shows.nth(n).click()
            _idle(page)
            page.wait_for_timeout(600)
            where = _evidence_in_view(page)
            assert where["found"] and where["outside"] == [], (n, where)
            assert _page_scroll(page) == before, n
            scrolled.append(where["scrolled"][0] > 0)
        assert any(scrolled)  # at least one quote was out of view until its box scrolled
        _shot(page, "3b-evidence-text.png")

        # chart 2: an adolescent Idaho Medicaid chart reviewed against the Medicare pack
        _upload(page, adolescent, "Kaden M. Verhoeven")
        expect(page.get_by_text("The chart looks like Optum Idaho", exact=False)).to_be_visible()
        expect(page.get_by_text("The member was 16 at admission", exact=False)).to_be_visible()
        expect(page.get_by_text(UNREADABLE, exact=False).first).to_be_visible()
        # plain words: no program's error names, no chooser's jargon
        main = page.locator('[data-testid="stMain"]')
        expect(
            main.get_by_text("could not be read: the file is damaged", exact=False)
        ).to_be_visible()
        assert "Error)" not in main.inner_text() and "not counted:" not in main.inner_text()
        _shot(page, "4-pack-warning.png", top=True)
        # the same chart with the same unreadable file again: its case opens, no duplicate
        _upload(page, adolescent, "Kaden M. Verhoeven")
        expect(
            page.get_by_text("These documents were already reviewed", exact=False)
        ).to_be_visible()
        # keyboard only: from the reason box, Tab past the status choices to Accept, Enter
        _open_finding(page, SAFETY)
        _key(page, f"why:{SAFETY}").locator("input").focus()
        focused = ""
        for _ in range(4):
            page.keyboard.press("Tab")
            focused = str(page.evaluate("() => document.activeElement.innerText || ''"))
            if focused.strip().endswith("Accept"):
                break
        assert focused.strip().endswith("Accept"), focused
        page.keyboard.press("Enter")
        _idle(page)
        expect(page.get_by_text("Accepted and saved.")).to_be_visible()
        _act(page, SAFETY, "note", "C-SSRS weekly, all negative.")

        # reload the browser: the open case and every action are still there
        page.reload()
        expect(page.get_by_role("heading", name="Kaden M. Verhoeven")).to_be_visible()
        _open_finding(page, SAFETY)
        expect(page.get_by_text("C-SSRS weekly, all negative.", exact=False).first).to_be_visible()
        # still signed in after the reload, and acting under that name
        _signed_in_as(page, "rn.rivera")
        _act(page, DIAGNOSIS, "note", "Noted after a reload.")
        expect(page.get_by_text("Note saved.")).to_be_visible()
        signed_in_state = context.storage_state()
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "failure.png"), full_page=True)
        raise
    finally:
        context.close()

    # restart the server: everything is still there
    server.stop()
    server.start()
    # the policy search warmed up as the server started, no browser connected yet
    warm_seconds = _warmed_up(server, times=2)
    ids = _case_ids(server.data_dir)
    assert set(ids) == {"Dolores A. Whitcomb", "Kaden M. Verhoeven"}
    with open_store(
        f"sqlite:///{server.data_dir / 'cases.sqlite3'}", files_dir=server.data_dir / "x"
    ) as s:
        assert len(s.worklist()) == 2  # the re-upload opened its case
    # the same browser (its cookies) after the restart: still signed in
    context = browser.new_context(
        viewport=VIEWPORT, accept_downloads=True, storage_state=signed_in_state
    )
    page = context.new_page()
    page.set_default_timeout(90_000)
    try:
        page.goto(server.url)
        expect(page.get_by_role("heading", name="Worklist")).to_be_visible()
        _signed_in_as(page, "rn.rivera")
        expect(page.get_by_text("2 cases. Select a row to open it.")).to_be_visible()
        expect(page.locator('[data-testid="stDataFrame"]')).to_be_visible()
        # every column readable without scrolling sideways at 1440 px
        _idle(page)
        scroller = '[data-testid="stDataFrame"] .dvn-scroller'
        page.wait_for_selector(scroller)
        sideways = page.evaluate(
            f"() => {{ const s = document.querySelector('{scroller}');"
            " return s.scrollWidth - s.clientWidth; }"
        )
        assert sideways <= 1, sideways
        _shot(page, "5-worklist-after-restart.png")
        # the case list names member, pack and status (the table is drawn on a canvas)
        _choose(page, "wl_open", "Dolores A. Whitcomb · Medicare IOP · In review ·")
        _key(page, "wl_open_button").locator("button").first.click()
        expect(page.get_by_role("heading", name="Dolores A. Whitcomb")).to_be_visible()
        expect(page.get_by_text("Outcome: Not met")).to_be_visible()
        expect(page.get_by_role("heading", name="Not met (1)")).to_be_visible()
        _idle(page)
        assert _heading_of_group(page, weekly).startswith("Not met (1)")
        # Ask the policy, the first question after the restart: as fast as later ones
        asked = [
            _ask(page, "How often must the physician recertify?", "every 60 days"),
            _ask(page, "What counts toward the 9 hours?", "9 hours"),
            _ask(page, "Who must sign the certification?", "signed"),
        ]
        (ARTIFACTS / "ask-timing.json").write_text(
            json.dumps({"waited_for_warm_up_s": round(warm_seconds, 2), "asked_s": asked}),
            encoding="utf-8",
        )
        assert asked[0] <= max(asked[1:]) + 1.5, asked
        _shot(page, "6a-ask-the-policy.png")
        # export: the record verifies and states the reviewer's outcome
        _key(page, "download_json").scroll_into_view_if_needed()
        _shot(page, "6-export.png")
        with page.expect_download() as info:
            _key(page, "download_json").locator("button").first.click()
        record_path = ARTIFACTS / "exported-record.json"
        info.value.save_as(str(record_path))
        with page.expect_download() as md_info:
            _key(page, "download_md").locator("button").first.click()
        md_path = ARTIFACTS / "exported-summary.md"
        md_info.value.save_as(str(md_path))
        # Sign out: the form is back, the cookie is gone, and after a reload still the form
        page.locator('section[data-testid="stSidebar"]').get_by_role(
            "button", name="Sign out"
        ).click()
        _signed_in_as(page, None)
        page.wait_for_function(f"!document.cookie.includes('{SESSION_COOKIE}=')")
        assert _session_cookie(context) is None
        page.reload()
        expect(page.get_by_role("heading", name="Dolores A. Whitcomb")).to_be_visible()
        _signed_in_as(page, None)
        # the signed-out token, presented again, signs nobody in (revoked on the server)
        context.add_cookies([{"name": SESSION_COOKIE, "value": token, "url": server.url}])
        page.reload()
        expect(page.get_by_role("heading", name="Dolores A. Whitcomb")).to_be_visible()
        _signed_in_as(page, None)
        page.wait_for_function(f"!document.cookie.includes('{SESSION_COOKIE}=')")  # cleared
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "failure.png"), full_page=True)
        raise
    finally:
        context.close()

    data = json.loads(record_path.read_text(encoding="utf-8"))
    ok, message = verify_data(data)
    assert ok, message
    record = AuditRecord.model_validate(data)
    assert record.overall == "met"  # the tool's, unchanged
    assert {f.rule_id: f.status.value for f in record.findings}[WEEKLY] == "met"
    assert record.reviewer_outcome is not None and record.reviewer_outcome.overall == "not_met"
    assert [(a.reviewer, a.action, a.rule_id) for a in record.reviewer_actions] == [
        ("rn.rivera", "override", WEEKLY),
        ("rn.rivera", "accept", DIAGNOSIS),
        ("rn.rivera", "note", DIAGNOSIS),
    ]
    verified = subprocess.run(
        [sys.executable, "-m", "cli.main", "verify", str(record_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert verified.returncode == 0, verified.stdout + verified.stderr
    summary = md_path.read_text(encoding="utf-8")
    assert "- Outcome: **Not met** (the tool recommended Met; rn.rivera changed 1 finding)" in (
        summary
    )
    assert "Reviewer: **Not met** (overridden by rn.rivera; the tool recommended Met)." in summary
    assert "the documents were read by the offline reader" in summary

    # two reviewers on one case: the later action on a changed case is refused, none lost
    case_url = f"{server.url}/?case={ids['Kaden M. Verhoeven']}"
    first = browser.new_context(viewport=VIEWPORT)
    second = browser.new_context(viewport=VIEWPORT)
    a, b = first.new_page(), second.new_page()
    for p, who in ((a, "rn.ames"), (b, "dr.boyd")):
        p.set_default_timeout(90_000)
        p.goto(case_url)
        expect(p.get_by_role("heading", name="Kaden M. Verhoeven")).to_be_visible()
        _sign_in(p, who)
    try:
        # B writes a note but has not saved it yet; A saves one meanwhile
        _open_finding(b, SAFETY)
        b_box = _key(b, f"why:{SAFETY}").locator("input")
        b_box.fill("Dr Boyd: risk plan reviewed with the family.")
        b_box.press("Tab")
        _idle(b)
        _act(a, SAFETY, "note", "RN Ames: guardian called back.")
        expect(a.get_by_text("Note saved.")).to_be_visible()
        _key(b, f"note:{SAFETY}").locator("button").first.click()
        _idle(b)
        refusal = b.get_by_text("rn.ames acted on this case since you opened it", exact=False)
        expect(refusal).to_be_visible()
        expect(refusal).to_have_text(
            "Not saved: rn.ames acted on this case since you opened it: your note was not "
            "saved; the page now shows the case as it is: check it, then act again."
        )
        expect(b_box).to_have_value("Dr Boyd: risk plan reviewed with the family.")  # kept
        expect(b.get_by_text("RN Ames: guardian called back.", exact=False).first).to_be_visible()
        _key(b, f"why:{SAFETY}").scroll_into_view_if_needed()
        _shot(b, "7-refused-stale-action.png")
        # having seen A's note, B saves theirs
        _key(b, f"note:{SAFETY}").locator("button").first.click()
        _idle(b)
        expect(b.get_by_text("Note saved.")).to_be_visible()
        # rn.rivera's accept is labelled with rn.rivera's name for the others, not "you"
        safety = _key(b, f"exp:{SAFETY}").locator("summary").first
        expect(safety).to_contain_text("accepted by rn.rivera")
        expect(b.get_by_text("accepted by you", exact=False)).to_have_count(0)
        # B records a decision: it is the case's headline, the findings' overall and the
        # tool's recommendation beside it
        why = _key(b, "why:case").locator("input")
        why.scroll_into_view_if_needed()
        why.fill("Pend: ask for the school's IEP.")
        why.press("Tab")
        _idle(b)
        _key(b, "to:case").get_by_text("Insufficient evidence", exact=True).click()
        _idle(b)
        _key(b, "decision:case").locator("button").first.click()
        _idle(b)
        expect(b.get_by_text("Decision saved.")).to_be_visible()
        headline = b.get_by_role("heading", name="Decision: Insufficient evidence")
        expect(headline).to_be_visible()
        expect(b.get_by_text("Recorded by you:", exact=False)).to_be_visible()
        expect(b.get_by_text("The findings give Not met, as the tool recommended.")).to_be_visible()
        headline.scroll_into_view_if_needed()
        _shot(b, "8-decision-headline.png")
    except Exception:
        b.screenshot(path=str(ARTIFACTS / "failure.png"), full_page=True)
        raise
    finally:
        first.close()
        second.close()
    notes = [
        (who, reason)
        for who, action, rule, reason in _actions(server.data_dir, ids["Kaden M. Verhoeven"])
        if action == "note" and rule == SAFETY
    ]
    assert notes == [
        ("rn.rivera", "C-SSRS weekly, all negative."),
        ("rn.ames", "RN Ames: guardian called back."),
        ("dr.boyd", "Dr Boyd: risk plan reviewed with the family."),
    ]

    # no file name and no chart text in the server's log
    logged = server.log.read_text(errors="replace")
    assert token not in logged and PASSWORD not in logged
    quotes = {ev.quote for f in record.findings for ev in f.evidence if len(ev.quote) > 15}
    assert quotes and not [q for q in quotes if q in logged]
    for name in [UNREADABLE, "Kaden", "Verhoeven", "Whitcomb", *(p.name for p in complete)]:
        assert name not in logged, name
