from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from kring.cases.intensity import contact_intensity
from kring.cases.models import Contact, Dossier
from kring.pathways.models import Pathway, PathwayState, PathwayStep, Reflection

pytestmark = pytest.mark.django_db


def _intensity(reference: str):
    dossier = Dossier.objects.get(reference=reference)
    pathway = dossier.pathways.get()
    start = pathway.started_on
    contacts = Contact.objects.filter(dossier=dossier, note__startswith="Module veiligheidsplanning")
    return contact_intensity(contacts, start, start + timedelta(days=41))


def test_demo_pathways_and_seed_figures_idempotent():
    call_command("seed_demo", stdout=StringIO())
    counts = (
        Pathway.objects.count(),
        PathwayStep.objects.count(),
        Contact.objects.count(),
        Reflection.objects.count(),
    )
    call_command("seed_demo", stdout=StringIO())
    assert (
        Pathway.objects.count(),
        PathwayStep.objects.count(),
        Contact.objects.count(),
        Reflection.objects.count(),
    ) == counts
    closed = Dossier.objects.get(reference="KR-BE-2025-0001").pathways.get()
    assert closed.state == PathwayState.ENDED and closed.end_reason == "court_ended"
    assert closed.reflections.count() == 2
    assert not closed.steps.filter(planned_end__lte=closed.ended_on, done_on__isnull=True).exists()
    case1 = _intensity("KR-BE-2025-0001")
    assert case1.total_minutes == 38 * 60 + 56 and case1.per_week_minutes == 6 * 60 + 29
    case2 = _intensity("KR-BE-2026-0002")
    assert case2.total_minutes == 33 * 60 and case2.per_week_minutes == 5 * 60 + 30
    assert Dossier.objects.get(reference="KR-NL-2026-0006").pathways.get().template.slug == "save-guidance-nl"
