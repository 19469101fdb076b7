"""The letter that informs the family of a registration: parents always, the young person too from 16;
plain Dutch and English; a real PDF; a name typed for the print is never stored."""

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from kring.audit.models import AuditEntry
from kring.chain.index import letters, services
from kring.chain.index.models import Registration

from .test_services import SASJA, orgs, register


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def under_16(world):
    youth, _ = orgs(world)
    return register(world.circle_member, youth, ref="JB-12")  # Sasja, born 2012


@pytest.fixture
def over_16(world):
    youth, _ = orgs(world)
    born = timezone.localdate().replace(year=timezone.localdate().year - 17) - timedelta(days=3)
    return register(world.circle_member, youth, ref="JB-17", date_of_birth=born)


def test_parents_always_and_the_young_person_from_16(under_16, over_16):
    assert not under_16.young_person_16_plus and over_16.young_person_16_plus
    assert [lt.to for lt in letters.letters(under_16, language="nl")] == ["parents"]
    assert [lt.to for lt in letters.letters(over_16, language="nl")] == ["parents", "young_person"]
    young = letters.letters(over_16, language="nl", name="Sasja")[1]
    assert young.greeting == "Beste Sasja,"
    assert any("jou in de verwijsindex" in p for p in young.paragraphs)


def test_the_page_shows_the_letter_in_dutch_and_english(over_16, client_for):
    response = client_for("circle_member").get(reverse("signal_index_letter", args=[over_16.pk]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Uw kind staat in de verwijsindex" in text and "Je staat in de verwijsindex" in text
    assert "Your child is in the signal index (verwijsindex)" in text
    assert "A. Contact" in text and "06-12345678" in text
    assert "Het gezin is nog niet geïnformeerd." in text


def test_the_pdf_is_real_and_carries_the_typed_name_which_is_not_stored(under_16, client_for):
    client = client_for("circle_member")
    before = AuditEntry.objects.count()
    response = client.post(
        reverse("signal_index_letter_pdf", args=[under_16.pk]),
        {"name": "Sasja", "addressee": "mevrouw Jansen", "language": "nl"},
    )
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == f'attachment; filename="signal-index-{under_16.pk}-letter-nl.pdf"'
    )
    text = " ".join(pdf_text(response.content).split())
    assert "Beste mevrouw Jansen," in text
    assert "Wij werken met uw kind Sasja." in text
    assert "Daarom hebben wij uw kind in de verwijsindex gezet." in text
    assert "Jeugdbescherming Noordkust" in text and "06-12345678" in text
    assert under_16.expires_on.strftime("%Y") in text
    stored = repr(Registration.objects.filter(pk=under_16.pk).values().get())
    assert "Sasja" not in stored and "Jansen" not in stored
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert AuditEntry.objects.count() == before + 1 and entry.action == "export"


def test_the_english_pdf(over_16, client_for):
    response = client_for("team_lead").get(
        reverse("signal_index_letter_pdf", args=[over_16.pk]), {"language": "en"}
    )
    text = " ".join(pdf_text(response.content).split())
    assert "Dear parent or carer," in text and "Dear young person," in text
    assert "You stay in the index until" in text


def test_record_that_the_family_was_informed(under_16, client_for):
    client = client_for("circle_member")
    url = reverse("signal_index_letter", args=[under_16.pk])
    future = client.post(url, {"informed_on": (timezone.localdate() + timedelta(days=2)).isoformat()})
    assert future.status_code == 200 and "tussen de registratie en vandaag" in future.content.decode()
    under_16.refresh_from_db()
    assert under_16.informed_on is None
    assert client.post(url, {"informed_on": timezone.localdate().isoformat()}).status_code == 302
    under_16.refresh_from_db()
    assert under_16.informed_on == timezone.localdate()
    assert AuditEntry.objects.filter(
        action="update", object_type="signal_index.registration", fields=["informed_on"]
    ).exists()


def test_another_organisation_gets_404_and_changes_nothing(under_16, client_for):
    client = client_for("other_org")
    assert client.get(reverse("signal_index_letter", args=[under_16.pk])).status_code == 404
    assert client.get(reverse("signal_index_letter_pdf", args=[under_16.pk])).status_code == 404
    response = client.post(reverse("signal_index_letter", args=[under_16.pk]), {"informed_on": "2026-01-01"})
    assert response.status_code == 404
    under_16.refresh_from_db()
    assert under_16.informed_on is None


def test_a_fact_from_a_dossier_gets_no_letter(world, client_for):
    youth, _ = orgs(world)
    fact = services.registration_create(
        actor_user=None,
        organisation=youth,
        contact_name="C",
        contact_details="D",
        category="other",
        identity=SASJA,
        source="dossier",
        fact="supervision_order",
        subject="measure:1",
        expires_on=date(2030, 1, 1),
    )
    assert client_for("circle_member").get(reverse("signal_index_letter", args=[fact.pk])).status_code == 404
