"""Migrate every kring app down to zero and up again, so a migration that does not reverse fails here.

The app list comes from Django's migration graph (no list kept by hand): apps are unmigrated in the reverse
order in which the full forward plan first needs them, so an app goes down before the apps it depends on.
Usage: `python scripts/migration_round_trip.py` with the same environment as `manage.py`.
"""

import os
import sys

import django
from django.core.management import call_command


def kring_apps_in_unmigrate_order() -> list[str]:
    from django.apps import apps
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    graph = MigrationLoader(connection, ignore_no_migrations=True).graph
    first_needed: list[str] = []
    for leaf in sorted(graph.leaf_nodes()):
        for app_label, _name in graph.forwards_plan(leaf):
            if app_label not in first_needed:
                first_needed.append(app_label)
    kring = {config.label for config in apps.get_app_configs() if config.name.startswith("kring.")}
    return [label for label in reversed(first_needed) if label in kring]


def main() -> int:
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kring.config.settings")
    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    labels = kring_apps_in_unmigrate_order()
    print("down to zero:", " ".join(labels))
    for label in labels:
        call_command("migrate", label, "zero", interactive=False, verbosity=0)
    call_command("migrate", interactive=False, verbosity=0)
    print("and up again: ok")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
