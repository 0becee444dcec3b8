"""What an enrolled device keeps about its server, and the names it keeps it under.

The values live in the profile's encrypted store as settings (`Store.setting` /
`Store.set_setting`); this module only names them and turns them into a
`Transport` and a `DeviceKey`, so `sync` needs nothing of `app` and the store
nothing of `sync`. An absent optional value is stored as "" (the store has no
delete); `device_id` is written last and marks a complete enrollment.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sync.dpop import DeviceKey
from sync.transport import DEFAULT_TIMEOUT, Transport

SERVER_URL = "server_url"
TENANT = "tenant"
CA_PEM = "ca_pem"  # the CA file's contents, so the file may move or go
PIN_SHA256 = "pin_sha256"
DEVICE_KIND = "device_kind"
DEVICE_KEY_PEM = "device_key_pem"  # PKCS#8 PEM of the private key
DEVICE_ID = "device_id"  # written last: present means enrolled
REFRESH_TOKEN = "refresh_token"  # noqa: S105 - a setting name; "" when signed out
EMPLOYEE = "employee"  # the signed-in employee's number (also read by the app)
ROLE = "role"
CLOCK_OFFSET_MS = "clock_offset_ms"  # server minus device clock; the store reads it when punching
LAST_SYNC = "last_sync"  # server time of the last complete sync, ISO 8601
TENANT_FACTS = "tenant_facts"  # the tenant's settings as the last pull sent them (JSON of TenantFacts)

Getter = Callable[[str], str | None]


@dataclass(frozen=True)
class Enrollment:
    server_url: str
    tenant: str
    device_id: str
    device_kind: str
    device_key_pem: str = field(repr=False)
    ca_pem: str | None = field(default=None, repr=False)
    pin_sha256: str | None = None

    def settings(self) -> list[tuple[str, str]]:
        """(name, value) pairs in the order to write them: the enrollment marker last."""
        return [
            (DEVICE_KEY_PEM, self.device_key_pem),
            (SERVER_URL, self.server_url),
            (TENANT, self.tenant),
            (CA_PEM, self.ca_pem or ""),
            (PIN_SHA256, self.pin_sha256 or ""),
            (DEVICE_KIND, self.device_kind),
            (DEVICE_ID, self.device_id),
        ]

    @classmethod
    def load(cls, setting: Getter) -> Enrollment | None:
        """The stored enrollment, or None when this profile was never (completely) enrolled."""
        values = {
            name: setting(name) or ""
            for name in (SERVER_URL, TENANT, CA_PEM, PIN_SHA256, DEVICE_KIND, DEVICE_KEY_PEM, DEVICE_ID)
        }
        if not (values[DEVICE_ID] and values[SERVER_URL] and values[TENANT] and values[DEVICE_KEY_PEM]):
            return None
        return cls(
            server_url=values[SERVER_URL],
            tenant=values[TENANT],
            device_id=values[DEVICE_ID],
            device_kind=values[DEVICE_KIND],
            device_key_pem=values[DEVICE_KEY_PEM],
            ca_pem=values[CA_PEM] or None,
            pin_sha256=values[PIN_SHA256] or None,
        )

    def key(self) -> DeviceKey:
        return DeviceKey.from_pem(self.device_key_pem.encode("ascii"))

    def transport(self, timeout: float = DEFAULT_TIMEOUT) -> Transport:
        return Transport(
            self.server_url,
            ca_pem=self.ca_pem.encode("ascii") if self.ca_pem else None,
            pin_sha256=self.pin_sha256,
            timeout=timeout,
        )
