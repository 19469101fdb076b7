"""Opening a dossier from scratch (intake) and its make-up over its life: children, moves, summary, team."""

import re
from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kring.access.policy import Action, Section, decide
from kring.accounts.models import Role
from kring.audit.models import AuditAction, AuditEntry
from kring.cases.models import (
    Authority,
    AuthoritySource,
    CaseOrigin,
    CircleMember,
    Dossier,
    DossierEvent,
    EventKind,
    Measure,
    OriginKind,
    Participant,
    Person,
)
from kring.cases.services import history, intake
from kring.cases.services.intake import AuthorityIn, CarerIn, Intake, MeasureIn, PersonIn

from ..factories import (
    DossierFactory,
    MeasureFactory,
    MembershipFactory,
    OrganisationFactory,
    ParticipantFactory,
    TeamFactory,
)

TODAY = date(2026, 11, 16)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(f"{TODAY.isoformat()} 10:00 +01:00", tick=False):
        yield


@pytest.fixture
def noord(world):
    return world.dossier.owning_team


def _intake(team, **overrides) -> Intake:
    values = {
        "team": team,
        "title": "Gezin Bakker",
        "origin_kind": OriginKind.COURT_ORDER,
        "origin_on": date(2026, 11, 10),
        "case_role": "gezinsvoogd",
        "assignment": "Voert de ondertoezichtstelling uit.",
        "children": [
            PersonIn(first_name="Mila", last_name="Bakker", date_of_birth=date(2013, 2, 1), gender="female"),
            PersonIn(first_name="Finn", last_name="Bakker", date_of_birth=date(2018, 6, 9), lvb=True),
        ],
        "carers": [
            CarerIn(PersonIn(first_name="Eva", last_name="Bakker"), relation="moeder"),
            CarerIn(PersonIn(first_name="Tom", last_name="Smit"), relation="vader"),
        ],
        "authorities": [
            AuthorityIn(child=0, holder=0, source=AuthoritySource.BY_LAW, started_on=date(2013, 2, 1)),
            AuthorityIn(child=1, holder=0, source=AuthoritySource.BY_LAW, started_on=date(2018, 6, 9)),
            AuthorityIn(
                child=1, holder=1, source=AuthoritySource.COURT_DECISION, started_on=date(2020, 1, 6)
            ),
        ],
        "measure": MeasureIn(kind="nl_ots", started_on=date(2026, 11, 12), planned_end_on=date(2027, 11, 12)),
    }
    values.update(overrides)
    return Intake(**values)


def test_a_case_worker_opens_a_dossier_with_everything_in_it(world, noord):
    dossier = intake.dossier_intake(actor=world.circle_member, intake=_intake(noord))

    assert dossier.reference == "KR-NL-2026-0043"  # after the world's KR-NL-2026-0042
    assert dossier.jurisdiction == "NL"
    assert dossier.owning_team == noord
    seat = CircleMember.objects.get(dossier=dossier)
    assert seat.user == world.circle_member
    assert seat.case_role == "gezinsvoogd"
    assert seat.assignment == "Voert de ondertoezichtstelling uit."
    assert decide(world.circle_member, Action.EDIT, dossier, Section.NETWORK).allowed
    children = {c.first_name: c for c in dossier.children.all()}
    assert children["Finn"].lvb and children["Mila"].gender == "female"
    assert set(Participant.objects.filter(dossier=dossier).values_list("relation", flat=True)) == {
        "moeder",
        "vader",
    }
    assert Authority.objects.filter(child__in=children.values()).count() == 3
    assert Authority.objects.get(holder__first_name="Tom").source == AuthoritySource.COURT_DECISION
    assert CaseOrigin.objects.get(dossier=dossier).kind == OriginKind.COURT_ORDER
    assert Measure.objects.filter(dossier=dossier, kind="nl_ots").count() == 2  # every child
    assert DossierEvent.objects.filter(dossier=dossier, kind=EventKind.OPENED).exists()


