"""No import runs upward in the declared order of the apps (kring.config.layers.LAYERS): every module below
src/kring, its imports at module level and inside functions, `import x` and `from x import y`."""

from pathlib import Path

import kring
from kring.config.layers import LAYERS, app_of, upward_imports

SRC = Path(kring.__file__).resolve().parent


def _modules() -> list[Path]:
    return sorted(path for path in SRC.rglob("*.py") if path.parent != SRC or path.stem != "__init__")


def test_no_import_runs_upward():
    found = [
        problem
        for path in _modules()
        for problem in upward_imports(path.relative_to(SRC).as_posix(), path.read_text(encoding="utf-8"))
    ]
    assert found == [], "imports against kring.config.layers.LAYERS:\n" + "\n".join(found)


def test_every_app_with_code_has_one_place_in_the_order():
    declared = [app for layer in LAYERS for app in layer]
    assert len(declared) == len(set(declared))
    apps = {app_of(path.relative_to(SRC)) for path in _modules()}
    assert apps == set(declared)


def test_the_check_finds_an_upward_import_anywhere_in_a_module():
    source = (
        "import kring.safety.services\n"  # 1: cases → safety, module level
        "from kring.access.policy import Action\n"  # 2: down
        "def f():\n"
        "    from kring.pathways.selectors import pathway_open\n"  # 4: up, inside a function
        "    from kring import chain\n"  # 5: up, the app itself imported from kring
        "    from .models import Dossier\n"  # 6: the app's own module
        "    from kring.ui.pages import submit\n"  # 7: down
        "import kring.demo.shared\n"  # 8: up
        "from kring.nowhere import x\n"  # 9: an app the order does not know
    )
    found = upward_imports("cases/selectors.py", source)
    assert [problem.split(":")[1] for problem in found] == ["1", "4", "5", "8", "9"]
    assert found[0] == "cases/selectors.py:1: kring.safety.services (cases, layer 3) imports safety (layer 5)"


def test_relative_imports_are_resolved_against_the_module():
    assert upward_imports("safety/success/selectors.py", "from ..models import SafetyPlan\n") == []
    assert upward_imports("dates.py", "from . import demo\n") == [
        "dates.py:1: kring.demo (dates, layer 0) imports demo (layer 8)"
    ]


def test_pages_of_core_apps_use_the_page_kit_and_access_reads_models_only():
    assert upward_imports("accounts/api.py", "from kring.ui.api import ErrorOut\n") == []
    assert upward_imports("accounts/services.py", "from kring.ui.api import ErrorOut\n") != []
    assert upward_imports("access/chain.py", "from kring.chain.models import ChainCase\n") == []
    assert upward_imports("access/chain.py", "from kring.chain.services import case_add\n") != []
