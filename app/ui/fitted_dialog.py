"""A dialog that is always at least as tall as its wrapped words need at its width.

Qt's minimum height ignores how many lines word-wrapped labels take at the
width given, so a problem shown under a field, an error or a long intro (in
Norwegian especially) would squeeze the fields or be cut off. `fit()` sets the
minimum height to what the layout needs at the current width; it runs on
show and whenever the width changes, and a subclass calls it after showing or
hiding words.
"""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QDialog

__all__ = ["FittedDialog"]


class FittedDialog(QDialog):
    def fit(self) -> None:
        layout = self.layout()
        if layout is None or not self.isVisible():
            return  # showEvent comes here once it is sized
        layout.activate()
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else 0
        needed = max(needed, layout.totalMinimumSize().height())
        self.setMinimumHeight(needed)
        if self.height() < needed:
            self.resize(self.width(), needed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit()  # narrower wraps more lines
