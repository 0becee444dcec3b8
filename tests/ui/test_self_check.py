"""app.self_check from the source tree: each step passes, and fails with one clear line."""

from __future__ import annotations

import io
import socket
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from app import self_check
from app.self_check import (
    KNOWN_TRANSLATION,
    CheckFailed,
    check_store,
    check_tls,
    check_translations,
    local_tls_server,
    run_self_check,
)
from sync.errors import CERTIFICATE_SENTENCE
from tests.keyring_fakes import MemoryKeyring

ROOT = Path(__file__).resolve().parents[2]


def test_the_known_translation_is_a_finished_one_in_the_catalogue() -> None:
    context, english, norwegian = KNOWN_TRANSLATION
    root = ET.parse(ROOT / "resources" / "translations" / "stempel_nb.ts").getroot()  # noqa: S314 - ours
    found = [
        message.find("translation")
        for ctx in root.iter("context")
        if ctx.findtext("name") == context
        for message in ctx.iter("message")
        if message.findtext("source") == english
    ]
    assert len(found) == 1
    assert found[0] is not None
    assert found[0].get("type") is None
    assert found[0].text == norwegian


def test_translations_step_speaks_norwegian_then_english_again(qapp: QApplication) -> None:
    assert check_translations().startswith("Norwegian translations")
    context, english, _ = KNOWN_TRANSLATION
    assert QCoreApplication.translate(context, english) == english


def test_store_step_leaves_no_key_in_the_keyring(memory_keyring: MemoryKeyring) -> None:
    assert check_store(memory_keyring) == "encrypted store and keyring"
    assert memory_keyring.secrets == {}


def test_tls_step_verifies_the_local_server_against_its_own_ca() -> None:
    assert check_tls() == "TLS (TLSv1.3, certificate verified) to a local test server"


def test_tls_step_to_a_given_server_names_the_answer_and_the_ca(tmp_path: Path) -> None:
    with local_tls_server() as (url, ca_pem):
        ca = tmp_path / "ca.pem"
        ca.write_bytes(ca_pem)
        text = check_tls(url, ca)
    assert text == f"TLS (TLSv1.3) to {url}: HTTP 200, certificate verified against the CA in {ca}"


def test_tls_step_fails_cleanly_when_the_ca_does_not_match(tmp_path: Path) -> None:
    with local_tls_server() as (_, other_ca), local_tls_server() as (url, _):
        ca = tmp_path / "other-ca.pem"
        ca.write_bytes(other_ca)
        with pytest.raises(CheckFailed, match=CERTIFICATE_SENTENCE):
            check_tls(url, ca)


def test_tls_step_fails_cleanly_without_the_ca_file_or_with_no_certificate_in_it(tmp_path: Path) -> None:
    with pytest.raises(CheckFailed, match="cannot read the CA file"):
        check_tls("https://127.0.0.1:9", tmp_path / "missing.pem")
    empty = tmp_path / "empty.pem"
    empty.write_text("not a certificate\n", encoding="utf-8")
    with pytest.raises(CheckFailed, match="holds no PEM certificate"):
        check_tls("https://127.0.0.1:9", empty)


def test_tls_step_fails_cleanly_when_nothing_listens(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again below: nothing listens there
    with local_tls_server() as (_, ca_pem):
        ca = tmp_path / "ca.pem"
        ca.write_bytes(ca_pem)
        with pytest.raises(CheckFailed, match="Could not connect"):
            check_tls(f"https://127.0.0.1:{port}", ca, timeout=5)


def test_tls_step_refuses_plain_http() -> None:
    with pytest.raises(CheckFailed):
        check_tls("http://127.0.0.1:9")


def test_every_step_runs_and_the_failed_one_is_named(
    qapp: QApplication, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_tls(server: str | None = None, ca: Path | None = None) -> str:
        raise CheckFailed("the server's certificate\nis not trusted")

    monkeypatch.setattr(self_check, "check_tls", no_tls)
    out, err = io.StringIO(), io.StringIO()
    assert run_self_check(backend=memory_keyring, out=out, err=err) == 1
    assert out.getvalue().splitlines() == [
        "ok: encrypted store and keyring",
        f"ok: Qt {QApplication.platformName()}",
        "ok: Norwegian translations (catalogue compiled from the .ts)"
        if not (ROOT / "app" / "ui" / "translations" / "stempel_nb.qm").is_file()
        else "ok: Norwegian translations (packaged catalogue)",
    ]
    assert err.getvalue().splitlines() == [
        "FAILED: TLS: the server's certificate is not trusted",
        "stempel: self-check failed: TLS",
    ]


def test_all_steps_pass_with_exit_code_zero(qapp: QApplication, memory_keyring: MemoryKeyring) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert run_self_check(backend=memory_keyring, out=out, err=err) == 0
    assert [line.split(":")[0] for line in out.getvalue().splitlines()] == ["ok"] * 4
    assert err.getvalue() == ""
