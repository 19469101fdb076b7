"""Permission-matrix cases for Signs of Success (tests/access/test_permission_matrix.py collects them).

Pages: the circle, the team lead and emergency access read; everybody else 404, the anonymous visitor the
login page. Writes (the API): the circle and the team lead; emergency access is read-only, so 404 like
everybody else who may not write. The page's own POSTs are covered in test_*.py (the matrix takes one case per
URL name)."""

from tests.permissions import A, Case

PAGE = {"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 302}
READERS = {"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 401}
CREATED = {"circle_member": 201, "team_lead": 201, A: 401}


def _dossier(w) -> dict:
    return {"dossier_id": w.dossier.pk}


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
}
