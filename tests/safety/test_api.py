"""The Signs of Safety API: mappings, statements, goals, bottom lines, scales, plans with their checks and the
PDF, under the access policy and the audit log."""

import io
import json
from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from kring.audit.models import AuditEntry
from kring.cases.models import CircleMember
from kring.safety import mapping, services
from kring.safety.models import BottomLine, DangerStatement, Mapping, MappingItem, SafetyGoal, ScaleRating

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _december():
    with time_machine.travel("2026-12-01 10:00 +01:00", tick=False):
        yield


def _base(world) -> str:
    return f"/api/v1/dossiers/{world.dossier.pk}/safety"


def _post(client, url, data):
    return client.post(url, data=json.dumps(data, default=str), content_type="application/json")


@pytest.fixture
def client(client_for):
    return client_for("circle_member")


@pytest.fixture
def plan_with_two_adults(case2):
    plan = case2["plan"]
    for adult in case2["network"][:2]:
        services.rule_add(
            actor=None,
            plan=plan,
            text=f"{adult.person.first_name} past op",
            participants=[adult],
            bottom_lines=case2["lines"],
        )
    return plan


def test_mappings_and_what_changed(world, client, case2):
    first = mapping.mapping_create(
        actor=None,
        dossier=world.dossier,
        held_on=date(2026, 10, 21),
        participants=[case2["mother"]],
        safety_scale=2,
    )
    mapping.mapping_item_add(actor=None, mapping=first, element="danger", text="Alleen thuis.")
    created = _post(
        client,
        f"{_base(world)}/mappings",
        {
            "held_on": "2026-11-04",
            "meeting": "Netwerkberaad",
            "participant_ids": [case2["network"][0].pk],
            "safety_scale": 5,
        },
    )
    assert created.status_code == 201 and created.json()["number"] == 2
    assert [i["text"] for i in created.json()["items"]] == ["Alleen thuis."]
    item = _post(
        client, f"{_base(world)}/mappings/2/items", {"element": "strength", "text": "Oma Rita helpt."}
    )
    assert item.status_code == 201 and item.json()["column"] == "working_well"
    listed = client.get(f"{_base(world)}/mappings").json()
    assert [m["number"] for m in listed] == [2, 1]
    assert listed[0]["participants"][0]["name"] == "Rita Lambrecht"
    changes = client.get(f"{_base(world)}/mappings/2/changes").json()
    assert [(c["kind"], c["after"]["text"]) for c in changes["changes"]] == [("added", "Oma Rita helpt.")]
    assert (changes["safety_scale_before"], changes["safety_scale_after"]) == (2, 5)
    assert changes["joined"] == ["Rita Lambrecht"] and changes["left"] == ["Nathalie Lambrecht"]
    # an earlier mapping stays as it was; a scale of 11 is refused
    late = _post(client, f"{_base(world)}/mappings/1/items", {"element": "danger", "text": "Te laat"})
    assert late.status_code == 422 and "eerdere mapping" in late.json()["errors"][0]
    bad = _post(client, f"{_base(world)}/mappings", {"held_on": "2026-11-05", "safety_scale": 11})
    assert (
        bad.status_code == 422 and bad.json()["errors"][0]["loc"][-1] == "safety_scale"
    )  # the schema says 0-10
    assert Mapping.objects.count() == 2 and MappingItem.objects.filter(mapping__number=1).count() == 1
    assert client.get(f"{_base(world)}/mappings/7/changes").status_code == 404


def test_statements_goals_and_bottom_lines(world, client, case2):
    child = world.dossier.children.get()
    danger = _post(
        client,
        f"{_base(world)}/danger-statements",
        {
            "language": "en",
            "who_is_worried": "the youth judge",
            "by_whom": "mum",
            "behaviour": "leaves the children alone at night",
            "impact": "the baby kept crying",
            "could_happen": "the baby gets hurt",
            "child_ids": [child.pk],
        },
    )
    assert danger.status_code == 201
    assert danger.json()["text"].startswith(
        f"The worry of the youth judge is that mum leaves the children alone at night. For {child.first_name}"
    )
    goal = _post(
        client,
        f"{_base(world)}/safety-goals",
        {
            "who_is_worried": "de jeugdrechter",
            "what_to_see": "er altijd een volwassene is",
            "danger_statement_id": danger.json()["id"],
            "text": "Eigen zin.",
        },
    )
    assert goal.status_code == 201 and goal.json()["text"] == "Eigen zin."
    assert client.get(f"{_base(world)}/safety-goals").json()[0]["danger_statement_id"] == danger.json()["id"]
    assert client.get(f"{_base(world)}/danger-statements").json()[0]["children"] == [
        {"id": child.pk, "first_name": child.first_name}
    ]
    missing = _post(client, f"{_base(world)}/safety-goals", {"who_is_worried": "x", "what_to_see": "  "})
    assert missing.status_code == 422
    line = _post(
        client,
        f"{_base(world)}/bottom-lines",
        {
            "text": "Altijd toezicht.",
            "set_by_kind": "judge",
            "set_by_name": "jeugdrechter",
            "set_on": "2026-10-19",
        },
    )
    assert (
        line.status_code == 201
        and line.json()["status"] == "not_yet"
        and line.json()["status_on"] == "2026-10-19"
    )
    assert len(client.get(f"{_base(world)}/bottom-lines").json()) == 3
    assert (
        DangerStatement.objects.count() == 1
        and SafetyGoal.objects.count() == 1
        and BottomLine.objects.count() == 3
    )


