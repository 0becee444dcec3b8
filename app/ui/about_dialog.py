"""About Stempel: its name, version, what it is, and the libraries shipped with it and their licences."""

from __future__ import annotations

from importlib import metadata

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

import app

__all__ = ["LIBRARIES", "AboutDialog", "library_rows"]

# The distributions shipped with Stempel, in the order shown.
LIBRARIES = (
    "PySide6-Essentials",
    "shiboken6",
    "sqlcipher3",
    "keyring",
    "httpx2",
    "pydantic",
    "cryptography",
    "argon2-cffi",
    "platformdirs",
    "filelock",
    "uuid6",
    "holidays",
    "tzdata",
    "Faker",
)
# Known licences where a distribution's metadata does not say (Qt for Python is LGPL-3.0 here).
_KNOWN = {"pyside6-essentials": "LGPL-3.0", "shiboken6": "LGPL-3.0"}
_LICENSE_CLASSIFIER = "License :: "


def _field(meta: metadata.PackageMetadata, name: str) -> str:
    """The first value of a metadata field, or ""."""
    values = meta.get_all(name) or []
    return str(values[0]).strip() if values else ""


def _licence(meta: metadata.PackageMetadata) -> str | None:
    """The licence a distribution's metadata names, or None."""
    expression = _field(meta, "License-Expression")
    if expression:
        return expression
    classifiers = [
        entry[len(_LICENSE_CLASSIFIER):].split(" :: ")[-1]
        for entry in meta.get_all("Classifier") or []
        if entry.startswith(_LICENSE_CLASSIFIER)
    ]
    text = _field(meta, "License")
    if text and "\n" not in text and len(text) <= 60 and text.upper() != "UNKNOWN":
        return text
    if classifiers:
        return ", ".join(dict.fromkeys(classifiers))
    return None


def library_rows(names: tuple[str, ...] = LIBRARIES) -> list[tuple[str, str, str | None]]:
    """(name, version, licence or None) of each installed distribution of `names`."""
    rows: list[tuple[str, str, str | None]] = []
    for name in names:
        try:
            distribution = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        licence = _KNOWN.get(name.lower()) or _licence(distribution.metadata)
        rows.append((name, distribution.version, licence))
    return rows


class AboutDialog(QDialog):
    """Stempel's name and version, and the libraries it ships with."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Stempel"))
        self.setAccessibleName(self.tr("About Stempel"))
        layout = QVBoxLayout(self)

        self.name_label = QLabel(self.tr("Stempel"))
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.name_label.setFont(font)
        layout.addWidget(self.name_label)
        self.version_label = QLabel(self.tr("Version {version}").format(version=app.__version__))
        self.version_label.setAccessibleName(self.tr("Version"))
        layout.addWidget(self.version_label)
        self.summary_label = QLabel(
            self.tr("A time clock: clock in and out, take breaks and ask for corrections.")
        )
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)

        heading = QLabel(self.tr("Libraries shipped with Stempel"))
        layout.addWidget(heading)
        rows = library_rows()
        self.libraries = QTableWidget(len(rows), 3)
        self.libraries.setAccessibleName(self.tr("Libraries and their licences"))
        self.libraries.setHorizontalHeaderLabels([self.tr("Library"), self.tr("Version"), self.tr("Licence")])
        self.libraries.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.libraries.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.libraries.verticalHeader().hide()
        for row, (name, version, licence) in enumerate(rows):
            shown = licence if licence else self.tr("see its package")
            for column, text in enumerate((name, version, shown)):
                self.libraries.setItem(row, column, QTableWidgetItem(text))
        header = self.libraries.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        heading.setBuddy(self.libraries)
        layout.addWidget(self.libraries, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 480)
