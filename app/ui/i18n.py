"""The window's language: English (the source language) or Norwegian bokmål, through Qt Linguist.

`install_translations` picks the language from its argument, `$STEMPEL_LANGUAGE`,
the user's choice in Settings (QSettings "Stempel"/"Stempel", key "language")
or the system locale, and for "nb" installs a compiled catalogue: the packaged
`app/ui/translations/stempel_nb.qm` if there is one, else one compiled with
pyside6-lrelease from `resources/translations/stempel_nb.ts` into the user's
cache. Qt's own words that our windows show (dialog buttons, a field's menu)
are in that catalogue too (`app.ui.qt_words`: the wheels carry no bokmål
catalogue of Qt's), and Qt's qtbase_nb is added when a system has one.
Nothing here ever stops the app: without a catalogue it stays English.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from platformdirs import user_cache_path
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

__all__ = [
    "LANGUAGES",
    "LANGUAGE_KEY",
    "install_translations",
    "remove_translations",
    "saved_language",
    "user_settings",
]

log = logging.getLogger(__name__)

LANGUAGES = ("en", "nb")
_NORWEGIAN = ("nb", "nn", "no")
LANGUAGE_KEY = "language"
_PACKAGED = Path(__file__).with_name("translations")
_SOURCES = Path(__file__).resolve().parents[2] / "resources" / "translations"

# The installed translators, kept alive here (Qt does not own them).
_installed: list[QTranslator] = []
# The default locale before this module set Norwegian, to restore it.
_locale_before: list[QLocale] = []


def user_settings() -> QSettings:
    """The user's own Stempel settings (organization and application "Stempel")."""
    return QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, "Stempel", "Stempel")


def saved_language() -> str:
    """The language chosen in Settings ("nb" or "en"), or "" for automatic."""
    value = user_settings().value(LANGUAGE_KEY, "")
    return value if isinstance(value, str) else ""


def _language(language: str | None) -> str:
    """ "nb" or "en": the argument, then $STEMPEL_LANGUAGE, then Settings, then the system locale."""
    for wanted in (language, os.environ.get("STEMPEL_LANGUAGE"), saved_language()):
        if wanted:
            code = wanted.strip().lower().replace("-", "_").split("_")[0].split(".")[0]
            return "nb" if code in _NORWEGIAN else "en"
    system = QLocale.system().name().lower().split("_")[0]
    return "nb" if system in _NORWEGIAN else "en"


def _lrelease() -> str | None:
    """The pyside6-lrelease (or lrelease) to run, if any can be found."""
    beside = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "lrelease"):
        for candidate in (beside / name, beside / f"{name}.exe"):
            if candidate.is_file():
                return str(candidate)
    try:
        import PySide6

        package = Path(PySide6.__file__).parent
        for candidate in (
            package / "lrelease",
            package / "lrelease.exe",
            package / "Qt" / "bin" / "lrelease",
        ):
            if candidate.is_file():
                return str(candidate)
    except ImportError:  # pragma: no cover - PySide6 is imported above
        pass
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def _compiled(language: str) -> Path | None:
    """The .qm of `language`: the packaged one, else one compiled from the .ts into the cache."""
    packaged = _PACKAGED / f"stempel_{language}.qm"
    if packaged.is_file():
        return packaged
    source = _SOURCES / f"stempel_{language}.ts"
    if not source.is_file():
        return None
    try:
        digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
        cached = user_cache_path("stempel") / "translations" / f"stempel_{language}-{digest}.qm"
        if cached.is_file():
            return cached
        tool = _lrelease()
        if tool is None:
            log.warning("No pyside6-lrelease found to compile %s", source)
            return None
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        subprocess.run(
            [tool, "-silent", str(source), "-qm", str(partial)],
            check=True,
            capture_output=True,
            timeout=60,
        )
        partial.replace(cached)
        return cached
    except (OSError, subprocess.SubprocessError) as error:
        log.warning("Could not compile %s: %s", source, error)
        return None


def remove_translations() -> None:
    """Back to English: every translator this module installed is removed, the default locale reset."""
    while _installed:
        QCoreApplication.removeTranslator(_installed.pop())
    if _locale_before:
        QLocale.setDefault(_locale_before.pop())


def install_translations(app: QCoreApplication, language: str | None = None) -> str:
    """Install the catalogue of the chosen language; the language in use ("nb" or "en")."""
    remove_translations()
    chosen = _language(language)
    if chosen == "en":
        return "en"
    catalogue = _compiled(chosen)
    translator = QTranslator(app)
    if catalogue is None or not translator.load(str(catalogue)):
        log.warning("No %s translations could be loaded; Stempel stays in English", chosen)
        return "en"
    QCoreApplication.installTranslator(translator)
    _installed.append(translator)
    qt_words = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_words.load(f"qtbase_{chosen}", qt_folder):
        QCoreApplication.installTranslator(qt_words)
        _installed.append(qt_words)
    _locale_before.append(QLocale())
    QLocale.setDefault(QLocale("nb_NO"))
    return chosen
