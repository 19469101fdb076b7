"""What a worker puts to a family member, and what the young person writes themselves:

- the young person writes and updates their own IK-plan (tied to them: IkPlan.child), the mother reads that of
  her child under 16 and not that of her 16-year-old, nobody else reads or writes one;
- a scaling question put to a named family member waits in their portal; their score lands in the dossier's
  scale history as their own rating;
- a questionnaire put in a family member's portal is filled in there once, without a link; the link keeps
  working for whoever has no account, and whichever comes first fills it in.
Every write is in the access log as the family member's; bad input, a second answer and a closed file store
nothing."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kring.audit.models import AuditAction, AuditEntry
from kring.cases.models import DossierStatus
from kring.feedback.models import Administration, EntryMode, Instrument
from kring.feedback.self_entry import LinkRefused, self_entry_link_create, self_entry_submit
from kring.feedback.services import administration_plan
from kring.portal import services
from kring.portal.models import QuestionnaireAsked, ScaleQuestionAsked
from kring.safety.models import ScaleRating
from kring.safety.success import services as success
from kring.safety.success.models import IkPlan

from .conftest import verified_client

EXIT_ANSWERS = {
    "grade": 8,
    "r1": 4,
    "r2": 3,
    "r3": 3,
    "r4": 3,
    "r5": 3,
    "p1": 3,
    "p2": 3,
    "p3": 3,
    "p4": 3,
    "p5": 2,
}


def ask_scale(family, persona: str, question: str = "safety") -> ScaleQuestionAsked:
    """The case worker (world's circle member) puts a scaling question to the persona."""
    from kring.accounts.models import User

    worker = User.objects.get(username="circle")
    return services.scale_question_ask(actor=worker, account=family.accounts[persona], question=question)


def ask_questionnaire(family, persona: str) -> QuestionnaireAsked:
    """The case worker plans the EXIT questionnaire and puts it in the persona's portal."""
    from kring.accounts.models import User

    worker = User.objects.get(username="circle")
    administration = administration_plan(
        actor=worker,
        instrument=Instrument.objects.get(slug="exit", version=1),
        dossier=family.dossier,
        respondent_type="parent",
        respondent_label="Fatima",
    )
    return services.questionnaire_ask(
        actor=worker, account=family.accounts[persona], administration=administration
    )


def _created_by(user, model: str, pk) -> AuditEntry:
    return AuditEntry.objects.filter(
        action=AuditAction.CREATE, object_type__endswith=model, object_id=str(pk), actor_id=user.pk
    ).get()


def _close(family):
    family.dossier.status = DossierStatus.CLOSED
    family.dossier.save()


# --- the young person's own IK-plan ---


def _ik(family):
    return reverse("portal_ik_plan", args=[family.dossier.pk])


def test_the_young_person_writes_and_updates_their_own_ik_plan(family):
    noor = verified_client(family.user("young_12"))
    assert "Mijn IK-plan" in noor.get(reverse("portal_dossier", args=[family.dossier.pk])).content.decode()
    response = noor.post(_ik(family), {"based_on": "0", "goals": "Naar de havo.", "helpers": "Oma Lieke"})
    assert response.status_code == 302
    plan = IkPlan.objects.get()
    assert (plan.child, plan.version, plan.written_by) == (family.noor, 1, IkPlan.WrittenBy.YOUNG_PERSON)
    assert plan.recorded_by == family.user("young_12")
    assert _created_by(family.user("young_12"), "ikplan", plan.pk).role == "family_young_person"

    page = noor.get(_ik(family)).content.decode()
    assert "Naar de havo." in page and 'name="based_on" value="1"' in page
    assert noor.post(_ik(family), {"based_on": "1", "goals": "Naar de havo, met een 7."}).status_code == 302
    assert list(IkPlan.objects.order_by("version").values_list("child", "version")) == [
        (family.noor.pk, 1),
        (family.noor.pk, 2),
    ]
    # Sami's plan has its own versions
    sami = verified_client(family.user("young_16"))
    assert sami.post(_ik(family), {"based_on": "0", "goals": "Een baan."}).status_code == 302
    assert IkPlan.objects.get(child=family.sami).version == 1
    assert "Naar de havo" not in sami.get(_ik(family)).content.decode()  # only his own


def test_the_mother_reads_the_plan_of_her_child_under_16_and_not_that_of_her_16_year_old(family):
    success.ik_plan_save(
        actor=None, dossier=family.dossier, child=family.noor, goals="Noors doel.", written_by="young_person"
    )
    success.ik_plan_save(
        actor=None, dossier=family.dossier, child=family.sami, goals="Sami's doel.", written_by="young_person"
    )
    mother = verified_client(family.user("parent_authority"))
    page = mother.get(_ik(family)).content.decode()
    assert "Noors doel." in page and "Sami&#x27;s doel." not in page and "Sami's doel." not in page
    assert 'name="goals"' not in page  # she reads, she does not write
    assert mother.post(_ik(family), {"based_on": "1", "goals": "Door mama."}).status_code == 404
    api = mother.get(reverse("api:portal_ik_plan", args=[family.dossier.pk])).json()
    assert [(group["young_person"], group["plan"]["goals"]) for group in api] == [("Noor", "Noors doel.")]
    for persona in ("parent_no_authority", "network_member", "foster_parent"):
        client = verified_client(family.user(persona))
        assert client.get(_ik(family)).status_code == 404
        assert client.post(_ik(family), {"based_on": "0", "goals": "x"}).status_code == 404
    assert IkPlan.objects.count() == 2


def test_an_ik_plan_saved_meanwhile_or_in_a_closed_file_stores_nothing(family):
    noor = verified_client(family.user("young_12"))
    noor.get(_ik(family))
    success.ik_plan_save(
        actor=None,
        dossier=family.dossier,
        child=family.noor,
        goals="Met de gezinsvoogd.",
        written_by="worker_on_behalf",
    )
    response = noor.post(_ik(family), {"based_on": "0", "goals": "Vanaf een oude versie."})
    assert response.status_code == 400 and "intussen een nieuwere versie" in response.content.decode()
    assert noor.post(_ik(family), {"based_on": "1", "goals": ""}).status_code == 400  # no goal
    _close(family)
    response = noor.post(_ik(family), {"based_on": "1", "goals": "Iets."}, follow=True)
    assert "gesloten" in response.content.decode()
    api = noor.post(
        reverse("api:portal_ik_plan_save", args=[family.dossier.pk]),
        data=json.dumps({"goals": "Iets.", "based_on": 1}),
        content_type="application/json",
    )
    assert api.status_code == 409
    assert IkPlan.objects.count() == 1


def test_the_worker_sees_the_ik_plan_per_young_person(family, client_for):
    success.ik_plan_save(
        actor=None, dossier=family.dossier, child=family.noor, goals="Noors doel.", written_by="young_person"
    )
    success.ik_plan_save(
        actor=None,
        dossier=family.dossier,
        child=family.sami,
        goals="Sami zijn doel.",
        written_by="young_person",
    )
    with pytest.raises(ValidationError):  # two children: whose plan must be said
        success.ik_plan_save(actor=None, dossier=family.dossier, goals="Van wie?", written_by="young_person")
    page = (
        client_for("circle_member")
        .get(reverse("success_overview", args=[family.dossier.pk]))
        .content.decode()
    )
    assert "Het IK-plan van Noor El Amrani" in page and "Het IK-plan van Sami El Amrani" in page
    # oldest first, each plan under its own young person
    order = ["Het IK-plan van Sami", "Sami zijn doel.", "Het IK-plan van Noor", "Noors doel."]
    assert [page.index(text) for text in order] == sorted(page.index(text) for text in order)


def test_existing_ik_plans_get_the_dossiers_only_child(world, family):
    """The migration's fill: a plan in a dossier with one child becomes that child's; with several, it stays
    without one (and the overview says so)."""
    from importlib import import_module

    from django.apps import apps

    from ..factories import DossierFactory

    fill_child = import_module("kring.safety.success.migrations.0005_ikplan_child").fill_child
    two_children = IkPlan.objects.create(
        dossier=family.dossier, version=1, goals="Oud plan.", written_by="young_person"
    )
    one_child_dossier = DossierFactory(owning_team=family.dossier.owning_team)
    one_child = IkPlan.objects.create(
        dossier=one_child_dossier, version=1, goals="Oud.", written_by="young_person"
    )
    fill_child(apps, None)
    two_children.refresh_from_db()
    one_child.refresh_from_db()
    assert two_children.child is None
    assert one_child.child == one_child_dossier.children.get()


# --- a scaling question put to a family member ---


def _scales(family):
    return reverse("portal_scale_questions", args=[family.dossier.pk])


def _answer(family, asked):
    return reverse("portal_scale_answer", args=[family.dossier.pk, asked.pk])


def test_a_scaling_question_waits_in_the_portal_and_lands_in_the_scale_history(family, client_for):
    worker = client_for("circle_member")
    response = worker.post(
        reverse("portal_scale_question_ask", args=[family.dossier.pk]),
        {"account": family.accounts["young_12"].pk, "question": "safety"},
    )
    assert response.status_code == 302
    asked = ScaleQuestionAsked.objects.get()
    assert asked.account == family.accounts["young_12"] and asked.answered_at is None

    noor = verified_client(family.user("young_12"))
    start = noor.get(reverse("portal_dossier", args=[family.dossier.pk])).content.decode()
    assert 'data-testid="waiting-scale-questions">1' in start
    page = noor.get(_scales(family)).content.decode()
    assert "Hoe veilig zijn de kinderen nu?" in page
    assert noor.post(_answer(family, asked), {"score": "7", "note": "Het is rustiger."}).status_code == 302

    rating = ScaleRating.objects.get()
    assert (rating.child, rating.participant, rating.score, rating.note) == (
        family.noor,
        None,
        7,
        "Het is rustiger.",
    )
    assert rating.question == "safety" and rating.recorded_by == family.user("young_12")
    asked.refresh_from_db()
    assert asked.rating == rating and asked.answered_at is not None
    assert _created_by(family.user("young_12"), "scalerating", rating.pk).role == "family_young_person"
    # the worker's trend shows it with who rated
    trend = worker.get(reverse("safety_scales", args=[family.dossier.pk])).content.decode()
    assert "Noor (kind)" in trend
    # the worker's family page lists it as answered
    listed = worker.get(reverse("portal_family_accounts", args=[family.dossier.pk])).content.decode()
    assert "cijfer 7" in listed


def test_a_network_member_scores_as_the_participant_they_are(family):
    asked = ask_scale(family, "network_member", question="confidence")
    oma = verified_client(family.user("network_member"))
    response = oma.post(
        reverse("api:portal_scale_answer", args=[family.dossier.pk, asked.pk]),
        data=json.dumps({"score": 9}),
        content_type="application/json",
    )
    assert response.status_code == 201
    rating = ScaleRating.objects.get()
    assert (rating.participant, rating.child, rating.score) == (family.grandmother, None, 9)
    listed = oma.get(reverse("api:portal_scale_questions", args=[family.dossier.pk])).json()
    assert [(q["score"], q["answered_at"] is not None) for q in listed] == [(9, True)]


@pytest.mark.parametrize("score", ["11", "-1", "zeven", ""])
def test_a_score_outside_0_to_10_is_refused(family, score):
    asked = ask_scale(family, "parent_authority")
    mother = verified_client(family.user("parent_authority"))
    response = mother.post(_answer(family, asked), {"score": score})
    assert response.status_code == 400 and "Kies een cijfer van 0 tot en met 10." in response.content.decode()
    api = mother.post(
        reverse("api:portal_scale_answer", args=[family.dossier.pk, asked.pk]),
        data=json.dumps({"score": 11}),
        content_type="application/json",
    )
    assert api.status_code == 422
    assert not ScaleRating.objects.exists()


def test_answering_twice_stores_one_score(family):
    asked = ask_scale(family, "parent_authority")
    mother = verified_client(family.user("parent_authority"))
    assert mother.post(_answer(family, asked), {"score": "4"}).status_code == 302
    again = mother.post(_answer(family, asked), {"score": "9"}, follow=True)
    assert "Je hebt deze vraag al beantwoord." in again.content.decode()
    api = mother.post(
        reverse("api:portal_scale_answer", args=[family.dossier.pk, asked.pk]),
        data=json.dumps({"score": 9}),
        content_type="application/json",
    )
    assert api.status_code == 409
    assert list(ScaleRating.objects.values_list("score", flat=True)) == [4]


def test_only_the_person_asked_answers_and_a_closed_file_takes_no_score(family):
    asked = ask_scale(family, "parent_authority")
    father = verified_client(family.user("parent_no_authority"))
    assert father.post(_answer(family, asked), {"score": "2"}).status_code == 404
    assert "Hoe veilig" not in father.get(_scales(family)).content.decode()
    _close(family)
    mother = verified_client(family.user("parent_authority"))
    response = mother.post(_answer(family, asked), {"score": "5"}, follow=True)
    assert "gesloten" in response.content.decode()
    assert not ScaleRating.objects.exists()


def test_who_may_be_asked_is_the_policys(family, world):
    family.noor.date_of_birth = family.noor.date_of_birth.replace(year=2015)  # now 11
    family.noor.save()
    with pytest.raises(ValidationError):
        services.scale_question_ask(
            actor=world.circle_member, account=family.accounts["young_12"], question="safety"
        )
    with pytest.raises(ValidationError):  # an unknown question
        services.scale_question_ask(
            actor=world.circle_member, account=family.accounts["parent_authority"], question="x"
        )
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):  # emergency access only reads
        services.scale_question_ask(
            actor=world.break_glass, account=family.accounts["parent_authority"], question="safety"
        )
    assert not ScaleQuestionAsked.objects.exists()


