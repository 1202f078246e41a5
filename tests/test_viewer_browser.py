"""`swebench-mm view` as a person uses it: the real command serving on a free port, driven in headless
Chromium through Playwright. No Docker: the runs are written by the project's writers (tests/viewer_runs.py).

Set SWEBENCH_MM_DOCS_SCREENSHOT=docs/viewer.png to refresh the README's screenshot from this test."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from viewer_runs import IDS, SCRIPT_INJECTION, make_runs

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-dev-shm-usage"]
A, B, C = IDS


@pytest.fixture
def viewer(tmp_path: Path):
    """The real `swebench-mm view --port 0` in a process of its own; yields the URL it printed."""
    runs_dir = tmp_path / "runs"
    make_runs(runs_dir)
    process = subprocess.Popen([sys.executable, "-m", "swebench_mm.cli", "view", "--runs-dir", str(runs_dir),
                                "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline, line = time.monotonic() + 30, ""
        while time.monotonic() < deadline:
            if not select.select([process.stdout], [], [], max(0.0, deadline - time.monotonic()))[0]:
                continue  # nothing printed yet: the loop ends at the deadline instead of blocking
            line = process.stdout.readline()
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if match:
                break
            if process.poll() is not None:
                pytest.fail(f"view exited: {line}{process.stdout.read()}")
        else:
            pytest.fail("view printed no URL within 30 s")
        assert "viewing 3 run(s)" in line
        yield match.group(0)
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_viewer_in_a_browser(viewer, tmp_path):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        requests, errors = [], []
        page.on("request", lambda request: requests.append(request.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

        response = page.goto(viewer)
        assert response.ok and "script-src" not in response.headers["content-security-policy"]
        assert "default-src 'none'" in response.headers["content-security-policy"]
        assert page.locator("#instances tr.row").count() == 7
        assert page.locator("#runs").inner_text().count("\n") == 3  # header and three runs

        # filters: a drop-down, then a search of the trajectories
        page.select_option("select[name=status]", "resolved")
        page.click("#filters button")
        rows = page.locator("#instances tr.row")
        assert rows.count() == 3 and all("resolved" in rows.nth(n).inner_text() for n in range(3))
        page.select_option("select[name=status]", "")
        page.select_option("select[name=repo]", "glowcode/highlight")
        page.click("#filters button")
        assert page.locator("#instances tr.row").count() == 3
        page.goto(viewer)
        page.fill("input[name=q]", "window.__pwned = 2")
        page.press("input[name=q]", "Enter")
        page.wait_for_url(re.compile(r"q=window"))
        assert page.locator("#instances tr.row").count() == 1
        assert "window.__pwned = 2" in page.locator(".hit mark").inner_text()
        page.screenshot(path=str(tmp_path / "search.png"))

        # one trajectory: the issue image and the agent's screenshot load, the injected markup is text
        page.locator("#instances tr.row a.open").first.click()
        page.wait_for_url(re.compile(rf"/run/0/{A}$"))
        page.wait_for_load_state("load")
        images = page.locator("img.shot")
        assert images.count() >= 3  # issue image, the prompt's issue image, the step's screenshot
        widths = images.evaluate_all("imgs => imgs.map(i => i.complete ? i.naturalWidth : -1)")
        page.locator("details.prompt > summary").click()
        assert all(w > 0 for w in widths), widths
        assert page.locator(".step").count() == 4
        assert page.locator(".step img.shot").first.evaluate("i => i.naturalWidth") == 320
        assert page.locator(".issue-image").first.evaluate("i => i.naturalWidth") > 0
        assert SCRIPT_INJECTION in page.locator(".step").first.inner_text()
        assert page.locator(".step img").count() == 1  # the <img onerror> in the thought is not an element
        assert page.locator("pre.diff .add").count() >= 1 and page.locator("pre.diff .del").count() >= 1
        assert page.evaluate("window.__pwned") is None and page.title() != "pwned"
        page.screenshot(path=str(tmp_path / "trajectory.png"), full_page=True)

        # a traversal attempt through the image route gets nothing
        for path in ("../../../../../../../../etc/passwd", "../../agent-b/report.json"):
            assert page.request.get(f"{viewer}image/0/{A}?path={path}").status == 404

        # the killed run's trajectory shows the steps saved before it stopped
        page.goto(f"{viewer}run/2/{B}")
        assert "still running, or stopped" in page.locator(".running").inner_text()
        assert page.locator(".step").count() == 2

        # side by side
        page.goto(viewer)
        page.locator(f'#instances tr.row[data-instance="{A}"] a.compare').first.click()
        page.wait_for_url(re.compile(rf"/compare/{A}"))
        columns = page.locator(".side-by-side .column")
        assert columns.count() == 2
        assert "agent-a" in columns.nth(0).inner_text() and "agent-b" in columns.nth(1).inner_text()
        assert "patch_failed" in columns.nth(1).inner_text()
        page.select_option("select[name=b]", "2")
        page.click("#pick button")
        assert "killed" in page.locator(".side-by-side .column").nth(1).inner_text()
        assert page.evaluate("window.__pwned") is None
        page.goto(f"{viewer}compare/{A}")
        page.screenshot(path=str(tmp_path / "compare.png"))

        # the README's screenshot: an instance of a run, the issue beside the trajectory
        docs = os.environ.get("SWEBENCH_MM_DOCS_SCREENSHOT")
        if docs:
            page.set_viewport_size({"width": 1400, "height": 1100})
            page.goto(f"{viewer}run/0/{C}")
            page.screenshot(path=docs)
        browser.close()

    assert not errors, errors
    assert all(url.startswith(viewer) for url in requests), [u for u in requests if not u.startswith(viewer)]
