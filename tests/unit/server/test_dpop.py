"""DPoP proofs (RFC 9449): the device key makes them, the server refuses every bad one by name."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from hypothesis import given, settings
from hypothesis import strategies as st

from server.dpop import DpopError, normal_htu, proof_public_jwk, verify_proof
from sync.dpop import DeviceKey, access_token_hash, b64url, b64url_decode, canonical, htu_of, jwk_thumbprint

NOW = 1_800_000_000
URL = "https://stempel.example/t/acme/v1/sync/push"
WINDOW = 60

# RFC 9449 §4.1 (Figure 2): an example proof, and §6.1 (Figure 9): its key's thumbprint.
RFC_PROOF = (
    "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0Rs"
    "cEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2"
    "In19.eyJqdGkiOiItQndDM0VTYzZhY2MybFRjIiwiaHRtIjoiUE9TVCIsImh0dSI6Imh0dHBzOi8vc2VydmVyLmV4YW1wbGUuY29tL3Rva2Vu"
    "IiwiaWF0IjoxNTYyMjYyNjE2fQ.2-GxA6T8lP4vfrg8v-FdWP0A0zdrj8igiMLvqRMUvwnQg4PtFLbdLXiOSsX0x7NVY-FNyJK70nfbV37xRZT3Lg"
)
RFC_JWK = {
    "kty": "EC",
    "crv": "P-256",
    "x": "l8tFrhx-34tV3hRICRDY9zCkDlpBhF42UQUfWVAWBFs",
    "y": "9VE4jf_Ok_o64zbTTlcuNJajHmt6v9TDVrU0CdvGRDA",
}
RFC_JKT = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"


class Seen:
    """An in-memory jti cache with the session store's contract."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], float] = {}

    def __call__(self, jkt: str, jti: str, expires_at: float) -> bool:
        if (jkt, jti) in self.entries:
            return True
        self.entries[(jkt, jti)] = expires_at
        return False


def check(
    proof: str | None,
    *,
    method: str = "POST",
    url: str = URL,
    now: float = NOW,
    access_token: str | None = None,
    seen: Seen | None = None,
    nonce: str | None = None,
) -> str:
    return verify_proof(
        proof,
        method=method,
        url=url,
        now=now,
        window=WINDOW,
        access_token=access_token,
        seen_jti=seen if seen is not None else Seen(),
        nonce=nonce,
    )


def refused(proof: str | None, **kwargs: Any) -> str:
    with pytest.raises(DpopError) as caught:
        check(proof, **kwargs)
    return caught.value.reason


def hand_made(key: DeviceKey, header: Any, claims: Any, *, signer: DeviceKey | None = None) -> str:
    """A JWS with any header and claims, signed (raw r||s) by `signer` or `key`."""
    head = b64url(canonical(header))
    body = b64url(canonical(claims))
    signature = (signer or key).sign(f"{head}.{body}".encode())
    return f"{head}.{body}.{b64url(signature)}"


