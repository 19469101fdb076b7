"""Self-entry without an account (one-time link, QR code) and filling in together on the worker's screen."""

import hashlib
import re
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AuditEntry
from kring.feedback import self_entry
from kring.feedback.models import Administration, Answer, EntryMode, Instrument, SelfEntryLink
from kring.feedback.self_entry import LinkRefused, Refusal, self_entry_link_create, self_entry_submit
from kring.feedback.services import administration_answer, administration_plan, administration_withdraw

from .test_instruments import PARENTS

SESSION_END = {"heard": 8, "topics": 7, "approach": 9, "together": 8, "overall": 8}


@pytest.fixture
def exit_instrument(db):
    return Instrument.objects.get(slug="exit", version=1)


@pytest.fixture
def planned(world, exit_instrument):
    return administration_plan(
        actor=world.circle_member,
        instrument=exit_instrument,
        dossier=world.dossier,
        respondent_type="parent",
        respondent_label="Fatma",
    )


@pytest.fixture
def token(world, planned):
    return self_entry_link_create(actor=world.circle_member, administration=planned, valid_hours=24).token


def _url(token: str) -> str:
    return reverse("self_entry", args=[token])


def _post(client, token, answers):
    return client.post(_url(token), data={k: str(v) for k, v in answers.items()})


# --- the link ---------------------------------------------------------------------------------------------


def test_only_a_hash_of_the_token_is_stored_and_the_making_is_audited(world, planned):
    before = AuditEntry.objects.count()
    made = self_entry_link_create(actor=world.circle_member, administration=planned)
    random_part = made.token.split(".")[0]
    link = SelfEntryLink.objects.get()
    assert link.token_hash == hashlib.sha256(random_part.encode()).hexdigest()
    assert random_part not in link.token_hash and len(random_part) >= 32
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert AuditEntry.objects.count() == before + 1
    assert (entry.action, entry.object_type, entry.actor_id) == (
        "create",
        "feedback.selfentrylink",
        world.circle_member.pk,
    )
    # valid as configured (72 hours by default)
    assert abs((link.expires_at - link.created_at) - timedelta(hours=72)) < timedelta(seconds=1)


