"""The Outcomes tab of a dossier and the dashboards, through the pages: writes are audited, bad input
changes nothing, a municipality sees aggregates and never a dossier."""

import csv
import io
from datetime import date

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from kring.audit.models import AuditAction, AuditEntry
from kring.cases.models import Measure
from kring.insights.models import (
    EndJudgement,
    InsightsGrant,
    InsightsScope,
    MethodLabel,
    ProbationEvent,
    Region,
    RiskAssessment,
)

from ..factories import TeamFactory, UserFactory
from .helpers import ended_measures

pytestmark = pytest.mark.usefixtures("frozen")


def _url(name, world, **kwargs):
    return reverse(name, kwargs={"dossier_id": world.dossier.pk, **kwargs})


def test_the_outcomes_tab_is_in_the_dossier_nav(world, client_for):
    page = client_for("circle_member").get(reverse("dossier_detail", args=[world.dossier.pk]))
    assert _url("insights_dossier_outcomes", world) in page.content.decode()


def test_a_case_worker_records_the_facts_and_each_is_audited(world, client_for, probation):
    client = client_for("circle_member")
    child = world.dossier.children.get()
    response = client.post(
        _url("insights_risk_assessment_add", world),
        {
            "child": child.pk,
            "measure": probation.pk,
            "instrument": "lij",
            "assessed_on": "2026-03-10",
            "overall_level": "high",
            "dynamic_scores": "Gezin: 4\nSchool, werk: 2,5\nVrienden: 3",
        },
    )
    assert response.status_code == 302
    assessment = RiskAssessment.objects.get()
    assert assessment.dynamic_scores == {"Gezin": 4.0, "School, werk": 2.5, "Vrienden": 3.0}
    assert str(assessment.dynamic_total) == "9.50"
    client.post(
        _url("insights_probation_event_add", world),
        {
            "measure": probation.pk,
            "kind": "report_back",
            "occurred_on": "2026-04-02",
            "reason": "no_show",
            "outcome": "conditions_adjusted",
        },
    )
    client.post(
        _url("insights_method_label_set", world), {"method": "signs_of_success", "since": "2026-03-01"}
    )
    client.post(
        _url("insights_end_judgement_record", world, measure_id=probation.pk),
        {
            "goal_realisation": 4,
            "help_accepted": 5,
            "evidence": "Gaat weer naar school.",
            "judged_on": "2026-05-20",
        },
    )
    assert ProbationEvent.objects.get().outcome == "conditions_adjusted"
    assert MethodLabel.objects.get().method == "signs_of_success"
    assert EndJudgement.objects.get().goal_realisation == 4
    written = AuditEntry.objects.filter(dossier_id=world.dossier.pk, action=AuditAction.CREATE)
    assert {e.object_type for e in written} >= {
        "insights.riskassessment",
        "insights.probationevent",
        "insights.methodlabel",
        "insights.endjudgement",
    }
    page = client.get(_url("insights_dossier_outcomes", world)).content.decode()
    assert "Gaat weer naar school." in page and "9,50" in page  # Dutch decimal comma
    assert AuditEntry.objects.filter(dossier_id=world.dossier.pk, action=AuditAction.READ).exists()