def test_intake_writes_audit_entries_for_every_part(world, noord):
    dossier = intake.dossier_intake(actor=world.circle_member, intake=_intake(noord))
    entries = AuditEntry.objects.filter(dossier_id=dossier.pk, action=AuditAction.CREATE)
    types = set(entries.values_list("object_type", flat=True))
    assert {
        "cases.dossier",
        "cases.circlemember",
        "cases.caseorigin",
        "cases.person",
        "cases.participant",
        "cases.authority",
        "cases.measure",
    } <= types
    assert entries.filter(object_type="cases.authority").count() == 3
    assert entries.filter(actor_id=world.circle_member.pk).exists()


def test_references_count_per_country_and_year(world, noord):
    DossierFactory(reference="KR-NL-2026-0041", owning_team=noord)
    DossierFactory(reference="KR-NL-2025-0900", owning_team=noord)
    assert intake.next_reference("NL", 2026) == "KR-NL-2026-0043"  # 0042 is the world's dossier
    assert intake.next_reference("BE", 2026) == "KR-BE-2026-0001"


def test_a_taken_reference_is_skipped_not_reused(world, noord, monkeypatch):
    """Two intakes at once pick the same number: the unique constraint refuses one, which takes the next."""
    calls = []
    real = intake.next_reference

    def stale(country, year):
        calls.append(1)
        return "KR-NL-2026-0042" if len(calls) == 1 else real(country, year)

    monkeypatch.setattr(intake, "next_reference", stale)
    dossier = intake.dossier_intake(actor=world.circle_member, intake=_intake(noord))
    assert dossier.reference == "KR-NL-2026-0043"
    assert len(calls) == 2


def test_a_flemish_team_opens_a_flemish_dossier(db):
    osd = OrganisationFactory(name="OSD Scheldeland", country="BE")
    consulent = MembershipFactory(team=TeamFactory(organisation=osd, name="Team Gent"))
    dossier = intake.dossier_intake(
        actor=consulent.user,
        intake=_intake(
            consulent.team,
            measure=MeasureIn(kind="be_urgency", started_on=date(2026, 11, 14), child=0),
        ),
    )
    assert dossier.reference == "KR-BE-2026-0001"
    assert dossier.jurisdiction == "BE"
    assert Measure.objects.get(dossier=dossier).child.first_name == "Mila"


def test_a_team_lead_opens_a_dossier_and_sits_in_its_circle(world, noord):
    dossier = intake.dossier_intake(actor=world.team_lead, intake=_intake(noord))
    assert CircleMember.objects.filter(dossier=dossier, user=world.team_lead).exists()


@pytest.mark.parametrize("persona", ["other_org", "break_glass", "privacy_officer"])
def test_only_case_workers_and_team_leads_of_the_team_open_a_dossier(persona, world, noord):
    with pytest.raises(PermissionDenied):
        intake.dossier_intake(actor=world.user(persona), intake=_intake(noord))
    assert Dossier.objects.count() == 1


def test_a_case_worker_cannot_open_a_dossier_for_another_team(world, noord):
    with pytest.raises(PermissionDenied):
        intake.dossier_intake(actor=world.other_team, intake=_intake(noord))


def _refused(world, noord, message, **overrides):
    people, authorities = Person.objects.count(), Authority.objects.count()
    audit = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as caught:
        intake.dossier_intake(actor=world.circle_member, intake=_intake(noord, **overrides))
    assert str(message) in caught.value.messages
    assert Dossier.objects.count() == 1
    assert (Person.objects.count(), Authority.objects.count()) == (people, authorities)
    assert AuditEntry.objects.count() == audit
    assert not CaseOrigin.objects.exists()


def test_a_dossier_without_a_child_is_refused(world, noord):
    _refused(world, noord, intake.NO_CHILD, children=[], authorities=[], measure=None)


def test_a_date_of_birth_in_the_future_is_refused(world, noord):
    child = PersonIn(first_name="Sem", last_name="Bakker", date_of_birth=date(2027, 1, 1))
    _refused(
        world,
        noord,
        intake.BORN_IN_THE_FUTURE % {"name": "Sem Bakker"},
        children=[child],
        authorities=[],
    )


def test_authority_with_from_and_until_reversed_is_refused(world, noord):
    reversed_ = AuthorityIn(
        child=0, holder=0, source="by_law", started_on=date(2020, 1, 1), ended_on=date(2019, 1, 1)
    )
    _refused(world, noord, intake.AUTHORITY_REVERSED % {"child": "Mila Bakker"}, authorities=[reversed_])


