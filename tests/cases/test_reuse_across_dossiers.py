"""Issue 12, people and authority across dossiers: a person already in a dossier the user may see is offered
for reuse, also when that dossier belongs to another organisation the user works for, and nothing of a dossier
the user may not see is offered or shown; authority over a child is a fact about the child, so it is changed
and ended from any dossier the child is in."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from kring.audit.models import AuditAction, AuditEntry
from kring.cases.models import Authority, DossierEvent, EventKind, Participant, Person
from kring.cases.services import intake
from kring.cases.services.intake import CarerIn, Intake, PersonIn

from ..factories import (
    CircleMemberFactory,
    DossierFactory,
    MembershipFactory,
    OrganisationFactory,
    TeamFactory,
)

TODAY = date(2026, 11, 16)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(f"{TODAY.isoformat()} 10:00 +01:00", tick=False):
        yield


@pytest.fixture
def two_organisations(world):
    """The circle member of Noordkust also works for Jeugdzorg Oost (a second membership) and sits in one of
    its dossiers, with the grandmother Riet; another Oost dossier, without them, has Kees."""
    oost = OrganisationFactory(name="Jeugdzorg Oost")
    oost_team = TeamFactory(organisation=oost, name="Team Oost")
    second = MembershipFactory(team=oost_team, user=world.circle_member)
    seen = DossierFactory(owning_team=oost_team, title="Gezin Oost", reference="KR-NL-2026-0901")
    CircleMemberFactory(dossier=seen, membership=second)
    riet = Person.objects.create(first_name="Riet", last_name="Bakker", date_of_birth=date(1950, 1, 1))
    Participant.objects.create(dossier=seen, person=riet, role="informal", relation="oma")
    unseen = DossierFactory(owning_team=oost_team, title="Gezin Verborgen", reference="KR-NL-2026-0902")
    kees = Person.objects.create(first_name="Kees", last_name="Bakker", date_of_birth=date(1948, 3, 3))
    Participant.objects.create(dossier=unseen, person=kees, role="informal", relation="opa")
    return {"seen": seen, "unseen": unseen, "riet": riet, "kees": kees}


def test_a_person_of_another_organisations_dossier_i_sit_in_is_reused_as_one_person(world, two_organisations):
    riet, kees = two_organisations["riet"], two_organisations["kees"]

    assert intake.person_candidates(user=world.circle_member, query="Bakker") == [riet]
    assert intake.person_for_reuse(user=world.circle_member, person_id=kees.pk) is None
    # the search is a read of the dossier it found someone in, and only of that one
    searched = AuditEntry.objects.filter(action=AuditAction.READ, fields=["people_search"])
    assert set(searched.values_list("dossier_id", flat=True)) == {two_organisations["seen"].pk}

    dossier = intake.dossier_intake(
        actor=world.circle_member,
        intake=Intake(
            team=world.dossier.owning_team,
            title="Gezin Noord",
            origin_kind="local_team",
            origin_on=date(2026, 11, 10),
            case_role="gezinsvoogd",
            children=[PersonIn(first_name="Noor", last_name="Bakker", date_of_birth=date(2015, 4, 4))],
            carers=[CarerIn(PersonIn(existing=riet), role="carer", relation="oma")],
        ),
    )
    assert Participant.objects.get(dossier=dossier).person == riet
    assert Person.objects.filter(first_name="Riet").count() == 1


def test_colleagues_of_only_one_organisation_are_offered_nobody_of_the_other(world, two_organisations):
    for persona in ("team_lead", "other_team", "other_org", "break_glass"):
        assert intake.person_candidates(user=world.user(persona), query="Bakker") == [], persona


def test_the_people_search_names_people_and_nothing_of_their_dossiers(world, two_organisations, client_for):
    response = client_for("circle_member").post(
        reverse("dossier_intake_people"), {"q": "Bakker"}, headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert "Riet" in page
    for hidden in ("Kees", "Gezin Oost", "KR-NL-2026-0901", "Gezin Verborgen", "KR-NL-2026-0902", "oma"):
        assert hidden not in page, hidden


@pytest.fixture
def shared_child(world):
    """Daan is a child in the Noordkust dossier (his mother Ilse holds authority, recorded there) and in a
    dossier of Team Zuid, where only the Zuid colleague sits."""
    daan = Person.objects.create(first_name="Daan", last_name="de Wit", date_of_birth=date(2013, 5, 1))
    ilse = Person.objects.create(first_name="Ilse", last_name="de Wit", date_of_birth=date(1985, 1, 1))
    world.dossier.children.add(daan)
    Participant.objects.create(dossier=world.dossier, person=ilse, role="parent", relation="moeder")
    authority = intake.authority_add(
        actor=world.circle_member,
        dossier=world.dossier,
        child=daan,
        holder=ilse,
        source="by_law",
        started_on=date(2013, 5, 1),
    )
    zuid = world.other_team.memberships.get()
    zuid_dossier = DossierFactory(owning_team=zuid.team, title="Gezin Zuid", reference="KR-NL-2026-0077")
    CircleMemberFactory(dossier=zuid_dossier, membership=zuid)
    zuid_dossier.children.add(daan)
    return {"child": daan, "authority": authority, "zuid_dossier": zuid_dossier}


def test_authority_recorded_in_one_dossier_is_shown_changed_and_ended_from_another(
    world, shared_child, client_for
):
    authority, zuid_dossier = shared_child["authority"], shared_child["zuid_dossier"]
    client = client_for("other_team")

    children_page = client.get(reverse("dossier_children", args=[zuid_dossier.pk]))
    assert children_page.status_code == 200
    assert "Ilse de Wit" in children_page.content.decode()
    change_url = reverse("dossier_authority_change", args=[zuid_dossier.pk, authority.pk])
    assert change_url in children_page.content.decode()

    client.post(change_url, {"source": "court_decision", "started_on": "2013-06-01", "ended_on": ""})
    authority.refresh_from_db()
    assert (authority.source, authority.started_on) == ("court_decision", date(2013, 6, 1))

    client.post(
        reverse("dossier_authority_end", args=[zuid_dossier.pk, authority.pk]), {"ended_on": "2026-11-16"}
    )
    authority.refresh_from_db()
    assert authority.ended_on == TODAY
    kinds = set(DossierEvent.objects.filter(dossier=zuid_dossier).values_list("kind", flat=True))
    assert {EventKind.AUTHORITY_CHANGED, EventKind.AUTHORITY_ENDED} <= kinds
    assert not DossierEvent.objects.filter(dossier=world.dossier, kind=EventKind.AUTHORITY_ENDED).exists()


def test_authority_of_a_child_not_in_the_dossier_is_not_found_there(world, shared_child, client_for):
    other = DossierFactory(owning_team=world.other_team.memberships.get().team, title="Gezin Elders")
    CircleMemberFactory(dossier=other, membership=world.other_team.memberships.get())
    authority = shared_child["authority"]
    response = client_for("other_team").post(
        reverse("dossier_authority_end", args=[other.pk, authority.pk]), {"ended_on": "2026-11-16"}
    )
    assert response.status_code == 404
    assert Authority.objects.get(pk=authority.pk).ended_on is None
