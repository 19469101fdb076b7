""" "My view" beside a plan version, the family print of the plan with shielded whereabouts, and "who opened
my file" for the person's own data. The family is the one of tests/portal/conftest.py (the DV case: the
mother's phone and whereabouts are shielded from the father)."""

import io
import re

from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from kring.access.family import family_decide
from kring.audit.models import AuditAction, AuditEntry
from kring.cases.models import DossierStatus
from kring.portal.models import FamilyView
from kring.portal.selectors import OpenPortal, person_file_openings_entries
from kring.safety import services as safety
from kring.safety.journal import journal_mark_read

from ..conftest import World
from ..factories import DossierFactory
from .conftest import MOTHER_PHONE, MOTHER_WHEREABOUTS, Verified
from .test_notices import _entry_by


def _worker(world: World) -> Client:
    client = Client()
    client.force_login(world.circle_member)
    return client


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


def _my_view_url(family, version=None) -> str:
    return reverse("portal_my_view", args=[family.dossier.pk, (version or family.version).pk])


# --- my view ---


def test_my_view_is_kept_beside_the_plan_shown_to_the_worker_and_printed(world, family, family_client):
    rules_before = list(family.version.rules.values_list("pk", "text"))
    mother = family_client("parent_authority")
    text = "Ik wil dat oma ook in het weekend kan helpen."
    response = mother.post(_my_view_url(family), {"text": text})
    assert response.status_code == 302
    view = FamilyView.objects.get()
    assert (view.account, view.version, view.text) == (
        family.accounts["parent_authority"],
        family.version,
        text,
    )
    assert list(family.version.rules.values_list("pk", "text")) == rules_before  # the plan is not changed
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, object_type="portal.familyview", object_id=str(view.pk)
    ).exists()
    assert text in mother.get(_my_view_url(family)).content.decode()
    # the professionals: on the plan's page and in the plan's PDF
    worker = _worker(world)
    assert text in worker.get(reverse("safety_overview", args=[family.dossier.pk])).content.decode()
    judge_pdf = worker.get(reverse("safety_plan_pdf", args=[family.dossier.pk, family.version.plan.pk]))
    assert "oma ook in het weekend" in _pdf_text(judge_pdf.content)
    # her own family print holds it; another family member's view is not theirs to read
    assert "oma ook in het weekend" in _pdf_text(
        mother.get(reverse("portal_plan_print", args=[family.dossier.pk])).content
    )
    father_print = family_client("parent_no_authority").get(
        reverse("portal_plan_print", args=[family.dossier.pk])
    )
    assert "oma ook in het weekend" not in _pdf_text(father_print.content)
    assert text not in family_client("foster_parent").get(_my_view_url(family)).content.decode()


def test_my_view_bad_input_says_why_and_saves_nothing(family, family_client):
    client = family_client("network_member")
    empty = client.post(_my_view_url(family), {"text": "   "})
    assert empty.status_code == 400 and "Schrijf je kijk op." in empty.content.decode()
    too_long = client.post(_my_view_url(family), {"text": "x" * 2001})
    assert too_long.status_code == 400 and "2000" in too_long.content.decode()
    other = safety.plan_create(
        actor=None,
        dossier=DossierFactory(),
        title="Ander gezin",
        check_bottom_lines=False,
        check_network_adults=False,
    )
    assert client.post(_my_view_url(family, other.versions.get()), {"text": "Mijn kijk"}).status_code == 404
    api = reverse("api:portal_view_add", args=[family.dossier.pk, family.version.pk])
    long_api = client.post(api, data={"text": "x" * 2001}, content_type="application/json")
    assert long_api.status_code in (400, 422)
    assert not FamilyView.objects.exists()


def test_my_view_on_a_closed_dossier_is_refused(family, family_client):
    family.dossier.status = DossierStatus.CLOSED
    family.dossier.save()
    client = family_client("parent_authority")
    page = client.post(_my_view_url(family), {"text": "Mijn kijk"}, follow=True)
    assert "gesloten" in page.content.decode()
    api = reverse("api:portal_view_add", args=[family.dossier.pk, family.version.pk])
    assert client.post(api, data={"text": "Mijn kijk"}, content_type="application/json").status_code == 409
    assert not FamilyView.objects.exists()


# --- the family print and shielded whereabouts ---


