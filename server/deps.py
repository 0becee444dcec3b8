"""What a route needs, injected: the tenant's database and the authenticated caller.

A route that takes `TenantDB` cannot forget the tenant check: an unknown
tenant and a tenant the caller does not belong to both end in the same 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Depends, Request
from sqlalchemy import Engine

from server.problems import not_found
from server.settings import Settings
from server.tenants import TenantRegistry, UnknownTenant


@dataclass(frozen=True)
class Caller:
    """Who is calling: an employee signed in on a device, or a device (kiosk) on its own."""

    tenant: str
    kind: Literal["employee", "device"]
    device_id: str
    device_kind: Literal["desktop", "kiosk"]
    employee: str | None = None
    role: Literal["employee", "manager", "admin"] | None = None


def registry(request: Request) -> TenantRegistry:
    value: TenantRegistry = request.app.state.registry
    return value


def settings(request: Request) -> Settings:
    value: Settings = request.app.state.settings
    return value


def tenant_engine(tenant: str, request: Request) -> Engine:
    try:
        return registry(request).engine(tenant)
    except UnknownTenant:
        raise not_found() from None


TenantDB = Annotated[Engine, Depends(tenant_engine)]
ServerSettings = Annotated[Settings, Depends(settings)]
Registry = Annotated[TenantRegistry, Depends(registry)]
