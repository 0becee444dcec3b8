"""The device key and its DPoP proofs (RFC 9449), shared by the client and the server.

A device makes one P-256 key pair at enrollment; the private key stays in the
device's encrypted store (as PEM from `DeviceKey.private_pem`). Every call to the
server carries a proof: a compact JWS (ES256, RFC 7515/7518) naming the method and
URL of that one request, signed with the device key, whose public half travels in
the JWS header. Tokens are bound to the key's RFC 7638 thumbprint, so a token
copied off the wire or the disk is useless without the key.

The JWS is written by hand (about thirty lines) rather than with a JOSE library:
we need exactly one algorithm, and the server's verifier (`server/dpop.py`) must
refuse everything else anyway. No FastAPI here: the client imports this module.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

PROOF_TYP = "dpop+jwt"
PROOF_ALG = "ES256"
COORDINATE_BYTES = 32  # P-256


def b64url(data: bytes) -> str:
    """Base64url without padding (RFC 7515 §2)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Strict inverse of `b64url`: ValueError for padding, stray characters or non-canonical input."""
    if not isinstance(text, str) or "=" in text or len(text) % 4 == 1:
        raise ValueError("not base64url")
    try:
        raw = base64.urlsafe_b64decode(text.encode("ascii") + b"=" * (-len(text) % 4))
    except (UnicodeEncodeError, ValueError) as exc:
        raise ValueError("not base64url") from exc
    if b64url(raw) != text:  # rejects other alphabets and non-zero trailing bits
        raise ValueError("not base64url")
    return raw


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def jwk_thumbprint(jwk: dict[str, Any]) -> str:
    """RFC 7638 thumbprint of an EC public JWK: base64url(sha256) of its required members, sorted."""
    required = {name: jwk[name] for name in ("crv", "kty", "x", "y")}
    return b64url(hashlib.sha256(canonical(required)).digest())


def access_token_hash(access_token: str) -> str:
    """The proof's `ath` claim: base64url(sha256(ASCII token))."""
    return b64url(hashlib.sha256(access_token.encode("ascii")).digest())


def htu_of(url: str) -> str:
    """The `htu` of a request URL: the URL without its query and fragment (RFC 9449 §4.2)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


class DeviceKey:
    """A device's ES256 (P-256) key pair."""

    def __init__(self, private_key: ec.EllipticCurvePrivateKey) -> None:
        if not isinstance(private_key.curve, ec.SECP256R1):
            raise ValueError("a device key is a P-256 key")
        self._key = private_key

    @classmethod
    def generate(cls) -> DeviceKey:
        return cls(ec.generate_private_key(ec.SECP256R1()))

    @classmethod
    def from_pem(cls, pem: bytes) -> DeviceKey:
        key = serialization.load_pem_private_key(pem, password=None)
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise ValueError("a device key is a P-256 key")
        return cls(key)

    def private_pem(self) -> bytes:
        """PKCS#8 PEM, unencrypted: it belongs in the device's encrypted store, nowhere else."""
        return self._key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )

    def public_jwk(self) -> dict[str, str]:
        numbers = self._key.public_key().public_numbers()
        return {
            "kty": "EC",
            "crv": "P-256",
            "x": b64url(numbers.x.to_bytes(COORDINATE_BYTES, "big")),
            "y": b64url(numbers.y.to_bytes(COORDINATE_BYTES, "big")),
        }

    def thumbprint(self) -> str:
        return jwk_thumbprint(self.public_jwk())

    def sign(self, data: bytes) -> bytes:
        """An ES256 signature in JWS form: r || s, 32 bytes each (RFC 7518 §3.4), not DER."""
        r, s = decode_dss_signature(self._key.sign(data, ec.ECDSA(hashes.SHA256())))
        return r.to_bytes(COORDINATE_BYTES, "big") + s.to_bytes(COORDINATE_BYTES, "big")

    def proof(
        self,
        method: str,
        url: str,
        *,
        access_token: str | None = None,
        nonce: str | None = None,
        iat: int | None = None,
    ) -> str:
        """A DPoP proof JWT for one request: `method` and `url` as sent (the query is dropped)."""
        header = {"typ": PROOF_TYP, "alg": PROOF_ALG, "jwk": self.public_jwk()}
        claims: dict[str, Any] = {
            "jti": secrets.token_urlsafe(16),
            "htm": method.upper(),
            "htu": htu_of(url),
            "iat": int(time.time()) if iat is None else iat,
        }
        if access_token is not None:
            claims["ath"] = access_token_hash(access_token)
        if nonce is not None:
            claims["nonce"] = nonce
        signing_input = f"{b64url(canonical(header))}.{b64url(canonical(claims))}"
        return f"{signing_input}.{b64url(self.sign(signing_input.encode('ascii')))}"
