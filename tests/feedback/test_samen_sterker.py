"""Samen Sterker: five topics answered by the client and the professional, side by side, and improvement
agreements that are followed up (open/done, by whom, when) in later conversations."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kring.audit.models import AuditEntry
from kring.feedback.models import AgreementStatus, ImprovementAgreement, Instrument
from kring.feedback.scoring import score
from kring.feedback.selectors import dossier_agreements, samen_sterker_rounds
from kring.feedback.services import (
    CHANGED_MEANWHILE,
    administration_plan,
    administration_submit,
    agreement_add,
    agreement_set_status,
)

TOPICS = ("treat", "listen", "contact", "plan", "agree")
TODAY = date(2026, 11, 23)


def answers(ratings=(8, 7, 6, 7, 9), **texts):
    return {**dict(zip(TOPICS, ratings, strict=True)), **texts}


@pytest.fixture
def instrument(db):
    return Instrument.objects.get(slug="samen-sterker", version=1)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(f"{TODAY.isoformat()} 12:00 +01:00", tick=False):
        yield


def _conversation(world, instrument, day, client=None, professional=None):
    client = client or answers()
    professional = professional or answers((7, 7, 5, 8, 8))
    administration_submit(
        instrument=instrument,
        dossier=world.dossier,
        respondent_type="parent",
        respondent_label="Linda",
        answers=client,
        taken_on=day,
        entry_mode="together",
    )
    return administration_submit(
        instrument=instrument,
        dossier=world.dossier,
        respondent_type="professional",
        answers=professional,
        taken_on=day,
    )


def test_five_topics_each_with_a_rating_what_goes_well_and_what_could_be_better(instrument):
    items = list(instrument.items.all())
    for topic in TOPICS:
        keys = [i.key for i in items if i.key.startswith(topic)]
        assert keys == [topic, f"{topic}_well", f"{topic}_better"]
        assert len({i.heading for i in items if i.key.startswith(topic)}) == 1  # one heading per topic
    assert items[-1].key == "improve"
    assert set(instrument.respondent_types) == {"parent", "young_person", "professional"}
    assert score(instrument, answers())["subscales"] == {
        "treat": 8.0,
        "listen": 7.0,
        "contact": 6.0,
        "plan": 7.0,
        "agree": 9.0,
    }


def test_texts_are_optional_ratings_are_not(instrument):
    with pytest.raises(ValidationError) as refused:
        score(instrument, {"treat": 8})
    assert set(refused.value.message_dict) == {"listen", "contact", "plan", "agree"}


def test_client_and_professional_stand_side_by_side_per_topic(world, instrument, client_for):
    _conversation(
        world,
        instrument,
        date(2026, 10, 12),
        client=answers(contact_better="Anna belt vaak op het laatste moment af.", improve="Eerder bellen."),
        professional=answers((7, 7, 5, 8, 8), contact_well="We zien elkaar elke week."),
    )
    response = client_for("circle_member").get(reverse("feedback_samen_sterker", args=[world.dossier.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Anna belt vaak op het laatste moment af." in html and "We zien elkaar elke week." in html
    assert "ouder (Linda)" in html and "professional" in html and "Eerder bellen." in html
    assert "<svg" in html  # the ratings over time
    assert html.index("ouder (Linda)") < html.index('<th scope="col">professional</th>')


def test_an_agreement_is_recorded_audited_and_followed_up_until_done(world, instrument):
    first = _conversation(world, instrument, date(2026, 9, 14))
    before = AuditEntry.objects.count()
    agreement = agreement_add(
        actor=world.circle_member,
        dossier=world.dossier,
        topic="contact",
        text="Anna belt een dag van tevoren als ze een afspraak moet verzetten.",
        who="Anna",
        made_on=date(2026, 9, 14),
        due_on=date(2026, 10, 1),
        made_in=first,
    )
    assert AuditEntry.objects.count() == before + 1
    assert AuditEntry.objects.order_by("-sequence").first().object_type == "feedback.improvementagreement"
    _conversation(world, instrument, date(2026, 10, 12))
    agreement_set_status(
        actor=world.circle_member, agreement=agreement, status="done", version=1, done_on=date(2026, 10, 12)
    )
    _conversation(world, instrument, date(2026, 11, 9))
    rounds = samen_sterker_rounds(world.dossier, dossier_agreements(world.dossier))
    assert [r.day for r in rounds] == [date(2026, 11, 9), date(2026, 10, 12), date(2026, 9, 14)]
    assert [a.pk for a in rounds[1].open_before] == [agreement.pk]  # looked back at in the next conversation
    assert rounds[0].open_before == []  # done by then
    assert [a.pk for a in rounds[2].made] == [agreement.pk]
    agreement.refresh_from_db()
    assert (agreement.status, agreement.done_on, agreement.version) == ("done", date(2026, 10, 12), 2)


def test_a_stale_change_is_refused_and_changes_nothing(world):
    agreement = agreement_add(
        actor=world.circle_member, dossier=world.dossier, topic="plan", text="Samen lezen.", who="beiden"
    )
    agreement_set_status(actor=world.team_lead, agreement=agreement, status="done", version=1)
    with pytest.raises(ValidationError) as refused:
        agreement_set_status(actor=world.circle_member, agreement=agreement, status="done", version=1)
    assert refused.value.messages == [str(CHANGED_MEANWHILE)]
    agreement.refresh_from_db()
    assert agreement.version == 2
    agreement_set_status(actor=world.circle_member, agreement=agreement, status="open", version=2)
    agreement.refresh_from_db()
    assert (agreement.status, agreement.done_on) == (AgreementStatus.OPEN, None)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"text": " "}, "text", "Schrijf op wat jullie afspreken."),
        ({"who": ""}, "who", "Schrijf op wie het doet."),
        ({"due_on": "2026-11-01"}, "due_on", "ligt voor de dag"),
        ({"topic": "money"}, "topic", ""),
        ({"made_on": "2026-12-01"}, "made_on", "toekomst"),
    ],
)
def test_a_wrong_agreement_is_explained_and_nothing_is_stored(world, client_for, data, field, message):
    form = {"topic": "plan", "text": "Samen lezen.", "who": "beiden", "made_on": "2026-11-20", **data}
    response = client_for("circle_member").post(
        reverse("feedback_agreement_add", args=[world.dossier.pk]), form
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImprovementAgreement.objects.exists()


def test_marking_done_through_the_page_with_a_stale_version_says_so(world, client_for):
    agreement = agreement_add(
        actor=world.circle_member,
        dossier=world.dossier,
        topic="plan",
        text="Samen lezen.",
        who="beiden",
        made_on=date(2026, 11, 2),
    )
    url = reverse("feedback_agreement_status", args=[world.dossier.pk, agreement.pk])
    client = client_for("circle_member")
    assert client.post(url, {"status": "done", "version": 1, "done_on": "2026-11-22"}).status_code == 302
    stale = client.post(url, {"status": "done", "version": 1, "done_on": "2026-11-23"})
    assert stale.status_code == 400 and "in de tussentijd" in stale.content.decode()
    agreement.refresh_from_db()
    assert agreement.done_on == date(2026, 11, 22)


def test_the_fill_page_looks_back_at_open_agreements_first(world, instrument, client_for):
    agreement_add(
        actor=world.circle_member, dossier=world.dossier, topic="listen", text="Laten uitpraten.", who="Anna"
    )
    planned = administration_plan(
        actor=world.circle_member, instrument=instrument, dossier=world.dossier, respondent_type="parent"
    )
    html = (
        client_for("circle_member").get(reverse("feedback_fill", args=[world.dossier.pk, planned.pk])).content
    )
    assert "Laten uitpraten." in html.decode()


@pytest.mark.parametrize("persona", ["other_team", "other_org"])
def test_outsiders_see_nothing_and_change_nothing(world, instrument, client_for, persona):
    _conversation(world, instrument, date(2026, 10, 12))
    agreement = agreement_add(
        actor=world.circle_member, dossier=world.dossier, topic="plan", text="Samen lezen.", who="beiden"
    )
    client = client_for(persona)
    assert client.get(reverse("feedback_samen_sterker", args=[world.dossier.pk])).status_code == 404
    add = client.post(
        reverse("feedback_agreement_add", args=[world.dossier.pk]),
        {"topic": "plan", "text": "x", "who": "y", "made_on": "2026-11-20"},
    )
    done = client.post(
        reverse("feedback_agreement_status", args=[world.dossier.pk, agreement.pk]),
        {"status": "done", "version": 1},
    )
    assert add.status_code == done.status_code == 404
    assert ImprovementAgreement.objects.get().status == "open"


def test_emergency_access_reads_but_does_not_write(world, client_for):
    client = client_for("break_glass")
    page = client.get(reverse("feedback_samen_sterker", args=[world.dossier.pk]))
    assert page.status_code == 200 and "Nieuwe afspraak vastleggen" not in page.content.decode()
    response = client.post(
        reverse("feedback_agreement_add", args=[world.dossier.pk]),
        {"topic": "plan", "text": "x", "who": "y", "made_on": "2026-11-20"},
    )
    assert response.status_code == 404 and not ImprovementAgreement.objects.exists()


def test_the_page_query_count_is_constant(world, instrument, client_for):
    client = client_for("circle_member")
    url = reverse("feedback_samen_sterker", args=[world.dossier.pk])
    _conversation(world, instrument, date(2026, 1, 5))
    agreement_add(
        actor=None, dossier=world.dossier, topic="plan", text="a", who="b", made_on=date(2026, 1, 5)
    )
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(1, 6):
        day = date(2026, 1, 5) + timedelta(days=28 * i)
        _conversation(world, instrument, day)
        agreement_add(actor=None, dossier=world.dossier, topic="contact", text=f"a{i}", who="b", made_on=day)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
