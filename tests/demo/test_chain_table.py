"""The demo's ZSM chain table: its partners (victim support and the Veiligheidshuis too), its cases, and
seeding it twice."""

import io

import pytest
from django.contrib.auth import get_user_model

from kring.accounts.models import Organisation, OrganisationKind
from kring.chain.models import ChainCase, ChainTable, Stage
from kring.demo import chain_table

pytestmark = pytest.mark.django_db


def test_the_demo_table_has_victim_support_and_the_veiligheidshuis_and_is_idempotent():
    for name, kind in (
        ("Politie Wijland", OrganisationKind.POLICE),
        ("Veilig Thuis Wijland", OrganisationKind.VEILIG_THUIS),
        ("Jeugdbescherming Wijland", OrganisationKind.CERTIFIED_INSTITUTION),
    ):
        Organisation.objects.create(name=name, kind=kind)
    out = io.StringIO()
    chain_table.seed(out)
    chain_table.seed(out)
    table = ChainTable.objects.get(name="ZSM Wijland")
    kinds = set(table.members.values_list("kind", flat=True))
    assert {OrganisationKind.VICTIM_SUPPORT, OrganisationKind.VEILIGHEIDSHUIS} <= kinds
    assert ChainCase.objects.count() == 4 and "0 new chain cases" in out.getvalue()
    stages = dict(ChainCase.objects.values_list("reference", "stage"))
    assert stages == {
        "ZSM-WL-2025-0412": Stage.CLOSED,
        "ZSM-WL-2026-0001": Stage.DECIDED,
        "ZSM-WL-2026-0002": Stage.DECIDED,
        "ZSM-WL-2026-0003": Stage.DEEPENING,
    }
    users = get_user_model().objects.filter(username__in=["joost.vermaat", "femke.postma"])
    assert users.count() == 2 and all(u.memberships.get().role == "chain_partner" for u in users)
    assert table.chair.name == "OM Wijland"
