"""One redaction filter for the client's and the server's logs.

`RedactingFilter` rewrites each record it passes so that its final message
(the format string with its arguments applied), any structured `fields`, and
any traceback hold no secret: bearer and DPoP tokens, JWS compact strings,
long base64url or hex strings (tokens, keys, digests: 32 characters or more,
UUIDs excepted: they are ids), Argon2 PHC strings, PEM blocks, the values of
`password=`, `pin=`, `token=`, `secret=` (and `key: value`, JSON alike) and
Authorization headers all become "[redacted]".

Patterns cannot recognise a name, a note or a comment, so the code must not
log them in the first place (logs carry ids). As a second line of defence,
tracebacks keep their frames and exception types but not the exceptions'
messages, which often quote the data that caused them (a pydantic
ValidationError quotes its input, a database error its parameters).

`install_redaction()` puts one filter on the root logger, on uvicorn's
loggers, on the named loggers, on every handler those have and on
`logging.lastResort`; call it after the handlers are configured. A filter on
a logger sees only records logged to that very logger, a filter on a handler
every record the handler writes, hence both.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Iterable
from types import TracebackType
from typing import Any

REDACTED = "[redacted]"
UVICORN_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi")

_PEM = re.compile(r"-----BEGIN [A-Z0-9 ]+-----.*?(?:-----END [A-Z0-9 ]+-----|\Z)", re.DOTALL)
_ARGON2 = re.compile(r"\$argon2(?:id|i|d)\$[A-Za-z0-9+/=.,$-]+")
_AUTHORIZATION = re.compile(
    r"(?i)(\bauthorization[\"']?\s*[:=]\s*[\"']?)(?:(?:bearer|dpop|basic|token)\s+)?[^\s\"',;)\]}]+"
)
_SCHEME_TOKEN = re.compile(r"(?i)\b(bearer|dpop)(\s+)[A-Za-z0-9\-._~+/]{16,}=*")
# A JWS (or JWE) compact string: its header is base64url JSON, so it starts with "eyJ".
_JWS = re.compile(r"\beyJ[A-Za-z0-9_\-]*={0,2}(?:\.[A-Za-z0-9_\-]*={0,2}){2,4}")
_KEY_VALUE = re.compile(
    r"(?i)(\b(?:[a-z0-9]+[_-])*(?:password|passwd|passphrase|pin|pins|token|tokens|secret|secrets|"
    r"api[_-]?key|private[_-]?key|verifier|badge|badge[_-]?id|badge[_-]?hash|enrol(?:l)?ment[_-]?code)"
    r"[\"']?\s*[=:]\s*)"
    r"(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|b'(?:[^'\\]|\\.)*'|[^\s,;&)\]}]+)"
)
_LONG_RUN = re.compile(r"(?<![A-Za-z0-9_\-+/=])[A-Za-z0-9_\-+/]{32,}={0,2}(?![A-Za-z0-9_\-+/=])")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_HEX = re.compile(r"[0-9a-fA-F]+")


def _long_run(match: re.Match[str]) -> str:
    text = match.group(0)
    if _UUID.fullmatch(text) or _looks_like_path(text):
        return text  # an id, or a file path (of a traceback, say)
    if _HEX.fullmatch(text) or _looks_random(text):
        return REDACTED
    return text  # a long word or identifier, say a_function_name_of_some_length


def _looks_like_path(text: str) -> bool:
    """Two or more slashes between short parts: a/b/c, not base64url (which has no slash)."""
    parts = text.strip("/").split("/")
    return len(parts) >= 3 and all(0 < len(p) < 32 for p in parts)


def _looks_random(text: str) -> bool:
    """Digits among letters, or both cases: how a token, key or digest looks, not a word."""
    letters = [c for c in text if c.isalpha()]
    has_digit = any(c.isdigit() for c in text)
    mixed_case = any(c.isupper() for c in letters) and any(c.islower() for c in letters)
    shouting = bool(letters) and all(c.isupper() for c in letters)  # base32, say an enrollment code
    return (has_digit and bool(letters)) or mixed_case or shouting


def redact(text: str) -> str:
    """`text` with every secret the patterns know replaced by "[redacted]"."""
    if not text:
        return text
    text = _PEM.sub(REDACTED, text)
    text = _ARGON2.sub(REDACTED, text)
    text = _AUTHORIZATION.sub(lambda m: m.group(1) + REDACTED, text)
    text = _SCHEME_TOKEN.sub(lambda m: m.group(1) + m.group(2) + REDACTED, text)
    text = _JWS.sub(REDACTED, text)
    text = _KEY_VALUE.sub(lambda m: m.group(1) + REDACTED, text)
    return _LONG_RUN.sub(_long_run, text)


def _redact_value(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: _redact_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_redact_value(v) for v in value)
    return value


def traceback_without_messages(
    exc_info: tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None],
) -> str:
    """A traceback with frames and exception types (chained ones too), but no exception messages."""
    _, error, _ = exc_info
    if error is None:
        return ""
    parts: list[str] = []
    seen: set[int] = set()

    def walk(exc: BaseException) -> None:
        if id(exc) in seen:
            return
        seen.add(id(exc))
        if exc.__cause__ is not None:
            walk(exc.__cause__)
            parts.append("\nThe above exception was the direct cause of the following exception:\n\n")
        elif exc.__context__ is not None and not exc.__suppress_context__:
            walk(exc.__context__)
            parts.append("\nDuring handling of the above exception, another exception occurred:\n\n")
        if exc.__traceback__ is not None:
            parts.append("Traceback (most recent call last):\n")
            parts.extend(traceback.format_tb(exc.__traceback__))
        kind = type(exc)
        name = kind.__qualname__
        if kind.__module__ != "builtins":
            name = f"{kind.__module__}.{name}"
        parts.append(f"{name}: [message not logged]\n")

    walk(error)
    return redact("".join(parts).rstrip("\n"))


class RedactingFilter(logging.Filter):
    """Rewrites a record's message, `fields` and traceback without secrets; never drops a record."""

    def __init__(self, *, exception_messages: bool = False) -> None:
        super().__init__()
        self.exception_messages = exception_messages

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_stempel_redacted", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep what was meant, without its arguments
            message = str(record.msg)
        record.msg, record.args = redact(message), None
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            record.fields = _redact_value(fields)
        if record.exc_info:
            if self.exception_messages:
                text = logging.Formatter().formatException(record.exc_info)
                record.exc_text = redact(text)
            else:
                record.exc_text = traceback_without_messages(record.exc_info)
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        record._stempel_redacted = True
        return True


def _has_filter(target: logging.Filterer) -> bool:
    return any(isinstance(f, RedactingFilter) for f in target.filters)


def install_redaction(
    logger_names: Iterable[str] = (), *, exception_messages: bool = False
) -> RedactingFilter:
    """Put the filter on the root logger, uvicorn's loggers, `logger_names`, their handlers and lastResort.

    Idempotent: a logger or handler that has one keeps it. Handlers added later
    to these loggers need `install_redaction` again.
    """
    shared = RedactingFilter(exception_messages=exception_messages)
    loggers = [logging.getLogger(), *(logging.getLogger(n) for n in (*UVICORN_LOGGERS, *logger_names))]
    targets: list[logging.Filterer] = []
    for logger in loggers:
        targets.append(logger)
        targets.extend(logger.handlers)
    if logging.lastResort is not None:
        targets.append(logging.lastResort)
    for target in targets:
        if not _has_filter(target):
            target.addFilter(shared)
    return shared
