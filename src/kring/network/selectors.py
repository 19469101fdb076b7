"""Reads of the network around the child, in a fixed number of queries, and the signals it gives.

Callers open the dossier through the door (kring.cases.selectors.dossier_open, reads=NETWORK_SECTIONS), which
decides and logs the read; these functions only read what that dossier holds.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from kring.access.policy import Section
from kring.cases.models import (
    NETWORK_ROLES,
    Authority,
    AuthorityKind,
    CircleMember,
    Closeness,
    Dossier,
    Participant,
    ParticipantRole,
    Person,
)

from .models import FamilyFindingEntry, Jim, TableSeat

# The sections a network page shows: the children in the centre, the professionals on the outer ring.
NETWORK_SECTIONS = (Section.CHILDREN, Section.CIRCLE, Section.NETWORK)

CROWDED_TABLE = 8  # more seats than this and the family disappears behind the people around it

ROLE_ORDER: dict[str, int] = {
    ParticipantRole.PARENT: 0,
    ParticipantRole.CARER: 1,
    ParticipantRole.INFORMAL: 2,
    ParticipantRole.SUPPORTER: 2,
}

INNER_CIRCLE_EMPTY = _(
    "Nobody is in the inner circle yet. Ask the young person and the parents who they trust most."
)
TABLE_HAS_NO_INFORMAL_NETWORK = _(
    "Nobody from the informal network (family, friends, neighbours …) sits at the kitchen table."
)
TABLE_CROWDED = _("The kitchen table is crowded: %(count)s people sit at it (more than %(limit)s).")
TABLE_MORE_PROFESSIONALS = _(
    "More professionals (%(professionals)s) than people from the family's own network (%(social)s) sit at "
    "the kitchen table."
)
JIM_LIVES_IN_THE_SAME_HOUSE = _(
    "%(jim)s, the JIM of %(child)s, lives in the same house. That is allowed, but a JIM preferably lives "
    "elsewhere."
)


def _participant_key(participant: Participant) -> tuple:
    person = participant.person
    return (ROLE_ORDER.get(participant.role, 9), person.last_name, person.first_name, participant.pk)


def _professional_key(member: CircleMember) -> tuple:
    return (member.user.last_name, member.user.first_name, member.case_role, member.pk)


@dataclass(frozen=True)
class Network:
    """Everything the network pages show of one dossier, loaded in seven queries."""

    dossier: Dossier
    children: list[Person]
    participants: list[Participant]  # current, sorted: parents, carers, informal network; by name
    circle: list[CircleMember]  # current professionals, sorted by name
    jims: list[Jim]  # newest first, ended ones included
    seats: list[TableSeat]
    family_finding: list[FamilyFindingEntry]
    authorities: list[Authority]  # who holds authority over the children (for the JIM consent)

    @property
    def inner(self) -> list[Participant]:
        return [p for p in self.participants if p.closeness == Closeness.INNER]

    @property
    def wider(self) -> list[Participant]:
        return [p for p in self.participants if p.closeness != Closeness.INNER]

    @property
    def current_jims(self) -> list[Jim]:
        return [jim for jim in self.jims if jim.ended_on is None]

    @property
    def jim_participant_ids(self) -> set[int]:
        return {jim.jim_id for jim in self.current_jims}

    @property
    def social_seats(self) -> list[TableSeat]:
        return [seat for seat in self.seats if not seat.is_professional]

    @property
    def professional_seats(self) -> list[TableSeat]:
        return [seat for seat in self.seats if seat.is_professional]

    @property
    def unseated_professionals(self) -> list[CircleMember]:
        seated = {seat.circle_member_id for seat in self.seats}
        return [member for member in self.circle if member.pk not in seated]

    @property
    def unseated_participants(self) -> list[Participant]:
        seated = {seat.participant_id for seat in self.seats}
        return [participant for participant in self.participants if participant.pk not in seated]

    @property
    def consenters(self) -> list[Person]:
        """The people who hold (or held) authority over a child of the dossier, once each, by name."""
        people = {a.holder.pk: a.holder for a in self.authorities if a.holder is not None}
        return sorted(people.values(), key=lambda p: (p.last_name, p.first_name, p.pk))


def network_for_dossier(*, dossier: Dossier) -> Network:
    """The network of `dossier`: children, participants, professionals, JIMs, kitchen table and Family
    Finding. Seven queries, whatever the size of the network."""
    children = list(dossier.children.order_by("date_of_birth", "last_name", "first_name", "pk"))
    participants = sorted(
        Participant.objects.current().filter(dossier=dossier).select_related("person"), key=_participant_key
    )
    circle = sorted(
        CircleMember.objects.current()
        .filter(dossier=dossier)
        .select_related("user", "membership__organisation"),
        key=_professional_key,
    )
    jims = list(
        Jim.objects.filter(dossier=dossier).select_related(
            "young_person", "jim__person", "parental_consent_by"
        )
    )
    seats = list(
        TableSeat.objects.filter(dossier=dossier).select_related(
            "participant__person", "circle_member__user", "circle_member__membership__organisation"
        )
    )
    family_finding = list(
        FamilyFindingEntry.objects.filter(dossier=dossier).select_related("participant__person")
    )
    authorities = list(
        Authority.objects.filter(
            child__in=[child.pk for child in children],
            holder__isnull=False,
            kind__in=[AuthorityKind.PARENTAL, AuthorityKind.GUARDIAN],
        ).select_related("holder", "child")
    )
    return Network(
        dossier=dossier,
        children=children,
        participants=participants,
        circle=circle,
        jims=jims,
        seats=seats,
        family_finding=family_finding,
        authorities=authorities,
    )


@dataclass(frozen=True)
class NetworkWarning:
    code: str
    message: str


def network_warnings(network: Network) -> list[NetworkWarning]:
    """Signals to raise with the family, never blocks: an empty inner circle, a kitchen table without the
    family's own network, a crowded table, a JIM under the same roof."""
    warnings = []
    if not network.inner:
        warnings.append(NetworkWarning("inner_circle_empty", str(INNER_CIRCLE_EMPTY)))
    warnings.extend(kitchen_table_signals(network))
    for jim in network.current_jims:
        if jim.lives_with_young_person:
            message = JIM_LIVES_IN_THE_SAME_HOUSE % {"jim": jim.jim.person, "child": jim.young_person}
            warnings.append(NetworkWarning("jim_same_house", message))
    return warnings


def kitchen_table_signals(network: Network) -> list[NetworkWarning]:
    social, professional = len(network.social_seats), len(network.professional_seats)
    signals = []
    # a seat that is not a professional's has a participant (the table_seat_has_one_occupant constraint)
    if not any(
        seat.participant is not None and seat.participant.role in NETWORK_ROLES
        for seat in network.social_seats
    ):
        signals.append(NetworkWarning("table_no_informal_network", str(TABLE_HAS_NO_INFORMAL_NETWORK)))
    if social + professional > CROWDED_TABLE:
        signals.append(
            NetworkWarning(
                "table_crowded", TABLE_CROWDED % {"count": social + professional, "limit": CROWDED_TABLE}
            )
        )
    if professional > social:
        signals.append(
            NetworkWarning(
                "table_more_professionals",
                TABLE_MORE_PROFESSIONALS % {"professionals": professional, "social": social},
            )
        )
    return signals
