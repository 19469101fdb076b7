"""Permission-matrix cases for the portal's URLs, for the professional personas (tests/access/
test_permission_matrix.py collects them). The family personas have their own matrix:
tests/portal/test_family_matrix.py.

Professionals have no family account: the family pages send them to the second login step (the matrix's
sessions are not verified) and their data answers 404; the API answers 404 (an empty list of accounts).
The worker's page: the circle, the team lead and emergency access read; inviting and stopping accounts is for
whoever manages the circle."""

from datetime import date

from django.utils import timezone

from kring.cases.models import Participant
from kring.portal.models import FamilyAccount, FamilyKind, UnsafeAlert

from ..conftest import World
from ..factories import PersonFactory, UserFactory
from ..permissions import A, Case

FAMILY_PAGE = {A: 302}
NOT_FAMILY_API = {A: 401}


def _dossier(w: World) -> dict:
    return {"dossier_id": w.dossier.pk}


def _account(w: World) -> FamilyAccount:
    found = FamilyAccount.objects.filter(dossier=w.dossier).first()
    if found:
        return found
    person = PersonFactory(first_name="Lieke", date_of_birth=date(1960, 1, 1))
    participant = Participant.objects.create(
        dossier=w.dossier, person=person, role="informal", relation="oma"
    )
    return FamilyAccount.objects.create(
        user=UserFactory(username="gezin-oma"),
        dossier=w.dossier,
        person=person,
        participant=participant,
        kind=FamilyKind.NETWORK_MEMBER,
    )


def _waiting(w: World):
    from kring.feedback.models import Administration, Instrument
    from kring.feedback.services import administration_plan

    planned = Administration.objects.waiting().filter(dossier=w.dossier).first()
    return planned or administration_plan(
        actor=None,
        instrument=Instrument.objects.get(slug="exit", version=1),
        dossier=w.dossier,
        respondent_type="parent",
    )


def _alert(w: World) -> dict:
    alert = UnsafeAlert.objects.filter(dossier=w.dossier).first() or UnsafeAlert.objects.create(
        dossier=w.dossier, account=_account(w), raised_at=timezone.now()
    )
    return {"alert_id": alert.pk}


