"""The server's log carries ids, never names, passwords, PINs or tokens."""

from __future__ import annotations

import json
from collections.abc import Callable

from faker import Faker

from app.demo import FAKER_LOCALE
from tests.integration.server.harness import Api, ServerProcess, punch_mutation


def test_a_whole_flow_leaves_no_personal_data_or_secret_in_the_log(
    tenant_server: ServerProcess, new_tenant: Callable[..., str], signed_in: Callable[..., Api]
) -> None:
    fake = Faker(FAKER_LOCALE)
    fake.seed_instance(1428)
    tenant = new_tenant()
    secrets: list[str] = []
    for number in ("8001", "8002"):
        first, last = fake.first_name(), fake.last_name()
        password, pin = fake.password(length=16), str(fake.random_int(1000, 9999))
        tenant_server.user(tenant, number, password, pin, "--first-name", first, "--last-name", last)
        api = signed_in(tenant, number, password)
        api.push([punch_mutation(number, note=f"{first} kom tidlig")])
        api.pull()
        api.login(number, "wrong " + password)
        api.refresh_tokens()
        secrets += [first, last, password, pin, str(api.access), str(api.refresh)]
    log = tenant_server.log.read_text(encoding="utf-8")
    lines = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    assert any(line.get("tenant") == tenant for line in lines)  # the flow was logged
    for secret in secrets:
        assert secret not in log
