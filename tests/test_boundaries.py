"""The dependency rules of DESIGN.md, checked on the source: imports point one way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = ("app", "sync", "server")


def imported_modules(source: str, package: str) -> list[str]:
    """Absolute names of every module `source` imports, as if it lived in `package`."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level:
            base = package.rsplit(".", node.level - 1)[0]
            found.append(f"{base}.{node.module}" if node.module else base)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
    return found


def imports_by_file(*folders: str) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT)
            package = ".".join(rel.with_suffix("").parts[:-1])
            result[str(rel)] = imported_modules(path.read_text(encoding="utf-8"), package)
    return result


def within(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def violations(
    folders: tuple[str, ...], forbidden: tuple[str, ...], exempt: tuple[str, ...] = ()
) -> list[str]:
    return [
        f"{file} imports {module}"
        for file, modules in imports_by_file(*folders).items()
        if not file.startswith(exempt)
        for module in modules
        if within(module, forbidden)
    ]


def test_qt_is_imported_only_by_the_ui_and_the_cli() -> None:
    # app/self_check.py is the CLI's `self-check`, whose job is to start Qt and load the catalogue.
    exempt = ("app/ui/", "app/cli.py", "app/self_check.py")
    assert violations(("app", "sync"), ("PySide6", "shiboken6"), exempt=exempt) == []


def test_fastapi_is_imported_only_by_the_server() -> None:
    assert violations(("app", "sync"), ("fastapi", "starlette", "uvicorn")) == []


def test_domain_imports_nothing_of_ours() -> None:
    bad = [
        v for v in violations(("app/domain",), OURS) if not v.split(" imports ")[1].startswith("app.domain")
    ]
    assert bad == []


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [
        ("app/store", ("app.ui", "sync", "server")),
        ("sync", ("app", "server")),
        ("server", ("app",)),
    ],
)
def test_lower_layers_do_not_import_upper_ones(folder: str, forbidden: tuple[str, ...]) -> None:
    assert violations((folder,), forbidden) == []


def test_the_checker_resolves_relative_and_absolute_imports() -> None:
    source = "import PySide6.QtCore\nfrom ..ui import tasks\nfrom .errors import StoreError\n"
    assert imported_modules(source, "app.store") == ["PySide6.QtCore", "app.ui", "app.store.errors"]