def good_parts(key: DeviceKey, **claims: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    header = {"typ": "dpop+jwt", "alg": "ES256", "jwk": key.public_jwk()}
    body = {"jti": "j-1", "htm": "POST", "htu": URL, "iat": NOW, **claims}
    return header, body


@pytest.fixture(scope="module")
def key() -> DeviceKey:
    return DeviceKey.generate()


# --- the device key --------------------------------------------------------------------


def test_the_rfc_9449_example_key_has_the_published_thumbprint() -> None:
    assert jwk_thumbprint(RFC_JWK) == RFC_JKT
    assert jwk_thumbprint({**RFC_JWK, "kid": "ignored", "use": "sig"}) == RFC_JKT


def test_the_rfc_9449_example_proof_verifies_to_its_thumbprint() -> None:
    assert check(RFC_PROOF, url="https://server.example.com/token", now=1562262616) == RFC_JKT


def test_a_proof_names_the_request_and_verifies_to_the_key_thumbprint(key: DeviceKey) -> None:
    proof = key.proof("post", URL + "?after=3#frag", access_token="tok", nonce="n-1", iat=NOW)
    header_text, claims_text, signature = proof.split(".")
    header, claims = json.loads(b64url_decode(header_text)), json.loads(b64url_decode(claims_text))
    assert header == {"typ": "dpop+jwt", "alg": "ES256", "jwk": key.public_jwk()}
    assert set(key.public_jwk()) == {"kty", "crv", "x", "y"}
    assert claims["htm"] == "POST"
    assert claims["htu"] == URL
    assert claims["iat"] == NOW
    assert claims["nonce"] == "n-1"
    assert claims["ath"] == b64url(hashlib.sha256(b"tok").digest())
    assert len(b64url_decode(signature)) == 64  # raw r||s, not DER
    assert check(proof, access_token="tok", nonce="n-1") == key.thumbprint()
    assert proof_public_jwk(proof) == key.public_jwk()


def test_each_proof_has_its_own_jti(key: DeviceKey) -> None:
    jtis = {json.loads(b64url_decode(key.proof("GET", URL).split(".")[1]))["jti"] for _ in range(50)}
    assert len(jtis) == 50


def test_the_key_survives_pem_round_trip(key: DeviceKey) -> None:
    again = DeviceKey.from_pem(key.private_pem())
    assert again.public_jwk() == key.public_jwk()
    assert again.thumbprint() == key.thumbprint()
    assert key.private_pem().startswith(b"-----BEGIN PRIVATE KEY-----")


def test_only_p256_keys_are_device_keys() -> None:
    from cryptography.hazmat.primitives import serialization

    other = ec.generate_private_key(ec.SECP384R1())
    pem = other.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    with pytest.raises(ValueError, match="P-256"):
        DeviceKey.from_pem(pem)


def test_strict_base64url() -> None:
    assert b64url_decode(b64url(b"\xfb\xff")) == b"\xfb\xff"
    for bad in ("+_8", "-/8", "AA==", "A", "AB", "Zg=", "a b", "ÆØ"):
        with pytest.raises(ValueError, match="base64url"):
            b64url_decode(bad)


def test_htu_drops_query_and_fragment() -> None:
    assert htu_of("https://h:8443/t/a/v1/sync/pull?after=1&limit=2#x") == "https://h:8443/t/a/v1/sync/pull"


# --- refusals, one reason each ---------------------------------------------------------


@pytest.mark.parametrize("proof", [None, ""])
def test_missing(proof: str | None) -> None:
    assert refused(proof) == "missing"


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "a.b",
        "a.b.c.d",
        "!!!.???.***",
        "x" * 5000,
        "é.é.é",
        b64url(b"{}") + "." + b64url(b"not json") + ".AA",
        b64url(b"[1]") + "." + b64url(b"{}") + ".AA",
    ],
)
def test_malformed(text: str) -> None:
    assert refused(text) == "malformed"


@pytest.mark.parametrize(
    "change",
    [
        {"jti": None},
        {"jti": ""},
        {"jti": 7},
        {"jti": "j" * 129},
        {"htm": None},
        {"htu": 5},
        {"iat": "1800000000"},
        {"iat": True},
        {"iat": None},
    ],
)
def test_malformed_claims(key: DeviceKey, change: dict[str, Any]) -> None:
    header, claims = good_parts(key)
    claims.update(change)
    assert refused(hand_made(key, header, {k: v for k, v in claims.items() if v is not None})) == "malformed"


def test_a_not_a_number_iat_is_malformed(key: DeviceKey) -> None:
    header, _ = good_parts(key)
    head = b64url(canonical(header))
    body = b64url(b'{"jti":"j","htm":"POST","htu":"' + URL.encode() + b'","iat":NaN}')
    proof = f"{head}.{body}.{b64url(key.sign(f'{head}.{body}'.encode()))}"
    assert refused(proof) == "malformed"


def test_a_critical_extension_is_refused(key: DeviceKey) -> None:
    header, claims = good_parts(key)
    assert refused(hand_made(key, {**header, "crit": ["exp"]}, claims)) == "malformed"


@pytest.mark.parametrize("typ", [None, "JWT", "DPOP+JWT", "at+jwt"])
def test_typ(key: DeviceKey, typ: str | None) -> None:
    header, claims = good_parts(key)
    header = {**header, "typ": typ} if typ else {k: v for k, v in header.items() if k != "typ"}
    assert refused(hand_made(key, header, claims)) == "typ"


@pytest.mark.parametrize("alg", [None, "none", "HS256", "RS256", "ES384", "EdDSA", "es256"])
def test_alg(key: DeviceKey, alg: str | None) -> None:
    header, claims = good_parts(key)
    header = {**header, "alg": alg} if alg else {k: v for k, v in header.items() if k != "alg"}
    assert refused(hand_made(key, header, claims)) == "alg"


