"""Permission-matrix cases for the feedback pages (tests/access/test_permission_matrix.py collects them).

The circle, the team lead and emergency access read the results; the other team, the police and the privacy
officer get 404 (no existence leak); the anonymous visitor is sent to the login page."""

from kring.feedback.models import Instrument
from kring.feedback.services import administration_submit

from ..conftest import World
from ..permissions import A, Case

PAGE = {"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 302}

YOUNG = {"grade": 5, "r1": 4, "r2": 3, "r3": 3, "r4": 3, "r5": 3, "p1": 3, "p2": 3, "p3": 3, "p4": 3, "p5": 2}


def _dossier(w: World) -> dict:
    return {"dossier_id": w.dossier.pk}


def _with_exit(w: World) -> dict:
    if not w.dossier.administrations.exists():
        administration_submit(
            instrument=Instrument.objects.get(slug="exit", version=1),
            dossier=w.dossier,
            respondent_type="young_person",
            answers=YOUNG,
        )
    return {**_dossier(w), "slug": "exit"}


CASES = {
    "feedback_results": Case("get", kwargs=_dossier, expect=PAGE, default=404),
    "feedback_export": Case("get", kwargs=lambda w: {**_dossier(w)}, expect=PAGE, default=404),
    "feedback_instrument": Case("get", kwargs=_with_exit, expect=PAGE, default=404),
}