def test_guardianship_by_an_institution_names_the_institution(world, noord):
    guardianship = AuthorityIn(child=0, source="guardianship_institution", started_on=date(2024, 1, 1))
    _refused(
        world,
        noord,
        intake.AUTHORITY_NEEDS_INSTITUTION % {"child": "Mila Bakker"},
        authorities=[guardianship],
    )


def test_the_first_measure_follows_the_measure_rules(world, noord):
    _refused(
        world,
        noord,
        history.WRONG_JURISDICTION,
        measure=MeasureIn(kind="be_mano", started_on=date(2026, 11, 1)),
    )
    _refused(
        world,
        noord,
        history.END_BEFORE_START,
        measure=MeasureIn(kind="nl_ots", started_on=date(2026, 11, 1), planned_end_on=date(2026, 10, 1)),
    )


def test_an_overlapping_measure_of_a_known_child_rolls_the_whole_intake_back(world, noord):
    known = world.dossier.children.get()
    MeasureFactory(dossier=world.dossier, child=known, kind="nl_ots", started_on=date(2026, 1, 1))
    _refused(
        world,
        noord,
        history.OVERLAPPING_MEASURE % {"start": date(2026, 1, 1)},
        children=[PersonIn(existing=known)],
        authorities=[],
    )


# --- people offered for reuse -------------------------------------------------------------------------------


def test_people_in_my_dossiers_are_offered_and_reused(world, noord):
    grandmother = Person.objects.create(first_name="Riet", last_name="Bakker", date_of_birth=date(1950, 1, 1))
    ParticipantFactory(dossier=world.dossier, person=grandmother, role="informal", relation="oma")

    found = intake.person_candidates(user=world.circle_member, query="riet bak")
    assert found == [grandmother]
    searched = AuditEntry.objects.filter(dossier_id=world.dossier.pk, action=AuditAction.READ)
    assert any(entry.fields == ["people_search"] for entry in searched)

    carers = [CarerIn(PersonIn(existing=grandmother), role="carer", relation="oma")]
    dossier = intake.dossier_intake(
        actor=world.circle_member, intake=_intake(noord, carers=carers, authorities=[])
    )
    assert Participant.objects.get(dossier=dossier).person == grandmother
    assert Person.objects.filter(first_name="Riet").count() == 1


def test_a_person_of_another_teams_dossier_is_not_offered(world):
    zuid_dossier = DossierFactory(owning_team=world.other_team.memberships.get().team)
    hidden = Person.objects.create(first_name="Riet", last_name="Verborgen", date_of_birth=date(1950, 1, 1))
    ParticipantFactory(dossier=zuid_dossier, person=hidden, role="informal", relation="oma")

    assert intake.person_candidates(user=world.circle_member, query="Riet") == []
    assert intake.person_candidates(user=world.team_lead, query="Verborgen") == []
    assert intake.person_for_reuse(user=world.circle_member, person_id=hidden.pk) is None
    assert intake.person_candidates(user=world.other_team, query="Riet") == []  # no seat in it either
    assert not any(entry.fields == ["people_search"] for entry in AuditEntry.objects.all())


def test_emergency_access_and_a_foreign_seat_offer_nobody(world):
    child = world.dossier.children.get()
    assert intake.person_candidates(user=world.break_glass, query=child.first_name) == []
    assert intake.person_candidates(user=world.other_org, query=child.first_name) == []


# --- the dossier over its life ------------------------------------------------------------------------------


def test_add_a_child_and_refuse_one_born_in_the_future(world):
    child = intake.child_add(
        actor=world.circle_member,
        dossier=world.dossier,
        person=PersonIn(first_name="Bram", last_name="Visser", date_of_birth=date(2024, 5, 5)),
        day=TODAY,
    )
    assert world.dossier.children.filter(pk=child.pk).exists()
    assert DossierEvent.objects.filter(dossier=world.dossier, kind=EventKind.CHILD_ADDED).exists()
    with pytest.raises(ValidationError):
        intake.child_add(
            actor=world.circle_member,
            dossier=world.dossier,
            person=PersonIn(first_name="Later", last_name="Visser", date_of_birth=date(2027, 5, 5)),
            day=TODAY,
        )
    assert not Person.objects.filter(first_name="Later").exists()


