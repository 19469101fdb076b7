"""The summaries services generate for the dossier's history, in the reader's language.

A generated summary is stored as a message key and its parameters (DossierEvent.summary_key, summary_params):
codes, dates and names, never words of one language. `render` turns them into text in the active language, so
an event recorded under Dutch reads in English on an English page and the other way round. The event's
`summary` keeps the text in the writer's language as well (a fallback for an unknown key, and for readers of
the table). A summary a user typed (a note, a reason) is stored as text only and shown as typed.

A service passes `Summary(key, **params)` as the summary to `dossier_event_add`; the parameters must be what
JSON holds (dates as ISO text).
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.utils.translation import gettext, ngettext

MEASURE_STARTED = "measure_started"
MEASURE_EXTENDED = "measure_extended"
MEASURE_ENDED = "measure_ended"
OPENED = "opened"
AUTHORITY = "authority"
SUMMARY_EDITED = "summary_edited"
CLOSURE_NOT_CONFIRMED = "closure_not_confirmed"
PLACEMENT = "placement"
CRISIS_DECISION = "crisis_decision"
CHAIN_OPENED = "chain_opened"
PATHWAY_STARTED = "pathway_started"
PATHWAY_EXTENDED = "pathway_extended"
PATHWAY_ENDED = "pathway_ended"
PATHWAY_PAUSED = "pathway_paused"
PATHWAY_RESUMED = "pathway_resumed"


class Summary:
    """A generated summary: its key and its parameters (JSON values)."""

    def __init__(self, key: str, **params: Any) -> None:
        if key not in RENDERERS:
            raise KeyError(key)
        self.key, self.params = key, params

    def text(self) -> str:
        return render(self.key, self.params)


def _choice(model: Any, name: str, value: str) -> str:
    """The label of a choice of a model's field in the active language; an unknown code stays as it is."""
    return str(dict(model._meta.get_field(name).flatchoices).get(value, value))


def _day(iso: str) -> str:
    return f"{date.fromisoformat(iso):%d-%m-%Y}"


def _measure(value: str) -> str:
    from .models import Measure

    return _choice(Measure, "kind", value)


def _end_reason(value: str) -> str:
    from .models import Measure

    return _choice(Measure, "end_reason", value)


def _opened(p: dict[str, Any]) -> str:
    from .models import CaseOrigin

    return f"{_choice(CaseOrigin, 'kind', p['origin'])} ({_day(p['on'])})"


def _authority(p: dict[str, Any]) -> str:
    from .models import Authority

    return f"{p['holder']} → {p['child']}: {_choice(Authority, 'source', p['source'])}"


def _summary_edited(p: dict[str, Any]) -> str:
    from .models import Dossier

    return ", ".join(str(Dossier._meta.get_field(name).verbose_name) for name in p["fields"])


def _placement(p: dict[str, Any]) -> str:
    from .models import Placement

    prefix = gettext("Stay ended") + " · " if p.get("ended") else ""
    return f"{prefix}{p['child']}: {_choice(Placement, 'kind', p['kind'])}"


def _crisis_decision(p: dict[str, Any]) -> str:
    from .services.placement import CRISIS_DECISION_LABELS, CrisisDecision

    label = CRISIS_DECISION_LABELS[CrisisDecision(p["decision"])]
    return f"{p['child']}: {gettext('decision on the crisis placement')}: {label}"


RENDERERS: dict[str, Callable[[dict[str, Any]], str]] = {
    MEASURE_STARTED: lambda p: _measure(p["kind"]),
    MEASURE_EXTENDED: lambda p: f"{_measure(p['kind'])} → {_day(p['until'])}",
    MEASURE_ENDED: lambda p: f"{_measure(p['kind'])}: {_end_reason(p['reason'])}",
    OPENED: _opened,
    AUTHORITY: _authority,
    SUMMARY_EDITED: _summary_edited,
    CLOSURE_NOT_CONFIRMED: lambda p: gettext("Closure not confirmed: %(note)s") % {"note": p["note"]},
    PLACEMENT: _placement,
    CRISIS_DECISION: _crisis_decision,
    CHAIN_OPENED: lambda p: gettext("Opened from chain case %(reference)s (%(table)s)") % p,
    # a template's name is kept in English in the database and translated where it is shown (|catalogue)
    PATHWAY_STARTED: lambda p: gettext("Pathway started: %(name)s") % {"name": gettext(p["name"])},
    PATHWAY_EXTENDED: lambda p: gettext("Pathway extended by %(days)s days") % p,
    PATHWAY_ENDED: lambda p: (
        gettext("Pathway ended: %(name)s (%(reason)s)")
        % {"name": gettext(p["name"]), "reason": _end_reason(p["reason"])}
    ),
    # the reason for a pause is typed by the case worker and reads as typed
    PATHWAY_PAUSED: lambda p: (
        gettext("Pathway paused: %(name)s (%(reason)s)") % {"name": gettext(p["name"]), "reason": p["reason"]}
    ),
    PATHWAY_RESUMED: lambda p: (
        ngettext(
            "Pathway resumed: %(name)s; the open steps moved on by %(days)s day",
            "Pathway resumed: %(name)s; the open steps moved on by %(days)s days",
            p["days"],
        )
        % {"name": gettext(p["name"]), "days": p["days"]}
    ),
}


def render(key: str, params: dict[str, Any]) -> str:
    """The summary of `key` with `params` in the active language."""
    return RENDERERS[key](params)
