"""Danger statements and safety goals: fields that compose a sentence (Dutch and English) the worker can edit,
and safety-plan rules that serve safety goals."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from kring.safety import services, statements
from kring.safety.models import DangerStatement, SafetyGoal

from ..factories import DossierFactory, PersonFactory

pytestmark = pytest.mark.django_db

DANGER = {
    "who_is_worried": "de jeugdrechter, consulent Elke en oma Rita",
    "by_whom": "mama",
    "behaviour": "Emma en Louis 's nachts alleen thuis laat.",
    "impact": "Louis bleef wenen en Emma moest voor hem zorgen",
    "could_happen": "Louis iets overkomt zonder dat iemand het merkt",
}
GOAL = {
    "who_is_worried": "de jeugdrechter en consulent Elke",
    "what_to_see": "er altijd een volwassene bij Emma en Louis is die voor hen kan zorgen",
    "over_time": "elke nacht, de komende zes weken",
}


@pytest.fixture
def children(world):
    emma = world.dossier.children.get()
    emma.first_name = "Emma"
    emma.save()
    louis = PersonFactory(first_name="Louis")
    world.dossier.children.add(louis)
    return [emma, louis]


@pytest.fixture
def client(client_for):
    return client_for("circle_member")


def test_the_danger_statement_reads_as_one_paragraph_in_dutch_and_english():
    assert statements.compose_danger(language="nl", children=["Emma", "Louis"], **DANGER) == (
        "De zorg van de jeugdrechter, consulent Elke en oma Rita is dat mama Emma en Louis 's nachts alleen "
        "thuis laat. Voor Emma en Louis betekent dit: Louis bleef wenen en Emma moest voor hem zorgen. "
        "Als er niets verandert, is de zorg dat Louis iets overkomt zonder dat iemand het merkt."
    )
    english = statements.compose_danger(
        language="en",
        who_is_worried="the youth judge and Elke",
        by_whom="mum",
        behaviour="leaves the children alone at night",
        impact="Louis kept crying and Emma had to look after him",
        could_happen="Louis gets hurt and nobody notices.",
        children=[],
    )
    assert english == (
        "The worry of the youth judge and Elke is that mum leaves the children alone at night. "
        "For the children this means: Louis kept crying and Emma had to look after him. "
        "If nothing changes, the worry is that Louis gets hurt and nobody notices."
    )


def test_the_safety_goal_agrees_with_one_child_or_more():
    assert statements.compose_goal(language="nl", children=["Emma", "Louis"], **GOAL) == (
        "Om de jeugdrechter en consulent Elke het vertrouwen te geven dat Emma en Louis veilig zijn, moet te "
        "zien zijn dat er altijd een volwassene bij Emma en Louis is die voor hen kan zorgen, elke nacht, de "
        "komende zes weken."
    )
    assert statements.compose_goal(
        language="en", children=["Emma"], who_is_worried="the judge", what_to_see="Emma sleeps at home"
    ) == ("To give the judge confidence that Emma is safe, it must be seen that Emma sleeps at home.")


def test_the_sentence_is_composed_when_empty_and_kept_when_the_worker_wrote_it(world, children):
    statement = statements.danger_statement_save(
        actor=world.circle_member, dossier=world.dossier, language="nl", children=children, **DANGER
    )
    assert statement.text.startswith("De zorg van de jeugdrechter") and statement.by_whom == "mama"
    assert set(statement.children.all()) == set(children)  # a many-to-many set: no order on PostgreSQL
    edited = "Mama laat Emma en Louis 's nachts alleen; wij zijn bang dat Louis iets overkomt."
    statement = statements.danger_statement_save(
        actor=world.circle_member,
        dossier=world.dossier,
        statement=statement,
        revision=statement.revision,
        language="nl",
        children=children,
        text=edited,
        **{**DANGER, "by_whom": "mama Nathalie"},
    )
    # the worker's own sentence stays; the fields change with it
    assert statement.text == edited and statement.by_whom == "mama Nathalie" and statement.revision == 2
    statement = statements.danger_statement_save(
        actor=world.circle_member,
        dossier=world.dossier,
        statement=statement,
        revision=2,
        language="en",
        children=children,
        text=edited,
        recompose=True,
        **{**DANGER, "by_whom": "mama Nathalie"},
    )
    assert statement.text.startswith("The worry of de jeugdrechter") and "mama Nathalie" in statement.text


def test_compose_shows_the_sentence_in_the_form_without_saving(world, children, client):
    data = {f"danger-{k}": v for k, v in DANGER.items()}
    data.update({"danger-language": "nl", "danger-children": [c.pk for c in children], "compose": "1"})
    page = client.post(reverse("safety_danger_statement_add", args=[world.dossier.pk]), data)
    body = page.content.decode()
    assert page.status_code == 200 and not DangerStatement.objects.exists()
    assert "Voor Emma en Louis betekent dit: Louis bleef wenen" in body.split('name="danger-text"')[1][:600]
    del data["compose"]
    data["danger-text"] = "Onze eigen zin."
    saved = client.post(reverse("safety_danger_statement_add", args=[world.dossier.pk]), data)
    assert saved.status_code == 302
    assert DangerStatement.objects.get().text == "Onze eigen zin."


def test_missing_fields_and_strange_children_give_a_message_and_save_nothing(world, children, client):
    url = reverse("safety_goal_add", args=[world.dossier.pk])
    page = client.post(url, {"goal-who_is_worried": "de jeugdrechter", "goal-language": "nl"})
    assert page.status_code == 400 and "Dit veld is verplicht." in page.content.decode()
    stranger = DossierFactory().children.get()
    with translation.override("en"), pytest.raises(ValidationError, match="children of this dossier"):
        statements.safety_goal_save(
            actor=None, dossier=world.dossier, language="nl", children=[stranger], **GOAL
        )
    with translation.override("en"), pytest.raises(ValidationError, match="Fill in"):
        statements.danger_statement_save(
            actor=None, dossier=world.dossier, language="nl", **{**DANGER, "impact": "  "}
        )
    assert not SafetyGoal.objects.exists() and not DangerStatement.objects.exists()


def test_a_stale_edit_is_refused(world, children, client):
    goal = statements.safety_goal_save(actor=None, dossier=world.dossier, language="nl", **GOAL)
    statements.safety_goal_save(
        actor=None,
        dossier=world.dossier,
        goal=goal,
        revision=1,
        language="nl",
        **{**GOAL, "over_time": "altijd"},
    )
    url = reverse("safety_goal_edit", args=[world.dossier.pk, goal.pk])
    data = {f"goal-{k}": v for k, v in GOAL.items()}
    data.update({"goal-language": "nl", "goal-revision": 1, "goal-text": "Mijn versie"})
    page = client.post(url, data)
    assert page.status_code == 400 and "Iemand anders heeft dit veranderd" in page.content.decode()
    goal.refresh_from_db()
    assert goal.over_time == "altijd" and goal.revision == 2 and goal.text != "Mijn versie"
    assert client.get(url).status_code == 200


def test_rules_serve_safety_goals_and_the_check_can_ask_for_it(world, case2, children):
    goal = statements.safety_goal_save(
        actor=None, dossier=world.dossier, language="nl", children=children, **GOAL
    )
    other = statements.safety_goal_save(actor=None, dossier=world.dossier, language="nl", **GOAL)
    plan = services.plan_create(
        actor=None, dossier=world.dossier, title="Plan met doelen", check_safety_goals=True
    )
    rule = services.rule_add(
        actor=None,
        plan=plan,
        text="Oma Rita slaapt op weekdagen bij de kinderen.",
        participants=case2["network"][:1],
        bottom_lines=case2["lines"],
        safety_goals=[goal],
    )
    assert list(goal.rules.all()) == [rule]
    with translation.override("en"):
        failed = {c.label: c.detail for c in services.plan_checks(services.current_version(plan)) if not c.ok}
    assert failed["Every safety goal is served by at least one rule"] == other.text
    services.rule_add(
        actor=None, plan=plan, text="Tante Jolien", participants=case2["network"][1:2], safety_goals=[other]
    )
    with translation.override("en"):
        labels = [c.label for c in services.plan_checks(services.current_version(plan)) if not c.ok]
    assert "Every safety goal is served by at least one rule" not in labels
    # a signed version is frozen; the next version keeps the links to the goals
    version = services.current_version(plan)
    version.signed_at = version.created_at
    version.save()
    services.rule_add(actor=None, plan=plan, text="Nicole", participants=case2["network"][2:])
    copied = services.current_version(plan).rules.get(text__startswith="Oma Rita")
    assert list(copied.safety_goals.all()) == [goal]
    foreign = statements.safety_goal_save(actor=None, dossier=DossierFactory(), language="nl", **GOAL)
    with translation.override("en"), pytest.raises(ValidationError, match="another dossier"):
        services.rule_add(
            actor=None, plan=plan, text="x", participants=case2["network"][:1], safety_goals=[foreign]
        )


def test_the_overview_offers_goals_in_the_rule_form_and_shows_what_rules_serve(
    world, case2, children, client
):
    goal = statements.safety_goal_save(
        actor=None, dossier=world.dossier, language="nl", children=children, **GOAL
    )
    plan = case2["plan"]
    url = reverse("safety_rule_add", kwargs={"dossier_id": world.dossier.pk, "plan_id": plan.pk})
    client.post(
        url, {"text": "Oma slaapt er", "participants": [case2["network"][0].pk], "safety_goals": [goal.pk]}
    )
    body = client.get(reverse("safety_overview", args=[world.dossier.pk])).content.decode()
    assert f'name="safety_goals" value="{goal.pk}"' in body
    assert "Veiligheidsdoel: Om de jeugdrechter en consulent Elke het vertrouwen" in body


def _queries(client, world):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("safety_statements", args=[world.dossier.pk])).status_code == 200
    return len(ctx.captured_queries)


def test_statements_page_query_count_is_constant_and_outsiders_get_404(world, children, client, client_for):
    statements.danger_statement_save(
        actor=None, dossier=world.dossier, language="nl", children=children, **DANGER
    )
    statements.safety_goal_save(actor=None, dossier=world.dossier, language="nl", children=children, **GOAL)
    few = _queries(client, world)
    for _ in range(5):
        danger = statements.danger_statement_save(
            actor=None, dossier=world.dossier, language="en", children=children, **DANGER
        )
        statements.safety_goal_save(
            actor=None,
            dossier=world.dossier,
            language="nl",
            danger_statement=danger,
            children=children,
            **GOAL,
        )
    assert _queries(client, world) == few
    page = reverse("safety_statements", args=[world.dossier.pk])
    add = reverse("safety_goal_add", args=[world.dossier.pk])
    edit = reverse("safety_danger_statement_edit", args=[world.dossier.pk, danger.pk])
    for persona in ("other_team", "other_org"):
        assert client_for(persona).get(page).status_code == 404
        assert client_for(persona).get(edit).status_code == 404
    glass = client_for("break_glass")
    assert (
        glass.get(page).status_code == 200
        and "Schrijf een veiligheidsdoel" not in glass.get(page).content.decode()
    )
    assert glass.get(edit).status_code == 200
    assert glass.post(add, {f"goal-{k}": v for k, v in GOAL.items()}).status_code == 404
    assert glass.post(edit, {}).status_code == 404
    assert SafetyGoal.objects.count() == 6
