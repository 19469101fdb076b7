"""A deepened chain case opens or links a dossier, through kring.cases' services: only for who may open or see
that dossier, recorded on the case, audited, and nothing saved on bad input or a stale version."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from kring.access.models import BreakGlassAccess
from kring.accounts.models import OrganisationKind, Role
from kring.audit.models import AuditEntry
from kring.cases.models import CircleMember, Dossier, DossierEvent, Person
from kring.chain import services
from kring.chain.models import LegalStatus

from ..factories import (
    CircleMemberFactory,
    DossierFactory,
    MembershipFactory,
    OrganisationFactory,
    TeamFactory,
)
from .conftest import english_client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(english):
    yield


client = english_client


@pytest.fixture
def jr(zsm):
    """Youth probation at the table: a certified institution with a team, its case worker and team lead."""
    organisation = OrganisationFactory(
        name="Jeugdbescherming Test", kind=OrganisationKind.CERTIFIED_INSTITUTION
    )
    services.chain_table_member_add(table=zsm.table, organisation=organisation)
    team = TeamFactory(organisation=organisation, name="Team Jeugdreclassering")
    worker = MembershipFactory(team=team, role=Role.CASE_WORKER, user__username="t_jr").user
    lead = MembershipFactory(team=team, role=Role.TEAM_LEAD, user__username="t_jr_lead").user
    return {"organisation": organisation, "team": team, "worker": worker, "lead": lead}


def _case(zsm, deepen=True):
    case = services.chain_case_bring_in(
        actor=zsm.users["police"],
        table=zsm.table,
        brought_in_by=zsm.orgs["police"],
        reference="ZSM-D-1",
        incident="Theft; not at school, big problems at home.",
        incident_on=date(2026, 4, 1),
        legal_status=LegalStatus.SUSPECT,
        persons=[
            {"role": "suspect", "name": "Kevin de Wit", "birth_date": date(2010, 9, 1), "problems": 4},
            {"role": "other", "name": "Monique de Wit", "birth_date": date(1980, 2, 2)},
        ],
    )
    if deepen:
        services.deepening_start(actor=zsm.users["police"], case=case)
    return case


def _open(case, jr, **changes) -> dict:
    kevin = case.persons.get(name="Kevin de Wit")
    data = {
        "team": jr["team"].pk,
        "reference": "KR-NL-2026-0500",
        "title": "Gezin de Wit",
        "case_role": "jeugdreclasseerder",
        "children": [kevin.pk],
        "version": case.version,
    }
    data.update(changes)
    return data


def test_a_case_worker_opens_a_dossier_from_a_deepened_case(zsm, jr):
    case = _case(zsm)
    worker = client(jr["worker"])
    page = worker.get(reverse("chain_case", args=[case.pk])).content.decode()
    assert 'action="' + reverse("chain_dossier_open", args=[case.pk]) in page
    assert "Monique de Wit (" not in page.split("id_dossier_open_children")[-1]  # adults are not offered
    response = worker.post(reverse("chain_dossier_open", args=[case.pk]), _open(case, jr))
    assert response.status_code == 302
    dossier = Dossier.objects.get(reference="KR-NL-2026-0500")
    case.refresh_from_db()
    assert case.dossier == dossier and case.dossier_linked_by == jr["worker"] and case.dossier_linked_at
    assert dossier.owning_team == jr["team"] and "ZSM-D-1" in dossier.summary
    assert [(p.first_name, p.last_name, p.date_of_birth) for p in dossier.children.all()] == [
        ("Kevin", "de Wit", date(2010, 9, 1))
    ]
    seat = CircleMember.objects.get(dossier=dossier)
    assert seat.user == jr["worker"] and seat.case_role == "jeugdreclasseerder"
    assert DossierEvent.objects.filter(dossier=dossier, kind="opened", summary__contains="ZSM-D-1").exists()
    # audited: the dossier's creation by the case worker, and the link in the dossier's own log
    assert AuditEntry.objects.filter(
        dossier_id=dossier.pk, action="create", actor_id=jr["worker"].pk
    ).exists()
    link = AuditEntry.objects.get(dossier_id=dossier.pk, object_type="chain.chaincase", action="update")
    assert link.actor_id == jr["worker"].pk and "dossier" in link.fields
    # the creator opens what she opened; the police at the table reads only that a dossier exists, and where
    assert worker.get(reverse("dossier_detail", args=[dossier.pk])).status_code == 200
    own = worker.get(reverse("chain_case", args=[case.pk])).content.decode()
    assert reverse("dossier_detail", args=[dossier.pk]) in own
    police = client(zsm.users["police"]).get(reverse("chain_case", args=[case.pk])).content.decode()
    assert "KR-NL-2026-0500" not in police and "Linked to a dossier of Jeugdbescherming Test." in police
    assert client(zsm.users["police"]).get(reverse("dossier_detail", args=[dossier.pk])).status_code == 404


def test_an_existing_person_is_not_entered_twice(zsm, jr):
    case = _case(zsm)
    known = Person.objects.create(first_name="Kevin", last_name="de Wit", date_of_birth=date(2010, 9, 1))
    client(jr["lead"]).post(reverse("chain_dossier_open", args=[case.pk]), _open(case, jr, case_role=""))
    dossier = Dossier.objects.get(reference="KR-NL-2026-0500")
    assert list(dossier.children.all()) == [known]
    # the opener sits in the circle, team lead or case worker (as at intake)
    assert CircleMember.objects.filter(dossier=dossier, user=jr["lead"]).exists()
    assert client(jr["lead"]).get(reverse("dossier_detail", args=[dossier.pk])).status_code == 200


@pytest.mark.parametrize(
    ("changes", "message", "status"),
    [
        ({"reference": "KR-NL-2026-0001"}, "This reference cannot be used for a new dossier", 400),
        ({"case_role": ""}, "Say what your role in this dossier is", 400),
        ({"title": ""}, "This field is required.", 400),
        ({"team": 999999}, "Select a valid choice.", 400),
        ({"version": 0}, "Someone else changed this case", 409),
    ],
)
def test_bad_input_opens_no_dossier(zsm, jr, changes, message, status):
    DossierFactory(reference="KR-NL-2026-0001", owning_team=jr["team"])
    case = _case(zsm)
    before = (Dossier.objects.count(), Person.objects.count(), CircleMember.objects.count())
    response = client(jr["worker"]).post(
        reverse("chain_dossier_open", args=[case.pk]), _open(case, jr, **changes)
    )
    assert response.status_code == status and message in response.content.decode()
    assert (Dossier.objects.count(), Person.objects.count(), CircleMember.objects.count()) == before
    case.refresh_from_db()
    assert case.dossier_id is None


def test_another_organisations_reference_answers_like_any_refusal_and_is_logged(zsm, jr):
    """Whose dossier holds the reference is not told (issue 19, item 6): the page says the same for a
    reference of another organisation as for one of the worker's own team, and the refusal is logged with the
    worker's organisation, without naming the other dossier."""
    DossierFactory(reference="KR-NL-2026-0001", owning_team=jr["team"])
    foreign = DossierFactory(reference="KR-BE-2026-0009")  # another organisation's
    case = _case(zsm)
    url = reverse("chain_dossier_open", args=[case.pk])
    worker = client(jr["worker"])
    denied_before = AuditEntry.objects.filter(outcome="denied").count()
    answers = []
    for reference in ("KR-NL-2026-0001", foreign.reference):
        response = worker.post(url, _open(case, jr, reference=reference))
        page = response.content.decode()
        answers.append((response.status_code, "This reference cannot be used" in page, "already" in page))
    assert answers == [(400, True, False)] * 2
    refused = AuditEntry.objects.filter(outcome="denied").order_by("pk")[denied_before:]
    assert [(e.actor_username, e.organisation_id, e.object_type, e.dossier_id) for e in refused] == [
        (jr["worker"].username, jr["organisation"].pk, "cases.dossier", None)
    ] * 2
    assert foreign.reference not in " ".join(str(e.__dict__) for e in refused)


