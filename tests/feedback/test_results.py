"""Results in the dossier: administrations through the policy and audit, the results page (chart + table),
constant queries, and who must not see them."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kring.audit.models import AuditEntry
from kring.feedback.models import Administration, Instrument
from kring.feedback.services import administration_submit

from .test_instruments import PARENTS, YOUNG


@pytest.fixture
def exit_instrument(db):
    return Instrument.objects.get(slug="exit", version=1)


def _submit(world, instrument, n, who="young_person", answers=YOUNG, actor=None):
    for i in range(n):
        administration_submit(
            actor=actor,
            instrument=instrument,
            dossier=world.dossier,
            respondent_type=who,
            answers=answers,
            taken_on=date(2026, 1, 1) + timedelta(days=30 * i),
        )


def test_a_professional_in_the_circle_submits_and_it_is_audited(world, exit_instrument):
    before = AuditEntry.objects.count()
    administration = administration_submit(
        actor=world.circle_member,
        instrument=exit_instrument,
        dossier=world.dossier,
        respondent_type="parent",
        answers=PARENTS,
    )
    entry = AuditEntry.objects.order_by("-pk").first()
    assert AuditEntry.objects.count() == before + 1
    assert entry.object_id == str(administration.pk)
    assert "10" not in " ".join(entry.fields)  # field names only, never values


@pytest.mark.parametrize("persona", ["other_team", "other_org"])
def test_who_may_not_write_stores_nothing(world, exit_instrument, persona):
    with pytest.raises(PermissionDenied):
        administration_submit(
            actor=getattr(world, persona),
            instrument=exit_instrument,
            dossier=world.dossier,
            respondent_type="parent",
            answers=PARENTS,
        )
    assert not Administration.objects.exists()


def test_the_results_page_shows_chart_and_table(world, exit_instrument, client_for):
    _submit(world, exit_instrument, 1, "parent", PARENTS)
    _submit(world, exit_instrument, 1)
    response = client_for("circle_member").get(reverse("feedback_results", args=[world.dossier.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and 'role="img"' in html
    assert "3,8" in html and "3,2" in html and "2,8" in html  # seed 004 case 1 (Dutch decimal comma)


@pytest.mark.parametrize("persona", ["other_team", "other_org"])
def test_other_team_and_police_do_not_see_results(world, exit_instrument, client_for, persona):
    _submit(world, exit_instrument, 1)
    client = client_for(persona)
    assert client.get(reverse("feedback_results", args=[world.dossier.pk])).status_code == 404
    assert client.get(reverse("feedback_instrument", args=[world.dossier.pk, "exit"])).status_code == 404


def test_the_results_page_query_count_is_constant(world, exit_instrument, client_for):
    client = client_for("circle_member")
    url = reverse("feedback_results", args=[world.dossier.pk])
    _submit(world, exit_instrument, 2)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _submit(world, exit_instrument, 8, "parent", PARENTS)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_an_off_track_moment_is_marked_on_the_results_page(world, client_for, settings):
    settings.LANGUAGE_CODE = "en"
    start = Instrument.objects.get(slug="session-start", version=1)
    for i, value in enumerate([7, 7, 7, 4]):
        administration_submit(
            instrument=start,
            dossier=world.dossier,
            respondent_type="young_person",
            answers=dict.fromkeys(("me", "close", "daily", "life", "overall"), value),
            taken_on=date(2026, 1, 1) + timedelta(days=14 * i),
        )
    client = client_for("circle_member")
    html = client.get(reverse("feedback_results", args=[world.dossier.pk]), HTTP_ACCEPT_LANGUAGE="en").content
    assert html.decode().count("Off track: discuss this with the respondent") == 1


def test_the_csv_export_is_audited_and_injection_safe(world, exit_instrument, client_for):
    administration_submit(
        instrument=exit_instrument,
        dossier=world.dossier,
        respondent_type="parent",
        answers=PARENTS,
        respondent_label="=HYPERLINK()",
    )
    Instrument.objects.filter(pk=exit_instrument.pk).update(name="=cmd|' /C calc'!A0")
    client = client_for("circle_member")
    client.get(reverse("feedback_export", args=[world.dossier.pk]))
    before = AuditEntry.objects.count()
    response = client.get(reverse("feedback_export", args=[world.dossier.pk]))
    body = response.content.decode()
    assert response.status_code == 200 and "result=3.8" in body
    assert "\n'=cmd" in body.replace("\r\n", "\n") and "\n=cmd" not in body.replace("\r\n", "\n")
    assert AuditEntry.objects.count() == before + 1
    assert client_for("other_org").get(reverse("feedback_export", args=[world.dossier.pk])).status_code == 404
