from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation

from kring.accounts.models import OrganisationKind, Role
from kring.chain import services
from kring.chain.models import ChainCase, ChainTable, LegalStatus

from ..factories import MembershipFactory, OrganisationFactory


@dataclass
class Zsm:
    table: ChainTable
    orgs: dict
    users: dict


def partner(name: str, kind: str, username: str):
    org = OrganisationFactory(name=name, kind=kind)
    user = MembershipFactory(
        team=None, organisation=org, role=Role.CHAIN_PARTNER, user__username=username
    ).user
    return org, user


@pytest.fixture
def zsm(db) -> Zsm:
    spec = {
        "police": ("Politie Test", OrganisationKind.POLICE, "t_politie"),
        "prosecution": ("OM Test", OrganisationKind.PROSECUTION, "t_om"),
        "probation": ("Reclassering Test", OrganisationKind.PROBATION, "t_reclassering"),
        "board": ("Raad Test", OrganisationKind.CHILD_PROTECTION_BOARD, "t_raad"),
        "halt": ("Halt Test", OrganisationKind.HALT, "t_halt"),
        "vt": ("Veilig Thuis Test", OrganisationKind.VEILIG_THUIS, "t_vt"),
        "outside": ("Zorgaanbieder Test", OrganisationKind.CARE_PROVIDER, "t_buiten"),
        "local": ("Wijkteam Test", OrganisationKind.LOCAL_TEAM, "t_wijk"),
    }
    orgs, users = {}, {}
    for key, (name, kind, username) in spec.items():
        orgs[key], users[key] = partner(name, kind, username)
    table = ChainTable.objects.create(name="ZSM Test", chair=orgs["prosecution"])
    table.members.set([orgs[k] for k in ("police", "prosecution", "probation", "board", "halt", "vt")])
    return Zsm(table=table, orgs=orgs, users=users)


def soon():
    return timezone.now() + timedelta(days=2)


@pytest.fixture
def english():
    """Service messages as in the code (tests that want them use this fixture autouse in their module)."""
    with translation.override("en"):
        yield


def english_client(user) -> Client:
    """A logged-in browser that chose English (the language cookie): pages read as in the code."""
    c = Client()
    c.force_login(user)
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return c


def bring_in(zsm: Zsm, reference: str = "ZSM-A", deepen: bool = True, **extra) -> ChainCase:
    """A case the police bring in: a fight at home with a child present, deepened unless asked not to."""
    case = services.chain_case_bring_in(
        actor=zsm.users["police"],
        table=zsm.table,
        brought_in_by=zsm.orgs["police"],
        reference=reference,
        incident="Fight at home, children present.",
        incident_on=date(2026, 2, 1),
        legal_status=LegalStatus.SUSPECT,
        persons=[
            {"role": "suspect", "name": "Rik Bos", "birth_date": date(1990, 1, 1)},
            {"role": "child_present", "name": "Mila Bos", "birth_date": date(2019, 3, 3)},
        ],
        triggers_by_hand=["contradictory_facts"],
        **extra,
    )
    if deepen:
        services.deepening_start(actor=zsm.users["police"], case=case)
    return case
