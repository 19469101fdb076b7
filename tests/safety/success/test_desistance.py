"""Klaar mee?!: the desistance stage recorded over time with triggers, obstacles and relapses, and its chart
(server-side SVG) on the Signs of Success overview."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AuditEntry
from kring.cases.charts import render_svg
from kring.cases.models import Dossier
from kring.safety.success import services
from kring.safety.success.charts import StagePoint, desistance_spec
from kring.safety.success.models import DesistanceRecord


def _overview(world):
    return reverse("success_overview", kwargs={"dossier_id": world.dossier.pk})


def _add(world):
    return reverse("success_desistance_add", kwargs={"dossier_id": world.dossier.pk})


def _form(**overrides):
    return {
        "ds-recorded_on": "2026-05-11",
        "ds-stage": "recognising",
        "ds-view": "young_person",
        "ds-triggers": "Ik wil mijn diploma halen.",
        "ds-obstacles": "Als ik me verveel.",
        **overrides,
    }


def _record(world, on, stage, view="young_person", **extra):
    return services.desistance_record_add(
        actor=None, dossier=world.dossier, recorded_on=on, stage=stage, view=view, **extra
    )


def test_a_stage_is_recorded_on_the_page_and_drawn_in_the_chart(world, client_for):
    client = client_for("circle_member")
    _record(world, date(2026, 3, 9), "preparing", triggers="Ik wil thuis blijven wonen.")
    response = client.post(_add(world), _form())
    assert response.status_code == 302 and response["Location"].endswith("#desistance")
    record = DesistanceRecord.objects.latest("id")
    assert (record.stage, record.view, record.recorded_by) == (
        "recognising",
        "young_person",
        world.circle_member,
    )
    assert record.triggers == "Ik wil mijn diploma halen." and not record.relapse

    page = client.get(_overview(world)).content.decode()
    chart = page[page.index('<figure class="kring-chart">') : page.index("</figure>")]
    assert "<svg " in chart and 'class="marks"' in chart and 'role="img"' in chart
    assert '<title id="desistance-title">Klaar mee?!: de fase door de tijd</title>' in chart
    for label in ("Volharder", "Voorbereider", "Erkenner", "Stopper"):
        assert label in chart, label
    stages = page.split('data-testid="desistance-stage">')[1:]
    assert [s.split("<")[0] for s in stages] == ["Erkenner", "Voorbereider"]  # newest first
    entry = AuditEntry.objects.filter(object_type="success.desistancerecord").latest("sequence")
    assert entry.action == "create" and "stage" in entry.fields and "Ik wil" not in str(entry.__dict__)


def test_a_relapse_is_recorded_with_what_happened_and_marked_in_the_chart(world, client_for):
    client = client_for("team_lead")
    response = client.post(
        _add(world),
        _form(
            **{"ds-stage": "preparing", "ds-relapse": "on", "ds-relapse_note": "Deur kapotgeslagen na ruzie."}
        ),
    )
    assert response.status_code == 302
    record = DesistanceRecord.objects.get()
    assert record.relapse and record.relapse_note == "Deur kapotgeslagen na ruzie."
    page = client.get(_overview(world)).content.decode()
    assert "<strong>ja</strong>: Deur kapotgeslagen na ruzie." in page
    assert "terugval" in page[page.index('<figure class="kring-chart">') :]


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"ds-relapse": "on", "ds-relapse_note": " "}, "Beschrijf de terugval"),
        ({"ds-relapse_note": "Iets gebeurd."}, "vink dan ook"),
        ({"ds-stage": ""}, "Dit veld is verplicht."),
        ({"ds-stage": "halfway"}, "Selecteer een geldige keuze"),
        ({"ds-recorded_on": ""}, "Geef de datum."),
        ({"ds-recorded_on": "2020-01-01"}, "vóór de opening van het dossier"),
        ({"ds-obstacles": "x" * 2001}, "te lang"),
    ],
)
def test_bad_input_says_what_is_wrong_and_saves_nothing(world, client_for, overrides, message):
    response = client_for("circle_member").post(_add(world), _form(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DesistanceRecord.objects.exists()


def test_a_date_in_the_future_is_refused(world, client_for):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_for("circle_member").post(_add(world), _form(**{"ds-recorded_on": tomorrow}))
    assert response.status_code == 400 and "toekomst" in response.content.decode()
    assert not DesistanceRecord.objects.exists()


@pytest.mark.parametrize("persona", ["other_team", "other_org", "break_glass"])
def test_who_may_not_write_gets_404_and_nothing_is_saved(world, client_for, persona):
    assert client_for(persona).post(_add(world), _form()).status_code == 404
    assert not DesistanceRecord.objects.exists()


@pytest.mark.parametrize("persona", ["other_team", "other_org"])
def test_who_may_not_see_gets_404_on_page_and_api(world, client_for, api, persona):
    _record(world, date(2026, 3, 9), "preparing", triggers="Ik wil thuis blijven wonen.")
    response = client_for(persona).get(_overview(world))
    assert response.status_code == 404 and b"Ik wil thuis" not in response.content
    assert api("get", "api:list_desistance_stages", user=world.user(persona)).status_code == 404


def test_the_chart_spec_is_a_pure_function_of_its_points_and_draws_to_svg():
    points = [
        StagePoint(date(2026, 5, 1), 3, "de jongere", False),
        StagePoint(date(2026, 2, 1), 2, "de jongere", True),
        StagePoint(date(2026, 2, 1), 1, "de jeugdzorgwerker", False),
    ]
    kwargs = {
        "stage_labels": ["Volhardend", "Voorbereidend", "Erkennend", "Stoppend"],
        "views": ["de jongere", "de jeugdzorgwerker"],
        "marker_labels": ("vastgelegd", "terugval"),
        "title": "Klaar mee?!",
        "description": "Fase door de tijd",
        "axis_title": "fase",
    }
    spec = desistance_spec(points, **kwargs)
    assert spec == desistance_spec(list(reversed(points)), **kwargs)
    values = spec["data"]["values"]
    assert [(v["date"], v["level"], v["marker"]) for v in values] == [
        ("2026-02-01", 1, "vastgelegd"),
        ("2026-02-01", 2, "terugval"),
        ("2026-05-01", 3, "vastgelegd"),
    ]
    svg = render_svg(spec)
    assert svg.startswith("<svg") and "Stoppend" in svg and "Volhardend" in svg and "terugval" in svg


def test_the_overview_does_a_fixed_number_of_queries_however_many_stages(world, client_for):
    client = client_for("circle_member")
    _record(world, date(2026, 3, 9), "preparing")
    with CaptureQueriesContext(connection) as few:
        assert client.get(_overview(world)).status_code == 200
    for day in range(1, 21):
        _record(world, date(2026, 4, day), ["persisting", "preparing", "recognising", "stopping"][day % 4])
    with CaptureQueriesContext(connection) as many:
        assert client.get(_overview(world)).status_code == 200
    assert len(many) == len(few)


def test_the_api_lists_and_records_stages(world, api):
    payload = {
        "recorded_on": "2026-05-11",
        "stage": "stopping",
        "view": "young_person",
        "triggers": "Opa Henk gelooft in mij.",
    }
    created = api("post", "api:add_desistance_stage", payload)
    assert created.status_code == 201, created.content
    assert created.json()["stage"] == "stopping" and created.json()["relapse"] is False
    assert api("post", "api:add_desistance_stage", {**payload, "stage": "halfway"}).status_code == 422
    assert api("post", "api:add_desistance_stage", {**payload, "relapse": True}).status_code == 422
    assert api("post", "api:add_desistance_stage", payload, user=world.break_glass).status_code == 404
    listed = api("get", "api:list_desistance_stages").json()
    assert [(r["recorded_on"], r["stage"]) for r in listed] == [("2026-05-11", "stopping")]


def test_seed_sasja_desistance_stages_with_a_relapse_in_the_demo(db, client_for):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # idempotent
    sasja = Dossier.objects.get(reference="KR-NL-2025-0007")
    records = list(DesistanceRecord.objects.filter(dossier=sasja))
    assert len(records) == 7
    assert [r.stage for r in records if r.view == "young_person"] == [
        "preparing",
        "recognising",
        "preparing",
        "stopping",
    ]
    relapse = next(r for r in records if r.relapse)
    assert relapse.recorded_on == date(2026, 2, 9) and "Geen nieuw delict" in relapse.relapse_note
    assert records[-1].view == "worker" and records[-1].stage == "recognising"
