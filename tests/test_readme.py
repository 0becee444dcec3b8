"""README's newcomer commands and CI stay in step."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def shell_blocks(markdown: str) -> list[str]:
    return [b.strip() for b in re.findall(r"```sh\n(.*?)```", markdown, flags=re.DOTALL)]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    blocks = shell_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
    test_command = blocks[1]
    assert "pytest" in test_command
    ci_lines = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith(("#", "set ", "cd "))
    ]
    assert ci_lines == [test_command]


def test_readme_demo_command_opens_the_demo() -> None:
    demo_command = shell_blocks((ROOT / "README.md").read_text(encoding="utf-8"))[0]
    assert demo_command.endswith("stempel --demo")