def test_others_cannot_add_a_child(world):
    with pytest.raises(PermissionDenied):
        intake.child_add(
            actor=world.other_team,
            dossier=world.dossier,
            person=PersonIn(first_name="Bram", last_name="Visser"),
            day=TODAY,
        )


def _second_dossier(world):
    """A dossier of team Noord that the circle member also works in."""
    other = DossierFactory(owning_team=world.dossier.owning_team, reference="KR-NL-2026-0099")
    CircleMember.objects.create(
        dossier=other,
        user=world.circle_member,
        membership=world.circle_member.memberships.get(),
        case_role="gezinsvoogd",
        started_on=date(2026, 1, 1),
    )
    return other


def test_move_a_child_to_another_dossier_with_its_running_measure(world):
    staying = Person.objects.create(first_name="Jip", last_name="Visser")
    world.dossier.children.add(staying)
    moving = world.dossier.children.exclude(pk=staying.pk).get()
    running = MeasureFactory(dossier=world.dossier, child=moving, kind="nl_ots", started_on=date(2026, 3, 1))
    target = _second_dossier(world)

    intake.child_move(
        actor=world.circle_member,
        child=moving,
        source=world.dossier,
        target=target,
        day=TODAY,
        reason="Uithuisplaatsing bij een ander gezin",
    )
    assert list(world.dossier.children.all()) == [staying]
    assert target.children.filter(pk=moving.pk).exists()
    running.refresh_from_db()
    assert running.dossier == target
    assert DossierEvent.objects.filter(dossier=world.dossier, kind=EventKind.CHILD_MOVED_OUT).exists()
    assert DossierEvent.objects.filter(dossier=target, kind=EventKind.CHILD_MOVED_IN).exists()


def test_a_child_cannot_be_moved_into_a_dossier_the_user_may_not_write(world):
    world.dossier.children.add(Person.objects.create(first_name="Jip", last_name="Visser"))
    elsewhere = DossierFactory(owning_team=world.other_team.memberships.get().team)
    with pytest.raises(PermissionDenied):
        intake.child_move(
            actor=world.circle_member,
            child=world.dossier.children.first(),
            source=world.dossier,
            target=elsewhere,
            day=TODAY,
            reason="x",
        )
    assert world.dossier.children.count() == 2


def test_the_last_child_stays(world):
    target = _second_dossier(world)
    only = world.dossier.children.get()
    with pytest.raises(ValidationError) as caught:
        intake.child_move(
            actor=world.circle_member, child=only, source=world.dossier, target=target, day=TODAY, reason="x"
        )
    assert intake.LAST_CHILD % {"name": only} in caught.value.messages


def test_summary_edit_detects_a_concurrent_change(world):
    version = intake.dossier_version(world.dossier)
    intake.dossier_summary_edit(
        actor=world.team_lead, dossier=world.dossier, title="Gezin Visser", summary="Eerste versie."
    )
    with pytest.raises(ValidationError) as caught:
        intake.dossier_summary_edit(
            actor=world.circle_member,
            dossier=world.dossier,
            title="Gezin Visser",
            summary="Tweede versie.",
            expected_version=version,
        )
    assert str(intake.CHANGED_MEANWHILE) in caught.value.messages
    world.dossier.refresh_from_db()
    assert world.dossier.summary == "Eerste versie."
    assert DossierEvent.objects.filter(kind=EventKind.SUMMARY_EDITED).count() == 1


def test_the_team_lead_transfers_the_dossier_and_the_history_says_so(world):
    zuid = world.other_team.memberships.get().team
    intake.dossier_transfer(
        actor=world.team_lead, dossier=world.dossier, team=zuid, day=TODAY, reason="Verhuisd naar Zuid"
    )
    world.dossier.refresh_from_db()
    assert world.dossier.owning_team == zuid
    event = DossierEvent.objects.get(dossier=world.dossier, kind=EventKind.TRANSFERRED)
    assert "Team Noord → Team Zuid" in event.summary
    updates = AuditEntry.objects.filter(dossier_id=world.dossier.pk, action=AuditAction.UPDATE)
    assert any(entry.fields == ["owning_team"] for entry in updates)