def test_the_worker_sees_the_link_and_its_qr_code_once(world, planned, client_for):
    client = client_for("circle_member")
    url = reverse("feedback_link_create", args=[world.dossier.pk, planned.pk])
    response = client.post(url, {"valid_hours": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    match = re.search(r'value="(http://testserver/f/[^"/]+/)"', html)
    assert match and "<svg" in html and "<title>" in html  # the QR code, as inline SVG with a title
    again = client.get(reverse("feedback_administration", args=[world.dossier.pk, planned.pk]))
    assert match.group(1) not in again.content.decode()  # shown only once
    assert client.get(match.group(1)).status_code == 200


def test_a_new_link_stops_the_earlier_one(world, planned):
    first = self_entry_link_create(actor=world.circle_member, administration=planned).token
    self_entry_link_create(actor=world.circle_member, administration=planned)
    with pytest.raises(LinkRefused) as refused:
        self_entry.self_entry_open(first)
    assert refused.value.reason == Refusal.WITHDRAWN


@pytest.mark.parametrize("hours", [0, 24 * 15])
def test_the_validity_is_bounded(world, planned, hours):
    with pytest.raises(ValidationError) as refused:
        self_entry_link_create(actor=world.circle_member, administration=planned, valid_hours=hours)
    assert "valid_hours" in refused.value.message_dict
    assert not SelfEntryLink.objects.exists()


@pytest.mark.parametrize("persona", ["other_team", "other_org", "break_glass"])
def test_who_may_not_write_cannot_make_a_link(world, planned, client_for, persona):
    response = client_for(persona).post(
        reverse("feedback_link_create", args=[world.dossier.pk, planned.pk]), {"valid_hours": "24"}
    )
    assert response.status_code == 404
    assert not SelfEntryLink.objects.exists()


# --- the respondent's page ----------------------------------------------------------------------------------


def test_the_page_shows_the_questions_and_nothing_else_of_the_dossier(world, token, client):
    response = client.get(_url(token))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Fatma" in html  # the first name the worker chose to show
    child = world.dossier.children.get()
    worker = world.circle_member.get_full_name()
    for secret in (world.dossier.title, world.dossier.reference, child.last_name, "Team Noord", worker):
        assert secret not in html, secret
    assert 'name="r1"' in html and 'name="grade"' in html
    assert response["Referrer-Policy"] == "same-origin"
    assert "noindex" in response["X-Robots-Tag"]


def test_a_respondent_fills_it_in_once(world, planned, token, client):
    before = AuditEntry.objects.count()
    response = _post(client, token, PARENTS)
    assert response.status_code == 302 and response["Location"] == reverse("self_entry_done")
    planned.refresh_from_db()
    assert planned.is_submitted and planned.entry_mode == EntryMode.SELF_ENTRY and planned.entered_by is None
    assert planned.answers.count() == len(PARENTS)
    assert SelfEntryLink.objects.get().used_at is not None
    entries = list(AuditEntry.objects.order_by("sequence")[before:])
    assert [(e.action, e.object_type, e.actor_id) for e in entries] == [
        ("update", "feedback.administration", None),
        ("update", "feedback.selfentrylink", None),
    ]
    assert entries[0].actor_username == "respondent (self-entry link)"
    assert entries[0].dossier_id == world.dossier.pk
    # the link works once: opening or posting again stores nothing twice
    again = client.get(_url(token))
    assert again.status_code == 410 and "al ingevuld" in again.content.decode()
    assert _post(client, token, PARENTS).status_code == 410
    assert Answer.objects.count() == len(PARENTS)


def test_the_thank_you_page_says_thank_you(client, db):
    response = client.get(reverse("self_entry_done"))
    assert response.status_code == 200 and "Dank je wel" in response.content.decode()


def test_a_wrong_answer_is_explained_in_plain_dutch_and_nothing_is_stored(planned, token, client):
    answers = {**PARENTS, "r1": 7}
    del answers["p2"]
    response = _post(client, token, answers)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Geef antwoord op de vraag" in html  # the missing p2
    assert "moet een heel getal zijn van 1 tot en met 4" in html  # r1 out of range
    assert 'value="4" checked' in html  # what was answered stays filled in
    assert not Answer.objects.exists()
    planned.refresh_from_db()
    assert not planned.is_submitted
    assert SelfEntryLink.objects.get().used_at is None  # the link still works
    assert _post(client, token, PARENTS).status_code == 302


def test_an_expired_link_is_refused_and_that_is_logged(world, token, client):
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        response = client.get(_url(token))
        assert _post(client, token, PARENTS).status_code == 410
    assert response.status_code == 410 and "verlopen" in response.content.decode()
    assert not Answer.objects.exists()
    denied = AuditEntry.objects.filter(outcome="denied", object_type="feedback.selfentrylink").first()
    assert denied.reason == "expired" and denied.dossier_id == world.dossier.pk


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: ("A" if t[0] != "A" else "B") + t[1:],  # another random part, same signature
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # a changed signature
        lambda t: t.split(".")[0],  # no signature
        lambda t: "made-up-token",
    ],
)
def test_a_changed_or_made_up_token_is_refused(token, client, tamper):
    response = client.get(_url(tamper(token)))
    assert response.status_code == 404
    assert "Deze link werkt niet" in response.content.decode()
    assert _post(client, tamper(token), PARENTS).status_code == 404
    assert not Answer.objects.exists()


def test_a_validly_signed_token_that_was_never_made_is_refused(db):
    from django.core import signing

    forged = signing.Signer(salt=self_entry.SIGNER_SALT, sep=".").sign("x" * 32)
    with pytest.raises(LinkRefused) as refused:
        self_entry.self_entry_open(forged)
    assert refused.value.reason == Refusal.INVALID


def test_a_withdrawn_link_no_longer_works(world, planned, token, client):
    self_entry.self_entry_link_withdraw(actor=world.circle_member, administration=planned)
    response = client.get(_url(token))
    assert response.status_code == 410 and "gestopt" in response.content.decode()


def test_the_pages_are_rate_limited(token, client, settings):
    settings.KRING_FEEDBACK_SELF_ENTRY = {"requests": 3, "window_minutes": 10}
    statuses = [client.get(_url(token)).status_code for _ in range(3)]
    refused = client.get(_url(token))
    assert statuses == [200, 200, 200]
    assert refused.status_code == 429 and "te vaak" in refused.content.decode()
    # made-up tokens count as well, and another address has its own count
    assert client.get(_url("guess")).status_code == 429
    assert client.get(_url(token), REMOTE_ADDR="10.0.0.9").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        assert client.get(_url(token)).status_code == 200


def test_the_link_of_a_questionnaire_filled_in_together_no_longer_works(world, planned, token):
    administration_answer(actor=world.circle_member, administration=planned, answers=PARENTS)
    with pytest.raises(LinkRefused) as refused:
        self_entry_submit(token, PARENTS)
    assert refused.value.reason == Refusal.USED
    assert Answer.objects.count() == len(PARENTS)


def test_the_respondent_page_is_in_english_when_chosen(token, client):
    client.cookies["kring_language"] = "en"
    html = client.get(_url(token)).content.decode()
    assert "Things are better now than when we started." in html and 'lang="en"' in html


