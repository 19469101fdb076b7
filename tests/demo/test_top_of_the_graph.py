"""kring.demo sits at the top of the dependency graph: it may import every app, and no app imports it."""

import ast
from pathlib import Path

import kring

SOURCE = Path(kring.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_app_imports_the_demo():
    offenders = {
        str(path.relative_to(SOURCE)): sorted(
            name for name in _imported_modules(path) if name.startswith("kring.demo")
        )
        for path in SOURCE.rglob("*.py")
        if SOURCE / "demo" not in path.parents
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_the_demo_is_an_installed_app_after_every_other_kring_app(settings):
    kring_apps = [name for name in settings.INSTALLED_APPS if name.startswith("kring.")]
    assert kring_apps[-1] == "kring.demo"
