"""A refusal below the page is PermissionDenied (or ValidationError); "not found" (Http404) is said by the
pages, the API and the doors alone — checked over the source, so that a service cannot answer for the page.

The pages turn a PermissionDenied into 404 (kring.ui.pages.dossier_view), the API in its one exception
handler (kring.config.api). A door (`<entity>_open`) loads an object and answers 404 for one that does not
exist and for one the user may not see alike; the loaders below do the same for one part of an object the
caller opened through its door.
"""

import ast
from pathlib import Path

import pytest

import kring

SRC = Path(kring.__file__).resolve().parent

# Loaders of one object (or one part of an opened object) by id, beside their door: 404 when it does not
# exist. Every other function that raises Http404 below the page must end in `_open` (a door).
LOADERS = {
    "cases/selectors.py": {"dossier_get_for_user", "_parse_id"},
    "audit/selectors.py": {"privacy_officer_gate"},  # the audit log's door: privacy officers only
    "safety/childvoice/selectors.py": {"child_get", "panel_get"},
    "safety/selectors.py": {"mapping_page", "mapping_pair"},
    "safety/success/selectors.py": {"closure_get"},
    # objects inside a portal the door opened, looked up among this person's own (another's id: not found)
    "portal/selectors.py": {
        "_dossier_pk",
        "current_plan_version",
        "family_scale_question",
        "family_questionnaire",
        "family_advice_version",
    },
    "portal/selectors_child.py": {"family_story_picture"},
    "chain/selectors.py": {"_pk"},
    "chain/index/selectors.py": {"_pk"},
}


# Modules of pages that are not named so: the national login broker's views (404 while it is not configured).
OTHER_PAGES = {"portal/oidc.py"}


def _is_page_or_api(module: str) -> bool:
    name = Path(module).stem
    return (
        module in OTHER_PAGES
        or name in ("views", "api", "urls", "pages")
        or name.endswith(("_views", "_api", "_urls"))
        or "management" in Path(module).parts
    )


def _modules() -> list[str]:
    return sorted(
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts
        and path.name != "__init__.py"
        and not _is_page_or_api(str(path.relative_to(SRC)))
    )


def _raises_not_found(node: ast.AST) -> bool:
    if not isinstance(node, ast.Raise) or node.exc is None:
        return False
    exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
    return (isinstance(exc, ast.Name) and exc.id == "Http404") or (
        isinstance(exc, ast.Attribute) and exc.attr == "Http404"
    )


def not_found_raises(tree: ast.AST) -> list[tuple[str, int]]:
    """(enclosing function, line) for every `raise Http404` in the module; "" for module level."""
    found: list[tuple[str, int]] = []

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                visit(child, child.name)
            elif _raises_not_found(child):
                found.append((function, child.lineno))
                visit(child, function)
            else:
                visit(child, function)

    visit(tree, "")
    return found


def refusals_outside_the_doors(module: str, tree: ast.AST) -> list[tuple[str, int]]:
    is_selectors = Path(module).stem.startswith("selectors")  # also selectors_child.py
    allowed = LOADERS.get(module, set())
    return [
        (function, line)
        for function, line in not_found_raises(tree)
        if not (is_selectors and (function.endswith("_open") or function in allowed))
    ]


@pytest.mark.parametrize("module", _modules())
def test_below_the_page_a_refusal_is_permission_denied(module):
    tree = ast.parse((SRC / module).read_text(), filename=module)
    wrong = refusals_outside_the_doors(module, tree)
    assert not wrong, (
        f"{module}: {wrong} raise Http404 outside a door: raise PermissionDenied (the page and the API "
        "answer it as 404), or load the object through its door (<entity>_open in selectors.py)"
    )


def test_the_check_finds_what_it_looks_for():
    code = ast.parse(
        "from django import http\n"
        "def authorise(actor):\n"
        "    raise Http404\n"
        "def registration_open(user, pk):\n"
        "    raise Http404 from None\n"
        "def helper():\n"
        "    def inner():\n"
        "        raise http.Http404('no')\n"
        "    raise PermissionDenied\n"
    )
    assert not_found_raises(code) == [("authorise", 3), ("registration_open", 5), ("inner", 8)]
    assert refusals_outside_the_doors("x/services.py", code) == [
        ("authorise", 3),
        ("registration_open", 5),
        ("inner", 8),
    ]
    assert refusals_outside_the_doors("x/selectors.py", code) == [("authorise", 3), ("inner", 8)]
    assert _is_page_or_api("safety/childvoice/views.py") and _is_page_or_api("cases/closure_api.py")
    assert not _is_page_or_api("cases/services.py")
