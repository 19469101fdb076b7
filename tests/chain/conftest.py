from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from kring.accounts.models import OrganisationKind, Role
from kring.chain.models import ChainTable

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
