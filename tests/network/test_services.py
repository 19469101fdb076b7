"""Network writes: participants (one Person across dossiers), closeness, the JIM rules of §2, Family Finding
and the kitchen table. Every write is authorised and audited; bad input changes nothing."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kring.audit.models import AuditEntry
from kring.cases.models import Closeness, Participant, ParticipantRole, Person
from kring.network import services
from kring.network.models import FamilyFindingEntry, FamilyFindingStatus, Jim, TableSeat
from kring.network.selectors import network_for_dossier, network_warnings

from ..factories import CircleMemberFactory, DossierFactory


def _audit(dossier) -> list[tuple[str, str, list[str]]]:
    return [
        (entry.action, entry.object_type, entry.fields)
        for entry in AuditEntry.objects.filter(dossier_id=dossier.pk, outcome="allowed").order_by("sequence")
    ]


def _add(world, **kwargs) -> Participant:
    defaults = {
        "first_name": "Joke",
        "last_name": "Visser",
        "role": ParticipantRole.INFORMAL,
        "relation": "oma",
        "date_of_birth": date(1950, 2, 3),
    }
    return services.participant_add(
        actor=world.circle_member, dossier=world.dossier, **{**defaults, **kwargs}
    )


# --- participants -------------------------------------------------------------------------------------------


def test_it_adds_a_participant_with_a_new_person_and_audits_both(world):
    participant = _add(world, closeness=Closeness.INNER, lives_with_child=True)
    assert participant.person.first_name == "Joke"
    assert participant.closeness == Closeness.INNER
    assert participant.lives_with_child
    assert _audit(world.dossier) == [
        ("create", "cases.person", ["date_of_birth", "first_name", "last_name"]),
        (
            "create",
            "cases.participant",
            ["closeness", "lives_with_child", "person", "phone", "relation", "role", "started_on"],
        ),
    ]


def test_it_reuses_the_person_in_a_second_dossier(world):
    """A grandmother in two families is one Person, with a participation in each dossier."""
    second = DossierFactory(owning_team=world.dossier.owning_team)
    CircleMemberFactory(dossier=second, membership=world.circle_member.memberships.get())
    first = _add(world)
    again = services.participant_add(
        actor=world.circle_member,
        dossier=second,
        first_name="Joke",
        last_name="Visser",
        date_of_birth=date(1950, 2, 3),
        role=ParticipantRole.INFORMAL,
        relation="oma",
    )
    assert again.person_id == first.person_id
    assert Person.objects.filter(first_name="Joke").count() == 1
    assert [e[1] for e in _audit(second)] == ["cases.participant"]  # no new person


def test_it_does_not_guess_the_same_person_without_a_date_of_birth(world):
    first = _add(world, date_of_birth=None)
    other = DossierFactory(owning_team=world.dossier.owning_team)
    again = services.participant_add(
        actor=world.team_lead,
        dossier=other,
        first_name="Joke",
        last_name="Visser",
        role=ParticipantRole.INFORMAL,
        relation="buurvrouw",
    )
    assert again.person_id != first.person_id


def test_it_refuses_the_same_person_twice_in_one_dossier(world):
    _add(world)
    before = len(_audit(world.dossier))
    with pytest.raises(ValidationError) as refused:
        _add(world, relation="grootmoeder")
    assert refused.value.messages == [str(services.ALREADY_PARTICIPANT % {"person": "Joke Visser"})]
    assert Participant.objects.filter(dossier=world.dossier).count() == 1
    assert len(_audit(world.dossier)) == before


def test_it_refuses_a_child_of_the_dossier_as_participant(world, family):
    with pytest.raises(ValidationError) as refused:
        _add(world, first_name="Daan", last_name="Visser", date_of_birth=date(2013, 4, 2))
    assert "is a child in this dossier" in refused.value.messages[0]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"first_name": "  "}, "first_name", services.NAME_REQUIRED),
        ({"relation": ""}, "relation", services.RELATION_REQUIRED),
        ({"role": "judge"}, "role", services.UNKNOWN_ROLE),
        ({"closeness": "far"}, "closeness", services.UNKNOWN_CLOSENESS),
        ({"date_of_birth": date(2099, 1, 1)}, "date_of_birth", services.BORN_IN_THE_FUTURE),
    ],
)
def test_bad_participant_input_saves_nothing(world, change, field, message):
    with pytest.raises(ValidationError) as refused:
        _add(world, **change)
    assert refused.value.message_dict == {field: [str(message)]}
    assert not Person.objects.filter(first_name="Joke").exists()
    assert _audit(world.dossier) == []


def test_it_moves_a_participant_into_the_inner_circle(world, family):
    services.participant_closeness_change(
        actor=world.circle_member, participant=family.aunt, closeness="inner"
    )
    family.aunt.refresh_from_db()
    assert family.aunt.closeness == Closeness.INNER
    assert _audit(world.dossier)[-1] == ("update", "cases.participant", ["closeness"])


def test_an_unchanged_closeness_writes_nothing(world, family):
    before = len(_audit(world.dossier))
    services.participant_closeness_change(
        actor=world.circle_member, participant=family.aunt, closeness="wider"
    )
    assert len(_audit(world.dossier)) == before


@pytest.mark.parametrize("persona", ["break_glass", "other_team", "other_org", "privacy_officer"])
def test_only_those_who_may_edit_the_network_can_write(world, family, persona):
    with pytest.raises(PermissionDenied):
        services.participant_closeness_change(
            actor=world.user(persona), participant=family.aunt, closeness="inner"
        )
    family.aunt.refresh_from_db()
    assert family.aunt.closeness == Closeness.WIDER
    denied = AuditEntry.objects.get(dossier_id=world.dossier.pk, outcome="denied")
    assert denied.actor_id == world.user(persona).pk


# --- JIM ----------------------------------------------------------------------------------------------------


def _coach(world, **kwargs) -> Participant:
    return _add(
        world, first_name="Ruud", last_name="Bakker", relation="voetbaltrainer", date_of_birth=None, **kwargs
    )


def _choose(world, family, jim, chosen_on, **kwargs) -> Jim:
    return services.jim_choose(
        actor=world.circle_member,
        dossier=world.dossier,
        young_person=family.child,
        jim=jim,
        chosen_on=chosen_on,
        **kwargs,
    )


def test_an_11_year_old_chooses_a_jim_without_parental_consent(world, family):
    """§2 asks parental consent from 12; below that the practice does not require it."""
    jim = _choose(world, family, _coach(world), date(2025, 4, 1))  # the day before his 12th birthday
    assert jim.parental_consent_by is None
    assert _audit(world.dossier)[-1][:2] == ("create", "network.jim")


def test_from_12_a_jim_without_parental_consent_is_refused(world, family):
    coach = _coach(world)
    with pytest.raises(ValidationError) as refused:
        _choose(world, family, coach, date(2025, 4, 2))  # his 12th birthday
    assert refused.value.message_dict == {"parental_consent_by": [str(services.PARENTAL_CONSENT_REQUIRED)]}
    assert not Jim.objects.exists()


def test_without_a_date_of_birth_the_consent_is_asked_for(world, family):
    family.child.date_of_birth = None
    family.child.save()
    with pytest.raises(ValidationError) as refused:
        _choose(world, family, _coach(world), date(2025, 4, 2))
    assert refused.value.message_dict == {
        "parental_consent_by": [str(services.PARENTAL_CONSENT_REQUIRED_AGE_UNKNOWN)]
    }


def test_consent_must_come_from_someone_with_authority(world, family):
    with pytest.raises(ValidationError) as refused:
        _choose(
            world,
            family,
            _coach(world),
            date(2026, 6, 1),
            parental_consent_by=family.aunt.person,
            parental_consent_on=date(2026, 5, 30),
        )
    assert "did not hold authority" in refused.value.message_dict["parental_consent_by"][0]
    assert not Jim.objects.exists()


def test_consent_needs_both_who_and_when(world, family):
    with pytest.raises(ValidationError) as refused:
        _choose(world, family, _coach(world), date(2026, 6, 1), parental_consent_by=family.mother)
    assert refused.value.message_dict == {"parental_consent_on": [str(services.CONSENT_INCOMPLETE)]}


def test_a_parent_cannot_be_the_jim(world, family):
    with pytest.raises(ValidationError) as refused:
        _choose(
            world,
            family,
            family.mother_participant,
            date(2026, 6, 1),
            parental_consent_by=family.father,
            parental_consent_on=date(2026, 6, 1),
        )
    assert refused.value.message_dict == {"jim": [str(services.JIM_IS_A_PARENT)]}


def test_a_jim_in_the_same_house_is_allowed_with_a_warning(world, family):
    uncle = _add(world, first_name="Ahmed", relation="oom", lives_with_child=True)
    jim = _choose(
        world,
        family,
        uncle,
        date(2026, 6, 1),
        parental_consent_by=family.mother,
        parental_consent_on=date(2026, 5, 30),
    )
    assert jim.lives_with_young_person
    codes = [warning.code for warning in network_warnings(network_for_dossier(dossier=world.dossier))]
    assert "jim_same_house" in codes


def test_a_young_person_has_one_jim_at_a_time(world, family):
    consent = {"parental_consent_by": family.mother, "parental_consent_on": date(2026, 5, 30)}
    first = _choose(world, family, _coach(world), date(2026, 6, 1), **consent)
    with pytest.raises(ValidationError) as refused:
        _choose(world, family, family.aunt, date(2026, 7, 1), **consent)
    assert "already has a JIM" in refused.value.messages[0]
    services.jim_end(actor=world.circle_member, jim=first, ended_on=date(2026, 6, 30))
    second = _choose(world, family, family.aunt, date(2026, 7, 1), **consent)
    assert second.jim == family.aunt
    assert _audit(world.dossier)[-2][2] == ["ended_on"]


def test_a_jim_ends_once_and_not_before_it_began(world, family):
    jim = _choose(world, family, _coach(world), date(2025, 1, 1))
    with pytest.raises(ValidationError):
        services.jim_end(actor=world.circle_member, jim=jim, ended_on=date(2024, 12, 31))
    services.jim_end(actor=world.circle_member, jim=jim, ended_on=date(2025, 3, 1))
    with pytest.raises(ValidationError) as refused:
        services.jim_end(actor=world.circle_member, jim=jim, ended_on=date(2025, 4, 1))
    assert refused.value.messages == [str(services.JIM_ALREADY_ENDED)]


def test_the_jim_must_be_in_this_dossier_and_the_young_person_a_child_of_it(world, family):
    other = DossierFactory(owning_team=world.dossier.owning_team)
    stranger = services.participant_add(
        actor=world.team_lead,
        dossier=other,
        first_name="Piet",
        last_name="Jansen",
        role="informal",
        relation="buur",
    )
    with pytest.raises(ValidationError) as refused:
        _choose(world, family, stranger, date(2025, 1, 1))
    assert refused.value.message_dict == {"jim": [str(services.NOT_IN_THIS_DOSSIER)]}
    with pytest.raises(ValidationError) as refused:
        services.jim_choose(
            actor=world.circle_member,
            dossier=world.dossier,
            young_person=other.children.get(),
            jim=_coach(world),
            chosen_on=date(2025, 1, 1),
        )
    assert refused.value.message_dict == {"young_person": [str(services.NOT_A_CHILD_OF_THIS_DOSSIER)]}


def test_seed_jim_a_15_year_old_chooses_his_football_coach_and_his_parents_consent(world, family, client_for):
    """Seed 003, 'JIM werkt': asked who he would want to think along, Daan (15) names his football coach.
    His parents consent; the coach does not live with him; he works together with the family guardian."""
    family.child.date_of_birth = date(2011, 3, 9)
    family.child.save()
    coach = _coach(world, closeness=Closeness.INNER)
    jim = _choose(
        world,
        family,
        coach,
        date(2026, 9, 14),
        parental_consent_by=family.father,
        parental_consent_on=date(2026, 9, 12),
    )
    assert not jim.lives_with_young_person
    network = network_for_dossier(dossier=world.dossier)
    assert network.current_jims == [jim]
    assert "jim_same_house" not in [warning.code for warning in network_warnings(network)]
    # He sits at the kitchen table with the family guardian, who keeps the assignment.
    services.table_seat_add(
        actor=world.circle_member,
        dossier=world.dossier,
        participant=coach,
        task="Denkt mee met Daan als JIM.",
    )
    services.table_seat_add(
        actor=world.circle_member,
        dossier=world.dossier,
        circle_member=world.dossier.circle.get(),
        task="Werkt samen met de JIM.",
    )
    page = client_for("circle_member").get(f"/dossiers/{world.dossier.pk}/kitchen-table/").content.decode()
    assert "Ruud Bakker · JIM" in page
    assert "Voert de ondertoezichtstelling uit." in page  # the professional's assignment, on the same screen
    map_page = client_for("circle_member").get(f"/dossiers/{world.dossier.pk}/network/").content.decode()
    assert "<td>Henk Visser, 12 sep 2026</td>" in map_page  # the consent, on the JIM list


# --- Family Finding -----------------------------------------------------------------------------------------


def test_family_finding_logs_a_relative_from_searched_to_willing(world, family):
    entry = services.family_finding_add(
        actor=world.circle_member,
        dossier=world.dossier,
        name="Ahmed Visser",
        relation="oom",
        noted_on=date(2026, 5, 1),
    )
    assert entry.status == FamilyFindingStatus.SEARCHED
    services.family_finding_update(
        actor=world.circle_member,
        entry=entry,
        status="found",
        noted_on=date(2026, 5, 8),
        outcome="Woont in Gent.",
    )
    uncle = _add(world, first_name="Ahmed", relation="oom")
    services.family_finding_update(
        actor=world.circle_member,
        entry=entry,
        status="willing",
        noted_on=date(2026, 6, 1),
        outcome="Wil op zondag komen.",
        participant=uncle,
    )
    entry.refresh_from_db()
    assert (entry.status, entry.participant, entry.outcome) == ("willing", uncle, "Wil op zondag komen.")
    updates = [
        fields for action, kind, fields in _audit(world.dossier) if kind == "network.familyfindingentry"
    ]
    assert updates == [
        ["name", "noted_on", "outcome", "relation", "status"],
        ["noted_on", "outcome", "status"],
        ["noted_on", "outcome", "participant", "status"],
    ]


def test_family_finding_refuses_a_bad_status_or_missing_name(world):
    with pytest.raises(ValidationError):
        services.family_finding_add(
            actor=world.circle_member,
            dossier=world.dossier,
            name=" ",
            relation="oom",
            noted_on=date(2026, 5, 1),
        )
    with pytest.raises(ValidationError):
        services.family_finding_add(
            actor=world.circle_member,
            dossier=world.dossier,
            name="Ahmed",
            relation="oom",
            noted_on=date(2026, 5, 1),
            status="maybe",
        )
    assert not FamilyFindingEntry.objects.exists()


# --- kitchen table ------------------------------------------------------------------------------------------


def test_a_seat_has_exactly_one_occupant_and_a_task(world, family):
    member = world.dossier.circle.get()
    with pytest.raises(ValidationError) as refused:
        services.table_seat_add(
            actor=world.circle_member,
            dossier=world.dossier,
            participant=family.aunt,
            circle_member=member,
            task="x",
        )
    assert refused.value.message_dict == {"occupant": [str(services.ONE_OCCUPANT)]}
    with pytest.raises(ValidationError):
        services.table_seat_add(actor=world.circle_member, dossier=world.dossier, task="x")
    with pytest.raises(ValidationError) as refused:
        services.table_seat_add(
            actor=world.circle_member, dossier=world.dossier, participant=family.aunt, task=" "
        )
    assert refused.value.message_dict == {"task": [str(services.TASK_REQUIRED)]}
    assert not TableSeat.objects.exists()


def test_nobody_sits_at_the_table_twice(world, family):
    services.table_seat_add(
        actor=world.circle_member, dossier=world.dossier, participant=family.aunt, task="Kookt."
    )
    with pytest.raises(ValidationError) as refused:
        services.table_seat_add(
            actor=world.circle_member, dossier=world.dossier, participant=family.aunt, task="x"
        )
    assert "already sits at the kitchen table" in refused.value.messages[0]


def test_a_professional_of_another_dossier_gets_no_seat(world):
    elsewhere = CircleMemberFactory()
    with pytest.raises(ValidationError) as refused:
        services.table_seat_add(
            actor=world.circle_member, dossier=world.dossier, circle_member=elsewhere, task="x"
        )
    assert refused.value.message_dict == {"occupant": [str(services.PROFESSIONAL_NOT_IN_CIRCLE)]}


def test_removing_a_seat_is_audited(world, family):
    seat = services.table_seat_add(
        actor=world.circle_member, dossier=world.dossier, participant=family.aunt, task="Kookt."
    )
    seat_id = seat.pk
    services.table_seat_remove(actor=world.team_lead, seat=seat)
    assert not TableSeat.objects.exists()
    removal = AuditEntry.objects.filter(dossier_id=world.dossier.pk, action="delete").get()
    assert (removal.object_type, removal.object_id, removal.actor_id) == (
        "network.tableseat",
        str(seat_id),
        world.team_lead.pk,
    )


def test_every_write_leaves_an_audit_entry(world, family):
    """One allowed audit entry (or more) per write, with field names only — never the values."""
    actor, dossier = world.circle_member, world.dossier
    writes = [
        lambda: _add(world, first_name="Wim"),
        lambda: services.participant_closeness_change(
            actor=actor, participant=family.aunt, closeness="inner"
        ),
        lambda: services.jim_choose(
            actor=actor,
            dossier=dossier,
            young_person=family.child,
            jim=family.aunt,
            chosen_on=date(2024, 1, 1),
        ),
        lambda: services.jim_end(actor=actor, jim=Jim.objects.get(), ended_on=date(2024, 6, 1)),
        lambda: services.family_finding_add(
            actor=actor, dossier=dossier, name="Ahmed", relation="oom", noted_on=date(2026, 5, 1)
        ),
        lambda: services.family_finding_update(
            actor=actor,
            entry=FamilyFindingEntry.objects.get(),
            status="found",
            noted_on=date(2026, 5, 2),
            outcome="",
        ),
        lambda: services.table_seat_add(actor=actor, dossier=dossier, participant=family.aunt, task="Kookt."),
        lambda: services.table_seat_remove(actor=actor, seat=TableSeat.objects.get()),
    ]
    for write in writes:
        before = AuditEntry.objects.filter(
            dossier_id=dossier.pk, outcome="allowed", actor_id=actor.pk
        ).count()
        write()
        after = AuditEntry.objects.filter(dossier_id=dossier.pk, outcome="allowed", actor_id=actor.pk).count()
        assert after > before
    for entry in AuditEntry.objects.filter(dossier_id=dossier.pk):
        assert "Ahmed" not in " ".join(entry.fields) and "Kookt" not in " ".join(entry.fields)
