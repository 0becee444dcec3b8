"""README's newcomer commands and CI stay in step."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def shell_blocks(markdown: str) -> list[str]:
    return [b.strip() for b in re.findall(r"```sh\n(.*?)```", markdown, flags=re.DOTALL)]


def ci_commands() -> list[str]:
    """The command lines of .ci/run (no comments, no shell settings)."""
    return [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith(("#", "set ", "cd "))
    ]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    blocks = shell_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
    test_command = blocks[1]
    assert "pytest" in test_command
    assert test_command in ci_commands()


def test_ci_builds_the_bundle_before_the_tests_and_still_runs_them_when_it_fails() -> None:
    lines = ci_commands()
    build = next(i for i, line in enumerate(lines) if line.startswith("scripts/build_bundle"))
    tests = next(i for i, line in enumerate(lines) if line.endswith(".venv/bin/python -m pytest"))
    assert build < tests
    assert "||" in lines[build]  # a failed build is remembered, not fatal before the tests
    assert lines[-1].startswith("exit")


def test_readme_demo_command_opens_the_demo() -> None:
    demo_command = shell_blocks((ROOT / "README.md").read_text(encoding="utf-8"))[0]
    assert demo_command.endswith("stempel --demo")