def _p384_jwk() -> dict[str, str]:
    numbers = ec.generate_private_key(ec.SECP384R1()).public_key().public_numbers()
    return {
        "kty": "EC",
        "crv": "P-384",
        "x": b64url(numbers.x.to_bytes(48, "big")),
        "y": b64url(numbers.y.to_bytes(48, "big")),
    }


@pytest.mark.parametrize(
    "jwk",
    [
        "missing",
        "private",
        "p384",
        "rsa",
        "short-x",
        "not-on-curve",
        "not-a-dict",
        "x-not-text",
        "oct",
    ],
)
def test_jwk(key: DeviceKey, jwk: str) -> None:
    header, claims = good_parts(key)
    public = key.public_jwk()
    private_d = b64url(key._key.private_numbers().private_value.to_bytes(32, "big"))
    replaced: Any = {
        "private": {**public, "d": private_d},
        "p384": _p384_jwk(),
        "rsa": {"kty": "RSA", "n": "sXch", "e": "AQAB"},
        "short-x": {**public, "x": public["x"][:-2]},
        "not-on-curve": {**public, "y": b64url(bytes(31) + b"\x01")},
        "not-a-dict": "key",
        "x-not-text": {**public, "x": 12},
        "oct": {"kty": "oct", "k": "c2VjcmV0"},
    }.get(jwk)
    header = {k: v for k, v in header.items() if k != "jwk"}
    if replaced is not None:
        header["jwk"] = replaced
    assert refused(hand_made(key, header, claims)) == "jwk"


def test_signature_by_another_key(key: DeviceKey) -> None:
    header, claims = good_parts(key)
    assert refused(hand_made(key, header, claims, signer=DeviceKey.generate())) == "signature"


def test_signature_over_other_claims(key: DeviceKey) -> None:
    header, claims = good_parts(key)
    proof = hand_made(key, header, claims)
    head, _, signature = proof.split(".")
    forged = b64url(canonical({**claims, "htu": URL.replace("push", "pull")}))
    assert refused(f"{head}.{forged}.{signature}") == "signature"


def test_a_der_signature_is_not_a_jws_signature(key: DeviceKey) -> None:
    header, claims = good_parts(key)
    head, body = b64url(canonical(header)), b64url(canonical(claims))
    der = key._key.sign(f"{head}.{body}".encode(), ec.ECDSA(hashes.SHA256()))
    assert refused(f"{head}.{body}.{b64url(der)}") == "signature"


def test_an_empty_or_zero_signature(key: DeviceKey) -> None:
    header, claims = good_parts(key)
    head, body, _ = hand_made(key, header, claims).split(".")
    assert refused(f"{head}.{body}.") == "signature"
    assert refused(f"{head}.{body}.{b64url(bytes(64))}") == "signature"


@pytest.mark.parametrize(("method", "proof_method"), [("POST", "GET"), ("GET", "POST"), ("POST", "post")])
def test_htm(key: DeviceKey, method: str, proof_method: str) -> None:
    header, claims = good_parts(key, htm=proof_method)
    assert refused(hand_made(key, header, claims), method=method) == "htm"


@pytest.mark.parametrize(
    "htu",
    [
        "https://stempel.example/t/acme/v1/sync/pull",
        "https://stempel.example/t/bolt/v1/sync/push",
        "https://evil.example/t/acme/v1/sync/push",
        "http://stempel.example/t/acme/v1/sync/push",
        "https://stempel.example:8443/t/acme/v1/sync/push",
        "https://stempel.example/t/acme/v1/sync/push/",
        "https://stempel.example/T/acme/v1/sync/push",
        "https://stempel.example:99999/t/acme/v1/sync/push",
        "not a url",
    ],
)
def test_htu(key: DeviceKey, htu: str) -> None:
    header, claims = good_parts(key, htu=htu)
    assert refused(hand_made(key, header, claims)) == "htu"


@pytest.mark.parametrize(
    "htu",
    [
        URL,
        URL + "?after=1",
        URL + "#fragment",
        "HTTPS://Stempel.EXAMPLE/t/acme/v1/sync/push",
        "https://stempel.example:443/t/acme/v1/sync/push",
        "https://stempel.example/t/acme/v1/sync/%70ush",
    ],
)
def test_htu_compares_scheme_host_port_and_path_only(key: DeviceKey, htu: str) -> None:
    header, claims = good_parts(key, htu=htu)
    assert check(hand_made(key, header, claims)) == key.thumbprint()


