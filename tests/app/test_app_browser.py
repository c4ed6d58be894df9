"""The workspace in a real browser: Streamlit served headless, driven by Playwright on
Debian's Chromium. Upload a chart, wait for the checklist, override a finding with a
reason, export, and check the downloaded record. Screenshots go to ``artifacts/browser/``.

Set-up installs what it can (apt ``chromium`` when running as root with apt-get) and skips
with the reason otherwise; ``playwright`` is a pinned dev dependency.
"""

from __future__ import annotations

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
from pathlib import Path
from typing import Any

import pytest

from audit.record import load_record, verify_data

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "medicare-iop-gaps"
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


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "app.py"),
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
                # other edits to the repo must not trigger reruns mid-test
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start:\n{log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    # the server's log must hold no chart text
    logged = log.read_text(errors="replace")
    assert "Client will work on improving" not in logged


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
    """Wait until the script is not running (a click during a rerun can be dropped)."""
    from playwright.sync_api import expect

    app = page.locator('[data-testid="stApp"]')
    expect(app).to_have_attribute("data-test-script-state", re.compile("notRunning|initial"))


def test_upload_review_override_export(app_url: str, browser: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    expect.set_options(timeout=90_000)

    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    context = browser.new_context(viewport={"width": 1400, "height": 3000}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(app_url)
        expect(page.get_by_role("heading", name="Reviewer workspace")).to_be_visible()
        sidebar = page.locator('section[data-testid="stSidebar"]')
        files = sorted(str(p) for p in EXAMPLE.iterdir() if p.is_file())
        sidebar.locator('input[type="file"]').first.set_input_files(files)
        # each uploaded file is listed with its size once its upload has finished
        sizes = sidebar.get_by_text(re.compile(r"^\d+(\.\d+)?\s?[KM]?B$"))
        expect(sizes).to_have_count(len(files))
        _idle(page)
        sidebar.get_by_role("button", name="Review chart").click()
        expect(page.get_by_role("heading", name="Checklist")).to_be_visible()
        expect(page.get_by_text("Overall: Not met")).to_be_visible()
        expect(page.get_by_text(f"{len(files)} documents read", exact=False)).to_be_visible()
        expect(page.locator("mark#evidence-span").first).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / "1-checklist.png"))

        _idle(page)
        page.get_by_label("Reviewer name").fill("RN Rivera")
        page.get_by_label("Reviewer name").press("Enter")
        _idle(page)
        page.locator('[data-testid="stRadio"]').get_by_text("override", exact=True).click()
        reason = page.get_by_label("Reason for the override (required)")
        expect(reason).to_be_visible()
        # without a reason: refused
        _idle(page)
        page.get_by_role("button", name="Record action").click()
        expect(page.get_by_text("an override needs a reason")).to_be_visible()
        reason.fill("Recertification faxed 03/04 is in the chart; interval is within 60 days.")
        reason.press("Control+Enter")
        _idle(page)
        page.get_by_role("button", name="Record action").click()
        expect(page.get_by_text("Recorded override of")).to_be_visible()
        expect(page.get_by_text("overridden to Met")).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / "2-overridden.png"))

        with page.expect_download() as info:
            page.get_by_role("button", name="Download audit record (JSON)").click()
        target = ARTIFACTS / "exported-record.json"
        info.value.save_as(str(target))
        with page.expect_download() as md_info:
            page.get_by_role("button", name="Download summary (Markdown)").click()
        md_target = ARTIFACTS / "exported-summary.md"
        md_info.value.save_as(str(md_target))
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "failure.png"))
        raise
    finally:
        context.close()

    data = json.loads(target.read_text(encoding="utf-8"))
    ok, message = verify_data(data)
    assert ok, message
    [action] = data["reviewer_actions"]
    assert action["action"] == "override"
    assert action["reviewer"] == "RN Rivera"
    assert action["new_status"] == "met"
    assert action["reason"].startswith("Recertification faxed 03/04")
    assert data["previous_record_sha256"] is not None
    assert {d["filename"] for d in data["documents"]} == {Path(f).name for f in files}
    assert load_record(target).reviewer_actions[0].rule_id == action["rule_id"]
    assert "overridden to met" in md_target.read_text(encoding="utf-8")
