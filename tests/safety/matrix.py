"""Permission-matrix cases for the safety pages (tests/access/test_permission_matrix.py collects them).

The circle, the team lead and emergency access read; everybody else 404 (police without consent too). Writes:
the circle and the team lead are sent back to the page; emergency access is read-only (404)."""

from datetime import date

from kring.safety import mapping, services, statements
from kring.safety.models import DangerStatement, Mapping, MappingItem, SafetyGoal, SafetyPlan

from ..conftest import World
from ..permissions import A, Case

PAGE = {"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 302}
WRITE = {"circle_member": 302, "team_lead": 302, A: 302}
API_READ = {"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 401}
API_CREATED = {"circle_member": 201, "team_lead": 201, A: 401}


def _dossier(w: World) -> dict:
    return {"dossier_id": w.dossier.pk}


def _plan(w: World) -> SafetyPlan:
    plan = SafetyPlan.objects.filter(dossier=w.dossier).first()
    return plan or services.plan_create(actor=None, dossier=w.dossier, title="Plan")


def _with_plan(w: World) -> dict:
    return {**_dossier(w), "plan_id": _plan(w).pk}


def _mapping(w: World) -> Mapping:
    found = Mapping.objects.filter(dossier=w.dossier).first()
    return found or mapping.mapping_create(actor=None, dossier=w.dossier, held_on=date(2026, 10, 22))


def _with_mapping(w: World) -> dict:
    return {**_dossier(w), "mapping_id": _mapping(w).pk}


def _with_two_mappings(w: World) -> dict:
    """A dossier with the mappings of two meetings, and the newest one's number."""
    _mapping(w)
    second = mapping.mapping_create(actor=None, dossier=w.dossier, held_on=date(2026, 11, 4))
    return {**_dossier(w), "number": second.number}


def _with_item(w: World) -> dict:
    item = MappingItem.objects.filter(mapping__dossier=w.dossier).first() or mapping.mapping_item_add(
        actor=None, mapping=_mapping(w), element="danger", text="Alleen thuis."
    )
    return {**_dossier(w), "item_id": item.pk}


def _with_mapping_dossier(w: World) -> dict:
    """The page of a dossier that has a mapping (the kwargs are the dossier's only)."""
    _mapping(w)
    return _dossier(w)


STATEMENT = {
    "who_is_worried": "de jeugdrechter",
    "by_whom": "mama",
    "behaviour": "de kinderen 's nachts alleen laat",
    "impact": "Louis bleef wenen",
    "could_happen": "Louis iets overkomt",
}
GOAL = {"who_is_worried": "de jeugdrechter", "what_to_see": "er altijd een volwassene is"}


def _with_statement(w: World) -> dict:
    found = DangerStatement.objects.filter(dossier=w.dossier).first()
    found = found or statements.danger_statement_save(
        actor=None, dossier=w.dossier, language="nl", **STATEMENT
    )
    return {**_dossier(w), "statement_id": found.pk}


def _with_goal(w: World) -> dict:
    found = SafetyGoal.objects.filter(dossier=w.dossier).first()
    found = found or statements.safety_goal_save(actor=None, dossier=w.dossier, language="nl", **GOAL)
    return {**_dossier(w), "goal_id": found.pk}


CASES: dict[str, Case] = {
    "safety_overview": Case("get", kwargs=_dossier, expect=PAGE, default=404),
    "safety_plan_pdf": Case("get", kwargs=_with_plan, expect=PAGE, default=404),
    "safety_bottom_line_add": Case(
        "post",
        kwargs=_dossier,
        data={
            "text": "Altijd toezicht.",
            "set_by_kind": "judge",
            "set_by_name": "jeugdrechter",
            "set_on": "2026-10-19",
        },
        expect=WRITE,
        default=404,
    ),
    "safety_plan_add": Case("post", kwargs=_dossier, data={"title": "Plan"}, expect=WRITE, default=404),
    "safety_rule_add": Case("post", kwargs=_with_plan, data={"text": "Regel"}, expect=WRITE, default=404),
    "safety_plan_sign": Case("post", kwargs=_with_plan, data={"signer": "p:0"}, expect=WRITE, default=404),
    "safety_mapping": Case("get", kwargs=_with_mapping_dossier, expect=PAGE, default=404),
    "safety_mapping_changes": Case("get", kwargs=_with_mapping_dossier, expect=PAGE, default=404),
    "safety_mapping_add": Case(
        "post", kwargs=_dossier, data={"new-held_on": "2026-11-05"}, expect=WRITE, default=404
    ),
    "safety_mapping_edit": Case(
        "post", kwargs=_with_mapping, data={"edit-held_on": "2026-10-23"}, expect=WRITE, default=404
    ),
    "safety_mapping_item_add": Case(
        "post",
        kwargs=_with_mapping,
        data={"column": "worries", "worries-element": "danger", "worries-text": "Alleen thuis."},
        expect=WRITE,
        default=404,
    ),
    "safety_mapping_item_edit": Case(
        "post",
        kwargs=_with_item,
        data={"element": "danger", "text": "'s Nachts alleen thuis.", "revision": 1},
        expect=WRITE,
        default=404,
    ),
    "safety_mapping_item_remove": Case("post", kwargs=_with_item, expect=WRITE, default=404),
    "safety_statements": Case("get", kwargs=_dossier, expect=PAGE, default=404),
    "safety_danger_statement_add": Case(
        "post",
        kwargs=_dossier,
        data={**{f"danger-{k}": v for k, v in STATEMENT.items()}, "danger-language": "nl"},
        expect=WRITE,
        default=404,
    ),
    "safety_danger_statement_edit": Case("get", kwargs=_with_statement, expect=PAGE, default=404),
    "safety_goal_add": Case(
        "post",
        kwargs=_dossier,
        data={**{f"goal-{k}": v for k, v in GOAL.items()}, "goal-language": "nl"},
        expect=WRITE,
        default=404,
    ),
    "safety_goal_edit": Case("get", kwargs=_with_goal, expect=PAGE, default=404),
    "safety_scales": Case("get", kwargs=_dossier, expect=PAGE, default=404),
    "safety_scales_record": Case(
        "post",
        kwargs=_dossier,
        data=lambda w: {
            "question": "safety",
            "rated_on": "2026-10-21",
            f"score_k{w.dossier.children.get().pk}": "6",
        },
        expect=WRITE,
        default=404,
    ),
    "safety_evaluations": Case("get", kwargs=_dossier, expect=PAGE, default=404),
    "safety_evaluation_add": Case(
        "post",
        kwargs=_dossier,
        data={
            "kind": "interim",
            "held_on": "2026-11-04",
            "question": "safety",
            "decisions": "Het plan loopt door.",
            "outcome": "continue",
        },
        expect=WRITE,
        default=404,
    ),
    "safety_journal": Case("get", kwargs=_dossier, expect=PAGE, default=404),
    "safety_journal_add": Case(
        "post",
        kwargs=_dossier,
        data={"happened_on": "2026-11-04", "kind": "went_well", "text": "Rustige nacht."},
        expect=WRITE,
        default=404,
    ),
    "safety_journal_read": Case("post", kwargs=_dossier, expect=WRITE, default=404),
    "api:list_mappings": Case("get", kwargs=_dossier, expect=API_READ, default=404),
    "api:create_mapping": Case(
        "post", kwargs=_dossier, data={"held_on": "2026-11-04"}, json=True, expect=API_CREATED, default=404
    ),
    "api:add_mapping_item": Case(
        "post",
        kwargs=lambda w: {**_dossier(w), "number": _mapping(w).number},
        data={"element": "danger", "text": "Alleen thuis."},
        json=True,
        expect=API_CREATED,
        default=404,
    ),
    "api:mapping_changes": Case("get", kwargs=_with_two_mappings, expect=API_READ, default=404),
    "api:list_danger_statements": Case("get", kwargs=_dossier, expect=API_READ, default=404),
    "api:create_danger_statement": Case(
        "post", kwargs=_dossier, data=STATEMENT, json=True, expect=API_CREATED, default=404
    ),
    "api:list_safety_goals": Case("get", kwargs=_dossier, expect=API_READ, default=404),
    "api:create_safety_goal": Case(
        "post", kwargs=_dossier, data=GOAL, json=True, expect=API_CREATED, default=404
    ),
    "api:list_bottom_lines": Case("get", kwargs=_dossier, expect=API_READ, default=404),
    "api:create_bottom_line": Case(
        "post",
        kwargs=_dossier,
        data={
            "text": "Altijd toezicht.",
            "set_by_kind": "judge",
            "set_by_name": "jeugdrechter",
            "set_on": "2026-10-19",
        },
        json=True,
        expect=API_CREATED,
        default=404,
    ),
    "api:list_scales": Case("get", kwargs=_dossier, expect=API_READ, default=404),
    "api:record_scales": Case(
        "post",
        kwargs=_dossier,
        data=lambda w: {
            "question": "safety",
            "rated_on": "2026-10-21",
            "scores": [{"rater": f"k{w.dossier.children.get().pk}", "score": 6}],
        },
        json=True,
        expect=API_CREATED,
        default=404,
    ),
    "api:list_plans": Case("get", kwargs=_dossier, expect=API_READ, default=404),
    "api:plan_pdf": Case("get", kwargs=_with_plan, expect=API_READ, default=404),
}
