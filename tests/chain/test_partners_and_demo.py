"""Who may sit at a chain table (victim support and the Veiligheidshuis too), and the demo of the table."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from kring.accounts.models import Organisation, OrganisationKind
from kring.chain import demo_data, services
from kring.chain.models import CHAIN_PARTNER_KINDS, ChainCase, ChainTable, Stage

from ..factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", [OrganisationKind.VICTIM_SUPPORT, OrganisationKind.VEILIGHEIDSHUIS])
def test_victim_support_and_the_veiligheidshuis_are_chain_partners(zsm, kind):
    organisation = OrganisationFactory(name=f"Partner {kind}", kind=kind)
    services.chain_table_member_add(table=zsm.table, organisation=organisation)
    assert zsm.table.members.filter(pk=organisation.pk).exists()
    assert kind in CHAIN_PARTNER_KINDS


@pytest.mark.parametrize(
    "kind", [OrganisationKind.LOCAL_TEAM, OrganisationKind.COURT, OrganisationKind.CARE_PROVIDER]
)
def test_others_do_not_sit_at_the_table(zsm, kind):
    organisation = OrganisationFactory(name=f"Not a partner {kind}", kind=kind)
    with pytest.raises(ValidationError):
        services.chain_table_member_add(table=zsm.table, organisation=organisation)
    assert not zsm.table.members.filter(pk=organisation.pk).exists()


def test_the_demo_table_has_victim_support_and_the_veiligheidshuis_and_is_idempotent():
    for name, kind in (
        ("Politie Wijland", OrganisationKind.POLICE),
        ("Veilig Thuis Wijland", OrganisationKind.VEILIG_THUIS),
        ("Jeugdbescherming Wijland", OrganisationKind.CERTIFIED_INSTITUTION),
    ):
        Organisation.objects.create(name=name, kind=kind)
    out = io.StringIO()
    demo_data.seed(out)
    demo_data.seed(out)
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