# --- filling in on the worker's screen ----------------------------------------------------------------------


def test_filled_in_together_is_recorded_as_the_respondents_answers(world, planned, client_for):
    client = client_for("circle_member")
    url = reverse("feedback_fill", args=[world.dossier.pk, planned.pk])
    page = client.get(url).content.decode()
    assert 'name="entry_mode"' in page
    response = client.post(url, {"entry_mode": "together", **{k: str(v) for k, v in PARENTS.items()}})
    assert response.status_code == 302
    planned.refresh_from_db()
    assert (planned.respondent_type, planned.entry_mode, planned.entered_by) == (
        "parent",
        EntryMode.TOGETHER,
        world.circle_member,
    )
    results = client.get(reverse("feedback_results", args=[world.dossier.pk])).content.decode()
    assert "samen ingevuld" in results
    again = client.post(url, {"entry_mode": "together", **{k: str(v) for k, v in PARENTS.items()}})
    assert again.status_code == 302 and Answer.objects.count() == len(PARENTS)


def test_the_worker_form_explains_wrong_answers_and_stores_nothing(world, planned, client_for):
    client = client_for("circle_member")
    url = reverse("feedback_fill", args=[world.dossier.pk, planned.pk])
    response = client.post(
        url, {"entry_mode": "together", **{k: str(v) for k, v in PARENTS.items() if k != "r3"}}
    )
    assert response.status_code == 400
    assert "Geef antwoord op de vraag" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_professional_fills_in_their_own_questionnaire_without_the_together_choice(world, client_for):
    end = Instrument.objects.get(slug="session-end")
    Instrument.objects.filter(pk=end.pk).update(respondent_types=[*end.respondent_types, "professional"])
    end.refresh_from_db()
    mine = administration_plan(
        actor=world.circle_member, instrument=end, dossier=world.dossier, respondent_type="professional"
    )
    client = client_for("circle_member")
    url = reverse("feedback_fill", args=[world.dossier.pk, mine.pk])
    assert 'name="entry_mode"' not in client.get(url).content.decode()
    assert client.post(url, {k: str(v) for k, v in SESSION_END.items()}).status_code == 302
    mine.refresh_from_db()
    assert mine.entry_mode == EntryMode.ENTERED


@pytest.mark.parametrize("persona", ["other_team", "other_org", "break_glass"])
def test_who_may_not_write_cannot_fill_in(world, planned, client_for, persona):
    client = client_for(persona)
    url = reverse("feedback_fill", args=[world.dossier.pk, planned.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"entry_mode": "together", **PARENTS}).status_code == 404
    assert not Answer.objects.exists()


# --- planning -----------------------------------------------------------------------------------------------


def test_planning_a_questionnaire_for_the_wrong_respondent_is_refused(world, exit_instrument, client_for):
    client = client_for("circle_member")
    response = client.post(
        reverse("feedback_plan", args=[world.dossier.pk]),
        {"instrument": exit_instrument.pk, "respondent_type": "school"},
    )
    assert response.status_code == 400
    assert "niet bedoeld voor" in response.content.decode()
    assert not Administration.objects.exists()


def test_planning_leads_to_the_page_with_link_and_together(world, exit_instrument, client_for):
    client = client_for("circle_member")
    response = client.post(
        reverse("feedback_plan", args=[world.dossier.pk]),
        {"instrument": exit_instrument.pk, "respondent_type": "young_person", "respondent_label": "Noor"},
    )
    planned = Administration.objects.get()
    assert response["Location"] == reverse("feedback_administration", args=[world.dossier.pk, planned.pk])
    assert not planned.is_submitted and planned.created_by == world.circle_member
    results = client.get(reverse("feedback_results", args=[world.dossier.pk])).content.decode()
    assert "Wachten op antwoorden" in results


def test_a_waiting_questionnaire_can_be_taken_back_but_an_answered_one_not(world, planned, token):
    administration_withdraw(actor=world.circle_member, administration=planned)
    assert not Administration.objects.exists() and not SelfEntryLink.objects.exists()
    answered = administration_plan(
        actor=world.circle_member,
        instrument=Instrument.objects.get(slug="exit"),
        dossier=world.dossier,
        respondent_type="parent",
    )
    administration_answer(actor=world.circle_member, administration=answered, answers=PARENTS)
    with pytest.raises(ValidationError):
        administration_withdraw(actor=world.circle_member, administration=answered)
    assert Administration.objects.filter(pk=answered.pk).exists()


def test_waiting_questionnaires_are_not_results(world, planned, client_for):
    html = client_for("circle_member").get(reverse("feedback_results", args=[world.dossier.pk])).content
    assert "Uitkomsten van" not in html.decode()
