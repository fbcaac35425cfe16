#!/usr/bin/env python3
"""One entry point for a fresh machine that has only Python 3.11+.

`python3 dev.py demo` and `python3 dev.py test` create `.venv`, install the project with pinned
versions (again only when pyproject.toml or constraints.txt changed), and then run the portal's demo
or the whole check suite. Kept free of third-party imports on purpose: it must run before anything
is installed.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import urllib.request
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".installed"
VENDOR = ROOT / "portal" / "web" / "static" / "vendor"
REGISTRY = os.environ.get("NPM_CONFIG_REGISTRY", "https://registry.npmjs.org").rstrip("/")


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "constraints.txt"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_venv() -> None:
    if not (BIN / "python").exists():
        print("dev.py: creating .venv", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if STAMP.exists() and STAMP.read_text() == _fingerprint():
        return
    print("dev.py: installing the portal and its tools into .venv", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
    subprocess.run(
        [*pip, "install", "-c", str(ROOT / "constraints.txt"), "-e", f"{ROOT}[dev]"], check=True
    )
    STAMP.write_text(_fingerprint())


def ensure_frontend() -> None:
    """The pages' front-end packages (htmx, NL Design System CSS) from the npm registry, without
    needing Node: the files package.json names under rmcPortal.serve, taken from each package's
    tarball after checking it against package-lock.json's sha512 integrity."""
    manifest = json.loads((ROOT / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    stamp = VENDOR / ".installed"
    wanted = json.dumps(
        {
            name: [lock[f"node_modules/{name}"]["integrity"], *files]
            for name, files in manifest["rmcPortal"]["serve"].items()
        }
    )
    if stamp.exists() and stamp.read_text() == wanted:
        return
    for name, files in manifest["rmcPortal"]["serve"].items():
        entry = lock[f"node_modules/{name}"]
        url = entry.get("resolved") or (
            f"{REGISTRY}/{name}/-/{name.rsplit('/', 1)[-1]}-{entry['version']}.tgz"
        )
        print(f"dev.py: fetching {name}@{entry['version']}", flush=True)
        if not url.startswith("https://"):
            raise SystemExit(f"dev.py: refusing to fetch {name} from {url} (https only)")
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - https checked
            tarball = response.read()
        algorithm, _, expected = entry["integrity"].partition("-")
        actual = base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode()
        if actual != expected:
            raise SystemExit(f"dev.py: {name}@{entry['version']} does not match package-lock.json")
        with tarfile.open(fileobj=io.BytesIO(tarball)) as archive:
            for file in files:
                member = archive.extractfile(f"package/{file}")
                if member is None:
                    raise SystemExit(f"dev.py: {name} has no {file}")
                target = VENDOR / name / file
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(member.read())
    stamp.write_text(wanted)


def run(*cmd: str) -> int:
    print("$", " ".join(cmd), flush=True)
    return subprocess.run([str(BIN / cmd[0]), *cmd[1:]], cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"demo", "test", "lint", "install"}:
        print("usage: python3 dev.py demo | test [pytest args] | lint | install", file=sys.stderr)
        return 2
    ensure_venv()
    ensure_frontend()
    command, rest = argv[0], argv[1:]
    if command == "install":
        return 0
    if command == "demo":
        return run("rmc-portal", "demo", *rest)
    if command in {"lint", "test"}:
        for step in (
            ("ruff", "check", "."),
            ("ruff", "format", "--check", "."),
            ("mypy",),
            ("lint-imports",),
        ):
            if (code := run(*step)) != 0:
                return code
        if command == "lint":
            return 0
    return run("pytest", *rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