def test_a_correction_seen_by_two_is_refused_for_the_second(world, client_for, probation):
    client = client_for("circle_member")
    url = _url("insights_end_judgement_record", world, measure_id=probation.pk)
    data = {"goal_realisation": 3, "help_accepted": 3, "evidence": "Eerste.", "judged_on": "2026-05-20"}
    client.post(url, data)
    client.post(url, {**data, "evidence": "Tweede.", "version": 1})
    response = client.post(url, {**data, "evidence": "Derde, op een oude versie.", "version": 1})
    assert response.status_code == 200
    assert (
        "Someone else changed this" in response.content.decode()
        or "iemand anders" in response.content.decode().lower()
    )
    assert EndJudgement.objects.get().evidence == "Tweede."


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "insights_risk_assessment_add",
            {
                "instrument": "other",
                "assessed_on": "2026-03-10",
                "overall_level": "low",
                "dynamic_scores": "Gezin: 4",
            },
            "name of the instrument",
        ),
        (
            "insights_risk_assessment_add",
            {
                "instrument": "lij",
                "assessed_on": "2026-03-10",
                "overall_level": "low",
                "dynamic_scores": "Gezin: veel",
            },
            "one per line",
        ),
        (
            "insights_risk_assessment_add",
            {
                "instrument": "lij",
                "assessed_on": "2026-07-10",
                "overall_level": "low",
                "dynamic_scores": "Gezin: 1",
            },
            "in the future",
        ),
        (
            "insights_probation_event_add",
            {"kind": "warning_talk", "occurred_on": "2026-02-01", "reason": "no_show", "outcome": "pending"},
            "outside the measure",
        ),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(
    world, client_for, probation, name, data, message
):
    client = client_for("circle_member")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    child = world.dossier.children.get()
    response = client.post(_url(name, world), {"child": child.pk, "measure": probation.pk, **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RiskAssessment.objects.exists() and not ProbationEvent.objects.exists()


def test_no_warning_talk_outside_youth_probation(world, client_for):
    ots = Measure.objects.create(
        dossier=world.dossier, child=world.dossier.children.get(), kind="nl_ots", started_on=date(2026, 3, 1)
    )
    response = client_for("circle_member").post(
        _url("insights_probation_event_add", world),
        {
            "measure": ots.pk,
            "kind": "warning_talk",
            "occurred_on": "2026-04-01",
            "reason": "no_show",
            "outcome": "pending",
        },
    )
    assert response.status_code == 200 and not ProbationEvent.objects.exists()


@pytest.fixture
def municipality(world):
    organisation = world.dossier.owning_team.organisation
    region = Region.objects.create(name="Gemeente Noordkust")
    region.organisations.add(organisation)
    user = UserFactory(username="gemeente")
    InsightsGrant.objects.create(user=user, scope=InsightsScope.REGION, region=region)
    ended_measures(world.dossier.owning_team, 12)
    ended_measures(world.dossier.owning_team, 3, reason="escalated")
    ended_measures(TeamFactory(organisation=organisation, name="Team Zuid-Oost"), 9)
    return user


def test_a_municipality_sees_aggregates_per_organisation_and_never_a_dossier(world, client, municipality):
    client.force_login(municipality)
    page = client.get(reverse("insights_dashboard", args=["region"]))
    assert page.status_code == 200
    html = page.content.decode()
    assert world.dossier.owning_team.organisation.name in html
    assert "Team Noord" not in html and str(world.dossier.pk) not in html  # no team, no dossier link
    # 21 as planned and 3 escalated: 3 is small, so one more number in its row is hidden as well
    assert "<td>x</td>" in html and "<td>21</td>" not in html
    for name, kwargs in [
        ("dossier_detail", {"dossier_id": world.dossier.pk}),
        ("insights_dossier_outcomes", {"dossier_id": world.dossier.pk}),
        ("insights_drill_down", {"team_id": world.dossier.owning_team_id, "category": "as_planned"}),
        ("insights_dashboard", {"scope": "team"}),
        ("insights_dashboard", {"scope": "organisation"}),
        ("insights_export_list", {}),
    ]:
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 404, name
    assert client.get(reverse("api:get_outcomes", kwargs={"dossier_id": world.dossier.pk})).status_code == 404


def test_downloads_hold_what_the_table_shows(world, client, municipality):
    client.force_login(municipality)
    body = client.get(reverse("insights_download", args=["region", "csv"])).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[1][0] == world.dossier.owning_team.organisation.name
    # 21 as planned, 3 escalated: the 3 is hidden, and the 21 too, else 24 - 21 gives it away
    assert rows[1][1:] == ["x", "0", "x", "0", "0", "24"]
    assert rows[2][1:] == ["x", "0", "x", "0", "0", "24"]
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("insights_download", args=["region", "xlsx"])).content)
    )
    assert next(workbook.active.iter_rows()).__getitem__(0).value in ("group", "groep")


