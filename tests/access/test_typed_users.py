"""Users are typed in the policy, the audit log and every service and selector module: a parameter that takes
a user is annotated with `User`, `RequestUser` or `MaybeUser` (kring.accounts.types), never `Any` nor left
bare; and mypy checks every one of these modules (pyproject's [tool.mypy])."""

import ast
import tomllib
from pathlib import Path

import kring

SRC = Path(kring.__file__).parent
USER_PARAMETERS = {"user", "actor", "actor_user", "reviewer", "entered_by"}
# `Actor` is the audit log's record of who acted (kring.audit.services), made from a user
USER_TYPES = {"User", "RequestUser", "MaybeUser", "Actor"}


def _modules() -> list[Path]:
    found = {*SRC.glob("access/**/*.py"), *SRC.glob("audit/**/*.py")}
    for name in ("services", "selectors"):
        found |= {*SRC.glob(f"**/{name}.py"), *SRC.glob(f"**/{name}/*.py")}
    return sorted(path for path in found if "migrations" not in path.parts)


def _untyped_users(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    wrong = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        arguments = node.args
        for argument in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]:
            if argument.arg not in USER_PARAMETERS:
                continue
            annotation = ast.unparse(argument.annotation) if argument.annotation else ""
            names = {part.strip(" \"'") for part in annotation.split("|")} - {"None"}
            if not names or not names <= USER_TYPES:
                where = f"{path.relative_to(SRC.parent)}:{argument.lineno}"
                wrong.append(f"{where} {node.name}({argument.arg}: {annotation or '<none>'})")
    return wrong


def test_the_modules_are_found():
    modules = {str(path.relative_to(SRC)) for path in _modules()}
    assert {
        "access/policy.py",
        "audit/services.py",
        "cases/services/dossiers.py",
        "chain/selectors.py",
    } <= modules


def test_every_user_parameter_is_typed_as_a_user():
    wrong = [line for path in _modules() for line in _untyped_users(path)]
    assert not wrong, "user parameters without a user type:\n" + "\n".join(wrong)


def test_mypy_checks_every_module():
    """Every module above is in mypy's `files` (pyproject's [tool.mypy]), so a new services or selectors
    module is type-checked from the start."""
    root = Path(__file__).resolve().parents[2]
    config = tomllib.loads((root / "pyproject.toml").read_text())
    checked = set()
    for pattern in config["tool"]["mypy"]["files"]:
        for hit in root.glob(pattern):
            checked |= set(hit.rglob("*.py")) if hit.is_dir() else {hit}
    checked_names = {str(path.relative_to(root / "src" / "kring")) for path in checked}
    missing = [
        str(path.relative_to(SRC)) for path in _modules() if str(path.relative_to(SRC)) not in checked_names
    ]
    assert not missing, "modules mypy does not check (pyproject's [tool.mypy] files):\n" + "\n".join(missing)
