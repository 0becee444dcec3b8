"""The PyInstaller bundle (build.spec): its self-check, what is in it and what is not.

Uses dist/stempel/ when it is there (CI builds it first with scripts/build_bundle);
else builds it once for the session, as scripts/build_bundle does (about half a
minute on two cores).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.server.conftest import start_server
from tests.integration.server.harness import ServerProcess
from tests.secret_service import SecretService

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "stempel"
EXE = BUNDLE / "stempel"
# Qt that must not be in the bundle: the binding modules, their libraries and plugins we do not use.
EXCLUDED_QT = re.compile(
    r"WebEngine|Qml|Quick|Qt63D|Multimedia|Pdf|VirtualKeyboard|Designer|Charts|QtSql|Qt6Sql|sqldrivers"
    r"|libqgtk3|libqeglfs|libqvnc|libqtls|/tls/"
)
EXCLUDED_PACKAGES = ("server", "fastapi", "uvicorn", "starlette", "sqlalchemy", "faker", "tests")


@pytest.fixture(scope="session")
def bundle() -> Path:
    if not EXE.is_file():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                "--noconfirm",
                "--clean",
                "--log-level",
                "WARN",
                "build.spec",
            ],
            cwd=ROOT,
            check=True,
            timeout=900,
        )
    assert EXE.is_file()
    return EXE


@pytest.fixture(scope="module")
def stempel_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A real Stempel tenant server over TLS (its own CA), as tests/integration/server uses."""
    server = start_server(tmp_path_factory.mktemp("bundle-server"))
    yield server
    server.stop()


def run_bundle(exe: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(exe), *args],
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
        cwd=exe.parent,  # not the source tree: nothing may come from there
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.keyring
def test_bundled_self_check_passes_with_the_real_secret_service(
    bundle: Path, real_keyring: SecretService
) -> None:
    done = run_bundle(bundle, real_keyring.env, "self-check")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "ok: encrypted store and keyring",
        "ok: Qt offscreen",
        "ok: Norwegian translations (packaged catalogue)",
        "ok: TLS (TLSv1.3, certificate verified) to a local test server",
    ]
    assert done.stderr == ""


@pytest.mark.keyring
def test_bundled_self_check_reaches_the_real_server_over_tls(
    bundle: Path, real_keyring: SecretService, stempel_server: ServerProcess
) -> None:
    done = run_bundle(
        bundle, real_keyring.env, "self-check", "--server", stempel_server.url, "--ca", str(stempel_server.ca)
    )
    assert done.returncode == 0, done.stderr
    assert (
        f"ok: TLS (TLSv1.3) to {stempel_server.url}: HTTP 404, "
        f"certificate verified against the CA in {stempel_server.ca}"
    ) in done.stdout.splitlines()


@pytest.mark.keyring
def test_bundled_self_check_refuses_the_real_server_under_another_ca(
    bundle: Path, real_keyring: SecretService, stempel_server: ServerProcess, tmp_path: Path
) -> None:
    other = start_server(tmp_path / "other")
    other.stop()
    done = run_bundle(
        bundle, real_keyring.env, "self-check", "--server", stempel_server.url, "--ca", str(other.ca)
    )
    assert done.returncode == 1
    assert "FAILED: TLS: The server's certificate is not the one this device trusts" in done.stderr
    assert "stempel: self-check failed: TLS" in done.stderr


@pytest.mark.keyring
def test_bundled_self_check_fails_clearly_without_a_keyring(
    bundle: Path, real_keyring: SecretService
) -> None:
    env = {**real_keyring.env, "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent"}
    done = run_bundle(bundle, env, "self-check")
    assert done.returncode == 1
    assert "FAILED: store: No usable keyring was found" in done.stderr
    assert "stempel: self-check failed: store" in done.stderr
    assert "ok: Qt offscreen" in done.stdout  # the other steps still ran


def test_bundle_holds_the_compiled_catalogue_and_none_of_the_excluded_qt(bundle: Path) -> None:
    internal = bundle.parent / "_internal"
    assert (internal / "app" / "ui" / "translations" / "stempel_nb.qm").stat().st_size > 0
    icons = sorted(p.name for p in (ROOT / "app" / "ui" / "resources").glob("*.svg"))
    assert sorted(p.name for p in (internal / "app" / "ui" / "resources").glob("*.svg")) == icons
    names = [str(p.relative_to(internal)) for p in internal.rglob("*")]
    assert [n for n in names if EXCLUDED_QT.search(n)] == []
    bindings = sorted(p.name.split(".")[0] for p in (internal / "PySide6").glob("Qt*.so"))
    assert bindings == ["QtCore", "QtGui", "QtNetwork", "QtWidgets"]
    assert [n for n in names if n.split(os.sep)[0] in EXCLUDED_PACKAGES] == []


def test_every_bundled_library_finds_its_dependencies(bundle: Path) -> None:
    """Trimming Qt left no plugin or library without a library it links to."""
    internal = bundle.parent / "_internal"
    libraries = [p for p in internal.rglob("*.so*") if p.is_file() and not p.is_symlink()]
    missing = []
    for library in [bundle, *libraries]:
        done = subprocess.run(
            ["ldd", str(library)],
            env={**os.environ, "LD_LIBRARY_PATH": str(internal)},
            capture_output=True,
            text=True,
            timeout=60,
        )
        missing += [
            f"{library.relative_to(internal.parent)}: {line.strip()}"
            for line in done.stdout.splitlines()
            if "not found" in line
        ]
    assert missing == []


def test_bundled_demo_says_it_needs_the_source_install(bundle: Path) -> None:
    done = run_bundle(bundle, dict(os.environ), "--demo")
    assert done.returncode == 1
    assert "--demo needs the demo tenant server, which this bundle does not include" in done.stderr
    assert done.stdout == ""