def test_organisation_management_sees_teams_without_drill_down(world, client, municipality):
    manager = UserFactory(username="directeur")
    InsightsGrant.objects.create(
        user=manager, scope=InsightsScope.ORGANISATION, organisation=world.dossier.owning_team.organisation
    )
    client.force_login(manager)
    html = client.get(reverse("insights_dashboard", args=["organisation"])).content.decode()
    assert "Team Noord" in html and "Team Zuid-Oost" in html
    assert "/insights/team/dossiers/" not in html
    assert client.get(reverse("insights_dashboard", args=["team"])).status_code == 404


def test_the_team_lead_drills_down_only_to_dossiers_they_may_open(world, client_for, municipality):
    ended_measures(world.dossier.owning_team, 5, reason="escalated")  # 8 escalated: nothing small to hide
    client = client_for("team_lead")
    html = client.get(reverse("insights_dashboard", args=["team"])).content.decode()
    drill = reverse("insights_drill_down", args=[world.dossier.owning_team_id, "as_planned"])
    assert drill in html
    listed = client.get(drill).content.decode()
    assert listed.count("KR-NL-2024-") == 12  # the team's own twelve; not Team Zuid-Oost's
    other = TeamFactory(organisation=world.dossier.owning_team.organisation, name="Team Elders")
    assert client.get(reverse("insights_drill_down", args=[other.pk, "as_planned"])).status_code == 404


def test_the_dashboard_takes_a_fixed_number_of_queries(
    world, client_for, municipality, django_assert_max_num_queries
):
    client = client_for("team_lead")
    url = reverse("insights_dashboard", args=["team"])
    client.get(url)  # warm the chart cache and the session
    with django_assert_max_num_queries(30) as counted:
        client.get(url)
    before = len(counted.captured_queries)
    ended_measures(world.dossier.owning_team, 40)
    with django_assert_max_num_queries(before):
        client.get(url)


def test_the_team_lead_compares_two_cohorts_on_the_page(world, client_for, municipality):
    ended_measures(world.dossier.owning_team, 6, reason="escalated")
    url = reverse("insights_compare", args=["team"])
    team = world.dossier.owning_team_id
    response = client_for("team_lead").get(url, {"a-team": team, "b-kind": "nl_ots"})
    html = response.content.decode()
    assert response.status_code == 200
    # no judgements or risk scores in these measures: the outcomes say too few, the indicators stand beside
    assert "Indicatoren naast elkaar" in html
    # the region the page polls while computing holds the same comparison, with its own filters
    polled = client_for("team_lead").get(
        reverse("insights_progress", args=["team"]), {"kind": "compare", "a-team": team, "b-kind": "nl_ots"}
    )
    assert polled.content.decode().startswith('<div id="insights-result">')
    assert "Indicatoren naast elkaar" in polled.content.decode() and "<html" not in polled.content.decode()
    bad = client_for("team_lead").get(url, {"a-started_from": "2026-05-01", "a-started_until": "2026-01-01"})
    assert bad.status_code == 200 and "Indicatoren naast elkaar" not in bad.content.decode()


def test_the_outcome_of_a_report_back_is_recorded_later_with_a_version_check(world, client_for, probation):
    event = ProbationEvent.objects.create(
        dossier=world.dossier,
        measure=probation,
        kind="report_back",
        occurred_on=date(2026, 4, 2),
        reason="no_show",
    )
    client = client_for("circle_member")
    url = reverse("api:set_probation_outcome", kwargs={"dossier_id": world.dossier.pk, "event_id": event.pk})
    first = client.put(url, {"outcome": "revoked", "version": 1}, content_type="application/json")
    stale = client.put(url, {"outcome": "continued", "version": 1}, content_type="application/json")
    assert first.status_code == 200 and first.json()["version"] == 2
    assert stale.status_code == 422
    event.refresh_from_db()
    assert event.outcome == "revoked"
    assert (
        AuditEntry.objects.filter(object_type="insights.probationevent", action=AuditAction.UPDATE).count()
        == 1
    )


