"""Fixtures for real-browser tests.

Playwright's sync API drives Debian's ``/usr/bin/chromium`` (never a
downloaded browser) against a real ``streamlit run app.py`` server started
from the repository root.

Fixtures
--------
``app_server`` (module)  running app; ``.url``, ``.port``, ``.data_dir``,
                          ``.log_path``, ``.restart()``, ``.kill()`` (SIGKILL,
                          ``.start()`` again), ``.log_tail()``
``browser`` (session)    a headless Chromium ``Browser``
``page`` (function)      a fresh ``Page`` in its own context, 1400x1000
``app_page`` (function)  ``page`` already opened on ``app_server.url`` and
                          waited for with ``wait_for_app``

Helpers (import in a test module with ``from .conftest import shot, wait_for_app``)
--------------------------------------------------------------------------------
``wait_for_app(page, timeout=30_000)``  block until Streamlit finished its run
``shot(page, name)``                     full-page PNG in tests/artifacts/

Every test below tests/browser/ gets the ``browser`` marker automatically.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = REPO_ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--no-proxy-server",
]
VIEWPORT = {"width": 1400, "height": 1000}
LOCALE = "nl-NL"  # navigator.language, i.e. what st.context.locale reports
SERVER_START_TIMEOUT_S = 60.0

_BROWSER_DIR = Path(__file__).resolve().parent


# --------------------------------------------------------------------------
# markers


def pytest_collection_modifyitems(config, items):
    for item in items:
        try:
            Path(str(item.path)).resolve().relative_to(_BROWSER_DIR)
        except ValueError:
            continue
        item.add_marker(pytest.mark.browser)


# Remember each phase's report on the item so fixtures can react to failures.
@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, f"_kp_rep_{rep.when}", rep)


# --------------------------------------------------------------------------
# helpers


def _safe_name(name: str) -> str:
    keep = "-_."
    return "".join(c if c.isalnum() or c in keep else "_" for c in name)[:150]


def shot(page, name: str) -> Path:
    """Save a screenshot of the whole page to tests/artifacts/<name>.png; return the path.

    Streamlit scrolls inside its main container, so a full-page screenshot holds
    only the first screen: the viewport grows to the page's height for the shot.
    """
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS_DIR / f"{_safe_name(name)}.png"
    viewport = page.viewport_size or VIEWPORT
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight ?? 0")
    page.set_viewport_size({"width": viewport["width"], "height": min(max(viewport["height"], height), 6000)})
    wait_for_app(page)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(viewport)
    return path


def assert_no_exception(page) -> None:
    """No Streamlit exception box on the page (its text in the failure message)."""
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, "exception box:\n" + "\n---\n".join(exceptions.all_inner_texts())


# The app is idle when: the root is mounted, the websocket is connected, the
# script-run state reported on the root element is "notRunning" (or a
# compile error, which also ends a run), no running indicator is shown, no
# element of the previous run is still marked stale, and no lazily loaded
# element is still a skeleton placeholder.  ``data-test-script-state`` is
# "initial" before the first run, so a fresh page never counts as idle.
_APP_STATE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return {
    app: !!app,
    connection: app ? app.getAttribute('data-test-connection-state') : null,
    script: app ? app.getAttribute('data-test-script-state') : null,
    runningIcon: !!document.querySelector('[data-testid="stStatusWidgetRunningIcon"]'),
    stale: document.querySelectorAll('[data-stale="true"]').length,
    skeletons: document.querySelectorAll('[data-testid="stSkeleton"]').length,
  };
}"""

_APP_IDLE_JS = (
    "() => { const s = (" + _APP_STATE_JS + ")();"
    " return s.app && s.connection === 'CONNECTED'"
    " && (s.script === 'notRunning' || s.script === 'compilationError')"
    " && !s.runningIcon && s.stale === 0 && s.skeletons === 0; }"
)


