from datetime import date

import pytest

from kring.pathways.models import PathwayTemplate
from kring.pathways.services import pathway_start

pytestmark = pytest.mark.django_db


def test_api_templates_schedule_pathway_agenda(world, client_for):
    world.dossier.opened_on = date(2026, 1, 1)
    world.dossier.save(update_fields=["opened_on"])
    template = PathwayTemplate.objects.get(slug="safety-planning-urgency-be")
    pathway_start(actor=None, dossier=world.dossier, template=template, started_on=date(2026, 3, 2))
    client = client_for("circle_member")
    slugs = {t["slug"] for t in client.get("/api/v1/pathway-templates").json()}
    assert "safety-planning-urgency-be" in slugs
    schedule = client.get(
        "/api/v1/pathway-templates/safety-planning-urgency-be/schedule?start=2026-03-02"
    ).json()
    assert schedule[4]["days"] == "3/4" and schedule[4]["step"] == "court-hearing"
    assert client.get("/api/v1/pathway-templates/nope/schedule?start=2026-03-02").status_code == 404
    body = client.get(f"/api/v1/dossiers/{world.dossier.pk}/pathway").json()
    assert body["template"] == "safety-planning-urgency-be" and body["steps"][0]["key"] == "claim"
    assert client_for("other_team").get(f"/api/v1/dossiers/{world.dossier.pk}/pathway").status_code == 404
    agenda = client.get("/api/v1/agenda").json()
    assert agenda and all(item["dossier_reference"] == world.dossier.reference for item in agenda)
    assert client_for("other_team").get("/api/v1/agenda").json() == []
