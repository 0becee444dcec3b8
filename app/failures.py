"""The one base class of failures a command reports as one plain line (exit 1).

Light on purpose: `app.cli` catches it without importing the modules that
raise it (the demo server, the rules), so a plain `stempel` starts fast.
"""

from __future__ import annotations


class Failure(Exception):
    """A failure the user can act on; its text is the one line printed."""
