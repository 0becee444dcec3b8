"""`stempel setup` and `stempel login` as a user runs them: a real process, the real server, real TLS.

Decision under test: a pin adds to CA trust, it never replaces it. The private
CA of `stempel-server init` is in no system store, so `--pin` alone fails and a
wrong pin fails even with the right `--ca`.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app.store import Store
from server import pki
from sync import config
from sync.dpop import DeviceKey
from sync.errors import CERTIFICATE_SENTENCE
from tests.integration.server.harness import Api, ServerProcess, server_cli
from tests.secret_service import SecretService

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "Blåbær-syltetøy 42"
NUMBER = "4711"


def stempel(
    service: SecretService, profile: Path, *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    env = {**service.env, "STEMPEL_PROFILE": str(profile), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        env=env,
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_of(profile: Path) -> dict[str, str | None]:
    names = (
        config.SERVER_URL,
        config.TENANT,
        config.CA_PEM,
        config.PIN_SHA256,
        config.DEVICE_ID,
        config.DEVICE_KIND,
        config.DEVICE_KEY_PEM,
        config.REFRESH_TOKEN,
        config.EMPLOYEE,
        config.ROLE,
    )
    with Store.open(profile, create=False) as store:
        return {name: store.setting(name) for name in names}


def profile_bytes(profile: Path) -> bytes:
    """Every file of the profile (database, WAL, profile.json) as they lie on disk."""
    return b"".join(p.read_bytes() for p in sorted(profile.iterdir()) if p.is_file())


def one_line_failure(done: subprocess.CompletedProcess[str], text: str) -> None:
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert text in done.stderr
    assert done.stdout == ""


@pytest.fixture
def setup_args(tenant_server: ServerProcess, new_tenant: Callable[..., str]) -> Callable[..., list[str]]:
    """`setup` arguments for a fresh tenant with a fresh code; keywords replace or drop (None) flags."""

    def make(tenant: str | None = None, **flags: str | None) -> list[str]:
        tenant = tenant or new_tenant()
        values: dict[str, str | None] = {
            "--server": tenant_server.url,
            "--tenant": tenant,
            "--code": tenant_server.device_code(tenant),
            "--ca": str(tenant_server.ca),
        }
        values.update({f"--{k}": v for k, v in flags.items()})
        return ["setup", *[part for k, v in values.items() if v is not None for part in (k, v)]]

    return make


def server_pin(server: ServerProcess) -> str:
    return pki.spki_sha256((server.data / "tls" / "server.crt").read_bytes())


def test_setup_with_the_ca_enrolls_and_keeps_the_config_encrypted(
    real_keyring: SecretService,
    profile_dir: Path,
    tenant_server: ServerProcess,
    setup_args: Callable[..., list[str]],
) -> None:
    args = setup_args()
    tenant = args[args.index("--tenant") + 1]
    done = stempel(real_keyring, profile_dir, *args)
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.splitlines()
    assert first.startswith("Enrolled as device ")
    assert first.endswith(f" on {tenant}")
    assert second.endswith(server_pin(tenant_server))
    device_id = first.split()[3]

    stored = settings_of(profile_dir)
    assert stored[config.SERVER_URL] == tenant_server.url
    assert stored[config.TENANT] == tenant
    assert stored[config.DEVICE_ID] == device_id
    assert stored[config.DEVICE_KIND] == "desktop"
    assert stored[config.CA_PEM] == tenant_server.ca.read_text()
    assert stored[config.PIN_SHA256] == ""
    key_pem = stored[config.DEVICE_KEY_PEM]
    assert key_pem is not None
    DeviceKey.from_pem(key_pem.encode())

    on_disk = profile_bytes(profile_dir)
    for plain in (tenant, device_id, "PRIVATE KEY", "BEGIN CERTIFICATE", tenant_server.url):
        assert plain.encode() not in on_disk


def test_the_stored_ca_is_a_copy_the_file_may_go(
    real_keyring: SecretService,
    profile_dir: Path,
    tmp_path: Path,
    tenant_server: ServerProcess,
    setup_args: Callable[..., list[str]],
) -> None:
    moved = tmp_path / "tenant-ca.pem"
    moved.write_bytes(tenant_server.ca.read_bytes())
    args = setup_args(ca=str(moved))
    done = stempel(real_keyring, profile_dir, *args)
    assert done.returncode == 0, done.stderr
    moved.unlink()
    with Store.open(profile_dir, create=False) as store:
        enrollment = config.Enrollment.load(store.setting)
    assert enrollment is not None
    with enrollment.transport() as transport:  # TLS to the server with the stored copy of the CA
        assert transport.request("GET", "/").status_code == 404


def test_setup_with_the_right_pin_and_the_ca_keeps_the_pin(
    real_keyring: SecretService,
    profile_dir: Path,
    tenant_server: ServerProcess,
    setup_args: Callable[..., list[str]],
) -> None:
    pin = server_pin(tenant_server)
    done = stempel(real_keyring, profile_dir, *setup_args(pin=pin.upper()))
    assert done.returncode == 0, done.stderr
    assert settings_of(profile_dir)[config.PIN_SHA256] == pin


def test_a_pin_alone_does_not_replace_the_ca(
    real_keyring: SecretService,
    profile_dir: Path,
    tenant_server: ServerProcess,
    setup_args: Callable[..., list[str]],
) -> None:
    done = stempel(real_keyring, profile_dir, *setup_args(ca=None, pin=server_pin(tenant_server)))
    one_line_failure(done, CERTIFICATE_SENTENCE)
    assert settings_of(profile_dir)[config.DEVICE_ID] is None


def test_a_wrong_pin_fails_even_with_the_right_ca_and_spends_no_code(
    real_keyring: SecretService,
    profile_dir: Path,
    setup_args: Callable[..., list[str]],
) -> None:
    args = setup_args(pin="00" * 32)
    one_line_failure(stempel(real_keyring, profile_dir, *args), CERTIFICATE_SENTENCE)
    assert settings_of(profile_dir)[config.DEVICE_ID] is None
    # nothing reached the server: the same one-time code still works
    without_pin = args[: args.index("--pin")] + args[args.index("--pin") + 2 :]
    done = stempel(real_keyring, profile_dir, *without_pin)
    assert done.returncode == 0, done.stderr


def test_a_ca_from_another_server_init_is_refused(
    real_keyring: SecretService,
    profile_dir: Path,
    tmp_path: Path,
    setup_args: Callable[..., list[str]],
) -> None:
    other = tmp_path / "other-server"
    assert server_cli(other, "init").returncode == 0
    done = stempel(real_keyring, profile_dir, *setup_args(ca=str(other / "tls" / "ca.crt")))
    one_line_failure(done, CERTIFICATE_SENTENCE)
    assert settings_of(profile_dir)[config.DEVICE_ID] is None


def test_http_is_refused_before_anything_is_sent(
    real_keyring: SecretService, profile_dir: Path, setup_args: Callable[..., list[str]]
) -> None:
    with socket.create_server(("127.0.0.1", 0)) as listener:
        listener.settimeout(0.5)
        args = setup_args(server=f"http://127.0.0.1:{listener.getsockname()[1]}")
        done = stempel(real_keyring, profile_dir, *args)
        one_line_failure(done, "https://")
        with pytest.raises(TimeoutError):
            listener.accept()
    assert not profile_dir.exists()


def test_an_unknown_code_and_a_used_code_are_refused_plainly(
    real_keyring: SecretService,
    tmp_path: Path,
    setup_args: Callable[..., list[str]],
) -> None:
    args = setup_args()
    code = args[args.index("--code") + 1]
    wrong = [*args[: args.index("--code") + 1], "not-the-code", *args[args.index("--code") + 2 :]]
    refused = "The enrollment code is unknown, expired or already used"
    one_line_failure(stempel(real_keyring, tmp_path / "a", *wrong), refused)
    assert stempel(real_keyring, tmp_path / "a", *args).returncode == 0
    used = stempel(real_keyring, tmp_path / "b", *args)
    one_line_failure(used, refused)
    assert code not in used.stderr
    assert settings_of(tmp_path / "b")[config.DEVICE_ID] is None


def test_an_enrolled_profile_is_enrolled_again_only_with_force(
    real_keyring: SecretService,
    profile_dir: Path,
    tenant_server: ServerProcess,
    new_tenant: Callable[..., str],
    setup_args: Callable[..., list[str]],
) -> None:
    tenant = new_tenant()
    tenant_server.user(tenant, NUMBER, PASSWORD)
    assert stempel(real_keyring, profile_dir, *setup_args(tenant)).returncode == 0
    assert stempel(real_keyring, profile_dir, "login", "--user", NUMBER, stdin=PASSWORD).returncode == 0
    before = settings_of(profile_dir)
    again = stempel(real_keyring, profile_dir, *setup_args(tenant))
    one_line_failure(again, "--force")
    assert settings_of(profile_dir) == before
    forced = stempel(real_keyring, profile_dir, *setup_args(tenant), "--force")
    assert forced.returncode == 0, forced.stderr
    after = settings_of(profile_dir)
    assert after[config.DEVICE_ID] != before[config.DEVICE_ID]
    assert after[config.DEVICE_KEY_PEM] != before[config.DEVICE_KEY_PEM]
    assert before[config.REFRESH_TOKEN]
    assert after[config.REFRESH_TOKEN] == ""  # the old key's session is of no use: signed out
    assert after[config.EMPLOYEE] == NUMBER


def test_login_signs_in_and_keeps_only_the_refresh_token_encrypted(
    real_keyring: SecretService,
    profile_dir: Path,
    tenant_server: ServerProcess,
    new_tenant: Callable[..., str],
    setup_args: Callable[..., list[str]],
) -> None:
    tenant = new_tenant()
    tenant_server.user(tenant, NUMBER, PASSWORD)
    assert stempel(real_keyring, profile_dir, *setup_args(tenant)).returncode == 0
    done = stempel(real_keyring, profile_dir, "login", "--user", NUMBER, stdin=PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Signed in as {NUMBER}\n"

    stored = settings_of(profile_dir)
    assert stored[config.EMPLOYEE] == NUMBER
    assert stored[config.ROLE] == "employee"
    refresh = stored[config.REFRESH_TOKEN]
    assert refresh
    for secret in (refresh, PASSWORD):
        assert secret not in done.stdout + done.stderr
        assert secret.encode() not in profile_bytes(profile_dir)

    # what was stored is the real thing: this device's key and refresh token get a new pair
    key_pem = stored[config.DEVICE_KEY_PEM]
    assert key_pem is not None
    api = Api(tenant_server, tenant, key=DeviceKey.from_pem(key_pem.encode()))
    try:
        assert api.refresh_tokens(refresh).status_code == 200
    finally:
        api.close()


def test_login_with_a_wrong_password_fails_and_stores_nothing(
    real_keyring: SecretService,
    profile_dir: Path,
    tenant_server: ServerProcess,
    new_tenant: Callable[..., str],
    setup_args: Callable[..., list[str]],
) -> None:
    tenant = new_tenant()
    tenant_server.user(tenant, NUMBER, PASSWORD)
    assert stempel(real_keyring, profile_dir, *setup_args(tenant)).returncode == 0
    done = stempel(real_keyring, profile_dir, "login", "--user", NUMBER, stdin="wrong-password\n")
    one_line_failure(done, "Wrong employee number or password")
    assert "wrong-password" not in done.stderr
    stored = settings_of(profile_dir)
    assert stored[config.EMPLOYEE] is None
    assert not stored[config.REFRESH_TOKEN]


def test_login_on_a_profile_not_enrolled_says_what_to_do(
    real_keyring: SecretService, profile_dir: Path
) -> None:
    with Store.open(profile_dir):
        pass
    done = stempel(real_keyring, profile_dir, "login", "--user", NUMBER, stdin=PASSWORD + "\n")
    one_line_failure(done, "stempel setup")
