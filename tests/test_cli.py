"""The CLI as an operator uses it: real processes, one-line errors, non-zero exit on bad input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def run(*args: str, admin_dsn: str, data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith("RMC_") and k != "DATABASE_URL"
    }
    environment.update(
        {"DATABASE_URL": admin_dsn, "RMC_DATA_DIR": str(data_dir), "RMC_LOG_LEVEL": "WARNING"}
    )
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "portal", *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


@pytest.fixture
def cli(admin_dsn: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    def call(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return run(*args, admin_dsn=admin_dsn, data_dir=tmp_path, **env)

    return call


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["users", "add", "--email", "a@b.nl", "--tenant", "0363", "--role", "burgemeester"],
            "onbekende rol",
        ),
        (
            [
                "users",
                "add",
                "--email",
                "a@b.nl",
                "--tenant",
                "9999",
                "--role",
                "school",
                "--brin",
                "20AA",
            ],
            "hoort niet bij de regio",
        ),
        (
            ["users", "add", "--email", "geen-mail", "--tenant", "0363", "--role", "school"],
            "geen geldig e-mailadres",
        ),
        (["users", "add", "--email", "a@b.nl", "--tenant", "0363", "--role", "school"], "--brin"),
        (
            [
                "users",
                "add",
                "--email",
                "a@b.nl",
                "--tenant",
                "0363",
                "--role",
                "school",
                "--brin",
                "20AA",
                "--boa",
            ],
            "--boa",
        ),
        (
            [
                "users",
                "add",
                "--email",
                "a@b.nl",
                "--tenant",
                "0363",
                "--role",
                "leerplichtambtenaar",
                "--team",
                "Mars",
            ],
            "team 'Mars' bestaat niet",
        ),
        (
            [
                "users",
                "add",
                "--email",
                "a@b.nl",
                "--tenant",
                "0363",
                "--role",
                "leerplichtambtenaar",
                "--telefoon",
                "bel mij",
            ],
            "telefoonnummer 'bel mij' klopt niet",
        ),
        (["token", "--email", "niemand@nergens.nl"], "geen actieve gebruiker"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_exit_1(cli, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    result = cli(*args)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("rmc-portal: ")
    assert message in lines[0]
    assert result.stdout == ""


def test_users_add_then_token_then_duplicate(cli) -> None:  # type: ignore[no-untyped-def]
    email = "lpa.cli@amsterdam.example.nl"
    added = cli(
        "users",
        "add",
        "--email",
        email,
        "--tenant",
        "0363",
        "--role",
        "leerplichtambtenaar",
        "--team",
        "Zuid",
        "--boa",
        "--telefoon",
        "020-552 3456",
        "--functie",
        "leerplichtambtenaar",
    )
    assert added.returncode == 0, added.stderr
    assert len(added.stdout.strip()) == 36  # the new user's id
    token = cli("token", "--email", email, "--ttl", "600")
    assert token.returncode == 0, token.stderr
    assert token.stdout.count(".") == 2
    again = cli(
        "users",
        "add",
        "--email",
        email.upper(),
        "--tenant",
        "0363",
        "--role",
        "school",
        "--brin",
        "20AA",
    )
    assert again.returncode == 1
    assert "bestaat al" in again.stderr


def test_token_and_demo_are_refused_in_production(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    key = tmp_path / "key.json"
    env = {
        "RMC_ENVIRONMENT": "production",
        "RMC_DB_APP_PASSWORD": "een-echt-geheim",
        "RMC_SIGNING_KEY_FILE": str(key),
    }
    for args in (["token", "--email", "x@y.nl"], ["demo"]):
        result = cli(*args, **env)
        assert result.returncode == 1
        assert "geweigerd in productie" in result.stderr
    insecure = cli("token", "--email", "x@y.nl", RMC_ENVIRONMENT="production")
    assert insecure.returncode == 1
    assert "RMC_DB_APP_PASSWORD" in insecure.stderr


def test_migrate_twice_and_audit_verify(cli) -> None:  # type: ignore[no-untyped-def]
    first = cli("migrate")
    assert first.returncode == 0, first.stderr
    assert "0 migratie(s) toegepast" in first.stderr
    verify = cli("audit", "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert verify.stdout.count("intact") == 6


def test_production_never_starts_the_embedded_database(tmp_path: Path) -> None:
    result = run(
        "migrate",
        admin_dsn="",
        data_dir=tmp_path,
        RMC_ENVIRONMENT="production",
        RMC_DB_APP_PASSWORD="geheim",
        RMC_SIGNING_KEY_FILE=str(tmp_path / "k.json"),
    )
    assert result.returncode == 1
    assert "DATABASE_URL is vereist in productie" in result.stderr
    assert not (tmp_path / "pg").exists()


def test_unreachable_database_is_one_line(tmp_path: Path) -> None:
    result = run("migrate", admin_dsn="postgresql://nobody@127.0.0.1:1/none", data_dir=tmp_path)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("rmc-portal: database")


def test_bad_setting_names_the_variable(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("migrate", RMC_SESSION_IDLE_SECONDS="lang")
    assert result.returncode == 1
    assert "session_idle_seconds" in result.stderr
