"""The server's settings: one object, made per server, never at import time (tests make many)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

CONFIG_NAME = "server.json"


@dataclass(frozen=True)
class Settings:
    data: Path
    hostname: str = "localhost"
    access_ttl: int = 300  # seconds
    refresh_ttl: int = 30 * 24 * 3600  # idle seconds
    refresh_grace: int = 60  # a lost refresh answer may be fetched again this long
    dpop_window: int = 60  # seconds a proof's iat may differ from our clock
    login_attempts: int = 5  # failed logins per window before 429
    login_window: int = 300
    cert_file: Path | None = None
    key_file: Path | None = None
    tenants: Path = field(init=False)
    sessions: Path = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tenants", self.data / "tenants")
        object.__setattr__(self, "sessions", self.data / "sessions.db")
        if self.cert_file is None:
            object.__setattr__(self, "cert_file", self.data / "tls" / "server.crt")
        if self.key_file is None:
            object.__setattr__(self, "key_file", self.data / "tls" / "server.key")

    @classmethod
    def load(cls, data: Path, **overrides: object) -> Settings:
        """Read DATA/server.json (written by `init`), then apply command-line overrides."""
        raw: dict[str, object] = {}
        config = data / CONFIG_NAME
        if config.exists():
            raw = json.loads(config.read_text(encoding="utf-8"))
        for key in ("cert_file", "key_file"):
            if isinstance(raw.get(key), str):
                raw[key] = Path(str(raw[key]))
        raw.update({k: v for k, v in overrides.items() if v is not None})
        return cls(data=data, **raw)  # type: ignore[arg-type]

    def save(self) -> None:
        body = {k: v for k, v in asdict(self).items() if k not in ("data", "tenants", "sessions")}
        body = {k: str(v) if isinstance(v, Path) else v for k, v in body.items()}
        self.data.mkdir(parents=True, exist_ok=True)
        (self.data / CONFIG_NAME).write_text(json.dumps(body, indent=2), encoding="utf-8")

    def with_ttls(self, access: int | None, refresh: int | None) -> Settings:
        return replace(
            self,
            access_ttl=access if access is not None else self.access_ttl,
            refresh_ttl=refresh if refresh is not None else self.refresh_ttl,
        )
