"""A personal-data export: `GET /t/{tenant}/v1/export?employee=N` (GDPR art. 15).

An employee may export themselves, an admin anyone, a manager their team.
Anything else, a device's own credential included, gets the 404 of an
unknown employee, so the route never tells who exists. The answer is not
cached anywhere (`Cache-Control: no-store`).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from server.auth import CurrentCaller
from server.deps import ServerSettings, TenantDB
from server.personal_data import may_export, personal_export
from server.problems import not_found
from server.routes.auth import NO_STORE
from sync.personal_data import PersonalDataExport
from sync.protocol import EmployeeNumber

router = APIRouter(tags=["privacy"])


@router.get("/export", response_model=PersonalDataExport)
def export(
    caller: CurrentCaller,
    db: TenantDB,
    settings: ServerSettings,
    response: Response,
    employee: Annotated[EmployeeNumber, Query()],
) -> PersonalDataExport:
    with db.connect() as conn:
        allowed = may_export(conn, caller, employee)
    found = personal_export(db, settings.sessions, caller.tenant, employee) if allowed else None
    if found is None:
        raise not_found()
    response.headers.update(NO_STORE)
    return found
