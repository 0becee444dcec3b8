"""The FastAPI application, built per server from its settings (never at import time)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import metadata

from fastapi import FastAPI

from server.problems import install_problem_handlers
from server.requestlog import install_body_limit, install_request_log
from server.routes import auth, devices, export, sync
from server.sessions import SessionStore
from server.settings import Settings
from server.tenants import TenantRegistry
from sync.protocol import API_PREFIX
from sync.redaction import install_redaction


def create_app(settings: Settings) -> FastAPI:
    registry = TenantRegistry(settings.tenants)
    sessions = SessionStore(settings.sessions)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            sessions.close()
            registry.dispose()

    app = FastAPI(
        title="Stempel tenant server",
        version=metadata.version("stempel"),
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.registry = registry
    app.state.sessions = sessions
    # Our loggers scrub what they pass even where `serve` did not configure logging (tests, embedding).
    install_redaction(["stempel.server", "stempel.server.access"])
    install_problem_handlers(app)
    install_request_log(app)
    install_body_limit(app)
    for module in (auth, devices, sync, export):
        app.include_router(module.router, prefix=API_PREFIX)
    return app