# --- a questionnaire waiting in the portal ---


def _questionnaires(family):
    return reverse("portal_questionnaires", args=[family.dossier.pk])


def _fill(family, asked):
    return reverse("portal_questionnaire_fill", args=[family.dossier.pk, asked.pk])


def test_a_questionnaire_waits_in_the_portal_and_is_filled_in_there_once(family, world, client_for):
    worker = client_for("circle_member")
    administration = administration_plan(
        actor=world.circle_member,
        instrument=Instrument.objects.get(slug="exit", version=1),
        dossier=family.dossier,
        respondent_type="parent",
    )
    page = worker.get(reverse("portal_family_accounts", args=[family.dossier.pk])).content.decode()
    assert 'name="administration"' in page
    response = worker.post(
        reverse("portal_questionnaire_ask", args=[family.dossier.pk]),
        {"administration": administration.pk, "account": family.accounts["parent_authority"].pk},
    )
    assert response.status_code == 302
    asked = QuestionnaireAsked.objects.get()
    link = self_entry_link_create(actor=None, administration=administration)  # made before, for paper

    mother = verified_client(family.user("parent_authority"))
    assert (
        'data-testid="waiting-questionnaires">1'
        in mother.get(reverse("portal_dossier", args=[family.dossier.pk])).content.decode()
    )
    assert _fill(family, asked) in mother.get(_questionnaires(family)).content.decode()
    bad = mother.post(_fill(family, asked), {"grade": "8"})
    assert bad.status_code == 400 and "Geef antwoord op de vraag" in bad.content.decode()
    assert mother.post(_fill(family, asked), {k: str(v) for k, v in EXIT_ANSWERS.items()}).status_code == 302

    administration.refresh_from_db()
    assert administration.is_submitted and administration.entry_mode == EntryMode.PORTAL
    assert administration.entered_by == family.user("parent_authority")
    assert AuditEntry.objects.filter(
        action=AuditAction.UPDATE,
        object_type__endswith="administration",
        object_id=str(administration.pk),
        actor_id=family.user("parent_authority").pk,
        role="family_parent",
    ).exists()
    again = mother.post(_fill(family, asked), {k: str(v) for k, v in EXIT_ANSWERS.items()}, follow=True)
    assert "Deze vragenlijst is al ingevuld." in again.content.decode()
    with pytest.raises(LinkRefused):  # the link no longer fills it in either
        self_entry_submit(link.token, EXIT_ANSWERS)
    assert administration.answers.count() == len(EXIT_ANSWERS)


