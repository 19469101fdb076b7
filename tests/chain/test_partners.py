"""Who may sit at a chain table (victim support and the Veiligheidshuis too)."""

import pytest
from django.core.exceptions import ValidationError

from kring.accounts.models import OrganisationKind
from kring.chain import services
from kring.chain.models import CHAIN_PARTNER_KINDS

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
