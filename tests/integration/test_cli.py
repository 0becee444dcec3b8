"""The `stempel` command as scripts call it: real process, real keyring, exit codes per DESIGN.md."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
import secretstorage

from app import __version__
from app.demo import fictitious_staff
from app.store import Store
from app.store.keyvault import SERVICE
from tests.offline_demo import ensure_demo_profile
from tests.secret_service import SecretService

ROOT = Path(__file__).resolve().parents[2]


def stempel(service: SecretService, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**service.env, "STEMPEL_PROFILE": str(profile), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def stempel_keys() -> set[str]:
    """Labels of every database key Stempel keeps in the test keyring."""
    with closing(secretstorage.dbus_init()) as conn:
        items = secretstorage.get_default_collection(conn).search_items({"service": SERVICE})
        return {item.get_attributes()["username"] for item in items}


@pytest.fixture
def demo_profile(real_keyring: SecretService, profile_dir: Path) -> Path:
    ensure_demo_profile(profile_dir)
    return profile_dir


def test_version_prints_the_package_version(real_keyring: SecretService, profile_dir: Path) -> None:
    done = stempel(real_keyring, profile_dir, "--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"stempel {__version__}"


def test_unknown_command_is_a_usage_error(real_keyring: SecretService, profile_dir: Path) -> None:
    done = stempel(real_keyring, profile_dir, "punch", "sideways")
    assert done.returncode == 2
    assert "invalid choice" in done.stderr


def test_punch_then_status_json_agree(real_keyring: SecretService, demo_profile: Path) -> None:
    staff = fictitious_staff()
    done = stempel(real_keyring, demo_profile, "punch", "in")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Clocked in ")
    status = json.loads(stempel(real_keyring, demo_profile, "status", "--json").stdout)
    assert status["employee"] == staff[0][0]
    assert status["state"] == "in"
    assert status["since"] is not None
    with Store.open(demo_profile) as store:
        assert status["pending_outbox"] == store.pending_count()


def test_refused_punch_exits_1_with_one_line(real_keyring: SecretService, demo_profile: Path) -> None:
    done = stempel(real_keyring, demo_profile, "punch", "out")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "not clocked in" in done.stderr


def test_profile_without_employee_says_what_to_do(real_keyring: SecretService, profile_dir: Path) -> None:
    done = stempel(real_keyring, profile_dir, "punch", "in")
    assert done.returncode == 1
    assert "stempel --demo" in done.stderr


def test_export_json_and_csv_hold_every_punch(real_keyring: SecretService, demo_profile: Path) -> None:
    me = fictitious_staff()[0][0]
    stempel(real_keyring, demo_profile, "punch", "in")
    as_json = stempel(real_keyring, demo_profile, "export", "--employee", me, "--format", "json")
    assert as_json.returncode == 0, as_json.stderr
    export = json.loads(as_json.stdout)
    with Store.open(demo_profile) as store:
        ids = [p.id for p in store.punches(me)]
    assert [p["id"] for p in export["punches"]] == ids
    assert export["display_name"] == fictitious_staff()[0][1]
    as_csv = stempel(real_keyring, demo_profile, "export", "--employee", me, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [r["id"] for r in rows] == ids


def test_export_of_missing_profile_fails_without_creating_one(
    real_keyring: SecretService, tmp_path: Path
) -> None:
    done = stempel(real_keyring, tmp_path / "none", "export", "--employee", "1001")
    assert done.returncode == 1
    assert not (tmp_path / "none" / "stempel.db").exists()


def test_rekey_command_keeps_the_data(real_keyring: SecretService, demo_profile: Path) -> None:
    me = fictitious_staff()[0][0]
    with Store.open(demo_profile) as store:
        before = [p.id for p in store.punches(me)]
    assert stempel(real_keyring, demo_profile, "rekey").returncode == 0
    with Store.open(demo_profile) as store:
        assert [p.id for p in store.punches(me)] == before


def test_self_check_passes_with_a_keyring_and_leaves_no_key_behind(
    real_keyring: SecretService, profile_dir: Path
) -> None:
    before = stempel_keys()
    done = stempel(real_keyring, profile_dir, "self-check")
    assert done.returncode == 0, done.stderr
    assert "ok: encrypted store and keyring" in done.stdout
    assert "ok: Qt offscreen" in done.stdout
    assert stempel_keys() == before


def test_self_check_fails_without_a_keyring(real_keyring: SecretService, profile_dir: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "self-check"],
        env={
            **real_keyring.env,
            "STEMPEL_PROFILE": str(profile_dir),
            "PYTHONPATH": str(ROOT),
            "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent",
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "keyring" in done.stderr


def test_demo_profile_is_seeded_once_with_fictitious_staff(
    real_keyring: SecretService, profile_dir: Path
) -> None:
    staff = ensure_demo_profile(profile_dir)
    with Store.open(profile_dir) as store:
        first = [p.id for p in store.punches(staff[0][0])]
        assert [(e.number, e.display_name) for e in store.employees()] == staff
    ensure_demo_profile(profile_dir)
    with Store.open(profile_dir) as store:
        assert [p.id for p in store.punches(staff[0][0])] == first


def test_locked_keyring_is_one_clear_line_and_the_file_is_untouched(
    real_keyring: SecretService, demo_profile: Path
) -> None:
    before = (demo_profile / "stempel.db").read_bytes()
    real_keyring.lock()
    done = stempel(real_keyring, demo_profile, "punch", "in")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "keyring is locked" in done.stderr
    assert (demo_profile / "stempel.db").read_bytes() == before