def test_scales_with_gaps_and_a_bad_round(world, client, case2):
    mother = f"p{case2['mother'].pk}"
    professional = f"c{CircleMember.objects.get(dossier=world.dossier).pk}"
    done = _post(
        client,
        f"{_base(world)}/scales",
        {
            "question": "safety",
            "rated_on": "2026-10-21",
            "scores": [{"rater": mother, "score": 8}, {"rater": professional, "score": 2}],
        },
    )
    assert done.status_code == 201 and {r["rater"] for r in done.json()} == {mother, professional}
    for bad in ({"rater": mother, "score": 11}, {"rater": "p999999", "score": 5}):
        response = _post(
            client,
            f"{_base(world)}/scales",
            {
                "question": "safety",
                "rated_on": "2026-11-04",
                "scores": [{"rater": professional, "score": 5}, bad],
            },
        )
        assert response.status_code == 422
    assert response.json()["errors"][0].startswith("Alleen de kinderen, het netwerk van het gezin")
    assert ScaleRating.objects.count() == 2
    body = client.get(f"{_base(world)}/scales?question=safety").json()
    assert body["threshold"] == 3 and body["gaps"] == [
        {"on": "2026-10-21", "family": 8.0, "professional": 2.0, "gap": 6.0, "large": True}
    ]
    assert client.get(f"{_base(world)}/scales?question=safety&gap=7").json()["gaps"][0]["large"] is False
    assert client.get(f"{_base(world)}/scales?gap=11").status_code == 422


def test_plans_with_their_check_results_and_the_pdf(world, client, case2, plan_with_two_adults):
    plans = client.get(f"{_base(world)}/plans").json()
    assert len(plans) == 1 and plans[0]["ready_to_sign"] is False
    failing = [c for c in plans[0]["checks"] if not c["ok"]]
    assert [c["detail"] for c in failing] == ["2 van minstens 3"]
    assert [r["text"] for r in plans[0]["current"]["rules"]] == ["Rita past op", "Jolien past op"]
    assert plans[0]["current"]["rules"][0]["bottom_line_ids"] == [line.pk for line in case2["lines"]]
    pdf = client.get(f"{_base(world)}/plans/{plan_with_two_adults.pk}/pdf?audience=family")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Rita past op" in text and "Jolien past op" in text
    assert client.get(f"{_base(world)}/plans/999999/pdf").status_code == 404
    assert client.get(f"{_base(world)}/plans/{plan_with_two_adults.pk}/pdf?audience=press").status_code == 422


def test_a_pdf_of_a_plan_that_does_not_exist_is_no_export(world, client, case2, plan_with_two_adults):
    exports = AuditEntry.objects.filter(action="export", export_format="pdf")
    assert client.get(f"{_base(world)}/plans/999999/pdf").status_code == 404
    assert not exports.exists()
    assert client.get(f"{_base(world)}/plans/{plan_with_two_adults.pk}/pdf").status_code == 200
    assert exports.count() == 1 and exports.get().dossier_id == world.dossier.pk


READS = ("mappings", "danger-statements", "safety-goals", "bottom-lines", "scales", "plans")


def test_who_may_not_see_gets_404_readers_cannot_write_and_reads_are_audited(
    world, client_for, case2, plan_with_two_adults
):
    pdf = f"plans/{plan_with_two_adults.pk}/pdf"
    for persona in ("other_team", "other_org", "privacy_officer"):
        for path in (*READS, pdf):
            assert client_for(persona).get(f"{_base(world)}/{path}").status_code == 404, (persona, path)
        refused = _post(
            client_for(persona),
            f"{_base(world)}/bottom-lines",
            {"text": "x", "set_by_kind": "judge", "set_by_name": "x", "set_on": "2026-10-19"},
        )
        assert refused.status_code == 404
    assert client_for("anonymous").get(f"{_base(world)}/plans").status_code == 401
    glass = client_for("break_glass")
    for path in (*READS, pdf):
        assert glass.get(f"{_base(world)}/{path}").status_code == 200, path
    assert _post(glass, f"{_base(world)}/mappings", {"held_on": "2026-11-04"}).status_code == 404
    assert not Mapping.objects.exists()
    reads = AuditEntry.objects.filter(actor_id=world.break_glass.pk, action__in=["read", "export"])
    reads = reads.filter(fields=["safety_plan"])
    assert reads.count() == len(READS) + 1 and set(reads.values_list("purpose", flat=True)) == {"break_glass"}
    assert reads.filter(action="export", export_format="pdf").count() == 1  # the plan's PDF
    denied = AuditEntry.objects.filter(actor_id=world.other_org.pk, outcome="denied")
    assert denied.count() == len(READS) + 2


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_query_counts_are_constant(world, client, case2, plan_with_two_adults):
    first = mapping.mapping_create(
        actor=None, dossier=world.dossier, held_on=date(2026, 10, 21), participants=[case2["mother"]]
    )
    mapping.mapping_item_add(actor=None, mapping=first, element="danger", text="Alleen thuis.")
    few = (_queries(client, f"{_base(world)}/mappings"), _queries(client, f"{_base(world)}/plans"))
    for day in range(2, 6):
        more = mapping.mapping_create(
            actor=None, dossier=world.dossier, held_on=date(2026, 11, day), participants=[case2["mother"]]
        )
        mapping.mapping_item_add(actor=None, mapping=more, element="strength", text=f"Sterk {day}")
        services.rule_add(
            actor=None, plan=plan_with_two_adults, text=f"Regel {day}", participants=case2["network"]
        )
    assert (_queries(client, f"{_base(world)}/mappings"), _queries(client, f"{_base(world)}/plans")) == few
