"""Browser fixtures: one Chromium per test module, and a live server over the demo partnership.

Chromium is Debian's (/usr/bin/chromium, or HEARTH_CHROMIUM); Playwright never downloads one.
The live server is started per test module over `demo_data` (seeded once, committed), and every
browser test runs in its own database transaction (`django_db`), so the module's tests see the
same demo partnership however xdist spreads them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("HEARTH_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="module")
def playwright_runtime() -> Iterator[Any]:
    """Playwright for one test module (starting it and Chromium takes well under a second).

    Not session-wide on purpose: while Playwright's synchronous API is running it leaves an
    event loop marked as running on the test thread, so Django refuses ORM calls there unless
    DJANGO_ALLOW_ASYNC_UNSAFE is set. Both last only as long as the browser module, so no other
    test (or subprocess such as `manage.py check --deploy`) sees either.
    """
    os.environ["PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD"] = "1"
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    manager = sync_playwright().start()
    try:
        yield manager
    finally:
        manager.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def browser(playwright_runtime: Any) -> Iterator[Any]:
    """Headless Debian Chromium, shared by every test (and context) of the module."""
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    chromium = playwright_runtime.chromium.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
    )
    try:
        yield chromium
    finally:
        chromium.close()


@dataclass(frozen=True)
class LiveSite:
    url: str


@pytest.fixture(scope="module")
def live_site(browser: Any, demo_data: None) -> Iterator[LiveSite]:
    """A threaded server on a free port over the demo data; static files served from finders.

    Playwright starts first on purpose: once its event loop runs on the test thread, Django
    hands that thread a different database connection (connections are per thread, and per
    context in a thread with a running loop). The server must share the connection the tests'
    transactions will use, so it is picked only after Playwright is up.
    """
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.db import connections
    from django.test.testcases import LiveServerThread
    from django.test.utils import modify_settings

    # An in-memory SQLite test database exists only in this connection, so the server borrows it.
    shared = {
        conn.alias: conn
        for conn in connections.all()
        if conn.vendor == "sqlite" and conn.is_in_memory_db()
    }
    for conn in shared.values():
        conn.inc_thread_sharing()
    thread = LiveServerThread(
        "127.0.0.1", static_handler=StaticFilesHandler, connections_override=shared, port=0
    )
    thread.daemon = True
    allowed = modify_settings(ALLOWED_HOSTS={"append": "127.0.0.1"})
    allowed.enable()
    thread.start()
    thread.is_ready.wait()
    try:
        if thread.error:
            raise thread.error
        yield LiveSite(url=f"http://127.0.0.1:{thread.port}")
    finally:
        thread.terminate()
        allowed.disable()
        for conn in shared.values():
            conn.dec_thread_sharing()


@pytest.fixture
def new_context(browser: Any) -> Iterator[Any]:
    """Make browser contexts (one per signed-in user); all are closed after the test."""
    made: list[Any] = []

    def make(**options: Any) -> Any:
        options.setdefault("viewport", {"width": 1280, "height": 900})
        options.setdefault("locale", "en-GB")
        context = browser.new_context(**options)
        context.set_default_timeout(15_000)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()
