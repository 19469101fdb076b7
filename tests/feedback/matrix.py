"""Permission-matrix cases for the feedback pages (tests/access/test_permission_matrix.py collects them).

The circle, the team lead and emergency access read the results; the other team, the police and the privacy
officer get 404 (no existence leak); the anonymous visitor is sent to the login page."""

from kring.feedback.models import Administration, Instrument
from kring.feedback.self_entry import self_entry_link_create
from kring.feedback.services import administration_plan, administration_submit, agreement_add

from ..conftest import World
from ..permissions import A, Case

PAGE = {"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 302}
EDIT_PAGE = {"circle_member": 200, "team_lead": 200, A: 302}  # emergency access is read-only: 404
WRITE = {"circle_member": 302, "team_lead": 302, A: 302}

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


def _waiting(w: World) -> Administration:
    planned = Administration.objects.waiting().filter(dossier=w.dossier).first()
    return planned or administration_plan(
        actor=None,
        instrument=Instrument.objects.get(slug="exit", version=1),
        dossier=w.dossier,
        respondent_type="parent",
        respondent_label="Fatma",
    )


def _administration(w: World) -> dict:
    return {**_dossier(w), "administration_id": _waiting(w).pk}


def _token(w: World) -> dict:
    return {"token": self_entry_link_create(actor=None, administration=_waiting(w)).token}


def _agreement(w: World) -> dict:
    agreement = w.dossier.improvement_agreements.first() or agreement_add(
        actor=None, dossier=w.dossier, topic="contact", text="Eerder bellen.", who="Anna"
    )
    return {**_dossier(w), "agreement_id": agreement.pk}


READERS = {"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 401}
WRITERS = {"circle_member": 201, "team_lead": 201, A: 401}  # emergency access is read-only: 404


def _api_administration(w: World) -> dict:
    return {**_dossier(w), "administration_id": _waiting(w).pk}


AGREEMENT = {"topic": "plan", "text": "Samen het plan lezen.", "who": "beiden", "made_on": "2026-05-04"}

CASES = {
    "feedback_results": Case("get", kwargs=_dossier, expect=PAGE, default=404),
    "feedback_export": Case("get", kwargs=lambda w: {**_dossier(w)}, expect=PAGE, default=404),
    "feedback_instrument": Case("get", kwargs=_with_exit, expect=PAGE, default=404),
    "feedback_plan": Case("get", kwargs=_dossier, expect=EDIT_PAGE, default=404),
    "feedback_administration": Case("get", kwargs=_administration, expect=PAGE, default=404),
    "feedback_link_create": Case(
        "post", kwargs=_administration, data={"valid_hours": "24"}, expect=EDIT_PAGE, default=404
    ),
    "feedback_link_withdraw": Case("post", kwargs=_administration, expect=WRITE, default=404),
    "feedback_fill": Case("get", kwargs=_administration, expect=EDIT_PAGE, default=404),
    "feedback_administration_withdraw": Case("post", kwargs=_administration, expect=WRITE, default=404),
    # the respondent's own page: no account needed, the same for everyone who has the link
    "self_entry": Case("get", kwargs=_token, default=200),
    "self_entry_done": Case("get", default=200),
    "feedback_samen_sterker": Case("get", kwargs=_dossier, expect=PAGE, default=404),
    "feedback_agreement_add": Case("post", kwargs=_dossier, data=AGREEMENT, expect=WRITE, default=404),
    "feedback_agreement_status": Case(
        "post", kwargs=_agreement, data={"status": "done", "version": "1"}, expect=WRITE, default=404
    ),
    "feedback_lgm": Case("get", kwargs=_dossier, expect=PAGE, default=404),
    "feedback_anchors": Case("get", kwargs=_dossier, expect=PAGE, default=404),
    "feedback_self_check": Case("get", kwargs=_dossier, expect=PAGE, default=404),
    # the API
    "api:list_instruments": Case("get", expect={A: 401}, default=200),
    "api:get_instrument": Case("get", kwargs=lambda w: {"slug": "exit"}, expect={A: 401}, default=200),
    "api:list_administrations": Case("get", kwargs=_dossier, expect=READERS, default=404),
    "api:create_administration": Case(
        "post",
        kwargs=_dossier,
        data={"instrument": "exit", "respondent_type": "young_person", "answers": YOUNG},
        json=True,
        expect=WRITERS,
        default=404,
    ),
    "api:submit_answers": Case(
        "post",
        kwargs=_api_administration,
        data={"answers": YOUNG},
        json=True,
        expect={"circle_member": 200, "team_lead": 200, A: 401},
        default=404,
    ),
    "api:create_self_entry_link": Case(
        "post", kwargs=_api_administration, data={}, json=True, expect=WRITERS, default=404
    ),
    "api:get_feedback_results": Case("get", kwargs=_dossier, expect=READERS, default=404),
    "api:list_improvement_agreements": Case("get", kwargs=_dossier, expect=READERS, default=404),
    "api:add_improvement_agreement": Case(
        "post", kwargs=_dossier, data=AGREEMENT, json=True, expect=WRITERS, default=404
    ),
    "api:set_improvement_agreement_status": Case(
        "post",
        kwargs=_agreement,
        data={"status": "done", "version": 1},
        json=True,
        expect={"circle_member": 200, "team_lead": 200, A: 401},
        default=404,
    ),
}
