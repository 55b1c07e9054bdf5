"""Latency of the Comparison page's what-if controls in a real browser, against a floor.

In one run, in Debian's Chromium (Playwright):

1. the time from starting ``streamlit run app.py`` to the first page drawn;
2. the time from changing a what-if control on the Comparison page (the monthly
   cost of the dysfunction, a new value every time, so every change is a fresh
   simulation and not a cache hit) to all four charts being redrawn;
3. the same for the floor: a minimal Streamlit app with one number input and
   one Altair chart.

A change is timed from the Enter key (a capture-phase listener in the page
takes ``performance.now()``) until the script has finished and every chart's
drawing (its SVG) differs from before the change. Budget: median within 2x the floor,
90th percentile within 3x.

With ``--six`` the Comparison page shows a case with all six ways out (the partner-takeover
preset with the orderly-exit preset's exit deal added), as issue 14 asks: the same budget.

Usage: ``.venv/bin/python bench/latency.py [--repeats 15] [--six]``
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-proxy-server"]
VIEWPORT = {"width": 1400, "height": 1000}
WHATIF_INPUT = ".st-key-whatif-current-dysfunction_cost_per_month input"
FLOOR_INPUT = ".st-key-value input"
FLOOR_APP = textwrap.dedent(
    """
    import altair as alt
    import numpy as np
    import pandas as pd
    import streamlit as st

    value = st.number_input("Cost per month (€)", value=10000.0, step=1000.0, key="value")
    data = pd.DataFrame({"month": np.arange(60), "cost": np.arange(60) * value})
    st.altair_chart(alt.Chart(data).mark_line().encode(x="month:Q", y="cost:Q"), width="stretch")
    """
)

_IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')
    && document.querySelectorAll('[data-stale="true"]').length === 0;
}"""
# Streamlit draws Vega charts as SVG; a canvas (other renderer) is compared by its pixels.
_CANVASES_JS = (
    "() => [...document.querySelectorAll('[data-testid=\"stVegaLiteChart\"]')].map(chart => {"
    " const c = chart.querySelector('canvas'); const s = chart.querySelector('svg');"
    " return c ? c.toDataURL() : (s ? s.outerHTML : ''); })"
)
_ARM_JS = (
    "() => { window.__kpBefore = (" + _CANVASES_JS + ")(); window.__kpStart = null;"
    " if (!window.__kpListening) { window.__kpListening = true;"
    " document.addEventListener('keydown', e => { if (e.key === 'Enter') window.__kpStart = performance.now(); },"
    " true); } }"
)
_REDRAWN_JS = (
    "() => { if (window.__kpStart === null || !(" + _IDLE_JS + ")()) return false;"
    " const now = (" + _CANVASES_JS + ")(); const before = window.__kpBefore;"
    " if (now.length !== before.length || now.some((c, i) => c === before[i])) return false;"
    " window.__kpDone = performance.now(); return true; }"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``streamlit run`` in its own process group, stopped by its own id."""

    def __init__(self, script: Path, data_dir: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        env = dict(os.environ, KRUISPUNT_DATA_DIR=str(data_dir), STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none"],
            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip

    def wait_healthy(self, timeout: float = 60.0) -> None:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with opener.open(self.url + "_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"streamlit on port {self.port} did not start")

    def stop(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.proc.pid, signal.SIGKILL)


def wait_idle(page: Page) -> None:
    page.wait_for_timeout(150)
    page.wait_for_function(_IDLE_JS, timeout=60_000, polling=50)


def timed_changes(page: Page, selector: str, values: list[float], charts: int) -> list[float]:
    """Milliseconds from Enter in ``selector`` to every chart redrawn, once per value."""
    page.locator('[data-testid="stVegaLiteChart"]').nth(charts - 1).locator("svg, canvas").first.wait_for()
    wait_idle(page)
    times: list[float] = []
    field = page.locator(selector)
    for value in values:
        page.evaluate(_ARM_JS)
        field.fill(f"{value:.0f}")
        field.press("Enter")
        page.wait_for_function(_REDRAWN_JS, timeout=30_000, polling="raf")
        times.append(page.evaluate("() => window.__kpDone - window.__kpStart"))
        wait_idle(page)
        page.wait_for_timeout(300)
    return times


def whatif_values(repeats: int) -> list[float]:
    """Unique values with big jumps (every change is a new simulation that moves every chart)."""
    return [(20_000 + 2_000 * i) if i % 2 == 0 else (120_000 - 2_000 * i) for i in range(repeats)]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def six_options_case(data_dir: Path) -> str:
    """Store a case with all six ways out in the app's library; its id."""
    sys.path.insert(0, str(REPO))
    from decision.model.presets import load_preset
    from decision.store.library import FILE_NAME, Library

    case = load_preset("partner-takeover")
    case = case.model_copy(update={"exit_deal": load_preset("orderly-exit").exit_deal})
    return Library(data_dir / FILE_NAME).create(case).id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--six", action="store_true", help="a case with all six ways out")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
        page = context.new_page()

        started = time.perf_counter()
        app = Server(REPO / "app.py", Path(tmp) / "data")
        try:
            app.wait_healthy()
            healthy = time.perf_counter() - started
            page.goto(app.url)
            page.locator("h1").first.wait_for()
            wait_idle(page)
            first_page = time.perf_counter() - started

            query = f"&case={six_options_case(Path(tmp) / 'data')}" if args.six else ""
            page.goto(app.url + "comparison?lang=en" + query)
            app_times = timed_changes(page, WHATIF_INPUT, whatif_values(args.repeats), charts=4)
        finally:
            app.stop()

        floor_script = Path(tmp) / "floor.py"
        floor_script.write_text(FLOOR_APP, encoding="utf-8")
        floor = Server(floor_script, Path(tmp) / "floor-data")
        try:
            floor.wait_healthy()
            page.goto(floor.url)
            floor_times = timed_changes(page, FLOOR_INPUT, whatif_values(args.repeats), charts=1)
        finally:
            floor.stop()
        browser.close()

    app_median, app_p90 = statistics.median(app_times), percentile(app_times, 0.9)
    floor_median, floor_p90 = statistics.median(floor_times), percentile(floor_times, 0.9)
    print(f"start: server healthy after {healthy:.1f} s, first page drawn after {first_page:.1f} s")
    print("case: six ways out" if args.six else "case: the example (four ways out)")
    print(f"what-if -> 4 charts redrawn ({len(app_times)}x): median {app_median:.0f} ms, p90 {app_p90:.0f} ms")
    print(f"floor (1 input, 1 chart)   ({len(floor_times)}x): median {floor_median:.0f} ms, p90 {floor_p90:.0f} ms")
    median_ratio, p90_ratio = app_median / floor_median, app_p90 / floor_p90
    print(f"ratio median {median_ratio:.2f} (budget 2.0), p90 {p90_ratio:.2f} (budget 3.0)")
    within = median_ratio <= 2.0 and p90_ratio <= 3.0
    print("within budget" if within else "OVER BUDGET")
    return 0 if within else 1


if __name__ == "__main__":
    raise SystemExit(main())