def test_seed_dv_the_family_print_never_shows_the_mothers_whereabouts_to_the_father(family, family_client):
    # a rule the parents carry together: the father's print names the mother, never her phone
    safety.rule_add(
        actor=None,
        plan=family.version.plan,
        text="Fatima en Karim dragen de overdracht samen over aan oma.",
        participants=[family.mother, family.father],
    )
    url = reverse("portal_plan_print", args=[family.dossier.pk])
    father = family_client("parent_no_authority").get(url)
    assert father.status_code == 200 and father["Content-Type"] == "application/pdf"
    text = _pdf_text(father.content)
    assert "Fatima en Karim dragen de overdracht samen over aan oma." in text and "Fatima" in text
    assert MOTHER_PHONE not in text and MOTHER_WHEREABOUTS not in text
    api = family_client("parent_no_authority").get(reverse("api:portal_plan_print", args=[family.dossier.pk]))
    assert MOTHER_PHONE not in _pdf_text(api.content)
    # the foster mother is not shielded from: her print carries the mother's phone (the kitchen table)
    assert MOTHER_PHONE in _pdf_text(family_client("foster_parent").get(url).content)
    # the print is an export in the access log, the person's own
    assert AuditEntry.objects.filter(
        action=AuditAction.EXPORT, export_format="pdf", actor_id=family.user("parent_no_authority").pk
    ).exists()


def test_the_family_print_is_in_the_persons_language(family, family_client):
    client = family_client("young_16")
    client.post(reverse("portal_language"), {"language": "tr"})
    text = _pdf_text(client.get(reverse("portal_plan_print", args=[family.dossier.pk])).content)
    assert "Gizli" in text  # "confidential" on every page, in Turkish


# --- who opened my file: the person's own data ---


def _opened(family, persona: str) -> OpenPortal:
    account = family.accounts[persona]
    return OpenPortal(
        account=account, dossier=family.dossier, decision=family_decide(Verified(account.user), account)
    )


def _shown(client: Client, family) -> list[int]:
    page = client.get(reverse("portal_file_openings", args=[family.dossier.pk])).content.decode()
    return [int(n) for n in re.findall(r'data-sequence="(\d+)"', page)]


def test_who_opened_my_file_shows_the_persons_own_data_only(world, family, family_client):
    mother_entry = _entry_by(family, "parent_authority", "Het ging goed vandaag.")
    father_entry = _entry_by(family, "parent_no_authority", "Ik heb de kinderen niet gezien.")
    grandmother_entry = _entry_by(family, "network_member", "Oma heeft gekookt.")
    _worker(world).get(reverse("dossier_detail", args=[family.dossier.pk]))  # the file as a whole
    journal_mark_read(actor=world.circle_member, dossier=family.dossier)  # one read entry per entry
    family_client("young_16").get(reverse("portal_plan", args=[family.dossier.pk]))  # her son reads
    family_client("network_member").get(reverse("portal_plan", args=[family.dossier.pk]))  # not her data

    def read_of(obj) -> int:
        return AuditEntry.objects.get(
            action=AuditAction.READ, object_type=obj._meta.label_lower, object_id=str(obj.pk)
        ).sequence

    def portal_read_by(persona: str) -> int:
        [sequence] = [
            entry.sequence
            for entry in AuditEntry.objects.filter(actor_id=family.user(persona).pk, action=AuditAction.READ)
            if "portal:safety_plan" in entry.fields
        ]
        return sequence

    mother = _shown(family_client("parent_authority"), family)
    assert mother == list(
        person_file_openings_entries(opened=_opened(family, "parent_authority")).values_list(
            "sequence", flat=True
        )
    )
    assert read_of(mother_entry) in mother
    assert read_of(father_entry) not in mother and read_of(grandmother_entry) not in mother
    assert portal_read_by("young_16") in mother  # she holds authority over him
    assert portal_read_by("network_member") not in mother
    whole_file = AuditEntry.objects.filter(actor_id=world.circle_member.pk, object_type="cases.dossier")
    assert set(whole_file.values_list("sequence", flat=True)) <= set(mother)

    sami = _shown(family_client("young_16"), family)
    assert sami == list(
        person_file_openings_entries(opened=_opened(family, "young_16")).values_list("sequence", flat=True)
    )
    assert read_of(mother_entry) not in sami and read_of(father_entry) not in sami
    assert set(whole_file.values_list("sequence", flat=True)) <= set(sami)
    assert portal_read_by("network_member") not in sami