def test_normal_htu() -> None:
    assert normal_htu("HTTPS://A.b:443/x%2fy%7e") == ("https", "a.b", 443, "/x%2Fy~")
    assert normal_htu("https://a.b") == ("https", "a.b", 443, "/")


@pytest.mark.parametrize(
    ("iat", "ok"),
    [
        (NOW, True),
        (NOW - WINDOW, True),
        (NOW + WINDOW, True),
        (NOW - WINDOW - 1, False),
        (NOW + WINDOW + 1, False),
        (0, False),
        (NOW * 10, False),
    ],
)
def test_iat_window(key: DeviceKey, iat: int, ok: bool) -> None:
    proof = key.proof("POST", URL, iat=iat)
    if ok:
        assert check(proof) == key.thumbprint()
    else:
        assert refused(proof) == "iat"


def test_replay(key: DeviceKey) -> None:
    seen = Seen()
    proof = key.proof("POST", URL, iat=NOW)
    check(proof, seen=seen)
    assert refused(proof, seen=seen) == "replay"
    [(jkt, _)] = seen.entries
    assert jkt == key.thumbprint()
    assert list(seen.entries.values()) == [NOW + WINDOW + 1]  # remembered as long as the proof is fresh


def test_a_refused_proof_does_not_use_up_its_jti(key: DeviceKey) -> None:
    seen = Seen()
    proof = key.proof("POST", URL, access_token="t", iat=NOW)
    assert refused(proof, access_token="other", seen=seen) == "ath"
    assert seen.entries == {}
    check(proof, access_token="t", seen=seen)


def test_the_same_jti_from_another_key_is_no_replay(key: DeviceKey) -> None:
    seen = Seen()
    other = DeviceKey.generate()
    for signer in (key, other):
        header, claims = good_parts(signer)
        check(hand_made(signer, header, claims), seen=seen)


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        (None, "a-token"),
        ("b-token", "a-token"),
        ("a-token", "a-tokeN"),
    ],
)
def test_ath(key: DeviceKey, sent: str | None, expected: str) -> None:
    assert refused(key.proof("POST", URL, access_token=sent, iat=NOW), access_token=expected) == "ath"


def test_ath_is_checked_only_when_a_token_is_presented(key: DeviceKey) -> None:
    assert check(key.proof("POST", URL, access_token="x", iat=NOW)) == key.thumbprint()
    assert access_token_hash("x") == b64url(hashlib.sha256(b"x").digest())


def test_ath_of_a_non_ascii_token_is_refused_not_crashed(key: DeviceKey) -> None:
    assert refused(key.proof("POST", URL, access_token="x", iat=NOW), access_token="ø") == "ath"


@pytest.mark.parametrize("sent", [None, "stale", "fersk-ø"])
def test_nonce(key: DeviceKey, sent: str | None) -> None:
    assert refused(key.proof("POST", URL, nonce=sent, iat=NOW), nonce="fresh") == "nonce"
    assert check(key.proof("POST", URL, nonce="fresh", iat=NOW), nonce="fresh") == key.thumbprint()


# --- nothing but DpopError, whatever arrives ---------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_refused_with_a_reason(text: str) -> None:
    with pytest.raises(DpopError) as caught:
        check(text)
    assert caught.value.reason in {"missing", "malformed", "typ", "alg", "jwk", "signature"}


_VALID = DeviceKey.generate()
_VALID_PROOF = _VALID.proof("POST", URL, iat=NOW)
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ "


@settings(max_examples=300, deadline=None)
@given(st.integers(0, len(_VALID_PROOF) - 1), st.sampled_from(_ALPHABET))
def test_any_one_character_changed_is_refused(position: int, char: str) -> None:
    changed = _VALID_PROOF[:position] + char + _VALID_PROOF[position + 1 :]
    if changed == _VALID_PROOF:
        return
    with pytest.raises(DpopError):
        check(changed)


def test_b64url_decode_round_trips_any_bytes() -> None:
    for size in range(70):
        data = hashlib.sha512(bytes([size])).digest()[:size]
        assert b64url_decode(b64url(data)) == data
        assert b64url(data) == base64.urlsafe_b64encode(data).decode().rstrip("=")