def test_the_outcome_of_a_report_back_is_changed_on_the_outcomes_page(world, client_for, probation):
    event = ProbationEvent.objects.create(
        dossier=world.dossier,
        measure=probation,
        kind="report_back",
        occurred_on=date(2026, 4, 2),
        reason="no_show",
    )
    client = client_for("circle_member")
    page = reverse("insights_dossier_outcomes", args=[world.dossier.pk])
    url = reverse("insights_probation_event_outcome_set", args=[world.dossier.pk, event.pk])
    html = client.get(page).content.decode()
    assert f'action="{url}"' in html and 'name="version" value="1"' in html
    saved = client.post(url, {"outcome": "conditions_adjusted", "version": "1"})
    assert saved.status_code == 302 and saved["Location"] == page
    # a second writer who saw version 1 is refused on the form, and nothing changes
    stale = client.post(url, {"outcome": "continued", "version": "1"})
    assert stale.status_code == 200 and "utrecht-alert--error" in stale.content.decode()
    event.refresh_from_db()
    assert (event.outcome, event.version) == ("conditions_adjusted", 2)
    assert (
        AuditEntry.objects.filter(object_type="insights.probationevent", action=AuditAction.UPDATE).count()
        == 1
    )
    # emergency access reads only: no form to change the outcome
    assert f'action="{url}"' not in client_for("break_glass").get(page).content.decode()


def test_without_a_worker_the_page_shows_progress_and_a_stuck_run_is_computed_again(
    world, client_for, municipality, settings
):
    from kring.insights.computed import insight_compute
    from kring.insights.models import ComputedInsight

    settings.KRING_INSIGHTS_TASK_BACKEND = "default"  # the database queue: nothing runs it here
    client = client_for("team_lead")
    html = client.get(reverse("insights_dashboard", args=["team"])).content.decode()
    assert "<progress" in html and 'hx-trigger="every 2s"' in html and 'hx-target="#insights-result"' in html
    row = ComputedInsight.objects.get()
    assert row.status == "queued" and row.inputs["team_ids"] == [world.dossier.owning_team_id]
    progress = client.get(reverse("insights_progress", args=["team"]), {"kind": "dashboard"})
    polled = progress.content.decode()
    assert progress.status_code == 200 and polled.startswith('<div id="insights-result">')
    assert "<progress" in polled and "<table" not in polled  # still busy: the bar again, no figures
    ComputedInsight.objects.filter(pk=row.pk).update(status="running", started_at=row.requested_at)
    assert insight_compute(row.pk) == "skipped"  # running, not yet stale: another worker has it
    with time_machine.travel("2026-06-01 10:20 +02:00", tick=False):
        assert insight_compute(row.pk) == "done"  # its worker died: computed again
        row.refresh_from_db()
        assert (row.step, row.steps) == (8, 8) and row.figures["table"]["rows"]
        progress = client.get(reverse("insights_progress", args=["team"]), {"kind": "dashboard"})
        polled = progress.content.decode()
        # done: the region is swapped in place with the figures, and it no longer polls
        assert "HX-Refresh" not in progress and "<progress" not in polled and "hx-trigger" not in polled
        assert 'id="dashboard-table-1"' in polled and "Hoe maatregelen eindigden" in polled
    # another scope (the municipality's) never gets this result
    client.force_login(municipality)
    client.get(reverse("insights_dashboard", args=["region"]))
    assert ComputedInsight.objects.count() == 2
