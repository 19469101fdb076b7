"""The young person writes their own three houses: the child's voice's model and write, the family policy
deciding, every write in the access log; a version saved meanwhile and a closed dossier are refused."""

from datetime import date

from django.urls import reverse

from kring.audit.models import AuditAction, AuditEntry
from kring.cases.models import DossierStatus
from kring.safety.childvoice import services as childvoice
from kring.safety.childvoice.models import ThreeHouses

from .conftest import verified_client


def _url(family):
    return reverse("portal_three_houses", args=[family.dossier.pk])


def test_the_young_person_writes_and_updates_their_three_houses(family):
    noor = verified_client(family.user("young_12"))
    assert (
        "Mijn drie huizen" in noor.get(reverse("portal_dossier", args=[family.dossier.pk])).content.decode()
    )

    response = noor.post(_url(family), {"based_on": "0", "worries": "Ruzie thuis.", "dreams": "Een hond."})
    assert response.status_code == 302
    first = ThreeHouses.objects.get()
    assert (first.child, first.version, first.recorded_by) == (family.noor, 1, family.user("young_12"))
    entry = AuditEntry.objects.filter(
        action=AuditAction.CREATE, object_type__endswith="threehouses", object_id=str(first.pk)
    ).get()
    assert entry.role == "family_young_person" and entry.actor_id == family.user("young_12").pk

    page = noor.get(_url(family)).content.decode()
    assert "Ruzie thuis." in page and 'value="1"' in page  # the form starts from the newest version
    noor.post(_url(family), {"based_on": "1", "worries": "", "good_things": "School gaat goed."})
    assert list(ThreeHouses.objects.values_list("version", flat=True).order_by("version")) == [1, 2]


def test_a_version_saved_meanwhile_is_refused(family):
    noor = verified_client(family.user("young_12"))
    page = noor.get(_url(family)).content.decode()  # the form starts from "no version yet"
    assert 'value="0"' in page
    # meanwhile the worker writes down a conversation with Noor
    childvoice.three_houses_save(
        actor=None, dossier=family.dossier, child=family.noor, worries="Gesprek.", talked_on=date(2026, 12, 1)
    )
    response = noor.post(_url(family), {"based_on": "0", "worries": "Vanaf een oude versie."})
    assert response.status_code == 400
    assert ThreeHouses.objects.count() == 1


def test_an_empty_house_set_and_a_closed_file_save_nothing(family):
    noor = verified_client(family.user("young_12"))
    response = noor.post(_url(family), {"based_on": "0"})
    assert response.status_code == 400 and "minstens een van de drie huizen" in response.content.decode()
    family.dossier.status = DossierStatus.CLOSED
    family.dossier.save()
    response = noor.post(_url(family), {"based_on": "0", "worries": "Iets."})
    assert response.status_code == 302
    assert not ThreeHouses.objects.exists()


def test_others_do_not_see_or_write_the_young_persons_houses(family):
    for persona in ("parent_authority", "parent_no_authority", "network_member", "foster_parent"):
        client = verified_client(family.user(persona))
        assert client.get(_url(family)).status_code == 404
        assert client.post(_url(family), {"based_on": "0", "worries": "x"}).status_code == 404
    assert not ThreeHouses.objects.exists()
