"""What is still open in a dossier, for "close the dossier": a small registry of providers.

cases may not import the apps above it, so each app that keeps something that must be settled before a
dossier closes (a running pathway, open reminders, unsigned plan versions) registers a provider here from its
AppConfig.ready(). cases itself provides the running measures. A provider takes the dossier and the day and
returns OpenItems; it must ask the database a fixed number of times, whatever the dossier's size (the closure
page's query count is asserted).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Dossier


@dataclass(frozen=True)
class OpenItem:
    kind: str  # a stable key, e.g. "measure", "pathway", "reminder", "plan_version"
    text: str  # translated, for the person who must settle it
    url: str = ""  # where it is settled


OpenItemProvider = Callable[[Dossier, date], Iterable[OpenItem]]
_providers: dict[str, OpenItemProvider] = {}


def register_open_items(name: str, provider: OpenItemProvider) -> None:
    """Register (or replace, by name: ready() may run twice in tests) a provider of open items."""
    _providers[name] = provider


def registered_providers() -> list[str]:
    return ["measures", *sorted(_providers)]


def running_measures(dossier: Dossier, day: date) -> list[OpenItem]:
    """Measures that still run on `day`, or ended without an end reason. One query."""
    url = reverse("dossier_measures", args=[dossier.pk])
    measures = dossier.measures.select_related("child").filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day) | Q(end_reason="")
    )
    items = []
    for measure in measures.order_by("started_on", "pk"):
        if measure.ended_on is None or measure.ended_on > day:
            text = _("%(frame)s of %(child)s still runs: end it with a reason.")
        else:
            text = _("%(frame)s of %(child)s ended without an end reason.")
        items.append(
            OpenItem(
                "measure",
                text % {"frame": measure.get_kind_display(), "child": measure.child.first_name},
                url,
            )
        )
    return items


def open_items(dossier: Dossier, day: date) -> list[OpenItem]:
    """Everything that must be settled before `dossier` can close, cases' own items first."""
    items = running_measures(dossier, day)
    for name in sorted(_providers):
        items.extend(_providers[name](dossier, day))
    return items
