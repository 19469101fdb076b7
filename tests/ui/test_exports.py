"""An export leaves its export entry only when the file was made; a refusal by the door stays logged."""

import pytest
from django.http import Http404

from kring.access.policy import Section
from kring.audit.models import AuditEntry
from kring.cases.selectors import dossier_open
from kring.ui.exports import export_or_nothing

pytestmark = pytest.mark.django_db


def _open(user, dossier):
    return lambda: dossier_open(
        user=user, dossier_id=dossier.pk, reads=[Section.SAFETY_PLAN], export_format="pdf"
    )


def _exports(dossier):
    return AuditEntry.objects.filter(dossier_id=dossier.pk, action="export", export_format="pdf")


def test_a_made_export_is_logged_once_with_its_sections(world):
    made = export_or_nothing(
        _open(world.circle_member, world.dossier), lambda opened: opened.dossier.reference
    )
    assert made == world.dossier.reference
    assert list(_exports(world.dossier).values_list("fields", flat=True)) == [["safety_plan"]]


@pytest.mark.parametrize("failure", [Http404, RuntimeError])
def test_an_export_that_failed_after_the_door_leaves_no_export_entry(world, failure):
    def broken(opened):
        raise failure("the part is missing or the renderer broke")

    with pytest.raises(failure):
        export_or_nothing(_open(world.circle_member, world.dossier), broken)
    assert not _exports(world.dossier).exists()


def test_a_refusal_by_the_door_is_raised_and_its_denied_entry_kept(world):
    def never(opened):
        raise AssertionError("a refused export makes nothing")

    with pytest.raises(Http404):
        export_or_nothing(_open(world.other_org, world.dossier), never)
    assert not _exports(world.dossier).exists()
    assert AuditEntry.objects.filter(dossier_id=world.dossier.pk, outcome="denied").count() == 1
