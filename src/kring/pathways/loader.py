"""Load the shipped pathway templates from fixtures/pathway_templates.json (idempotent)."""

import json
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "pathway_templates.json"


def read_fixture() -> list[dict]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def load_templates(template_model, step_model, data: list[dict] | None = None) -> list:
    """Create (or replace the steps of) each template; works with historical models in migrations."""
    loaded = []
    for item in read_fixture() if data is None else data:
        template, _ = template_model.objects.update_or_create(
            slug=item["slug"],
            version=item["version"],
            defaults={
                "name": item["name"],
                "jurisdiction": item["jurisdiction"],
                "description": item.get("description", ""),
                "max_days": item["max_days"],
                "extension_days": item.get("extension_days", 0),
                "extension_conditions": item.get("extension_conditions", []),
            },
        )
        step_model.objects.filter(template=template).delete()
        by_key = {}
        for order, raw in enumerate(item["steps"], start=1):
            by_key[raw["key"]] = step_model.objects.create(
                template=template,
                order=order,
                key=raw["key"],
                title=raw["title"],
                day_from=raw["day_from"],
                day_to=raw.get("day_to"),
                day_alternative=raw.get("day_alternative"),
                roles=raw.get("roles", []),
                expects=raw.get("expects", []),
            )
        for raw in item["steps"]:
            if raw.get("after"):
                step = by_key[raw["key"]]
                step.after = by_key[raw["after"]]
                step.save(update_fields=["after"])
        loaded.append(template)
    return loaded


def unload_templates(template_model) -> None:
    for item in read_fixture():
        template_model.objects.filter(slug=item["slug"], version=item["version"]).delete()
