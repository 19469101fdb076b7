"""The network pages: who may see and change them, the htmx and no-JavaScript paths, the audit trail of reads
and writes, and a bounded number of queries."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from kring.audit.models import AuditEntry
from kring.cases.models import Closeness, Participant, ParticipantRole, Person
from kring.network import services
from kring.network.models import FamilyFindingEntry, Jim, TableSeat

from ..factories import CircleMemberFactory, MembershipFactory

HTMX = {"HX-Request": "true"}


def _url(name: str, world, **kwargs) -> str:
    return reverse(name, kwargs={"dossier_id": world.dossier.pk, **kwargs})


def _dutch(message) -> str:
    with translation.override("nl"):
        return escape(str(message))


def _person_form(**change) -> dict:
    return {
        "first_name": "Joke",
        "last_name": "Visser",
        "role": "informal",
        "relation": "oma",
        "closeness": "inner",
        **change,
    }


# --- who may see and change the network ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["network_map", "network_kitchen_table"])
def test_the_circle_and_the_team_lead_read_the_network_and_it_is_audited(world, family, client_for, name):
    for persona in ("circle_member", "team_lead"):
        response = client_for(persona).get(_url(name, world))
        assert response.status_code == 200
        assert "Lieke Visser" in response.content.decode()
        read = AuditEntry.objects.filter(
            dossier_id=world.dossier.pk, action="read", actor_id=world.user(persona).pk
        )
        assert read.get().fields == ["children", "circle", "network"]


@pytest.mark.parametrize("persona", ["other_team", "other_org", "privacy_officer"])
def test_anyone_else_gets_404_and_learns_nothing(world, family, client_for, persona):
    client = client_for(persona)
    for name in ("network_map", "network_kitchen_table"):
        response = client.get(_url(name, world))
        assert response.status_code == 404
        assert world.dossier.title not in response.content.decode()
        assert "Lieke" not in response.content.decode()
    response = client.post(
        _url("network_participant_closeness", world, participant_id=family.aunt.pk), {"closeness": "inner"}
    )
    assert response.status_code == 404
    family.aunt.refresh_from_db()
    assert family.aunt.closeness == Closeness.WIDER
    assert AuditEntry.objects.filter(dossier_id=world.dossier.pk, outcome="denied").count() == 3


def test_emergency_access_reads_without_forms_and_cannot_post(world, family, client_for):
    client = client_for("break_glass")
    page = client.get(_url("network_map", world)).content.decode()
    assert "Lieke Visser" in page
    assert '<form method="post" action="/dossiers/' not in page  # no write forms (only the header's)
    assert "hx-post" not in page
    table = client.get(_url("network_kitchen_table", world)).content.decode()
    assert _url("network_seat_add", world) not in table
    seat = TableSeat.objects.create(dossier=world.dossier, participant=family.aunt, task="Kookt.")
    posts = [
        (_url("network_participant_add", world), _person_form()),
        (_url("network_participant_closeness", world, participant_id=family.aunt.pk), {"closeness": "inner"}),
        (
            _url("network_family_finding_add", world),
            {"name": "A", "relation": "oom", "noted_on": "2026-05-01"},
        ),
        (_url("network_seat_add", world), {"occupant": f"participant-{family.aunt.pk}", "task": "x"}),
        (_url("network_seat_remove", world, seat_id=seat.pk), {}),
        (_url("network_participant_add", world), _person_form()),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404
        assert client.post(url, data, headers=HTMX).status_code == 404
    assert not Person.objects.filter(first_name="Joke").exists()
    assert TableSeat.objects.filter(pk=seat.pk).exists()
    assert not FamilyFindingEntry.objects.exists()


def test_the_write_endpoints_accept_only_post(world, client_for):
    assert client_for("circle_member").get(_url("network_participant_add", world)).status_code == 405


def test_objects_of_another_dossier_are_404(world, client_for):
    other = CircleMemberFactory(membership=world.circle_member.memberships.get()).dossier
    stranger = Participant.objects.create(
        dossier=other, person=Person.objects.create(first_name="Piet", last_name="Jansen"), role="informal"
    )
    response = client_for("circle_member").post(
        _url("network_participant_closeness", world, participant_id=stranger.pk), {"closeness": "inner"}
    )
    assert response.status_code == 404
    stranger.refresh_from_db()
    assert stranger.closeness == Closeness.WIDER


# --- the map page, with and without htmx --------------------------------------------------------------------


def test_the_map_page_shows_the_picture_the_list_and_the_signals(world, family, client_for):
    page = client_for("circle_member").get(_url("network_map", world)).content.decode()
    assert page.count('role="img"') == 1
    assert '<table class="kring-table kring-table--compact">' in page
    assert 'data-code="inner_circle_empty"' in page
    assert 'id="network-status" role="status"' in page
    assert 'hx-post="' + _url("network_participant_closeness", world, participant_id=family.aunt.pk) in page


def test_changing_closeness_with_htmx_returns_the_partial(world, family, client_for):
    response = client_for("circle_member").post(
        _url("network_participant_closeness", world, participant_id=family.aunt.pk),
        {"closeness": "inner"},
        headers=HTMX,
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    assert body.startswith('<section id="network"')
    assert 'hx-swap-oob="true"' in body  # the status message for screen readers
    assert 'data-code="inner_circle_empty"' not in body
    family.aunt.refresh_from_db()
    assert family.aunt.closeness == Closeness.INNER


def test_changing_closeness_without_javascript_redirects(world, family, client_for):
    response = client_for("circle_member").post(
        _url("network_participant_closeness", world, participant_id=family.aunt.pk), {"closeness": "inner"}
    )
    assert response.status_code == 302
    assert response["Location"] == _url("network_map", world) + "#network"
    family.aunt.refresh_from_db()
    assert family.aunt.closeness == Closeness.INNER


def test_a_bad_closeness_changes_nothing(world, family, client_for):
    client = client_for("circle_member")
    url = _url("network_participant_closeness", world, participant_id=family.aunt.pk)
    assert client.post(url, {"closeness": "far"}).status_code == 302
    response = client.post(url, {"closeness": "far"}, headers=HTMX)
    assert response.status_code == 200
    family.aunt.refresh_from_db()
    assert family.aunt.closeness == Closeness.WIDER


def test_adding_a_participant_with_htmx_redraws_the_map(world, client_for):
    response = client_for("circle_member").post(
        _url("network_participant_add", world), _person_form(), headers=HTMX
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("Joke Visser") >= 3  # map label, map title, list (and the status message)
    # The JIM and Family Finding forms offer her too: their sections come along out of band.
    jim_section = body.split('<section aria-labelledby="jim-heading" id="jim"', 1)[1]
    assert jim_section.startswith(' class="kring-network__section" hx-swap-oob="true">')
    assert "Joke Visser (oma)" in jim_section.split("</select>", 2)[1]
    assert 'id="family-finding" class="kring-network__section" hx-swap-oob="true"' in body
    participant = Participant.objects.get(person__first_name="Joke")
    assert participant.closeness == Closeness.INNER and participant.dossier == world.dossier


def test_adding_a_participant_without_javascript_redirects(world, client_for):
    response = client_for("circle_member").post(_url("network_participant_add", world), _person_form())
    assert response.status_code == 302
    assert Participant.objects.filter(person__first_name="Joke").exists()


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_a_bad_participant_shows_the_form_again_and_saves_nothing(world, client_for, headers):
    response = client_for("circle_member").post(
        _url("network_participant_add", world), _person_form(last_name=""), headers=headers
    )
    assert response.status_code == 200
    assert "utrecht-form-field--invalid" in response.content.decode()
    assert ('utrecht-alert--error"><p class="utrecht-paragraph">' in response.content.decode()) == bool(
        headers
    )
    assert not Person.objects.filter(first_name="Joke").exists()


def test_a_duplicate_participant_shows_the_services_message(world, client_for):
    client = client_for("circle_member")
    data = _person_form(date_of_birth="1950-02-03")
    client.post(_url("network_participant_add", world), data)
    response = client.post(_url("network_participant_add", world), data)
    assert response.status_code == 200
    assert _dutch(services.ALREADY_PARTICIPANT % {"person": "Joke Visser"}) in response.content.decode()
    assert Participant.objects.filter(person__first_name="Joke").count() == 1


# --- JIM and Family Finding forms ---------------------------------------------------------------------------


def _coach(world) -> Participant:
    return Participant.objects.create(
        dossier=world.dossier,
        person=Person.objects.create(first_name="Ruud", last_name="Bakker"),
        role=ParticipantRole.INFORMAL,
        relation="voetbaltrainer",
    )


def test_a_jim_from_12_without_consent_is_refused_on_the_page(world, family, client_for):
    response = client_for("circle_member").post(
        _url("network_jim_choose", world),
        {"young_person": family.child.pk, "jim": _coach(world).pk, "chosen_on": "2026-06-01"},
    )
    assert response.status_code == 200
    assert _dutch(services.PARENTAL_CONSENT_REQUIRED) in response.content.decode()
    assert not Jim.objects.exists()


def test_a_parent_is_not_offered_as_jim(world, family, client_for):
    page = client_for("circle_member").get(_url("network_map", world)).content.decode()
    jim_select = page.split('name="jim"', 1)[1].split("</select>", 1)[0]
    assert "Lieke Visser" in jim_select and "Fatma Visser" not in jim_select


def test_a_jim_in_the_same_house_is_recorded_with_a_warning(world, family, client_for):
    family.aunt.lives_with_child = True
    family.aunt.save()
    client = client_for("circle_member")
    response = client.post(
        _url("network_jim_choose", world),
        {
            "young_person": family.child.pk,
            "jim": family.aunt.pk,
            "chosen_on": "2026-06-01",
            "parental_consent_by": family.mother.pk,
            "parental_consent_on": "2026-05-30",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#jim")
    page = client.get(_url("network_map", world)).content.decode()
    assert 'data-code="jim_same_house"' in page
    jim = Jim.objects.get()
    assert jim.lives_with_young_person and jim.parental_consent_by == family.mother


def test_ending_a_jim(world, family, client_for):
    jim = services.jim_choose(
        actor=None,
        dossier=world.dossier,
        young_person=family.child,
        jim=family.aunt,
        chosen_on=date(2024, 1, 1),
    )
    client = client_for("team_lead")
    url = _url("network_jim_end", world, jim_id=jim.pk)
    assert client.post(url, {"ended_on": "2023-01-01"}).status_code == 302  # refused: before it began
    jim.refresh_from_db()
    assert jim.ended_on is None
    assert client.post(url, {"ended_on": "2024-06-01"}).status_code == 302
    jim.refresh_from_db()
    assert jim.ended_on == date(2024, 6, 1)


def test_family_finding_through_the_page(world, family, client_for):
    client = client_for("circle_member")
    response = client.post(
        _url("network_family_finding_add", world),
        {"name": "Ahmed Visser", "relation": "oom", "status": "searched", "noted_on": "2026-05-01"},
    )
    assert response.status_code == 302 and response["Location"].endswith("#family-finding")
    entry = FamilyFindingEntry.objects.get()
    response = client.post(
        _url("network_family_finding_update", world, entry_id=entry.pk),
        {
            "status": "willing",
            "noted_on": "2026-06-01",
            "outcome": "Komt op zondag.",
            "participant": family.aunt.pk,
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.status, entry.participant) == ("willing", family.aunt)
    assert "Komt op zondag." in client.get(_url("network_map", world)).content.decode()


def test_a_family_finding_entry_without_a_name_is_refused(world, client_for):
    response = client_for("circle_member").post(
        _url("network_family_finding_add", world), {"name": "", "relation": "oom", "noted_on": "2026-05-01"}
    )
    assert response.status_code == 200
    assert not FamilyFindingEntry.objects.exists()


# --- the kitchen table --------------------------------------------------------------------------------------


def test_the_kitchen_table_answers_who_does_what(world, family, client_for):
    client = client_for("circle_member")
    member = world.dossier.circle.get()
    assert (
        client.post(
            _url("network_seat_add", world),
            {"occupant": f"participant-{family.aunt.pk}", "task": "Kookt op zondag."},
        ).status_code
        == 302
    )
    assert (
        client.post(
            _url("network_seat_add", world),
            {"occupant": f"professional-{member.pk}", "task": "Leidt het gesprek."},
        ).status_code
        == 302
    )
    page = client.get(_url("network_kitchen_table", world)).content.decode()
    assert "Kookt op zondag." in page and "Leidt het gesprek." in page
    assert member.assignment in page
    assert '<dd data-count="social">1</dd>' in page
    assert '<dd data-count="professional">1</dd>' in page
    assert 'data-code="table_no_informal_network"' not in page


def test_a_seat_without_a_task_is_refused(world, family, client_for):
    response = client_for("circle_member").post(
        _url("network_seat_add", world), {"occupant": f"participant-{family.aunt.pk}", "task": ""}
    )
    assert response.status_code == 200
    assert not TableSeat.objects.exists()


def test_removing_a_seat(world, family, client_for):
    seat = TableSeat.objects.create(dossier=world.dossier, participant=family.aunt, task="Kookt.")
    response = client_for("circle_member").post(_url("network_seat_remove", world, seat_id=seat.pk))
    assert response.status_code == 302
    assert not TableSeat.objects.exists()
    assert AuditEntry.objects.filter(dossier_id=world.dossier.pk, action="delete").exists()


# --- bounded queries ----------------------------------------------------------------------------------------


def _grow(world, participants: int) -> None:
    for i in range(participants):
        person = Person.objects.create(
            first_name=f"Naam{i}", last_name="Jansen", date_of_birth=date(1980, 1, 1)
        )
        participant = Participant.objects.create(
            dossier=world.dossier,
            person=person,
            role=[ParticipantRole.PARENT, ParticipantRole.CARER, ParticipantRole.INFORMAL][i % 3],
            relation="oom",
            closeness=Closeness.INNER if i % 5 == 0 else Closeness.WIDER,
        )
        TableSeat.objects.create(dossier=world.dossier, participant=participant, task="x")
        FamilyFindingEntry.objects.create(
            dossier=world.dossier, name=f"Gezocht {i}", relation="neef", noted_on=date(2026, 1, 1)
        )
    for _ in range(participants // 5):
        CircleMemberFactory(
            dossier=world.dossier,
            membership=MembershipFactory(team=None, organisation=world.dossier.owning_team.organisation),
        )


def _queries(client, url: str, **kwargs) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **kwargs) if not kwargs.get("data") else client.post(url, **kwargs)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["network_map", "network_kitchen_table"])
def test_the_network_pages_do_not_grow_with_the_network(world, family, client_for, name):
    client = client_for("circle_member")
    url = _url(name, world)
    _grow(world, 5)
    few = _queries(client, url)
    _grow(world, 55)
    many = _queries(client, url)
    # session, user, MFA requirement (2), dossier with team, grounds (grants, seats, led teams),
    # network (children, participants, circle, JIMs, seats, Family Finding, authorities),
    # audit (one insert), may edit (grants, seats, led teams),
    # navigation (one query for emergency access and privacy officer)
    assert many == few
    assert many <= 24


def test_the_htmx_partial_does_not_grow_with_the_network(world, family, client_for):
    client = client_for("circle_member")
    url = _url("network_participant_closeness", world, participant_id=family.aunt.pk)

    def post(closeness: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.post(url, {"closeness": closeness}, headers=HTMX).status_code == 200
        return len(captured)

    _grow(world, 5)
    few = post("inner")
    _grow(world, 55)
    assert post("wider") == few
