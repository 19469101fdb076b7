"""Insights in the permission matrix. The world's team lead leads the dossier's team (team dashboard,
drill-down, export requests); the privacy officer decides research exports; nobody else in the world has an
insights grant, so every other persona gets 404 — including on the dossier pages, where the outcome facts
follow the dossier's policy (section "measures")."""

from datetime import date

from kring.cases.models import Measure
from kring.insights.models import ProbationEvent, ResearchExport

from ..permissions import A, Case

READERS = {"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 302}
WRITERS = {"circle_member": 200, "team_lead": 200, A: 302}  # an empty form: shown again with its errors
API_READERS = {"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 401}
API_WRITERS = {"circle_member": 422, "team_lead": 422, A: 401}  # a child of another dossier: refused


def _dossier(w) -> dict:
    return {"dossier_id": w.dossier.pk}


def _measure(w) -> Measure:
    return Measure.objects.get_or_create(
        dossier=w.dossier,
        child=w.dossier.children.get(),
        kind="nl_ots",
        started_on=date(2026, 3, 1),
        planned_end_on=date(2027, 3, 1),
    )[0]


def _event(w) -> ProbationEvent:
    measure = Measure.objects.get_or_create(
        dossier=w.dossier,
        child=w.dossier.children.get(),
        kind="nl_youth_probation",
        started_on=date(2026, 3, 1),
    )[0]
    # the version goes back to 1 for every persona: each one writes on the version it saw
    event, _created = ProbationEvent.objects.update_or_create(
        measure=measure,
        dossier=w.dossier,
        defaults={"kind": "report_back", "occurred_on": date(2026, 4, 1), "reason": "no_show", "version": 1},
    )
    return event


def _export(w) -> dict:
    export = ResearchExport.objects.get_or_create(
        title="Werkt Signs of Success?",
        defaults={
            "organisation": w.dossier.owning_team.organisation,
            "purpose": "Vergelijking van de uitkomsten.",
            "period_start": date(2024, 1, 1),
            "period_end": date(2025, 12, 31),
            "quasi_identifiers": ["age_band"],
            "requested_by": w.team_lead,
            "pseudonym_key": "00" * 32,
        },
    )[0]
    return {"export_id": export.pk}


TEAM_LEAD_ONLY = {"team_lead": 200, A: 302}

CASES = {
    "insights_dossier_outcomes": Case("get", kwargs=_dossier, expect=READERS, default=404),
    "insights_method_label_set": Case(
        "post",
        kwargs=_dossier,
        data={"method": "signs_of_safety", "since": "2026-04-01"},
        expect={"circle_member": 302, "team_lead": 302, A: 302},
        default=404,
    ),
    "insights_risk_assessment_add": Case("post", kwargs=_dossier, expect=WRITERS, default=404),
    "insights_probation_event_add": Case("post", kwargs=_dossier, expect=WRITERS, default=404),
    # the version seen: the event goes back to version 1 for every persona (see _event)
    "insights_probation_event_outcome_set": Case(
        "post",
        kwargs=lambda w: {**_dossier(w), "event_id": _event(w).pk},
        data={"outcome": "continued", "version": "1"},
        expect={"circle_member": 302, "team_lead": 302, A: 302},
        default=404,
    ),
    "insights_end_judgement_record": Case(
        "post", kwargs=lambda w: {**_dossier(w), "measure_id": _measure(w).pk}, expect=WRITERS, default=404
    ),
    "insights_index": Case("get", expect={"team_lead": 200, "privacy_officer": 200, A: 302}, default=404),
    "insights_dashboard": Case("get", kwargs=lambda w: {"scope": "team"}, expect=TEAM_LEAD_ONLY, default=404),
    "insights_compare": Case("get", kwargs=lambda w: {"scope": "team"}, expect=TEAM_LEAD_ONLY, default=404),
    # the figures are computed at once in tests (test_settings); with a worker, the download goes back to
    # the page until they are (tests/insights/test_pages.py)
    "insights_download": Case(
        "get",
        kwargs=lambda w: {"scope": "team", "fmt": "csv"},
        expect={"team_lead": 200, A: 302},
        default=404,
    ),
    "insights_progress": Case(
        "get",
        kwargs=lambda w: {"scope": "team"},
        data={"kind": "dashboard"},
        expect=TEAM_LEAD_ONLY,
        default=404,
    ),
    "insights_recompute": Case(
        "post",
        kwargs=lambda w: {"scope": "team"},
        data={"kind": "dashboard"},
        expect={"team_lead": 302, A: 302},
        default=404,
    ),
    "insights_drill_down": Case(
        "get",
        kwargs=lambda w: {"team_id": w.dossier.owning_team_id, "category": "as_planned"},
        expect=TEAM_LEAD_ONLY,
        default=404,
    ),
    "insights_export_list": Case(
        "get", expect={"team_lead": 200, "privacy_officer": 200, A: 302}, default=404
    ),
    "insights_export_detail": Case(
        "get", kwargs=_export, expect={"team_lead": 200, "privacy_officer": 200, A: 302}, default=404
    ),
    # not approved yet: nobody downloads it
    "insights_export_download": Case(
        "get", kwargs=lambda w: {**_export(w), "fmt": "csv"}, expect={A: 302}, default=404
    ),
    "api:get_outcomes": Case("get", kwargs=_dossier, expect=API_READERS, default=404),
    "api:set_method": Case(
        "put",
        kwargs=_dossier,
        data={"method": "regular", "since": "2026-04-01"},
        json=True,
        expect={"circle_member": 200, "team_lead": 200, A: 401},
        default=404,
    ),
    "api:add_risk_assessment": Case(
        "post",
        kwargs=_dossier,
        data={"child_id": 0, "instrument": "lij", "assessed_on": "2026-04-01", "overall_level": "low"},
        json=True,
        expect=API_WRITERS,
        default=404,
    ),
    "api:add_probation_event": Case(
        "post",
        kwargs=_dossier,
        data={"measure_id": 0, "kind": "warning_talk", "occurred_on": "2026-04-01", "reason": "no_show"},
        json=True,
        expect=API_WRITERS,
        default=404,
    ),
    "api:record_judgement": Case(
        "put",
        kwargs=lambda w: {**_dossier(w), "measure_id": _measure(w).pk},
        data={"goal_realisation": 3, "help_accepted": 3, "evidence": "x", "judged_on": "2026-04-01"},
        json=True,
        expect=API_WRITERS,  # the measure has not ended: 422
        default=404,
    ),
    "api:set_probation_outcome": Case(
        "put",
        kwargs=lambda w: {**_dossier(w), "event_id": _event(w).pk},
        data={"outcome": "continued", "version": 1},
        json=True,
        expect={"circle_member": 200, "team_lead": 200, A: 401},
        default=404,
    ),
    "api:get_indicators": Case(
        "get", kwargs=lambda w: {"scope": "team"}, expect={"team_lead": 200, A: 401}, default=404
    ),
}
