"""Page forms live in their app's forms.py (or *_forms.py), never in a views module: checked over the
source, so that a view stays open → form → service → render."""

import ast
from pathlib import Path

import pytest

import kring

SRC = Path(kring.__file__).resolve().parent
FORM_BASES = {"forms.Form", "Form", "forms.ModelForm", "ModelForm"}


def form_classes(tree: ast.AST) -> list[str]:
    return [
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef) and any(ast.unparse(base) in FORM_BASES for base in node.bases)
    ]


VIEW_MODULES = sorted(
    str(path.relative_to(SRC))
    for path in SRC.rglob("*.py")
    if path.stem == "views" or path.stem.endswith("_views")
)


@pytest.mark.parametrize("module", VIEW_MODULES)
def test_no_form_is_defined_in_a_views_module(module):
    forms = form_classes(ast.parse((SRC / module).read_text(), filename=module))
    assert not forms, f"{module} defines {forms}: move them to the app's forms.py"


def test_the_check_finds_what_it_looks_for():
    code = ast.parse(
        "class A(forms.Form): pass\n"
        "class B(Form): pass\n"
        "class C(SomethingElse): pass\n"
        "class D(forms.ModelForm): pass\n"
    )
    assert form_classes(code) == ["A", "B", "D"]
