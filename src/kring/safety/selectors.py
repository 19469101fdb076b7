"""Reads of the safety pages, each in a fixed number of queries whatever the size of the dossier.

The caller has opened the dossier through the door (cases.selectors.dossier_open), which logged the read."""

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from kring.cases.models import Dossier

from .models import Mapping, PlanVersion, SafetyPlan

MAPPING_PEOPLE = ("participants__person", "circle_members__user")


def _with_items(queryset: Any) -> Any:
    return queryset.prefetch_related("items", *MAPPING_PEOPLE)


@dataclass
class MappingPage:
    versions: list[Mapping]  # every mapping, oldest first, without items
    shown: Mapping | None  # with items and people
    previous: Mapping | None  # the one before `shown`, with items and people (for "what changed")

    @property
    def newest(self) -> Mapping | None:
        return self.versions[-1] if self.versions else None

    @property
    def shown_is_newest(self) -> bool:
        return self.shown is not None and self.newest is not None and self.shown.pk == self.newest.pk


def mapping_page(*, dossier: Dossier, number: int | None = None) -> MappingPage:
    """The versions of a dossier's mapping and the one to show (the newest unless `number` names another):
    five queries, however many versions and items there are. An unknown number is a 404."""
    versions = list(Mapping.objects.filter(dossier=dossier).order_by("number"))
    if not versions:
        if number is not None:
            raise Http404
        return MappingPage(versions=[], shown=None, previous=None)
    wanted = versions[-1].number if number is None else number
    numbers = [m.number for m in versions]
    if wanted not in numbers:
        raise Http404
    index = numbers.index(wanted)
    pks = [versions[index].pk] + ([versions[index - 1].pk] if index else [])
    loaded = {m.pk: m for m in _with_items(Mapping.objects.filter(pk__in=pks))}
    for mapping in loaded.values():
        mapping.dossier = dossier
    shown = loaded[versions[index].pk]
    previous = loaded[versions[index - 1].pk] if index else None
    return MappingPage(versions=versions, shown=shown, previous=previous)


def mapping_pair(*, dossier: Dossier, older: int, newer: int) -> tuple[Mapping, Mapping]:
    """Two mappings of the dossier by number, with items and people, for a comparison. 404 when either is
    not this dossier's."""
    found = {
        m.number: m for m in _with_items(Mapping.objects.filter(dossier=dossier, number__in=[older, newer]))
    }
    if older not in found or newer not in found:
        raise Http404
    for mapping in found.values():
        mapping.dossier = dossier
    return found[older], found[newer]


def plans_with_versions(*, dossier: Dossier) -> list[dict[str, Any]]:
    """Every plan of the dossier with all its versions, rules, people and signatures, in a fixed number of
    queries: [{"plan", "current" (the newest version), "older" (newest first)}]."""
    plans = list(SafetyPlan.objects.filter(dossier=dossier))
    versions = list(
        PlanVersion.objects.filter(plan__in=plans)
        .order_by("plan", "-number")
        .prefetch_related(
            "rules__participants__person",
            "rules__circle_members__user",
            "rules__bottom_lines",
            "rules__safety_goals",
            "signatures__participant__person",
            "signatures__circle_member__user",
            "family_views__account__person",  # "my view" of family members (kring.portal.FamilyView)
        )
    )
    out = []
    for plan in plans:
        plan.dossier = dossier
        mine = [v for v in versions if v.plan_id == plan.pk]
        for version in mine:
            version.plan = plan
        out.append({"plan": plan, "current": mine[0], "older": mine[1:]})
    return out
