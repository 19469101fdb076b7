""" "My view" beside the advice to the judge: whoever holds the file (a parent with authority, a young person
from 16) reads the approved versions and adds their own view beside one; the signed version never changes;
the professionals see the views on the advice's page. Through the portal door, audited."""

import hashlib
import io

from django.urls import reverse
from django.utils import timezone

from kring.audit.models import AuditAction, AuditEntry
from kring.cases.models import DossierStatus
from kring.portal.models import FamilyAdviceView
from kring.safety.models import JudgeAdvice, JudgeAdviceVersion

PDF = b"%PDF-1.4 the signed advice"


def approved_advice(family) -> JudgeAdviceVersion:
    """An advice to the judge of the family's dossier with one approved (signed) version."""
    from kring.accounts.models import User

    worker = User.objects.get(username="circle")
    advice = JudgeAdvice.objects.create(dossier=family.dossier, title="Advies verlenging OTS", author=worker)
    return JudgeAdviceVersion.objects.create(
        advice=advice,
        number=1,
        pdf=PDF,
        sha256=hashlib.sha256(PDF).hexdigest(),
        approved_by=worker,
        approver_role="gedragswetenschapper",
        approved_at=timezone.now(),
    )


def test_the_mother_reads_the_signed_advice_and_adds_her_view_beside_it(family, family_client, client_for):
    version = approved_advice(family)
    mother = family_client("parent_authority")
    start = mother.get(reverse("portal_dossier", args=[family.dossier.pk])).content.decode()
    assert reverse("portal_advice", args=[family.dossier.pk]) in start
    page = mother.get(reverse("portal_advice", args=[family.dossier.pk])).content.decode()
    assert "Advies verlenging OTS" in page
    pdf = mother.get(reverse("portal_advice_pdf", args=[family.dossier.pk, version.pk]))
    assert pdf.status_code == 200 and pdf.content == PDF
    assert AuditEntry.objects.filter(
        action=AuditAction.EXPORT, export_format="pdf", actor_id=family.user("parent_authority").pk
    ).exists()

    url = reverse("portal_advice_my_view", args=[family.dossier.pk, version.pk])
    response = mother.post(url, {"text": "Ik ben het niet eens met de termijn van een jaar."})
    assert response.status_code == 302
    view = FamilyAdviceView.objects.get()
    assert view.account == family.accounts["parent_authority"] and view.version == version
    version.refresh_from_db()
    assert bytes(version.pdf) == PDF  # the signed version is not changed
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, object_type="portal.familyadviceview", object_id=str(view.pk)
    ).exists()
    assert "Ik ben het niet eens" in mother.get(url).content.decode()
    # another family member who holds the file does not read her view
    assert "Ik ben het niet eens" not in family_client("young_16").get(url).content.decode()
    # the worker sees it on the advice's page
    worker = client_for("circle_member").get(
        reverse("safety_advice", args=[family.dossier.pk, version.advice.pk])
    )
    assert "Ik ben het niet eens met de termijn van een jaar." in worker.content.decode()


def test_empty_too_long_or_closed_saves_nothing(family, family_client):
    version = approved_advice(family)
    client = family_client("young_16")
    url = reverse("portal_advice_my_view", args=[family.dossier.pk, version.pk])
    assert client.post(url, {"text": "  "}).status_code == 400
    assert client.post(url, {"text": "x" * 2001}).status_code == 400
    family.dossier.status = DossierStatus.CLOSED
    family.dossier.save()
    assert client.post(url, {"text": "Mijn kijk."}).status_code == 302
    assert not FamilyAdviceView.objects.exists()


