"""Push mutations, pull changes: `/t/{tenant}/v1/sync/...`."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool

from server import punches
from server.auth import CurrentCaller
from server.deps import Registry, TenantDB
from server.tenants import tenant_facts
from sync.protocol import MAX_PULL_LIMIT, PullResponse, PushRequest, PushResponse

router = APIRouter(prefix="/sync", tags=["sync"])


@router.post("/push", response_model=PushResponse)
async def push(body: PushRequest, caller: CurrentCaller, db: TenantDB, registry: Registry) -> PushResponse:
    lock = registry.write_lock(caller.tenant)

    def locked_push() -> PushResponse:
        with lock:
            results = punches.push(db, caller, list(body.mutations))
        return PushResponse(results=results, server_time=datetime.now(UTC))

    return await run_in_threadpool(locked_push)


@router.get("/pull", response_model=PullResponse)
async def pull(
    caller: CurrentCaller,
    db: TenantDB,
    registry: Registry,
    after: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = 500,
    count: bool = False,
) -> PullResponse:
    """One page of events after `after`; with `count`, also how many there are in all (for progress)."""
    settings = registry.settings(caller.tenant)
    facts = tenant_facts(settings)
    events, next_after, more, remaining = await run_in_threadpool(
        partial(punches.pull, db, caller, after, limit, facts.pseudonymised, count=count)
    )
    return PullResponse(
        events=events,
        next_after=next_after,
        has_more=more,
        server_time=datetime.now(UTC),
        tenant=facts,
        remaining=remaining,
    )
