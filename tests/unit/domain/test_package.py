"""The domain package as a whole: its public names and what it may import."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import app.domain

DOMAIN = Path(app.domain.__file__).parent


def test_every_public_name_is_exported_once_and_exists() -> None:
    assert len(app.domain.__all__) == len(set(app.domain.__all__))
    for name in app.domain.__all__:
        assert hasattr(app.domain, name), name


def imported_modules(source: Path) -> set[str]:
    tree = ast.parse(source.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_domain_imports_only_the_standard_library_and_itself() -> None:
    for source in DOMAIN.glob("*.py"):
        for module in imported_modules(source):
            top = module.partition(".")[0]
            inside = module == "app.domain" or module.startswith("app.domain.")
            assert top in sys.stdlib_module_names or inside, f"{source.name} imports {module}"