def test_only_those_who_hold_the_file_and_only_this_files_advice(family, family_client, world):
    version = approved_advice(family)
    for persona in ("parent_no_authority", "young_12", "network_member", "foster_parent"):
        client = family_client(persona)
        assert client.get(reverse("portal_advice", args=[family.dossier.pk])).status_code == 404
        assert (
            client.get(reverse("portal_advice_pdf", args=[family.dossier.pk, version.pk])).status_code == 404
        )
    # an advice of another file: not found
    from ..factories import DossierFactory

    other = DossierFactory()
    other_version = JudgeAdviceVersion.objects.create(
        advice=JudgeAdvice.objects.create(dossier=other, title="Ander", author=version.approved_by),
        number=1,
        pdf=PDF,
        sha256="0" * 64,
        approved_by=version.approved_by,
        approver_role="x",
        approved_at=timezone.now(),
    )
    mother = family_client("parent_authority")
    assert (
        mother.get(reverse("portal_advice_pdf", args=[family.dossier.pk, other_version.pk])).status_code
        == 404
    )
    assert (
        mother.post(
            reverse("portal_advice_my_view", args=[family.dossier.pk, other_version.pk]), {"text": "Nee."}
        ).status_code
        == 404
    )


def test_the_api_lists_the_advice_and_keeps_my_view_beside_it(family, family_client):
    version = approved_advice(family)
    sami = family_client("young_16")
    listed = sami.get(reverse("api:portal_advice", args=[family.dossier.pk])).json()
    assert listed == [
        {
            "id": version.pk,
            "title": "Advies verlenging OTS",
            "version": 1,
            "signed_on": timezone.localdate(version.approved_at).isoformat(),
            "my_views": 0,
        }
    ]
    pdf = sami.get(reverse("api:portal_advice_pdf", args=[family.dossier.pk, version.pk]))
    assert pdf.status_code == 200 and pdf.content == PDF
    views_url = reverse("api:portal_advice_views", args=[family.dossier.pk, version.pk])
    added = sami.post(views_url, data={"text": "Ik wil thuis blijven."}, content_type="application/json")
    assert added.status_code == 201 and added.json()["version_id"] == version.pk
    assert [v["text"] for v in sami.get(views_url).json()] == ["Ik wil thuis blijven."]
    # the mother's views are hers: she does not read Sami's
    assert family_client("parent_authority").get(views_url).json() == []
    assert sami.get(reverse("api:portal_advice", args=[family.dossier.pk])).json()[0]["my_views"] == 1
    for persona in ("parent_no_authority", "young_12", "network_member", "foster_parent"):
        client = family_client(persona)
        assert client.get(reverse("api:portal_advice", args=[family.dossier.pk])).status_code == 404
        refused = client.post(views_url, data={"text": "Nee."}, content_type="application/json")
        assert refused.status_code == 404
    assert FamilyAdviceView.objects.count() == 1


def test_my_view_beside_the_advice_is_in_the_family_print(family, family_client):
    from pypdf import PdfReader

    version = approved_advice(family)
    FamilyAdviceView.objects.create(
        account=family.accounts["parent_authority"],
        version=version,
        text="Ik ben het oneens met punt twee.",
        written_at=timezone.now(),
    )

    def printed(persona: str, name: str = "portal_plan_print") -> str:
        content = family_client(persona).get(reverse(name, args=[family.dossier.pk])).content
        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)

    for name in ("portal_plan_print", "api:portal_plan_print"):
        mother = printed("parent_authority", name)
        assert "Advies verlenging OTS" in mother and "oneens met punt twee" in mother
    sixteen = printed("young_16")  # holds his own file: the advice, not his mother's view
    assert "Advies verlenging OTS" in sixteen and "oneens met punt twee" not in sixteen
    for persona in ("parent_no_authority", "young_12", "network_member", "foster_parent"):
        text = printed(persona)
        assert "Advies verlenging OTS" not in text and "oneens met punt twee" not in text
    exports = AuditEntry.objects.filter(
        action=AuditAction.EXPORT, actor_id=family.user("parent_authority").pk
    )
    assert any("portal:advice" in entry.fields for entry in exports)  # (no JSON contains on SQLite)