def test_the_link_keeps_working_and_then_the_portal_says_it_is_filled_in(family):
    asked = ask_questionnaire(family, "parent_authority")
    link = self_entry_link_create(actor=None, administration=asked.administration)
    self_entry_submit(link.token, EXIT_ANSWERS)
    mother = verified_client(family.user("parent_authority"))
    page = mother.get(_questionnaires(family)).content.decode()
    assert _fill(family, asked) not in page and "ingevuld op" in page  # listed as filled in, not to fill in
    api = mother.post(
        reverse("api:portal_questionnaire_fill", args=[family.dossier.pk, asked.pk]),
        data=json.dumps({"answers": EXIT_ANSWERS}),
        content_type="application/json",
    )
    assert api.status_code == 409
    administration = Administration.objects.get(pk=asked.administration_id)
    assert administration.entry_mode == EntryMode.SELF_ENTRY and administration.answers.count() == len(
        EXIT_ANSWERS
    )


def test_only_the_person_it_was_put_to_fills_it_in_and_not_in_a_closed_file(family):
    asked = ask_questionnaire(family, "parent_authority")
    father = verified_client(family.user("parent_no_authority"))
    assert father.get(_fill(family, asked)).status_code == 404
    assert father.post(_fill(family, asked), {k: str(v) for k, v in EXIT_ANSWERS.items()}).status_code == 404
    _close(family)
    mother = verified_client(family.user("parent_authority"))
    response = mother.post(_fill(family, asked), {k: str(v) for k, v in EXIT_ANSWERS.items()}, follow=True)
    assert "gesloten" in response.content.decode()
    assert not Administration.objects.get(pk=asked.administration_id).is_submitted


