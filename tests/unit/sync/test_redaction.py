"""The log redaction filter: secrets out of every message, field and traceback; ids stay."""

from __future__ import annotations

import io
import logging
import secrets
from collections.abc import Iterator

import pytest

from server.passwords import hash_secret
from server.requestlog import JsonLines
from sync.dpop import DeviceKey
from sync.redaction import REDACTED, RedactingFilter, install_redaction, redact

UUID = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"
PEM = "\n".join(
    [
        "-----BEGIN PRIVATE KEY-----",
        "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49",
        "AwEHBG0wawIBAQQg",
        "-----END PRIVATE KEY-----",
    ]
)


@pytest.mark.parametrize(
    "secret",
    [
        secrets.token_urlsafe(32),  # an access or refresh token
        secrets.token_hex(32),  # a digest or raw key in hex
        "eyJhbGciOiJFUzI1NiIsInR5cCI6ImRwb3Arand0In0.eyJqdGkiOiJ4In0.c2lnbmF0dXJl",
        "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZAB",  # an enrollment code's shape
    ],
)
def test_tokens_keys_and_codes_are_redacted(secret: str) -> None:
    assert secret not in redact(f"got {secret} from the server")
    assert REDACTED in redact(f"got {secret} from the server")


def test_argon2_hashes_and_pem_blocks_are_redacted() -> None:
    phc = hash_secret("hemmelig")
    text = redact(f"stored {phc} and key {PEM} done")
    assert phc not in text
    assert "MIGHAgEA" not in text
    assert text.endswith("done")


@pytest.mark.parametrize(
    ("line", "hidden"),
    [
        ("Authorization: DPoP abc.def-ghi", "abc.def-ghi"),
        ("headers={'authorization': 'Bearer xyz123'}", "xyz123"),
        ("sent DPoP Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Ng", "Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Ng"),
        ("password=hunter2 next", "hunter2"),
        ("pin: 1234", "1234"),
        ("kiosk_pin=0101", "0101"),
        ('{"refresh_token": "short tok", "x": 1}', "short tok"),
        ("client_secret='s3cr3t'", "s3cr3t"),
        ("token=abc&other=1", "abc"),
        ("badge_id=CARD-77", "CARD-77"),
    ],
)
def test_named_values_and_authorization_headers_are_redacted(line: str, hidden: str) -> None:
    assert hidden not in redact(line)


@pytest.mark.parametrize(
    "line",
    [
        f"pushed mutation {UUID} for employee 1001",
        "request_id 3f2a9c1d0b7e4a55 took 12.5 ms",
        "DPoP proof signed by the device key is missing",
        "starlette.middleware.exceptions.HTTPException",
        "a_function_name_of_considerable_length_here",
        'File "/work/main/.venv/lib/python3.11/site-packages/starlette/routing.py", line 74',
        "status code: 404",
    ],
)
def test_ids_and_ordinary_words_stay(line: str) -> None:
    assert redact(line) == line


@pytest.fixture
def captured() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("stempel.test.redaction")
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    handler.addFilter(RedactingFilter())
    yield logger, stream
    logger.handlers.clear()


def test_the_filter_scrubs_the_final_message_with_its_arguments(
    captured: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = captured
    token = secrets.token_urlsafe(32)
    logger.info("refresh with %s failed, password=%s", token, "hunter2")
    assert token not in stream.getvalue()
    assert "hunter2" not in stream.getvalue()
    assert "refresh with [redacted] failed" in stream.getvalue()


def test_tracebacks_keep_frames_and_types_but_not_messages(
    captured: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = captured
    first, second = "Kari " + "Nordmann", "Ola " + "Nordmann"  # not on one source line of the traceback
    try:
        try:
            raise KeyError(first)
        except KeyError as inner:
            raise ValueError(f"bad input_value={second!r}") from inner
    except ValueError:
        logger.exception("unexpected error")
    text = stream.getvalue()
    assert first not in text
    assert second not in text
    assert "KeyError: [message not logged]" in text
    assert "ValueError: [message not logged]" in text
    assert "test_redaction.py" in text


def test_structured_fields_of_the_json_log_are_scrubbed() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonLines())
    handler.addFilter(RedactingFilter())
    token = secrets.token_urlsafe(32)
    record = logging.LogRecord("stempel.server.access", logging.INFO, __file__, 1, "request", None, None)
    record.fields = {"route": f"/x?token={token}", "status": 200, "nested": [token]}
    handler.handle(record)
    assert token not in stream.getvalue()
    assert '"status": 200' in stream.getvalue()


def test_install_reaches_the_root_uvicorn_and_last_resort_handlers() -> None:
    root = logging.getLogger()
    handler = logging.StreamHandler(io.StringIO())
    root.addHandler(handler)
    try:
        install_redaction(["stempel.test.named"])
        install_redaction(["stempel.test.named"])  # twice: still one filter each
        for target in (
            root,
            handler,
            logging.getLogger("uvicorn.error"),
            logging.getLogger("stempel.test.named"),
            logging.lastResort,
        ):
            assert target is not None
            assert sum(isinstance(f, RedactingFilter) for f in target.filters) == 1
    finally:
        root.removeHandler(handler)


def test_a_device_key_proof_is_redacted() -> None:
    key = DeviceKey.generate()
    proof = key.proof("GET", "https://example.test/t/acme/v1/sync/pull", access_token="abc")
    assert proof not in redact(f"DPoP: {proof}")
    assert proof not in redact(proof)
