"""The Linux desktop entries: a launcher and the kiosk's opt-in autostart, pointing at what we ship."""

from __future__ import annotations

import configparser
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENTRIES = ROOT / "resources" / "linux"
REQUIRED = ("Type", "Name", "Exec", "Icon", "Terminal", "Categories")


def entry(name: str) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(ENTRIES / name, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def scripts() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    found: dict[str, str] = project["project"]["scripts"]
    return found


@pytest.mark.parametrize("name", ["no.stempel.Stempel.desktop", "no.stempel.Kiosk-autostart.desktop"])
def test_each_entry_has_the_keys_and_runs_our_command_with_our_icon(name: str) -> None:
    found = entry(name)
    assert all(found.get(key) for key in REQUIRED), name
    assert found["Type"] == "Application"
    assert found["Terminal"] == "false"
    assert found["Exec"].split()[0] in scripts()
    assert (ROOT / "app" / "ui" / "resources" / f"{found['Icon']}.svg").is_file()
    assert found["Categories"].endswith(";")
    assert "Name[nb]" in found


def test_the_kiosk_autostart_opens_the_kiosk_and_hides_from_menus() -> None:
    found = entry("no.stempel.Kiosk-autostart.desktop")
    assert found["Exec"] == "stempel --kiosk"
    assert found["X-GNOME-Autostart-enabled"] == "true"
    assert found["NoDisplay"] == "true"
