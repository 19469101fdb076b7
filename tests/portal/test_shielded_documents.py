"""Shielded whereabouts in every document that goes to a family member (docs/portal.md, "Shielded address").

The mother's phone and place of stay are shielded from the father (tests/portal/conftest.py). The documents
kring makes for a family — the worker's "print for the family" of the safety plan (it goes to the whole
family, the father too), the child's story print, the portal's family print for the father, and the
signal index letter to the parents — never carry them. The judge's print of the plan is not for the family
and does not carry them either (it shows no phones)."""

import io

from django.urls import reverse
from pypdf import PdfReader

from kring.chain.index.letters import letters

from .conftest import MOTHER_PHONE, MOTHER_WHEREABOUTS


def _text(content: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


def _shielded(text: str) -> bool:
    return MOTHER_PHONE not in text and MOTHER_WHEREABOUTS not in text


def test_the_workers_print_for_the_family_never_shows_the_mothers_whereabouts(family, client_for):
    worker = client_for("circle_member")
    url = reverse("safety_plan_pdf", args=[family.dossier.pk, family.version.plan_id])
    for_family = worker.get(url, {"for": "family"})
    assert for_family.status_code == 200 and for_family["Content-Type"] == "application/pdf"
    text = _text(for_family.content)
    assert "Karim El Amrani (vader)" in text  # the plan is there, the whereabouts are not
    assert _shielded(text)
    assert _shielded(_text(worker.get(url).content))  # nor in the judge's print


def test_the_childs_story_print_never_shows_the_mothers_whereabouts(family, client_for):
    worker = client_for("circle_member")
    for child in (family.noor, family.sami):
        response = worker.get(reverse("childvoice_print", args=[family.dossier.pk, child.pk]))
        assert response.status_code == 200
        assert _shielded(_text(response.content))


def test_the_fathers_family_print_never_shows_them(family, family_client):
    response = family_client("parent_no_authority").get(
        reverse("portal_plan_print", args=[family.dossier.pk])
    )
    assert response.status_code == 200 and _shielded(_text(response.content))
    # the mother's own print does (she is not shielded from herself)
    mine = family_client("parent_authority").get(reverse("portal_plan_print", args=[family.dossier.pk]))
    assert MOTHER_PHONE in _text(mine.content)


def test_the_signal_index_letter_to_the_parents_never_shows_them(family):
    """The letter is made from the registration (organisation, contact, dates), never from the file it was
    fed from: nothing shielded can reach it. The name and addressee the professional types are for that print
    only, never stored."""
    from datetime import date

    from kring.chain.index.models import Category, Registration

    registration = Registration.objects.create(
        organisation=family.dossier.owning_team.organisation,
        contact_name="Sanne Bakker",
        contact_details="030-1234567",
        category=Category.choices[0][0],
        dossier=family.dossier,
        registered_on=date(2026, 12, 1),
        expires_on=date(2028, 12, 1),
        young_person_16_plus=True,
    )
    for language in ("nl", "en"):
        made = letters(registration, language=language, name="Sami", addressee="Karim El Amrani")
        assert {letter.to for letter in made} == {"parents", "young_person"}
        for letter in made:
            text = "\n".join([letter.subject, letter.greeting, *letter.paragraphs, letter.sender])
            assert _shielded(text)