def test_the_questionnaire_api_lists_the_questions_and_checks_the_answers(family):
    asked = ask_questionnaire(family, "parent_authority")
    mother = verified_client(family.user("parent_authority"))
    listed = mother.get(reverse("api:portal_questionnaires", args=[family.dossier.pk])).json()
    assert [q["id"] for q in listed] == [asked.pk] and listed[0]["waiting"]
    assert {q["key"] for q in listed[0]["questions"]} >= {"grade", "r1"}
    url = reverse("api:portal_questionnaire_fill", args=[family.dossier.pk, asked.pk])
    bad = mother.post(
        url, data=json.dumps({"answers": {**EXIT_ANSWERS, "r1": 99}}), content_type="application/json"
    )
    assert bad.status_code == 422
    assert not Administration.objects.get(pk=asked.administration_id).is_submitted
    good = mother.post(url, data=json.dumps({"answers": EXIT_ANSWERS}), content_type="application/json")
    assert good.status_code == 201


def test_a_questionnaire_goes_to_one_portal_of_the_same_file(family, world):
    asked = ask_questionnaire(family, "parent_authority")
    with pytest.raises(ValidationError):  # already in the mother's portal
        services.questionnaire_ask(
            actor=world.circle_member,
            account=family.accounts["young_16"],
            administration=asked.administration,
        )
    assert QuestionnaireAsked.objects.count() == 1


