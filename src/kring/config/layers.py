"""The order of kring's apps: an app imports its own layer and the layers below it, never one above.

Lowest first. `tests/ui/test_layers.py` reads every module under src/kring (imports at module level and
inside functions) and fails on an import that runs upward, naming file and line; docs/architecture.md
("Dependencies between apps") explains the order.
"""

import ast
from pathlib import PurePosixPath

LAYERS: tuple[tuple[str, ...], ...] = (
    # Plain helpers without a Django app: dates (kring/dates.py), the background sweeps and their mail
    # (kring/sweeps.py), fast bulk inserts for the generators of bench data (kring/bulk_rows.py).
    ("dates", "sweeps", "bulk_rows"),
    # The core every app stands on: who works where (accounts), the audit log, and the policy (access).
    # They use each other: the log records the actor's membership, accounts and access write to the log,
    # and the privacy officer's oversight pages in audit read the access rules.
    ("accounts", "audit", "access"),
    # The page kit: page and API helpers, the dossier header, the global pages (home, errors, health).
    ("ui",),
    # Dossiers, their circle, history, measures, intake, placement and closure.
    ("cases",),
    # What hangs off a dossier or stands beside it; none of these uses another.
    ("network", "retention", "professional_choice", "feedback", "chain"),
    # The safety plan and its parts (success, child's voice).
    ("safety",),
    # Pathways read the safety plan for the case script and the alignment agenda.
    ("pathways",),
    # Readers over everything below: the dashboards and the family portal.
    ("insights", "portal"),
    # The demo is seeded through every app's services; nothing imports it.
    ("demo",),
    # The composition root: settings, URLs and the API wire every app.
    ("config",),
)

# The page kit serves the pages and API handlers of every app, also those of the core apps below it.
PAGE_KIT = "ui"
# access holds the rules for every app's data, so it may read every app's models, and nothing else above it.
POLICY = "access"

LAYER_OF: dict[str, int] = {app: number for number, apps in enumerate(LAYERS) for app in apps}


def _is_page_module(module: PurePosixPath) -> bool:
    """A page or API handler module: views.py, *_views.py, api.py, *_api.py."""
    stem = module.stem
    return stem in ("views", "api") or stem.endswith(("_views", "_api"))


def _imported(module: PurePosixPath, tree: ast.AST) -> list[tuple[int, str]]:
    """(line, dotted name) of every kring name `module` imports, wherever the import statement stands."""
    package = ["kring", *module.parent.parts]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            stem = ".".join([*base, *([node.module] if node.module else [])])
            found += [(node.lineno, f"{stem}.{alias.name}") for alias in node.names]
    return sorted((line, name) for line, name in found if name.startswith("kring."))


def app_of(module: PurePosixPath) -> str:
    """The app a module below kring/ belongs to: its first folder (or the file itself, for kring/dates.py)."""
    return module.parts[0] if len(module.parts) > 1 else module.stem


def upward_imports(module: str, source: str) -> list[str]:
    """The imports in `module` (a path below kring/, e.g. "cases/selectors.py") that run upward, or reach an
    app missing from LAYERS, as "module:line: name (app, layer n) imports app (layer m)"."""
    path = PurePosixPath(module)
    app = app_of(path)
    problems = []
    for line, name in _imported(path, ast.parse(source, filename=module)):
        parts = name.split(".")
        target = parts[1]
        if target == app:
            continue
        if app not in LAYER_OF or target not in LAYER_OF:
            problems.append(f"{module}:{line}: {name}: {app} or {target} is missing from LAYERS")
            continue
        if LAYER_OF[target] <= LAYER_OF[app]:
            continue
        if target == PAGE_KIT and _is_page_module(path):
            continue
        if app == POLICY and "models" in parts[2:]:
            continue
        layers = f"({app}, layer {LAYER_OF[app]}) imports {target} (layer {LAYER_OF[target]})"
        problems.append(f"{module}:{line}: {name} {layers}")
    return problems
