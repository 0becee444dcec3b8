"""Checking DPoP proofs (RFC 9449 §4.3) on the server.

`verify_proof` answers the thumbprint (jkt) of the key that signed a valid proof,
or raises `DpopError` with a short reason (for logs and tests; clients get one
generic answer). Only ES256 with a public P-256 JWK is accepted. The replay check
comes last, so a proof refused for another reason does not use up its `jti`.
"""

from __future__ import annotations

import hmac
import json
import math
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from sync.dpop import COORDINATE_BYTES, PROOF_ALG, PROOF_TYP, access_token_hash, b64url_decode, jwk_thumbprint

MAX_PROOF_CHARS = 4096  # a real proof is about 600
MAX_JTI_CHARS = 128
DEFAULT_PORTS = {"https": 443, "http": 80}
REASONS = (
    "missing",
    "malformed",
    "typ",
    "alg",
    "jwk",
    "signature",
    "htm",
    "htu",
    "iat",
    "ath",
    "nonce",
    "replay",
)


class DpopError(Exception):
    """A refused proof; `reason` is one of REASONS."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _json_object(segment: str) -> dict[str, Any]:
    try:
        value = json.loads(b64url_decode(segment))
    except ValueError:  # bad base64url, bad UTF-8, bad JSON
        raise DpopError("malformed") from None
    if not isinstance(value, dict):
        raise DpopError("malformed")
    return value


def public_key(jwk: object) -> ec.EllipticCurvePublicKey:
    """The P-256 public key of a JWK; DpopError("jwk") for anything else, a private key included."""
    if not isinstance(jwk, dict) or jwk.get("kty") != "EC" or jwk.get("crv") != "P-256":
        raise DpopError("jwk")
    if "d" in jwk:  # a private key must never travel; refuse it rather than ignore it
        raise DpopError("jwk")
    try:
        x, y = b64url_decode(jwk["x"]), b64url_decode(jwk["y"])
        if len(x) != COORDINATE_BYTES or len(y) != COORDINATE_BYTES:
            raise ValueError("coordinate size")
        numbers = ec.EllipticCurvePublicNumbers(
            int.from_bytes(x, "big"),
            int.from_bytes(y, "big"),
            ec.SECP256R1(),
        )
        return numbers.public_key()  # ValueError for a point not on the curve
    except (KeyError, TypeError, ValueError):
        raise DpopError("jwk") from None


_PERCENT = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def _normal_path(path: str) -> str:
    """RFC 3986 §6.2.2 for a path: percent-encoded unreserved characters decoded, the rest upper-case."""

    def fix(match: re.Match[str]) -> str:
        byte = int(match.group(1), 16)
        return chr(byte) if byte in _UNRESERVED else f"%{match.group(1).upper()}"

    return _PERCENT.sub(fix, path) or "/"


def normal_htu(url: str) -> tuple[str, str, int | None, str]:
    """Scheme, host, port and path of a URL, compared case-insensitively where RFC 3986 says so."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port  # ValueError for a bad port
    return scheme, (parts.hostname or "").lower(), port or DEFAULT_PORTS.get(scheme), _normal_path(parts.path)


def _same_htu(claimed: str, expected: str) -> bool:
    try:
        return normal_htu(claimed) == normal_htu(expected)
    except ValueError:
        return False


def verify_proof(
    proof: str | None,
    *,
    method: str,
    url: str,
    now: float,
    window: int,
    access_token: str | None,
    seen_jti: Callable[[str, str, float], bool],
    nonce: str | None = None,
) -> str:
    """Check one proof for a request of `method` to `url`; returns the signing key's thumbprint.

    `seen_jti(jkt, jti, keep_until)` records the jti and answers True if it was already
    recorded. `access_token` given (resource calls): the proof must carry its `ath`.
    `nonce` given (a server nonce, RFC 9449 §8): the proof must carry it.
    """
    if not proof:
        raise DpopError("missing")
    if len(proof) > MAX_PROOF_CHARS or not proof.isascii():
        raise DpopError("malformed")
    segments = proof.split(".")
    if len(segments) != 3:
        raise DpopError("malformed")
    header, claims = _json_object(segments[0]), _json_object(segments[1])
    if "crit" in header:  # RFC 7515 §4.1.11: we understand no extensions
        raise DpopError("malformed")
    if header.get("typ") != PROOF_TYP:
        raise DpopError("typ")
    if header.get("alg") != PROOF_ALG:
        raise DpopError("alg")
    key = public_key(header.get("jwk"))
    try:
        raw = b64url_decode(segments[2])
    except ValueError:
        raise DpopError("malformed") from None
    if len(raw) != 2 * COORDINATE_BYTES:
        raise DpopError("signature")
    r, s = int.from_bytes(raw[:COORDINATE_BYTES], "big"), int.from_bytes(raw[COORDINATE_BYTES:], "big")
    try:
        key.verify(
            encode_dss_signature(r, s),
            f"{segments[0]}.{segments[1]}".encode("ascii"),
            ec.ECDSA(hashes.SHA256()),
        )
    except InvalidSignature:
        raise DpopError("signature") from None

    jti, htm, htu, iat = claims.get("jti"), claims.get("htm"), claims.get("htu"), claims.get("iat")
    if not isinstance(jti, str) or not 0 < len(jti) <= MAX_JTI_CHARS:
        raise DpopError("malformed")
    if not isinstance(htm, str) or not isinstance(htu, str):
        raise DpopError("malformed")
    if isinstance(iat, bool) or not isinstance(iat, int | float) or not math.isfinite(iat):
        raise DpopError("malformed")
    if htm != method:
        raise DpopError("htm")
    if not _same_htu(htu, url):
        raise DpopError("htu")
    if abs(now - iat) > window:
        raise DpopError("iat")
    if access_token is not None:
        ath = claims.get("ath")
        if (
            not isinstance(ath, str)
            or not access_token.isascii()
            or not ath.isascii()
            or not hmac.compare_digest(ath, access_token_hash(access_token))
        ):
            raise DpopError("ath")
    if nonce is not None:
        sent = claims.get("nonce")
        if not isinstance(sent, str) or not sent.isascii() or not hmac.compare_digest(sent, nonce):
            raise DpopError("nonce")
    jkt = jwk_thumbprint(header["jwk"])
    if seen_jti(jkt, jti, float(iat) + window + 1):
        raise DpopError("replay")
    return jkt


def proof_public_jwk(proof: str) -> dict[str, str]:
    """The public key members (kty, crv, x, y) of a proof that `verify_proof` accepted."""
    jwk = _json_object(proof.split(".")[0])["jwk"]
    return {name: str(jwk[name]) for name in ("kty", "crv", "x", "y")}
