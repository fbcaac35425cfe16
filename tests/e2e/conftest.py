"""A live portal (uvicorn on a free port, demo mode) and Debian's Chromium driven by Playwright.

Browser tests skip, saying why, on a machine without Chromium (a fresh machine has only Python);
CI installs Chromium and sets RMC_REQUIRE_BROWSER=1, so there a missing browser fails the run.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import msgspec
import pytest
import uvicorn
from playwright.sync_api import Page

from portal.app import create_app
from portal.settings import Settings

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    return (
        os.environ.get("RMC_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


@pytest.fixture(scope="session")
def browser_executable() -> str:
    path = chromium_path()
    if path is None:
        if os.environ.get("RMC_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required here (RMC_REQUIRE_BROWSER=1) but not installed")
        pytest.skip("no Chromium on this machine: apt-get install chromium to run browser tests")
    return path


@pytest.fixture(scope="session")
def live_url(settings: Settings, admin_dsn: str) -> Iterator[str]:
    """The portal in demo mode in a thread of its own (own event loop, own pool)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    demo = msgspec.structs.replace(
        settings, environment="demo", base_url=f"http://127.0.0.1:{port}"
    )
    server = uvicorn.Server(
        uvicorn.Config(create_app(demo), host="127.0.0.1", port=port, log_config=None)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/ready", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    else:
        raise RuntimeError("live server did not become ready")
    yield url
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


UITSTEKEND = """() => {
    const breed = document.documentElement.clientWidth;
    const uit = [];
    for (const e of document.querySelectorAll('body *')) {
        if (e.parentElement && e.parentElement.closest('.table-scroll')) continue;
        const r = e.getBoundingClientRect();
        if (r.width > 0 && r.right > breed + 1)
            uit.push(`${e.tagName.toLowerCase()}.${e.className} (${Math.round(r.right)} px)`);
    }
    return uit.slice(0, 8);
}"""


def assert_reflows(page: Page, breedte: int = 390) -> None:
    """WCAG 1.4.10: at `breedte` CSS px the page does not scroll sideways; a wide table may scroll
    inside its own container (`.table-scroll`)."""
    page.set_viewport_size({"width": breedte, "height": 844})
    assert page.evaluate(UITSTEKEND) == [], page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= breedte, page.url
