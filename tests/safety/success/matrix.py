"""Permission-matrix cases for Signs of Success (tests/access/test_permission_matrix.py collects them).

Pages: the circle, the team lead and emergency access read; everybody else 404, the anonymous visitor the
login page. Writes (the API): the circle and the team lead; emergency access is read-only, so 404 like
everybody else who may not write. The page's own POSTs are covered in test_*.py (the matrix takes one case per
URL name)."""

from datetime import date

from kring.cases.models import Measure
from kring.safety.success import services
from kring.safety.success.models import EarlyClosure
from tests.permissions import A, Case

PAGE = {"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 302}
READERS = {"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 401}
CREATED = {"circle_member": 201, "team_lead": 201, A: 401}


def _dossier(w) -> dict:
    return {"dossier_id": w.dossier.pk}


def _ready(w) -> Measure:
    """A youth probation measure with everything true for a positive early closure (made once per world)."""
    measure = Measure.objects.filter(dossier=w.dossier, kind="nl_youth_probation").first()
    if measure is None:
        measure = Measure.objects.create(
            dossier=w.dossier,
            child=w.dossier.children.get(),
            kind="nl_youth_probation",
            started_on=date(2026, 3, 2),
            planned_end_on=date(2027, 3, 2),
        )
        services.book_ends_save(
            actor=None, dossier=w.dossier, greatest_worry="Inbraak.", success_goal="School."
        )
        services.ik_plan_save(actor=None, dossier=w.dossier, goals="Diploma.", written_by="young_person")
        for view in ("young_person", "worker"):
            services.desistance_record_add(
                actor=None, dossier=w.dossier, recorded_on=date(2026, 10, 5), stage="stopping", view=view
            )
    return measure


def _closure(w) -> dict:
    """A proposal by the circle member, waiting for the team lead."""
    closure = EarlyClosure.objects.filter(dossier=w.dossier).first() or services.closure_propose(
        actor=w.circle_member,
        dossier=w.dossier,
        measure=_ready(w),
        closes_on=date(2026, 11, 16),
        achievements="Weer naar school.",
        young_person_view="Ik kan het.",
    )
    return {**_dossier(w), "closure_id": closure.pk}


def _proposal(w) -> dict:
    return {
        "measure": _ready(w).pk,
        "closes_on": "2026-11-16",
        "achievements": "Weer naar school.",
        "young_person_view": "Ik kan het.",
    }


CASES: dict[str, Case] = {
    "success_overview": Case("get", kwargs=_dossier, expect=PAGE, default=404),
    "api:list_book_ends": Case("get", kwargs=_dossier, expect=READERS, default=404),
    "api:save_book_ends": Case(
        "post",
        kwargs=_dossier,
        data={"greatest_worry": "Nieuwe delicten.", "success_goal": "Rust thuis.", "actions": []},
        json=True,
        expect=CREATED,
        default=404,
    ),
    "api:list_ik_plans": Case("get", kwargs=_dossier, expect=READERS, default=404),
    "api:save_ik_plan": Case(
        "post",
        kwargs=_dossier,
        data={"goals": "Thuis blijven wonen.", "written_by": "young_person"},
        json=True,
        expect=CREATED,
        default=404,
    ),
    "success_desistance_add": Case(
        "post",
        kwargs=_dossier,
        data={"ds-recorded_on": "2026-05-11", "ds-stage": "preparing", "ds-view": "young_person"},
        expect={"circle_member": 302, "team_lead": 302, A: 302},
        default=404,
    ),
    "api:list_desistance_stages": Case("get", kwargs=_dossier, expect=READERS, default=404),
    "api:add_desistance_stage": Case(
        "post",
        kwargs=_dossier,
        data={"recorded_on": "2026-05-11", "stage": "preparing", "view": "worker"},
        json=True,
        expect=CREATED,
        default=404,
    ),
    "success_closure": Case("get", kwargs=_dossier, expect=PAGE, default=404),
    "success_closure_report": Case("get", kwargs=_closure, expect=PAGE, default=404),
    "success_closure_report_pdf": Case("get", kwargs=_closure, expect=PAGE, default=404),
    "success_closure_propose": Case(
        "post",
        kwargs=_dossier,
        data=_proposal,
        expect={"circle_member": 302, "team_lead": 302, A: 302},
        default=404,
    ),
    # The circle member is sent back with "only the team lead"; the team lead confirms (to the report).
    "success_closure_confirm": Case(
        "post", kwargs=_closure, expect={"circle_member": 302, "team_lead": 302, A: 302}, default=404
    ),
    "success_closure_decline": Case(
        "post",
        kwargs=_closure,
        data={"note": "Nog niet."},
        expect={"circle_member": 302, "team_lead": 302, A: 302},
        default=404,
    ),
    "api:list_closure_checks": Case("get", kwargs=_dossier, expect=READERS, default=404),
    "api:list_early_closures": Case("get", kwargs=_dossier, expect=READERS, default=404),
    "api:propose_early_closure": Case(
        "post",
        kwargs=_dossier,
        data=lambda w: {
            "measure_id": _ready(w).pk,
            "closes_on": "2026-11-16",
            "achievements": "Weer naar school.",
            "young_person_view": "Ik kan het.",
        },
        json=True,
        expect=CREATED,
        default=404,
    ),
    # Only the team lead decides: the circle member's call is refused with a message (422).
    "api:confirm_early_closure": Case(
        "post",
        kwargs=_closure,
        data={"note": ""},
        json=True,
        expect={"circle_member": 422, "team_lead": 200, A: 401},
        default=404,
    ),
    "api:decline_early_closure": Case(
        "post",
        kwargs=_closure,
        data={"note": "Nog niet."},
        json=True,
        expect={"circle_member": 422, "team_lead": 200, A: 401},
        default=404,
    ),
}