# Counts the script runs the page has started (the root's script state turning to "running"),
# so that an interaction can wait for the run it asked for to start, however slow the machine.
_COUNT_RUNS_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!window.__kpRuns) {
    window.__kpRuns = {count: 0};
    new MutationObserver(() => {
      if (app.getAttribute('data-test-script-state') === 'running') window.__kpRuns.count += 1;
    }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
  }
  return window.__kpRuns.count;
}"""


def commit(field, page, key: str = "Enter", timeout: float = 5_000, app_timeout: float = 30_000) -> None:
    """Press ``key`` in ``field`` (a text entry: Enter or Tab commits it) and wait until the run it
    asks for has started and finished. ``wait_for_app`` alone gives a run 150 ms to start, which a
    loaded machine can miss: the page was then read before the entry was applied. A press that
    asks for no run (the field unchanged) waits ``timeout`` and goes on."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    runs = page.evaluate(_COUNT_RUNS_JS)
    field.press(key)
    try:
        page.wait_for_function(f"() => window.__kpRuns.count > {runs}", timeout=timeout, polling=20)
    except PlaywrightTimeoutError:
        pass
    wait_for_app(page, timeout=app_timeout)


def wait_for_app(page, timeout: float = 30_000, settle_ms: int = 150) -> None:
    """Wait until Streamlit has finished (re)running the script.

    Call after ``page.goto`` and after every interaction that triggers a
    rerun.  ``settle_ms`` gives a just-triggered rerun time to start, and the
    idle state must still hold ``settle_ms`` later (two consecutive checks).
    Raises AssertionError with the observed state on timeout.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    deadline = time.monotonic() + timeout / 1000.0

    def remaining_ms() -> float:
        return max(1.0, (deadline - time.monotonic()) * 1000.0)

    try:
        page.wait_for_selector('[data-testid="stApp"]', state="attached", timeout=remaining_ms())
    except PlaywrightTimeoutError:
        raise AssertionError(f"Streamlit root [data-testid=stApp] never appeared at {page.url}") from None
    page.wait_for_timeout(settle_ms)
    while True:
        try:
            page.wait_for_function(_APP_IDLE_JS, timeout=remaining_ms(), polling=50)
        except PlaywrightTimeoutError:
            state = page.evaluate(_APP_STATE_JS)
            raise AssertionError(f"Streamlit app still busy after {timeout:.0f} ms at {page.url}: {state}") from None
        page.wait_for_timeout(settle_ms)
        if page.evaluate(_APP_IDLE_JS):
            return
        if time.monotonic() >= deadline:
            state = page.evaluate(_APP_STATE_JS)
            raise AssertionError(f"Streamlit app never settled within {timeout:.0f} ms at {page.url}: {state}")


# --------------------------------------------------------------------------
# the app server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Direct connection: never route 127.0.0.1 through an http_proxy from the env.
_NO_PROXY_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class AppServer:
    """A ``streamlit run`` subprocess in its own process group."""

    def __init__(
        self,
        script: Path,
        data_dir: Path,
        log_path: Path,
        port: int | None = None,
        cwd: Path = REPO_ROOT,
        python: str = sys.executable,
        extra_env: dict[str, str] | None = None,
    ) -> None:
        self.script = Path(script)
        self.data_dir = Path(data_dir)
        self.log_path = Path(log_path)
        self.port = port or _free_port()
        self.cwd = Path(cwd)
        self.python = python
        self.extra_env = dict(extra_env or {})
        self.proc: subprocess.Popen | None = None
        self.starts = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def health_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/_stcore/health"

    def command(self) -> list[str]:
        return [
            self.python, "-m", "streamlit", "run", str(self.script),
            "--server.port", str(self.port),
            "--server.address", "127.0.0.1",
            "--server.headless", "true",
            "--server.fileWatcherType", "none",
            "--browser.gatherUsageStats", "false",
        ]  # fmt: skip

    def log_tail(self, lines: int = 60) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])

    def healthy(self) -> bool:
        try:
            with _NO_PROXY_OPENER.open(self.health_url, timeout=2) as resp:
                return resp.status == 200 and resp.read().strip() == b"ok"
        except OSError:
            return False

    def start(self, timeout: float = SERVER_START_TIMEOUT_S) -> None:
        if self.proc is not None and self.proc.poll() is None:
            raise RuntimeError("app server already running")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        env = os.environ.copy()
        env.update(
            KRUISPUNT_DATA_DIR=str(self.data_dir),
            PYTHONUNBUFFERED="1",
            STREAMLIT_BROWSER_GATHER_USAGE_STATS="false",
        )
        env.update(self.extra_env)
        self.starts += 1
        with open(self.log_path, "a", encoding="utf-8") as log:
            log.write(f"\n===== start #{self.starts}: {' '.join(self.command())}\n")
            log.flush()
            self.proc = subprocess.Popen(
                self.command(),
                cwd=self.cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                rc = self.proc.returncode
                self.proc = None
                pytest.fail(
                    f"streamlit exited with code {rc} before becoming healthy "
                    f"(log {self.log_path}):\n{self.log_tail()}",
                    pytrace=False,
                )
            if self.healthy():
                return
            time.sleep(0.25)
        self.stop()
        pytest.fail(
            f"streamlit did not answer ok on {self.health_url} within {timeout:.0f} s "
            f"(log {self.log_path}):\n{self.log_tail()}",
            pytrace=False,
        )

    def stop(self, timeout: float = 10.0) -> None:
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if proc.poll() is None:
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(proc.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    proc.wait(timeout=timeout)
                    break
                except subprocess.TimeoutExpired:
                    continue
        # Reap any stragglers left in the group.
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        with open(self.log_path, "a", encoding="utf-8") as log:
            log.write(f"===== stopped (rc={proc.returncode})\n")

    def kill(self) -> None:
        """SIGKILL the server's process group at once, with no SIGTERM first: a crash, not a shutdown."""
        proc, self.proc = self.proc, None
        if proc is None:
            return
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=10)
        with open(self.log_path, "a", encoding="utf-8") as log:
            log.write(f"===== killed with SIGKILL (rc={proc.returncode})\n")

    def restart(self, timeout: float = SERVER_START_TIMEOUT_S) -> None:
        """Kill the server and start it again on the same port and data dir."""
        self.stop()
        self.start(timeout=timeout)


