"""Permission-matrix cases for the history pages of a dossier (tests/access/test_permission_matrix.py
collects them).

Pages: the circle, the team lead and emergency access read; everybody else gets 404, the anonymous visitor
the login page. Writes: the circle and the team lead are sent back to the page (post/redirect/get);
emergency access is read-only, so 404 like everybody else who may not write.
"""

from datetime import date

from kring.cases.models import Consent, Measure, Person

from ..conftest import World
from ..permissions import A, Case

PAGE = {"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 302}
WRITE = {"circle_member": 302, "team_lead": 302, A: 302}


def _dossier(w: World) -> dict:
    return {"dossier_id": w.dossier.pk}


def _child(w: World) -> Person:
    return w.dossier.children.get()


def _measure(w: World) -> Measure:
    return Measure.objects.get_or_create(
        dossier=w.dossier,
        child=_child(w),
        kind="nl_ots",
        started_on=date(2026, 3, 1),
        planned_end_on=date(2027, 3, 1),
    )[0]


def _consent(w: World) -> Consent:
    return Consent.objects.get_or_create(
        dossier=w.dossier, given_by=_child(w), given_on=date(2026, 5, 3), scope="Betrokkenheid", step=1
    )[0]


CASES: dict[str, Case] = {
    "dossier_measures": Case("get", kwargs=_dossier, expect=PAGE, default=404),
    "dossier_measure_start": Case(
        "post",
        kwargs=_dossier,
        data=lambda w: {"child": _child(w).pk, "kind": "nl_ots", "started_on": "2026-03-01"},
        expect=WRITE,
        default=404,
    ),
    "dossier_measure_extend": Case(
        "post",
        kwargs=lambda w: {**_dossier(w), "measure_id": _measure(w).pk},
        data={"new_planned_end_on": "2028-03-01", "decided_on": "2027-02-01", "reason": "Nog nodig."},
        expect=WRITE,
        default=404,
    ),
    "dossier_measure_end": Case(
        "post",
        kwargs=lambda w: {**_dossier(w), "measure_id": _measure(w).pk},
        data={"ended_on": "2027-01-01", "end_reason": "goals_reached"},
        expect=WRITE,
        default=404,
    ),
    "dossier_lead_set": Case(
        "post",
        kwargs=_dossier,
        data=lambda w: {
            "organisation": w.dossier.owning_team.organisation_id,
            "cooperation_model": "transfer",
            "since": "2026-03-01",
        },
        expect=WRITE,
        default=404,
    ),
    "dossier_scale": Case(
        "post",
        kwargs=_dossier,
        data={"direction": "down", "occurred_on": "2026-10-01", "note": "Terug naar het wijkteam."},
        expect=WRITE,
        default=404,
    ),
    "dossier_consent": Case("get", kwargs=_dossier, expect=PAGE, default=404),
    "dossier_consent_give": Case(
        "post",
        kwargs=_dossier,
        data=lambda w: {
            "step": 1,
            "scope": "Betrokkenheid",
            "given_by": _child(w).pk,
            "given_on": "2026-05-03",
        },
        expect=WRITE,
        default=404,
    ),
    "dossier_consent_withdraw": Case(
        "post",
        kwargs=lambda w: {**_dossier(w), "consent_id": _consent(w).pk},
        data={"withdrawn_on": "2026-06-01"},
        expect=WRITE,
        default=404,
    ),
    "dossier_sharing": Case("get", kwargs=_dossier, expect=PAGE, default=404),
    "dossier_timeline": Case("get", kwargs=_dossier, expect=PAGE, default=404),
    "dossier_timeline_add": Case(
        "post",
        kwargs=_dossier,
        data={"line": "good", "year": "2005", "text": "geboorte"},
        expect=WRITE,
        default=404,
    ),
    "dossier_contacts": Case("get", kwargs=_dossier, expect=PAGE, default=404),
    "dossier_contact_add": Case(
        "post",
        kwargs=_dossier,
        data={"occurred_on": "2026-04-01", "minutes": "60", "kind": "home_visit"},
        expect=WRITE,
        default=404,
    ),
    "dossier_team_list": Case("get", expect={A: 302}),  # everyone logged in; the list itself is narrowed
}
