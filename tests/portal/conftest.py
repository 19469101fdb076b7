"""A family around the permission matrix's dossier (world.dossier), with one portal account per persona:

- parent_authority:   mother Fatima, parent with authority over both children; her address is shielded from
                      the father
- parent_no_authority: father Karim, parent without authority — also the person the mother is shielded from
- young_12:           Noor, 12 — sees her own parts
- young_16:           Sami, 16 — sees his whole own file except what is about others
- network_member:     grandmother Lieke, carries a rule of the safety plan
- foster_parent:      Anja, foster mother (a carer)
"""

from dataclasses import dataclass
from datetime import date

import pytest
import time_machine
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from kring.accounts.models import User
from kring.cases.models import Authority, AuthorityKind, Dossier, Participant, Person
from kring.network.models import TableSeat
from kring.portal.models import AddressShield, FamilyAccount, FamilyKind
from kring.safety import services as safety
from kring.safety.models import DangerStatement, PlanVersion, SafetyGoal, SetBy

from ..factories import PersonFactory, UserFactory

NOW = "2026-12-06 10:00 +01:00"
MOTHER_PHONE = "06-12345678"
MOTHER_WHEREABOUTS = "Blijf-van-mijn-lijfhuis Zwolle"
FAMILY_PERSONAS = (
    "parent_authority",
    "parent_no_authority",
    "young_12",
    "young_16",
    "network_member",
    "foster_parent",
)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=True):
        yield


@dataclass
class Family:
    dossier: Dossier
    noor: Person
    sami: Person
    mother: Participant
    father: Participant
    grandmother: Participant
    foster: Participant
    accounts: dict[str, FamilyAccount]
    version: PlanVersion
    danger_noor: DangerStatement
    danger_sami: DangerStatement

    def user(self, persona: str) -> User:
        return self.accounts[persona].user


def _participant(dossier, first, role, relation, phone="", living=""):
    person = PersonFactory(first_name=first, last_name="El Amrani", date_of_birth=date(1985, 1, 1))
    if living:
        person.living_situation = living
        person.save()
    return Participant.objects.create(
        dossier=dossier, person=person, role=role, relation=relation, phone=phone
    )


def family_account(dossier, person, kind, participant=None, username=None) -> FamilyAccount:
    user = UserFactory(username=username or f"gezin-{person.first_name.lower()}")
    return FamilyAccount.objects.create(
        user=user, dossier=dossier, person=person, participant=participant, kind=kind
    )


@pytest.fixture
def family(world, clock) -> Family:
    dossier = world.dossier
    dossier.children.clear()
    noor = PersonFactory(first_name="Noor", last_name="El Amrani", date_of_birth=date(2014, 3, 1))
    sami = PersonFactory(first_name="Sami", last_name="El Amrani", date_of_birth=date(2010, 5, 1))
    dossier.children.add(noor, sami)
    mother = _participant(dossier, "Fatima", "parent", "moeder", MOTHER_PHONE, MOTHER_WHEREABOUTS)
    father = _participant(dossier, "Karim", "parent", "vader", "06-99999999")
    grandmother = _participant(dossier, "Lieke", "informal", "oma", "06-55555555")
    foster = _participant(dossier, "Anja", "carer", "pleegmoeder", "06-44444444")
    for child in (noor, sami):
        Authority.objects.create(
            child=child, holder=mother.person, kind=AuthorityKind.PARENTAL, started_on=date(2014, 3, 1)
        )
    AddressShield.objects.create(person=mother.person, hidden_from=father.person, reason="Huiselijk geweld")
    safety.bottom_line_add(
        actor=None,
        dossier=dossier,
        text="Karim komt niet in het huis van Fatima.",
        set_by_kind=SetBy.JUDGE,
        set_by_name="kinderrechter",
    )
    danger_noor = DangerStatement.objects.create(
        dossier=dossier,
        who_is_worried="de gezinsvoogd",
        text="Wij maken ons zorgen dat Noor weer ruzies met slaan ziet.",
        by_whom="Karim",
        behaviour="slaan",
        impact="Noor is bang",
        could_happen="Noor raakt gewond",
    )
    danger_noor.children.set([noor])
    danger_sami = DangerStatement.objects.create(
        dossier=dossier,
        who_is_worried="de gezinsvoogd",
        text="Wij maken ons zorgen dat Sami tot diep in de nacht op straat is.",
        by_whom="Sami",
        behaviour="wegblijven",
        impact="Sami loopt risico",
        could_happen="Sami komt in aanraking met politie",
    )
    danger_sami.children.set([sami])
    goal = SafetyGoal.objects.create(
        dossier=dossier,
        who_is_worried="de gezinsvoogd",
        text="Noor en Sami zijn veilig thuis, ook als er spanning is.",
        what_to_see="rust in huis",
    )
    goal.children.set([noor, sami])
    plan = safety.plan_create(
        actor=None,
        dossier=dossier,
        title="Veiligheidsplan Noor en Sami",
        check_bottom_lines=False,
        check_network_adults=False,
    )
    safety.rule_add(
        actor=None,
        plan=plan,
        text="Als mama huilt, belt Noor oma Lieke.",
        participants=[grandmother, mother],
    )
    safety.rule_add(
        actor=None, plan=plan, text="Karim belt alleen via de gezinsvoogd.", participants=[father]
    )
    TableSeat.objects.create(dossier=dossier, participant=mother, task="zorgt voor de kinderen")
    TableSeat.objects.create(dossier=dossier, participant=grandmother, task="vangt Noor op")
    accounts = {
        "parent_authority": family_account(dossier, mother.person, FamilyKind.PARENT, mother),
        "parent_no_authority": family_account(dossier, father.person, FamilyKind.PARENT, father),
        "young_12": family_account(dossier, noor, FamilyKind.YOUNG_PERSON),
        "young_16": family_account(dossier, sami, FamilyKind.YOUNG_PERSON),
        "network_member": family_account(dossier, grandmother.person, FamilyKind.NETWORK_MEMBER, grandmother),
        "foster_parent": family_account(dossier, foster.person, FamilyKind.FOSTER_PARENT, foster),
    }
    return Family(
        dossier=dossier,
        noor=noor,
        sami=sami,
        mother=mother,
        father=father,
        grandmother=grandmother,
        foster=foster,
        accounts=accounts,
        version=plan.versions.get(),
        danger_noor=danger_noor,
        danger_sami=danger_sami,
    )


def verified_client(user: User) -> Client:
    """A browser session that passed password and authenticator app."""
    device = TOTPDevice.objects.get_or_create(user=user, name="app", defaults={"confirmed": True})[0]
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def family_client(family):
    def make(persona: str) -> Client:
        return verified_client(family.user(persona))

    return make


class Verified:
    """A stand-in request user for service tests: the user, verified."""

    def __init__(self, user: User) -> None:
        self._user = user

    def __getattr__(self, name):
        return getattr(self._user, name)

    def is_verified(self) -> bool:
        return True