def test_only_a_deepened_case_opens_a_dossier(zsm, jr):
    case = _case(zsm, deepen=False)
    worker = client(jr["worker"])
    assert (
        'action="' + reverse("chain_dossier_open", args=[case.pk])
        not in worker.get(reverse("chain_case", args=[case.pk])).content.decode()
    )
    response = worker.post(reverse("chain_dossier_open", args=[case.pk]), _open(case, jr))
    assert response.status_code == 400 and "Only a deepened case" in response.content.decode()
    assert not Dossier.objects.exists()


def test_who_may_not_open_a_dossier(zsm, jr):
    case = _case(zsm)
    # the police has no team to open a dossier for
    assert (
        client(zsm.users["police"])
        .post(reverse("chain_dossier_open", args=[case.pk]), _open(case, jr))
        .status_code
        == 404
    )
    # a case worker of a team whose organisation is not at the table does not see the case
    elsewhere = MembershipFactory(role=Role.CASE_WORKER, user__username="t_elsewhere").user
    data = _open(case, jr, team=elsewhere.memberships.get().team_id)
    assert client(elsewhere).post(reverse("chain_dossier_open", args=[case.pk]), data).status_code == 404
    # a case worker may not open a dossier for another team
    other_team = TeamFactory(organisation=jr["organisation"], name="Team Noord")
    response = client(jr["worker"]).post(
        reverse("chain_dossier_open", args=[case.pk]), _open(case, jr, team=other_team.pk)
    )
    assert response.status_code == 400
    assert not Dossier.objects.filter(reference="KR-NL-2026-0500").exists()