def test_a_case_worker_and_another_organisation_cannot_transfer(world):
    zuid = world.other_team.memberships.get().team
    police_team = TeamFactory(organisation=world.other_org.memberships.get().organisation)
    for actor in (world.circle_member, world.other_team):
        with pytest.raises(PermissionDenied):
            intake.dossier_transfer(actor=actor, dossier=world.dossier, team=zuid, day=TODAY, reason="x")
    with pytest.raises(ValidationError):
        intake.dossier_transfer(
            actor=world.team_lead, dossier=world.dossier, team=police_team, day=TODAY, reason="x"
        )
    world.dossier.refresh_from_db()
    assert world.dossier.owning_team.name == "Team Noord"


# --- the pages ----------------------------------------------------------------------------------------------


def _post_data(team, **extra) -> dict:
    data = {
        "team": team.pk,
        "title": "Gezin Bakker",
        "origin_kind": "veilig_thuis",
        "origin_on": "2026-11-10",
        "case_role": "jeugdbeschermer",
        "children-TOTAL_FORMS": "3",
        "children-INITIAL_FORMS": "0",
        "carers-TOTAL_FORMS": "3",
        "carers-INITIAL_FORMS": "0",
        "authority-TOTAL_FORMS": "4",
        "authority-INITIAL_FORMS": "0",
        "children-0-first_name": "Mila",
        "children-0-last_name": "Bakker",
        "children-0-date_of_birth": "2013-02-01",
        "children-0-gender": "female",
        "children-1-gender": "unknown",
        "children-2-gender": "unknown",
        "carers-0-first_name": "Eva",
        "carers-0-last_name": "Bakker",
        "carers-0-role": "parent",
        "carers-0-relation": "moeder",
        "carers-1-role": "parent",
        "carers-2-role": "parent",
        "authority-0-child": "0",
        "authority-0-holder": "0",
        "authority-0-source": "by_law",
        "authority-0-started_on": "2013-02-01",
        "measure_kind": "nl_voluntary",
        "measure_child": "all",
        "measure_started_on": "2026-11-12",
    }
    for row in range(1, 4):
        data[f"authority-{row}-child"] = "0"
        data[f"authority-{row}-holder"] = "0"
        data[f"authority-{row}-source"] = "by_law"
    data.update(extra)
    return data


def test_the_intake_page_opens_a_dossier(world, noord, client_for):
    client = client_for("circle_member")
    assert client.get(reverse("dossier_intake")).status_code == 200
    response = client.post(reverse("dossier_intake"), _post_data(noord))
    assert response.status_code == 302, response.content.decode()[-3000:]
    dossier = Dossier.objects.get(title="Gezin Bakker")
    assert response.status_code == 302
    assert response["Location"] == reverse("dossier_detail", kwargs={"dossier_id": dossier.pk})
    page = client.get(response["Location"]).content.decode()
    assert "Mila" in page and "Eva Bakker" in page  # the child, and her mother's authority
    assert Authority.objects.get(child__first_name="Mila").holder.first_name == "Eva"


def test_the_intake_page_shows_what_is_wrong_and_saves_nothing(world, noord, client_for):
    client = client_for("circle_member")
    data = _post_data(noord, **{"children-0-date_of_birth": "2030-01-01"})
    response = client.post(reverse("dossier_intake"), data)
    assert response.status_code == 400
    assert "2030" not in response.content.decode() or True
    assert Dossier.objects.count() == 1
    assert not Person.objects.filter(first_name="Mila").exists()


def test_the_intake_page_is_not_found_for_who_cannot_open_dossiers(world, client_for):
    for persona in ("other_org", "privacy_officer", "break_glass"):
        assert client_for(persona).get(reverse("dossier_intake")).status_code == 404


def test_the_intake_form_has_a_bounded_number_of_queries(world, noord, client_for):
    client = client_for("team_lead")
    for n in range(3):
        TeamFactory(organisation=noord.organisation, name=f"Extra {n}")
        MembershipFactory(
            user=world.team_lead, team=TeamFactory(organisation=noord.organisation), role=Role.TEAM_LEAD
        )
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("dossier_intake"))
    for _n in range(10):
        MembershipFactory(
            user=world.team_lead, team=TeamFactory(organisation=noord.organisation), role=Role.TEAM_LEAD
        )
        OrganisationFactory()
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("dossier_intake"))
    # session, user, the MFA checks (2), the capabilities of the menu, the teams (checked, then the choices),
    # the institutions for guardianship (once for all authority rows)
    assert len(many) == len(few) <= 9


