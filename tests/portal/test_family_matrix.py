"""The family personas (tests/portal/conftest.py) x every portal page and API endpoint x the expected
status: the family side of the permission matrix. The professional personas are in tests/portal/matrix.py."""

import json

import pytest
from django.urls import reverse

from .conftest import FAMILY_PERSONAS

ALL = dict.fromkeys(FAMILY_PERSONAS)
YOUNG = ("young_12", "young_16")
OWN_FILE = ("parent_authority", "young_16")


def _d(f):
    return {"dossier_id": f.dossier.pk}


def _v(f):
    return {**_d(f), "version_id": f.version.pk}


def _mothers_question(f):
    """A scaling question put to the mother: only she answers it."""
    from .test_put_to_them import ask_scale

    return {**_d(f), "asked_id": ask_scale(f, "parent_authority").pk}


def _mothers_questionnaire(f):
    """A questionnaire waiting in the mother's portal: only she opens and fills it in."""
    from .test_put_to_them import ask_questionnaire

    return {**_d(f), "asked_id": ask_questionnaire(f, "parent_authority").pk}


EXIT_ANSWERS = {
    "grade": 8,
    "r1": 4,
    "r2": 3,
    "r3": 3,
    "r4": 3,
    "r5": 3,
    "p1": 3,
    "p2": 3,
    "p3": 3,
    "p4": 3,
    "p5": 2,
}
IK_READERS = ("young_12", "young_16", "parent_authority")  # the mother reads Noor's (12), not Sami's
MOTHER = "parent_authority"


# name -> (method, kwargs, data, json, {persona: status}, default)
FAMILY_MATRIX = {
    "portal_home": ("get", lambda f: {}, {}, False, {}, 302),
    "portal_dossier": ("get", _d, {}, False, {}, 200),
    "portal_plan": ("get", _d, {}, False, {}, 200),
    "portal_sign": ("post", _v, {"agree": "yes"}, False, {"young_12": 404}, 302),
    "portal_journal": ("get", _d, {}, False, {}, 200),
    "portal_journal#post": (
        "post",
        _d,
        {"happened_on": "2026-12-05", "kind": "went_well", "text": "Ging goed vandaag."},
        False,
        {},
        302,
    ),
    "portal_three_houses": ("get", _d, {}, False, dict.fromkeys(YOUNG, 200), 404),
    "portal_three_houses#post": (
        "post",
        _d,
        {"based_on": "0", "good_things": "Voetbal met oma."},
        False,
        dict.fromkeys(YOUNG, 302),
        404,
    ),
    "portal_ik_plan": ("get", _d, {}, False, dict.fromkeys(IK_READERS, 200), 404),
    "portal_ik_plan#post": (
        "post",
        _d,
        {"based_on": "0", "goals": "Mijn diploma halen."},
        False,
        dict.fromkeys(YOUNG, 302),
        404,
    ),
    "portal_scale_questions": ("get", _d, {}, False, {}, 200),
    "portal_scale_answer": ("post", _mothers_question, {"score": "6"}, False, {MOTHER: 302}, 404),
    "portal_questionnaires": ("get", _d, {}, False, {}, 200),
    "portal_questionnaire_fill": ("get", _mothers_questionnaire, {}, False, {MOTHER: 200}, 404),
    "portal_questionnaire_fill#post": (
        "post",
        _mothers_questionnaire,
        {key: str(value) for key, value in EXIT_ANSWERS.items()},
        False,
        {MOTHER: 302},
        404,
    ),
    "portal_scale_question_ask": ("post", _d, {}, False, {}, 404),
    "portal_questionnaire_ask": ("post", _d, {}, False, {}, 404),
    "portal_language": ("post", lambda f: {}, {"language": "en"}, False, {}, 302),
    # OpenID Connect is off here (tests/portal/test_oidc.py switches it on)
    "portal_oidc_start": ("get", lambda f: {}, {}, False, {}, 404),
    "portal_oidc_callback": ("get", lambda f: {}, {}, False, {}, 404),
    "portal_unsafe": ("post", _d, {}, False, dict.fromkeys(YOUNG, 200), 404),
    "portal_file_openings": ("get", _d, {}, False, dict.fromkeys(OWN_FILE, 200), 404),
    # everyone with an account: who sees their own data (tests/portal/test_who_sees_what.py: which parts)
    "portal_who_sees_what": ("get", _d, {}, False, {}, 200),
    "portal_invitation_code": ("get", lambda f: {}, {}, False, {}, 200),
    "portal_login": ("get", lambda f: {}, {}, False, {}, 302),  # logged in with both steps: on to the portal
    "portal_second_step": ("get", lambda f: {}, {}, False, {}, 200),
    "portal_invitation_link": ("get", lambda f: {"token": "x.y"}, {}, False, {}, 400),
    "portal_invitation_accept": ("get", lambda f: {}, {}, False, {}, 302),
    "portal_family_accounts": ("get", _d, {}, False, {}, 404),
    "portal_account_revoke": (
        "post",
        lambda f: {**_d(f), "account_id": f.accounts["young_12"].pk},
        {},
        False,
        {},
        404,
    ),
    "portal_address_shield_add": ("post", _d, {}, False, {}, 404),
    "api:portal_accounts": ("get", lambda f: {}, {}, False, {}, 200),
    "api:portal_plan": ("get", _d, {}, False, {}, 200),
    # the young person of 16 signs, but is no participant of the plan's network: told why (422)
    "api:portal_sign": ("post", _v, {}, True, {"young_12": 404, "young_16": 422}, 201),
    "api:portal_journal": ("get", _d, {}, False, {}, 200),
    "api:portal_journal_add": ("post", _d, {"happened_on": "2026-12-05", "text": "Rustig."}, True, {}, 201),
    "api:portal_unsafe": ("post", _d, {}, True, dict.fromkeys(YOUNG, 201), 404),
    "api:portal_file_openings": ("get", _d, {}, False, dict.fromkeys(OWN_FILE, 200), 404),
    "api:portal_who_sees_what": ("get", _d, {}, False, {}, 200),
    "api:portal_ik_plan": ("get", _d, {}, False, dict.fromkeys(IK_READERS, 200), 404),
    "api:portal_ik_plan_save": ("post", _d, {"goals": "Mijn diploma."}, True, dict.fromkeys(YOUNG, 201), 404),
    "api:portal_scale_questions": ("get", _d, {}, False, {}, 200),
    "api:portal_scale_answer": ("post", _mothers_question, {"score": 6}, True, {MOTHER: 201}, 404),
    "api:portal_questionnaires": ("get", _d, {}, False, {}, 200),
    "api:portal_questionnaire_fill": (
        "post",
        _mothers_questionnaire,
        {"answers": EXIT_ANSWERS},
        True,
        {MOTHER: 201},
        404,
    ),
    # e-mails from kring (one choice per login), "my view" beside a plan version, the family print
    "portal_notices": ("get", lambda f: {}, {}, False, {}, 200),
    "portal_notices#post": ("post", lambda f: {}, {"frequency": "weekly"}, False, {}, 302),
    "portal_my_view": ("get", _v, {}, False, {}, 200),
    "portal_my_view#post": ("post", _v, {"text": "Ik vind het plan goed."}, False, {}, 302),
    "portal_plan_print": ("get", _d, {}, False, {}, 200),
    "api:portal_notices": ("get", lambda f: {}, {}, False, {}, 200),
    "api:portal_notices_set": ("put", lambda f: {}, {"frequency": "never"}, True, {}, 200),
    "api:portal_views": ("get", _v, {}, False, {}, 200),
    "api:portal_view_add": ("post", _v, {"text": "Ik vind het plan goed."}, True, {}, 201),
    "api:portal_plan_print": ("get", _d, {}, False, {}, 200),
}