def test_linking_a_dossier_the_user_works_on(zsm, jr):
    case = _case(zsm)
    mine = DossierFactory(reference="KR-NL-2026-0601", owning_team=jr["team"])
    CircleMemberFactory(dossier=mine, membership=jr["worker"].memberships.get())
    hidden = DossierFactory(reference="KR-NL-2026-0602")
    worker = client(jr["worker"])
    url = reverse("chain_dossier_link", args=[case.pk])
    refused = worker.post(url, {"reference": hidden.reference, "version": case.version})
    assert (
        refused.status_code == 400
        and "no dossier with this reference that you may open" in refused.content.decode()
    )
    case.refresh_from_db()
    assert case.dossier_id is None
    assert worker.post(url, {"reference": " KR-NL-2026-0601 ", "version": case.version}).status_code == 302
    case.refresh_from_db()
    assert case.dossier == mine
    assert AuditEntry.objects.filter(dossier_id=mine.pk, object_type="chain.chaincase").exists()
    again = worker.post(url, {"reference": mine.reference, "version": case.version})
    assert again.status_code == 400 and "already linked" in again.content.decode()


def test_emergency_access_does_not_link(zsm, jr):
    case = _case(zsm)
    dossier = DossierFactory(reference="KR-NL-2026-0700", owning_team=jr["team"])
    glass = MembershipFactory(
        team=None, organisation=jr["organisation"], role=Role.BEHAVIOURAL_SCIENTIST, may_break_glass=True
    )
    BreakGlassAccess.objects.create(
        user=glass.user,
        membership=glass,
        dossier=dossier,
        reason="Crisis.",
        expires_at=timezone.now() + timedelta(hours=1),
    )
    with pytest.raises(PermissionDenied):
        services.chain_dossier_link(actor=glass.user, case=case, dossier=dossier)
    response = client(glass.user).post(
        reverse("chain_dossier_link", args=[case.pk]),
        {"reference": dossier.reference, "version": case.version},
    )
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.dossier_id is None
