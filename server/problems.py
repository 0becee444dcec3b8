"""Errors as RFC 9457 problem documents: no stack traces, no echo of what was sent."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.protocol import PROBLEM_JSON, Problem

_log = logging.getLogger("stempel.server")


class ProblemError(Exception):
    """Raise anywhere in a request to answer with a problem document."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str | None = None,
        *,
        error: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(title)
        self.status, self.title, self.detail, self.error = status, title, detail, error
        self.headers = headers or {}


def not_found() -> ProblemError:
    """The one answer for a tenant, route or row the caller may not know exists."""
    return ProblemError(404, "Not Found")


def problem_response(
    status: int,
    title: str,
    detail: str | None = None,
    error: str | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = Problem(title=title, status=status, detail=detail, error=error).model_dump(exclude_none=True)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(ProblemError)
    async def _problem(_: Request, exc: ProblemError) -> JSONResponse:
        return problem_response(exc.status, exc.title, exc.detail, exc.error, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        title = {404: "Not Found", 405: "Method Not Allowed"}.get(exc.status_code, "Error")
        return problem_response(exc.status_code, title, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        # Name the fields that are wrong, never the values: they may hold a password.
        where = sorted({".".join(str(p) for p in e.get("loc", ())) for e in exc.errors()})
        return problem_response(422, "Unprocessable Content", "Invalid fields: " + ", ".join(where[:20]))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        _log.error("unhandled %s on %s", type(exc).__name__, request.url.path.split("/v1/")[-1])
        return problem_response(500, "Internal Server Error")