def _advice_version(f):
    """An approved advice to the judge: whoever holds the file reads it and adds their view beside it."""
    from .test_advice_views import approved_advice

    return {**_d(f), "version_id": approved_advice(f).pk}


FAMILY_MATRIX.update(
    {
        "portal_advice": ("get", _d, {}, False, dict.fromkeys(OWN_FILE, 200), 404),
        "portal_advice_pdf": ("get", _advice_version, {}, False, dict.fromkeys(OWN_FILE, 200), 404),
        "portal_advice_my_view": ("get", _advice_version, {}, False, dict.fromkeys(OWN_FILE, 200), 404),
        "portal_advice_my_view#post": (
            "post",
            _advice_version,
            {"text": "Mijn kijk op het advies."},
            False,
            dict.fromkeys(OWN_FILE, 302),
            404,
        ),
        "api:portal_advice": ("get", _d, {}, False, dict.fromkeys(OWN_FILE, 200), 404),
        "api:portal_advice_pdf": ("get", _advice_version, {}, False, dict.fromkeys(OWN_FILE, 200), 404),
        "api:portal_advice_views": ("get", _advice_version, {}, False, dict.fromkeys(OWN_FILE, 200), 404),
        "api:portal_advice_view_add": (
            "post",
            _advice_version,
            {"text": "Mijn kijk op het advies."},
            True,
            dict.fromkeys(OWN_FILE, 201),
            404,
        ),
    }
)


def _noors_picture(f):
    """A picture in Noor's (12) words-and-pictures story: only she sees it."""
    from .test_child_space import noors_story

    return {**_d(f), "panel_id": noors_story(f)[1].pk}


# The child's space: only the young person, about themselves.
FAMILY_MATRIX.update(
    {
        "portal_how_am_i_doing": ("get", _d, {}, False, dict.fromkeys(YOUNG, 200), 404),
        "portal_how_am_i_doing#post": ("post", _d, {"feeling": "4"}, False, dict.fromkeys(YOUNG, 302), 404),
        "portal_story": ("get", _d, {}, False, dict.fromkeys(YOUNG, 200), 404),
        "portal_story_part": (
            "get",
            lambda f: {**_d(f), "number": 1},
            {},
            False,
            dict.fromkeys(YOUNG, 200),
            404,
        ),
        "portal_story_picture": ("get", _noors_picture, {}, False, {"young_12": 200}, 404),
        "api:portal_how_am_i_doing": ("get", _d, {}, False, dict.fromkeys(YOUNG, 200), 404),
        "api:portal_how_am_i_doing_say": ("post", _d, {"feeling": 2}, True, dict.fromkeys(YOUNG, 201), 404),
        "api:portal_story": ("get", _d, {}, False, dict.fromkeys(YOUNG, 200), 404),
    }
)


@pytest.mark.parametrize("persona", FAMILY_PERSONAS)
@pytest.mark.parametrize("name", sorted(FAMILY_MATRIX))
def test_family_matrix(name, persona, family, family_client):
    method, kwargs, data, as_json, expect, default = FAMILY_MATRIX[name]
    url = reverse(name.split("#")[0], kwargs=kwargs(family))
    client = family_client(persona)
    if as_json:
        response = getattr(client, method)(url, data=json.dumps(data), content_type="application/json")
    else:
        response = getattr(client, method)(url, data=data)
    assert response.status_code == expect.get(persona, default), f"{method.upper()} {name} as {persona}"


def test_the_family_matrix_covers_every_portal_family_url():
    from .matrix import CASES

    worker_only = {"portal_alert_acknowledge"}
    portal = {name for name in CASES if not name.startswith("otp_webauthn:")}
    assert portal - worker_only == {name.split("#")[0] for name in FAMILY_MATRIX}
