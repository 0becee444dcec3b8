"""What the cold-start benchmark runs in its fresh child processes.

Each child prints the line "shown" once its window is on screen and painted,
then quits; the parent times from before it started the child to that line.
Nothing is imported at module level, so importing this module costs both
children the same (next to nothing).
"""

from __future__ import annotations


def app_main() -> None:
    """The `stempel --profile DIR` start-up (argv[1]), reporting the window's `ready`."""
    import sys
    from typing import Any

    import app.ui.app as gui
    from app.cli import main
    from app.ui.main_window import MainWindow
    from app.ui.tasks import TaskRunner

    build_window = gui.build_window

    def build_and_report(runner: TaskRunner, **options: Any) -> MainWindow:
        window = build_window(runner, **options)
        window.ready.connect(_shown_then_quit)
        return window

    gui.build_window = build_and_report
    sys.exit(main(["--profile", sys.argv[1]]))


def bare_main() -> None:
    """The baseline: a bare QWidget of the main window's minimum size, shown and painted."""
    import sys

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    widget = QWidget()
    widget.resize(720, 560)
    widget.show()

    def shown() -> None:
        widget.repaint()  # as MainWindow does before `ready`
        _shown_then_quit()

    QTimer.singleShot(0, shown)
    sys.exit(app.exec())


def _shown_then_quit() -> None:
    from PySide6.QtCore import QCoreApplication

    print("shown", flush=True)
    QCoreApplication.quit()