CASES = {
    "portal_home": Case("get", default=302),
    "portal_dossier": Case("get", kwargs=_dossier, default=302),
    "portal_plan": Case("get", kwargs=_dossier, default=302),
    "portal_sign": Case(
        "post", kwargs=lambda w: {**_dossier(w), "version_id": 1}, data={"agree": "yes"}, default=302
    ),
    "portal_journal": Case("get", kwargs=_dossier, default=302),
    "portal_unsafe": Case("post", kwargs=_dossier, default=302),
    "portal_file_openings": Case("get", kwargs=_dossier, default=302),
    "portal_three_houses": Case("get", kwargs=_dossier, default=302),
    "portal_ik_plan": Case("get", kwargs=_dossier, default=302),
    "portal_scale_questions": Case("get", kwargs=_dossier, default=302),
    "portal_scale_answer": Case(
        "post", kwargs=lambda w: {**_dossier(w), "asked_id": 1}, data={"score": "5"}, default=302
    ),
    "portal_questionnaires": Case("get", kwargs=_dossier, default=302),
    "portal_questionnaire_fill": Case("get", kwargs=lambda w: {**_dossier(w), "asked_id": 1}, default=302),
    "portal_invitation_code": Case("get"),
    "portal_invitation_link": Case("get", kwargs=lambda w: {"token": "not-a-token"}, default=400),
    "portal_invitation_accept": Case("get", default=302),
    "portal_family_accounts": Case(
        "get",
        kwargs=_dossier,
        expect={"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 302},
        default=404,
    ),
    "portal_account_revoke": Case(
        "post",
        kwargs=lambda w: {**_dossier(w), "account_id": _account(w).pk},
        data={"reason": "Telefoon kwijt"},
        expect={"circle_member": 302, "team_lead": 302, A: 302},
        default=404,
    ),
    "portal_address_shield_add": Case(
        "post",
        kwargs=_dossier,
        data=lambda w: {
            "person": _account(w).person_id,
            "hidden_from": w.dossier.children.get().pk,
            "reason": "Huiselijk geweld",
        },
        expect={"circle_member": 302, "team_lead": 302, A: 302},
        default=404,
    ),
    # putting a scaling question or a questionnaire to a family member: whoever may record scores, or fill
    # in questionnaires, in the dossier (emergency access only reads)
    "portal_scale_question_ask": Case(
        "post",
        kwargs=_dossier,
        data=lambda w: {"account": _account(w).pk, "question": "safety"},
        expect={"circle_member": 302, "team_lead": 302, A: 302},
        default=404,
    ),
    "portal_questionnaire_ask": Case(
        "post",
        kwargs=_dossier,
        data=lambda w: {"account": _account(w).pk, "administration": _waiting(w).pk},
        expect={"circle_member": 302, "team_lead": 302, A: 302},
        default=404,
    ),
    "portal_alert_acknowledge": Case(
        "post", kwargs=_alert, expect={"circle_member": 302, "team_lead": 302, A: 302}, default=404
    ),
    "api:portal_accounts": Case("get", expect=NOT_FAMILY_API),
    "api:portal_plan": Case("get", kwargs=_dossier, expect=NOT_FAMILY_API, default=404),
    "api:portal_sign": Case(
        "post",
        kwargs=lambda w: {**_dossier(w), "version_id": 1},
        json=True,
        expect=NOT_FAMILY_API,
        default=404,
    ),
    "api:portal_journal": Case("get", kwargs=_dossier, expect=NOT_FAMILY_API, default=404),
    "api:portal_journal_add": Case(
        "post",
        kwargs=_dossier,
        data={"happened_on": "2026-12-01", "text": "Ging goed"},
        json=True,
        expect=NOT_FAMILY_API,
        default=404,
    ),
    "api:portal_unsafe": Case("post", kwargs=_dossier, json=True, expect=NOT_FAMILY_API, default=404),
    "api:portal_file_openings": Case("get", kwargs=_dossier, expect=NOT_FAMILY_API, default=404),
    "api:portal_ik_plan": Case("get", kwargs=_dossier, expect=NOT_FAMILY_API, default=404),
    "api:portal_ik_plan_save": Case(
        "post", kwargs=_dossier, data={"goals": "Diploma."}, json=True, expect=NOT_FAMILY_API, default=404
    ),
    "api:portal_scale_questions": Case("get", kwargs=_dossier, expect=NOT_FAMILY_API, default=404),
    "api:portal_scale_answer": Case(
        "post",
        kwargs=lambda w: {**_dossier(w), "asked_id": 1},
        data={"score": 5},
        json=True,
        expect=NOT_FAMILY_API,
        default=404,
    ),
    "api:portal_questionnaires": Case("get", kwargs=_dossier, expect=NOT_FAMILY_API, default=404),
    "api:portal_questionnaire_fill": Case(
        "post",
        kwargs=lambda w: {**_dossier(w), "asked_id": 1},
        data={"answers": {}},
        json=True,
        expect=NOT_FAMILY_API,
        default=404,
    ),
}

# Passkeys (django-otp-webauthn): the login page and the second step; the library's JSON endpoints.
CASES.update(
    {
        "portal_login": Case("get"),
        # OpenID Connect is off unless KRING_OIDC_* is set (tests/portal/test_oidc.py runs it for real)
        "portal_oidc_start": Case("get", default=404),
        "portal_oidc_callback": Case("get", default=404),
        "portal_language": Case("post", default=302),  # the portal's language switch, for anyone
        "portal_second_step": Case("get", expect={A: 302}, default=404),  # for family logins only
        "otp_webauthn:credential-registration-begin": Case("post", json=True, default=200, expect={A: 403}),
        "otp_webauthn:credential-registration-complete": Case(
            "post", json=True, default=400, expect={A: 403}
        ),
        "otp_webauthn:credential-authentication-begin": Case("post", json=True),
        "otp_webauthn:credential-authentication-complete": Case("post", json=True, default=400),
        "otp_webauthn:js-i18n-catalog": Case("get"),
    }
)

# E-mails from kring, "my view" beside a plan version and the family print (issue 15): family logins only.
CASES.update(
    {
        "portal_notices": Case("get", default=302),
        "portal_my_view": Case("get", kwargs=lambda w: {**_dossier(w), "version_id": 1}, default=302),
        "portal_plan_print": Case("get", kwargs=_dossier, default=302),
        "api:portal_notices": Case("get", expect=NOT_FAMILY_API, default=404),
        "api:portal_notices_set": Case(
            "put", data={"frequency": "weekly"}, json=True, expect=NOT_FAMILY_API, default=404
        ),
        "api:portal_views": Case(
            "get", kwargs=lambda w: {**_dossier(w), "version_id": 1}, expect=NOT_FAMILY_API, default=404
        ),
        "api:portal_view_add": Case(
            "post",
            kwargs=lambda w: {**_dossier(w), "version_id": 1},
            data={"text": "Mijn kijk"},
            json=True,
            expect=NOT_FAMILY_API,
            default=404,
        ),
        "api:portal_plan_print": Case("get", kwargs=_dossier, expect=NOT_FAMILY_API, default=404),
    }
)

# The child's space: "how am I doing" and the young person's own words-and-pictures story (a family page
# sends a professional to the second step; the API has no family account for them).
CASES.update(
    {
        "portal_how_am_i_doing": Case("get", kwargs=_dossier, default=302),
        "portal_story": Case("get", kwargs=_dossier, default=302),
        "portal_story_part": Case("get", kwargs=lambda w: {**_dossier(w), "number": 1}, default=302),
        "portal_story_picture": Case("get", kwargs=lambda w: {**_dossier(w), "panel_id": 1}, default=302),
        "api:portal_how_am_i_doing": Case("get", kwargs=_dossier, expect=NOT_FAMILY_API, default=404),
        "api:portal_how_am_i_doing_say": Case(
            "post", kwargs=_dossier, data={"feeling": 4}, json=True, expect=NOT_FAMILY_API, default=404
        ),
        "api:portal_story": Case("get", kwargs=_dossier, expect=NOT_FAMILY_API, default=404),
    }
)

# "Who sees what" for the family (a family page sends a professional to the second step; the API has no
# family account for them). The professionals' own tab is `dossier_sharing`.
CASES.update(
    {
        "portal_who_sees_what": Case("get", kwargs=_dossier, default=302),
        "api:portal_who_sees_what": Case("get", kwargs=_dossier, expect=NOT_FAMILY_API, default=404),
    }
)

# "My view" beside the advice to the judge (family logins only).
CASES.update(
    {
        "portal_advice": Case("get", kwargs=_dossier, default=302),
        "portal_advice_pdf": Case("get", kwargs=lambda w: {**_dossier(w), "version_id": 1}, default=302),
        "portal_advice_my_view": Case("get", kwargs=lambda w: {**_dossier(w), "version_id": 1}, default=302),
        "api:portal_advice": Case("get", kwargs=_dossier, expect=NOT_FAMILY_API, default=404),
        "api:portal_advice_pdf": Case(
            "get", kwargs=lambda w: {**_dossier(w), "version_id": 1}, expect=NOT_FAMILY_API, default=404
        ),
        "api:portal_advice_views": Case(
            "get", kwargs=lambda w: {**_dossier(w), "version_id": 1}, expect=NOT_FAMILY_API, default=404
        ),
        "api:portal_advice_view_add": Case(
            "post",
            kwargs=lambda w: {**_dossier(w), "version_id": 1},
            data={"text": "Mijn kijk"},
            json=True,
            expect=NOT_FAMILY_API,
            default=404,
        ),
    }
)
