"""Ask the manager for a comment before a decision; required where the employee needs to know why.

The dialog only collects words: the window runs the decision on the worker
once it is accepted. A rejection (of a week or of a correction request)
cannot be sent without a comment. Enter decides, Escape cancels.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.panels import plain_label

__all__ = ["COMMENT_LIMIT", "DecisionDialog"]

COMMENT_LIMIT = 2000  # sync.protocol's Comment


class DecisionDialog(QDialog):
    """`title`, an `intro` saying what is decided, a comment box and one button that decides.

    `comment_required`: the button stays disabled until a comment is typed.
    """

    def __init__(
        self,
        title: str,
        intro: str,
        button_text: str,
        *,
        comment_required: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.comment_required = comment_required
        self.setWindowTitle(title)
        self.setMinimumWidth(440)

        self.intro_label = plain_label(intro)
        self.intro_label.setWordWrap(True)
        self.comment_edit = QLineEdit()
        self.comment_edit.setMaxLength(COMMENT_LIMIT)
        self.comment_edit.setAccessibleName(self.tr("Comment"))
        self.comment_edit.setMinimumWidth(400)
        label = QLabel(
            self.tr("&Comment (required; the employee sees it):")
            if comment_required
            else self.tr("&Comment (optional):")
        )
        label.setBuddy(self.comment_edit)
        self.problem_label = plain_label()
        self.problem_label.setObjectName("fieldProblem")
        self.problem_label.setAccessibleName(self.tr("Problem"))

        self.buttons = QDialogButtonBox()
        self.decide_button: QPushButton = self.buttons.addButton(
            button_text, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.decide_button.setAccessibleName(button_text.replace("&", ""))
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(8)
        layout.addWidget(self.intro_label)
        layout.addSpacing(4)
        layout.addWidget(label)
        layout.addWidget(self.comment_edit)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)

        self.decide_button.setDefault(True)
        self.comment_edit.textChanged.connect(self._validate)
        self._validate()
        self.comment_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def comment(self) -> str:
        return self.comment_edit.text().strip()

    def _validate(self) -> None:
        text = self.comment()
        if self.comment_required and not text:
            problem = self.tr("Say why, so the employee knows what to fix.")
        else:
            problem = ""
        self.problem_label.setText(problem)
        self.decide_button.setEnabled(not problem)

    def accept(self) -> None:
        if not self.decide_button.isEnabled():
            return
        super().accept()
