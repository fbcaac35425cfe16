#!/usr/bin/env python3
"""One entry point for a fresh machine that has only Python 3.11+.

`python3 dev.py demo` and `python3 dev.py test` create `.venv`, install the project with pinned
versions (again only when pyproject.toml or constraints.txt changed), and then run the portal's demo
or the whole check suite. Kept free of third-party imports on purpose: it must run before anything
is installed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".installed"


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


def run(*cmd: str) -> int:
    print("$", " ".join(cmd), flush=True)
    return subprocess.run([str(BIN / cmd[0]), *cmd[1:]], cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"demo", "test", "lint", "install"}:
        print("usage: python3 dev.py demo | test [pytest args] | lint | install", file=sys.stderr)
        return 2
    ensure_venv()
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
        ):
            if (code := run(*step)) != 0:
                return code
        if command == "lint":
            return 0
    return run("pytest", *rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