def test_a_second_answer_at_the_same_moment_stores_nothing(family):
    """Two tabs: both loaded the question while it waited; the one that comes second stores no score."""
    from kring.access.family import family_decide

    from .conftest import Verified

    asked = ask_scale(family, "parent_authority")
    stale = ScaleQuestionAsked.objects.get(pk=asked.pk)
    account = family.accounts["parent_authority"]
    decision = family_decide(Verified(account.user), account)
    services.family_scale_answer(decision=decision, asked=asked, score=3)
    with pytest.raises(ValidationError):
        services.family_scale_answer(decision=decision, asked=stale, score=8)
    assert list(ScaleRating.objects.values_list("score", flat=True)) == [3]


def test_a_worker_cannot_record_answers_as_given_in_the_portal(family, world):
    """ "Filled in by the respondent (family portal)" is only the family member's own: a worker's entry mode
    it is not (like the self-entry link's)."""
    from kring.feedback.services import administration_answer

    asked = ask_questionnaire(family, "parent_authority")
    with pytest.raises(ValidationError):
        administration_answer(
            actor=world.circle_member,
            administration=asked.administration,
            answers=EXIT_ANSWERS,
            entry_mode="portal",
        )
    assert not Administration.objects.get(pk=asked.administration_id).is_submitted
