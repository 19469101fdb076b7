"""Authority (gezag) recorded in the product drives consent and the JIM: no demo data, only what a case worker
entered at intake or later."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from kring.cases.models import Authority, Consent, DossierEvent, EventKind, Participant, Person
from kring.cases.services import history, intake
from kring.cases.services.intake import AuthorityIn, CarerIn, Intake, PersonIn
from kring.network import services as network
from kring.network.models import Jim
from kring.safety import services as safety
from kring.safety.models import BottomLine

from ..factories import AuthorityFactory

TODAY = date(2026, 11, 16)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(f"{TODAY.isoformat()} 10:00 +01:00", tick=False), translation.override("en"):
        yield


@pytest.fixture
def opened(world):
    """A dossier opened at intake: Daan (13), his mother with authority since birth, his father with
    authority from a court decision in 2024 only, and a football coach."""
    dossier = intake.dossier_intake(
        actor=world.circle_member,
        intake=Intake(
            team=world.dossier.owning_team,
            title="Gezin de Wit",
            origin_kind="board_request",
            origin_on=date(2026, 11, 2),
            case_role="gezinsvoogd",
            children=[PersonIn(first_name="Daan", last_name="de Wit", date_of_birth=date(2013, 5, 1))],
            carers=[
                CarerIn(PersonIn(first_name="Ilse", last_name="de Wit"), relation="moeder"),
                CarerIn(PersonIn(first_name="Rob", last_name="Kok"), relation="vader"),
            ],
            authorities=[
                AuthorityIn(child=0, holder=0, source="by_law", started_on=date(2013, 5, 1)),
                AuthorityIn(
                    child=0,
                    holder=1,
                    source="court_decision",
                    started_on=date(2024, 3, 1),
                    ended_on=date(2025, 3, 1),
                ),
            ],
        ),
    )
    people = {p.person.first_name: p for p in Participant.objects.filter(dossier=dossier)}
    coach = network.participant_add(
        actor=world.circle_member,
        dossier=dossier,
        first_name="Kees",
        last_name="Bal",
        role="informal",
        relation="voetbaltrainer",
    )
    return {
        "dossier": dossier,
        "child": dossier.children.get(),
        "mother": people["Ilse"].person,
        "father": people["Rob"].person,
        "coach": coach,
    }


def test_a_parent_with_authority_recorded_at_intake_consents(world, opened):
    consent = history.consent_give(
        actor=world.circle_member,
        dossier=opened["dossier"],
        given_by=opened["mother"],
        given_on=TODAY,
        scope="Betrokkenheid",
        step=1,
    )
    assert consent.given_by == opened["mother"]


def test_a_parent_without_authority_on_that_day_is_refused_with_the_day(world, opened):
    with pytest.raises(ValidationError) as caught:
        history.consent_give(
            actor=world.circle_member,
            dossier=opened["dossier"],
            given_by=opened["father"],
            given_on=TODAY,
            scope="Betrokkenheid",
            step=1,
        )
    message = history.NO_AUTHORITY_ON_DAY % {"person": opened["father"], "day": "16-11-2026"}
    assert caught.value.message_dict["given_by"] == [message]
    assert not Consent.objects.exists()
    # on a day inside his recorded authority he could
    history.consent_give(
        actor=world.circle_member,
        dossier=opened["dossier"],
        given_by=opened["father"],
        given_on=date(2024, 6, 1),
        scope="Betrokkenheid",
        step=1,
    )


def test_someone_who_never_held_authority_gets_the_general_message(world, opened):
    with pytest.raises(ValidationError) as caught:
        history.consent_give(
            actor=world.circle_member,
            dossier=opened["dossier"],
            given_by=opened["coach"].person,
            given_on=TODAY,
            scope="Betrokkenheid",
        )
    assert caught.value.message_dict["given_by"] == [
        history.NO_AUTHORITY % {"person": opened["coach"].person}
    ]


def test_the_consent_page_refuses_a_parent_without_authority(world, opened, client_for):
    response = client_for("circle_member").post(
        reverse("dossier_consent_give", kwargs={"dossier_id": opened["dossier"].pk}),
        {"step": "1", "scope": "Betrokkenheid", "given_by": opened["father"].pk, "given_on": "2026-11-16"},
    )
    assert response.status_code == 200
    assert "16-11-2026" in response.content.decode()
    assert not Consent.objects.exists()


def test_a_13_year_old_chooses_a_jim_with_consent_of_an_authority_holder(world, opened):
    base = {
        "actor": world.circle_member,
        "dossier": opened["dossier"],
        "young_person": opened["child"],
        "jim": opened["coach"],
        "chosen_on": TODAY,
    }
    with pytest.raises(ValidationError) as caught:
        network.jim_choose(**base)
    assert caught.value.message_dict["parental_consent_by"] == [network.PARENTAL_CONSENT_REQUIRED]
    with pytest.raises(ValidationError):
        network.jim_choose(**base, parental_consent_by=opened["father"], parental_consent_on=TODAY)
    assert not Jim.objects.exists()

    jim = network.jim_choose(**base, parental_consent_by=opened["mother"], parental_consent_on=TODAY)
    assert jim.parental_consent_by == opened["mother"]


def test_ending_authority_ends_the_right_to_consent(world, opened):
    authority = Authority.objects.get(holder=opened["mother"])
    intake.authority_end(
        actor=world.circle_member, dossier=opened["dossier"], authority=authority, ended_on=date(2026, 11, 1)
    )
    assert DossierEvent.objects.filter(dossier=opened["dossier"], kind=EventKind.AUTHORITY_ENDED).exists()
    with pytest.raises(ValidationError):
        history.consent_give(
            actor=world.circle_member,
            dossier=opened["dossier"],
            given_by=opened["mother"],
            given_on=TODAY,
            scope="Betrokkenheid",
        )


def test_authority_is_recorded_changed_and_refused_when_reversed_or_overlapping(world, opened):
    dossier, child, father = opened["dossier"], opened["child"], opened["father"]
    authority = intake.authority_add(
        actor=world.circle_member,
        dossier=dossier,
        child=child,
        holder=father,
        source="court_decision",
        started_on=date(2026, 11, 10),
    )
    assert authority.kind == "parental"
    with pytest.raises(ValidationError) as caught:
        intake.authority_add(
            actor=world.circle_member,
            dossier=dossier,
            child=child,
            holder=father,
            source="by_law",
            started_on=date(2026, 11, 12),
        )
    assert "already holds authority" in caught.value.messages[0]
    with pytest.raises(ValidationError) as caught:
        intake.authority_change(
            actor=world.circle_member,
            dossier=dossier,
            authority=authority,
            source="court_decision",
            started_on=date(2026, 11, 10),
            ended_on=date(2026, 11, 1),
        )
    assert caught.value.messages == [intake.AUTHORITY_REVERSED % {"child": child}]
    intake.authority_change(
        actor=world.circle_member,
        dossier=dossier,
        authority=authority,
        source="guardianship_person",
        started_on=date(2026, 11, 9),
        ended_on=None,
    )
    authority.refresh_from_db()
    assert (authority.kind, authority.started_on) == ("guardian", date(2026, 11, 9))


def test_authority_needs_a_holder_from_this_dossier(world, opened, world_outsider):
    with pytest.raises(ValidationError) as caught:
        intake.authority_add(
            actor=world.circle_member,
            dossier=opened["dossier"],
            child=opened["child"],
            holder=world_outsider,
            source="court_decision",
            started_on=date(2026, 11, 10),
        )
    assert caught.value.messages == [intake.AUTHORITY_HOLDER_NOT_IN_DOSSIER % {"holder": world_outsider}]


@pytest.fixture
def world_outsider(world):
    return Person.objects.create(first_name="Vreemde", last_name="Eend")


def test_the_authority_page_shows_holders_and_sources(world, opened, client_for):
    response = client_for("circle_member").get(
        reverse("dossier_children", kwargs={"dossier_id": opened["dossier"].pk})
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ilse de Wit" in page and "Rob Kok" in page


def test_the_authority_page_refuses_reversed_dates_and_saves_nothing(world, opened, client_for):
    before = Authority.objects.count()
    response = client_for("circle_member").post(
        reverse("dossier_authority_add", kwargs={"dossier_id": opened["dossier"].pk}),
        {
            "authority-child": opened["child"].pk,
            "authority-holder": opened["father"].pk,
            "authority-source": "court_decision",
            "authority-started_on": "2026-11-10",
            "authority-ended_on": "2026-11-01",
        },
    )
    assert response.status_code == 400
    assert Authority.objects.count() == before


# --- plan checks: an unknown date of birth never counts as an adult ----------------------------------------


def test_a_network_member_without_date_of_birth_is_not_counted_and_is_named(world, opened):
    dossier = opened["dossier"]
    line = BottomLine.objects.create(
        dossier=dossier,
        text="Er is altijd een volwassene bij Daan",
        set_by_kind="judge",
        set_by_name="Kinderrechter",
        min_network_adults=1,
    )
    plan = safety.plan_create(actor=None, dossier=dossier, title="Veiligheidsplan")
    safety.rule_add(
        actor=None, plan=plan, text="Kees haalt Daan op", participants=[opened["coach"]], bottom_lines=[line]
    )
    check = next(
        c
        for c in safety.plan_checks(safety.current_version(plan))
        if c.label == "Adults of the informal network who carry a rule"
    )
    assert not check.ok
    assert "Kees Bal" in check.detail
    assert "Date of birth unknown" in check.detail


def test_an_end_date_moved_later_cannot_run_into_the_next_period(world, opened):
    dossier, child, father = opened["dossier"], opened["child"], opened["father"]
    running = AuthorityFactory(
        child=child,
        holder=father,
        kind="parental",
        source="court_decision",
        started_on=date(2026, 1, 1),
        ended_on=date(2026, 12, 31),
    )
    AuthorityFactory(
        child=child, holder=father, kind="guardian", source="guardianship_person", started_on=date(2027, 2, 1)
    )
    with pytest.raises(ValidationError) as caught:
        intake.authority_end(
            actor=world.circle_member, dossier=dossier, authority=running, ended_on=date(2027, 6, 1)
        )
    assert "already holds authority" in caught.value.messages[0]
    running.refresh_from_db()
    assert running.ended_on == date(2026, 12, 31)
    assert not DossierEvent.objects.filter(dossier=dossier, kind=EventKind.AUTHORITY_ENDED).exists()

    intake.authority_end(
        actor=world.circle_member, dossier=dossier, authority=running, ended_on=date(2027, 1, 31)
    )
    running.refresh_from_db()
    assert running.ended_on == date(2027, 1, 31)