@pytest.fixture(scope="module")
def app_script() -> Path:
    """The Streamlit script ``app_server`` runs. Override per module if needed."""
    return REPO_ROOT / "app.py"


@pytest.fixture(scope="module")
def app_server(request, app_script, tmp_path_factory) -> Iterator[AppServer]:
    module = request.module.__name__.rsplit(".", 1)[-1]
    server = AppServer(
        script=app_script,
        data_dir=tmp_path_factory.mktemp(f"kruispunt-data-{module}"),
        log_path=ARTIFACTS_DIR / f"streamlit-{_safe_name(module)}.log",
    )
    if server.log_path.exists():
        server.log_path.unlink()
    server.start()
    try:
        yield server
    finally:
        server.stop()


# --------------------------------------------------------------------------
# the browser


@pytest.fixture(scope="session")
def _playwright():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"{CHROMIUM} is missing: browser tests need Debian's chromium "
            "(`make dev` installs it: apt-get install -y chromium).",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        yield pw
    finally:
        pw.stop()


@pytest.fixture(scope="session")
def browser(_playwright):
    b = _playwright.chromium.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=CHROMIUM_ARGS,
    )
    try:
        yield b
    finally:
        b.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport=VIEWPORT, locale=LOCALE)
    context.set_default_timeout(30_000)
    pg = context.new_page()
    try:
        yield pg
    finally:
        rep = getattr(request.node, "_kp_rep_call", None)
        if rep is not None and rep.failed:
            try:
                shot(pg, f"FAILED-{request.node.name}")
            except Exception:  # the page may be gone; keep the real failure
                pass
        context.close()


@pytest.fixture
def app_page(app_server, page):
    """``page`` opened on the app root, after the first run has finished."""
    page.goto(app_server.url)
    wait_for_app(page)
    return page