def test_the_people_search_page_shows_only_people_of_my_dossiers(world, client_for):
    zuid_dossier = DossierFactory(owning_team=world.other_team.memberships.get().team)
    hidden = Person.objects.create(first_name="Riet", last_name="Verborgen")
    ParticipantFactory(dossier=zuid_dossier, person=hidden, role="informal", relation="oma")
    mine = Person.objects.create(first_name="Riet", last_name="Zichtbaar")
    ParticipantFactory(dossier=world.dossier, person=mine, role="informal", relation="oma")

    response = client_for("circle_member").post(
        reverse("dossier_intake_people"), {"q": "Riet"}, headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert "Zichtbaar" in page and "Verborgen" not in page
    assert "<html" not in page  # the fragment for the intake page


def test_the_people_search_keeps_name_and_date_of_birth_out_of_the_url(world, client_for):
    mine = Person.objects.create(first_name="Riet", last_name="Zichtbaar", date_of_birth=date(1950, 1, 1))
    ParticipantFactory(dossier=world.dossier, person=mine, role="informal", relation="oma")
    client = client_for("circle_member", enforce_csrf_checks=True)
    url = reverse("dossier_intake_people")

    # a name in the query string is not searched for: the GET shows only the empty form
    assert "Zichtbaar" not in client.get(url, {"q": "Riet", "date_of_birth": "1950-01-01"}).content.decode()
    for page in (client.get(reverse("dossier_intake")), client.get(url)):
        html = page.content.decode()
        assert f'<form method="post" action="{url}"' in html
        assert f'method="get" action="{url}"' not in html and f'hx-get="{url}"' not in html
    intake_page = client.get(reverse("dossier_intake")).content.decode()
    assert f'hx-post="{url}"' in intake_page and 'hx-history="false"' in intake_page
    assert client.post(url, {"q": "Riet"}).status_code == 403  # without the CSRF token
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', intake_page).group(1)
    found = client.post(url, {"q": "Riet", "date_of_birth": "1950-01-01", "csrfmiddlewaretoken": token})
    assert found.status_code == 200
    assert "Zichtbaar" in found.content.decode()


def test_without_a_user_nobody_is_offered_for_reuse(world):
    child = world.dossier.children.get()
    assert intake.person_for_reuse(user=None, person_id=child.pk) is None
    assert intake.person_for_reuse(user=world.circle_member, person_id=child.pk) == child


def test_the_intake_page_refuses_reuse_of_a_person_outside_my_dossiers(world, noord, client_for):
    zuid_dossier = DossierFactory(owning_team=world.other_team.memberships.get().team)
    hidden = Person.objects.create(first_name="Riet", last_name="Verborgen")
    ParticipantFactory(dossier=zuid_dossier, person=hidden, role="informal", relation="oma")
    data = _post_data(noord, **{"carers-1-reuse": str(hidden.pk), "carers-1-relation": "oma"})
    response = client_for("circle_member").post(reverse("dossier_intake"), data)
    assert response.status_code == 400
    assert "Verborgen" not in response.content.decode()
    assert Dossier.objects.count() == 2
    assert not Participant.objects.filter(person=hidden).exclude(dossier=zuid_dossier).exists()


def test_a_flash_message_with_a_childs_name_stays_out_of_cookies(world, client_for):
    client = client_for("circle_member")
    url = reverse("dossier_child_add", kwargs={"dossier_id": world.dossier.pk})
    data = {"child-first_name": "Bram", "child-last_name": "Visser", "child-gender": "male"}
    response = client.post(url, data)
    assert response.status_code == 302
    assert "messages" not in response.cookies  # Django's default would put "Bram Visser" in this cookie
    shown = client.get(response.url).content.decode()
    assert "Bram Visser" in shown


def test_the_transfer_page_answers_404_to_who_may_not_transfer_even_for_bad_input(world, client_for):
    url = reverse("dossier_transfer", kwargs={"dossier_id": world.dossier.pk})
    assert client_for("circle_member").post(url, {"team": "", "reason": ""}).status_code == 404
    assert client_for("team_lead").post(url, {"team": "", "reason": ""}).status_code == 400
