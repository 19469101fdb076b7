import json
from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation

from kring.pathways.models import PathwayTemplate, TemplateStep
from kring.pathways.schedule import day_notation, extension_allowed, generate_schedule, validate_template

pytestmark = pytest.mark.django_db

URGENCY = "safety-planning-urgency-be"

# practice-model §5: the day table of the safety-planning module, urgency procedure (day — who).
DAY_TABLE = [
    ("1", "claim", []),
    ("1-3", "crisis-assessment", ["team_lead", "process_team"]),
    ("1-3/4", "judge-approval", ["case_worker", "judge"]),
    ("1-3/4", "crisis-dispatch", ["case_worker", "crisis_desk", "crisis_worker"]),
    ("3/4", "court-hearing", ["judge", "child", "parents", "case_worker", "crisis_worker"]),
    ("3/4", "goals-told", ["parents", "child"]),
    ("5", "immediate-story", ["child"]),
    ("6", "first-decision", []),
    ("7", "feedback", ["parents", "child"]),
    ("7-14", "information", []),
    ("14/15", "network-meeting-1", ["network"]),
    ("15-28", "working-phase-1", []),
    ("28", "interim-evaluation", []),
    ("29-40", "working-phase-2", []),
    ("40", "network-meeting-2", ["network"]),
    ("41/42", "advice-to-judge", ["case_worker", "judge"]),
    ("42", "judge-decides", ["judge"]),
    ("42-56", "extension", []),
    ("60", "urgency-ends", []),
    ("75", "bmo", []),
]


def urgency():
    return PathwayTemplate.objects.get(slug=URGENCY)


def test_the_four_templates_are_shipped_and_valid():
    slugs = set(PathwayTemplate.objects.values_list("slug", flat=True))
    assert {URGENCY, "save-guidance-nl", "complex-divorce-light-nl", "youth-probation-nl"} <= slugs
    for template in PathwayTemplate.objects.all():
        validate_template(template)
    assert urgency().jurisdiction == "BE"
    assert urgency().max_days == 42 and urgency().extension_days == 14
    save = PathwayTemplate.objects.get(slug="save-guidance-nl")
    assert save.steps.count() == 7 and save.extension_days == 91


def test_the_urgency_schedule_is_the_day_table_row_by_row():
    schedule = generate_schedule(urgency(), date(2026, 3, 2))
    assert [(s.days, s.key, s.roles) for s in schedule] == DAY_TABLE


def test_day_one_is_the_start_date_and_alternatives_end_on_the_last_day():
    by_key = {s.key: s for s in generate_schedule(urgency(), date(2026, 3, 2))}
    assert (by_key["claim"].start, by_key["claim"].end) == (date(2026, 3, 2), date(2026, 3, 2))
    assert (by_key["judge-approval"].start, by_key["judge-approval"].end) == (
        date(2026, 3, 2),
        date(2026, 3, 5),
    )
    assert (by_key["court-hearing"].start, by_key["court-hearing"].end) == (
        date(2026, 3, 4),
        date(2026, 3, 5),
    )
    first = by_key["network-meeting-1"]
    assert (first.start, first.end) == (date(2026, 3, 15), date(2026, 3, 16))
    assert (by_key["extension"].start, by_key["extension"].end) == (date(2026, 4, 12), date(2026, 4, 26))
    assert by_key["urgency-ends"].start == date(2026, 4, 30)
    assert by_key["bmo"].start == date(2026, 5, 15)


def test_day_notation():
    def step(day_from, day_to=None, alt=None):
        return TemplateStep(day_from=day_from, day_to=day_to, day_alternative=alt)

    assert day_notation(step(1)) == "1"
    assert day_notation(step(1, 3)) == "1-3"
    assert day_notation(step(1, 3, 4)) == "1-3/4"
    assert day_notation(step(3, None, 4)) == "3/4"
    assert day_notation(step(42, 56)) == "42-56"


def test_an_extension_needs_one_of_the_three_conditions():
    template = urgency()
    codes = [c["code"] for c in template.extension_conditions]
    assert len(codes) == 3
    assert not extension_allowed(template, None)
    assert not extension_allowed(template, "parents_ask")
    for code in codes:
        assert extension_allowed(template, code)
    divorce = PathwayTemplate.objects.get(slug="complex-divorce-light-nl")
    assert not extension_allowed(divorce, None)


def make_template(**steps):
    template = PathwayTemplate.objects.create(slug="test", name="Test", jurisdiction="NL", max_days=10)
    made = {
        key: TemplateStep.objects.create(
            template=template, order=n, key=key, title=key, day_from=1, roles=roles
        )
        for n, (key, roles) in enumerate(steps.items(), start=1)
    }
    return template, made


def test_a_cycle_among_the_steps_is_rejected():
    template, steps = make_template(a=["case_worker"], b=["judge"], c=[])
    steps["a"].after = steps["b"]
    steps["a"].save()
    steps["c"].after = steps["a"]
    steps["c"].save()
    validate_template(template)
    steps["b"].after = steps["c"]
    steps["b"].save()
    with pytest.raises(ValidationError) as raised:
        validate_template(template)
    assert raised.value.error_list[0].code == "cycle"


def test_an_unknown_role_is_rejected():
    template, _ = make_template(a=["case_worker", "wizard"])
    with pytest.raises(ValidationError) as raised:
        validate_template(template)
    assert raised.value.error_list[0].code == "unknown_role"
    assert "wizard" in raised.value.messages[0]


def test_the_command_lists_the_templates():
    out = StringIO()
    call_command("pathway_schedule", "--list", stdout=out)
    lines = out.getvalue().splitlines()
    assert URGENCY in lines and "youth-probation-nl" in lines
    assert lines == sorted(lines)


def test_the_command_prints_the_schedule_as_json():
    out = StringIO()
    call_command(
        "pathway_schedule", "--template", URGENCY, "--start", "2026-03-02", "--format", "json", stdout=out
    )
    steps = json.loads(out.getvalue())
    assert [s["days"] for s in steps] == [row[0] for row in DAY_TABLE]
    meeting = steps[10]
    assert meeting["step"] == "network-meeting-1"
    assert meeting["days"] == "14/15"
    assert (meeting["start"], meeting["end"]) == ("2026-03-15", "2026-03-16")
    assert meeting["roles"] == ["network"]


@translation.override("en")
def test_the_command_refuses_a_bad_slug_or_date():
    with pytest.raises(CommandError, match="no pathway template"):
        call_command("pathway_schedule", "--template", "nope", "--start", "2026-03-02")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("pathway_schedule", "--template", URGENCY, "--start", "2026-13-40")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("pathway_schedule", "--template", URGENCY)


def test_the_messages_are_in_dutch():
    with translation.override("nl"), pytest.raises(CommandError, match="geen trajectsjabloon"):
        call_command("pathway_schedule", "--template", "nope", "--start", "2026-03-02")
    template, _ = make_template(a=["wizard"])
    with translation.override("nl"), pytest.raises(ValidationError) as raised:
        validate_template(template)
    assert raised.value.messages == ["Stap a heeft een onbekende rol: wizard."]
