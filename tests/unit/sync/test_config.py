"""The enrollment as stored settings: written marker-last, read back whole or not at all, never shown."""

from __future__ import annotations

from sync import config
from sync.dpop import DeviceKey

KEY_PEM = DeviceKey.generate().private_pem().decode()
ENROLLMENT = config.Enrollment(
    server_url="https://127.0.0.1:8443",
    tenant="acme",
    device_id="d-1",
    device_kind="desktop",
    device_key_pem=KEY_PEM,
    ca_pem="-----BEGIN CERTIFICATE-----\n",
    pin_sha256=None,
)


def test_the_device_id_is_written_last() -> None:
    names = [name for name, _ in ENROLLMENT.settings()]
    assert names[-1] == config.DEVICE_ID
    assert dict(ENROLLMENT.settings())[config.PIN_SHA256] == ""


def test_settings_read_back_to_the_same_enrollment() -> None:
    loaded = config.Enrollment.load(dict(ENROLLMENT.settings()).get)
    assert loaded == ENROLLMENT
    assert loaded is not None
    assert loaded.key().thumbprint() == DeviceKey.from_pem(KEY_PEM.encode()).thumbprint()


def test_an_enrollment_cut_short_before_its_marker_is_none() -> None:
    stored = dict(ENROLLMENT.settings()[:-1])
    assert config.Enrollment.load(stored.get) is None


def test_the_private_key_is_not_in_the_repr() -> None:
    assert "PRIVATE" not in repr(ENROLLMENT)
    assert "CERTIFICATE" not in repr(ENROLLMENT)
