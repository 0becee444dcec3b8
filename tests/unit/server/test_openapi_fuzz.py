"""Schemathesis against our OpenAPI document: whatever the input, never a 5xx."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings

from server.app import create_app
from server.settings import Settings
from server.tenants import TenantRegistry


def _app() -> FastAPI:
    data = Path(tempfile.mkdtemp(prefix="stempel-fuzz-"))
    TenantRegistry(data / "tenants").create("acme")
    return create_app(Settings(data=data))


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_makes_the_server_fail(case: schemathesis.Case[Any]) -> None:
    if case.path_parameters and case.path_parameters.get("tenant") and len(str(case.body)) % 2:
        case.path_parameters["tenant"] = "acme"  # half the cases reach a real tenant's checks
    response = case.call(base_url="https://testserver")
    assert response.status_code < 500, response.text
