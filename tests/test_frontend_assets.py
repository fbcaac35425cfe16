"""The pages' front-end packages come from the npm registry through `dev.py install`, pinned by
package-lock.json; the app serves exactly the files package.json names, revalidated by the browser."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def _served() -> list[tuple[str, str]]:
    manifest = json.loads((ROOT / "package.json").read_text())
    return [
        (name, file) for name, files in manifest["rmcPortal"]["serve"].items() for file in files
    ]


def test_every_served_package_is_pinned_with_an_integrity_hash() -> None:
    manifest = json.loads((ROOT / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    for name in manifest["rmcPortal"]["serve"]:
        entry = lock[f"node_modules/{name}"]
        assert entry["version"] == manifest["dependencies"][name]  # exact, no range
        algorithm, _, digest = entry["integrity"].partition("-")
        assert algorithm == "sha512"
        assert len(base64.b64decode(digest)) == hashlib.sha512().digest_size


async def test_the_vendor_files_are_served_and_revalidated(client: httpx.AsyncClient) -> None:
    for name, file in _served():
        response = await client.get(f"/static/vendor/{name}/{file}")
        assert response.status_code == 200, (name, file)
        assert len(response.content) > 10_000
        assert response.headers["cache-control"] == "no-cache"
        expected = "javascript" if file.endswith(".js") else "text/css"
        assert expected in response.headers["content-type"]
    logo = await client.get("/static/logos/0479.svg")
    assert logo.status_code == 200
    assert b"Gemeente Zaanstad" in logo.content


async def test_the_login_page_loads_them_under_a_strict_csp(client: httpx.AsyncClient) -> None:
    page = await client.get("/auth/login")
    assert page.status_code == 200
    for name, file in _served():
        assert f"/static/vendor/{name}/{file}" in page.text
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert '"allowEval": false' in page.text  # htmx without eval under that policy
