"""Permission-matrix cases for the signal index (collected by tests/access/test_permission_matrix.py).

Every logged-in professional may open the page and register (it only shows their own organisation's
registrations). The world's youth-protection organisation (circle_member, team_lead, other_team, break_glass
and privacy_officer all work there) has a registration that matches one of the police (other_org):
the registration is its organisation's only (others: 404); the match belongs to both sides."""

from datetime import date

from kring.chain.index import services
from kring.chain.index.models import Match, MatchStatus, Registration

from ...conftest import World
from ...permissions import A, Case
from ..matrix import _case as chain_case

IDENTITY = {
    "first_name": "Sasja",
    "prefix": "",
    "last_name": "Jansen",
    "date_of_birth": date(2012, 3, 8),
    "bsn": "",
    "postcode": "9711 AA",
    "house_number": "4",
}
YOUTH = ("circle_member", "team_lead", "other_team", "break_glass", "privacy_officer")


def _register(user, ref: str) -> Registration:
    existing = Registration.objects.filter(own_reference=ref).first()
    if existing:
        return existing
    return services.registration_create(
        actor_user=user,
        organisation=user.memberships.get().organisation,
        contact_name="A. Contact",
        contact_details="06-12345678",
        category="safety",
        identity=IDENTITY,
        own_reference=ref,
    )


def _youth_registration(w: World) -> Registration:
    return _register(w.circle_member, "MATRIX-JB")


def _match(w: World, status: str = MatchStatus.MATCH) -> Match:
    _youth_registration(w)
    _register(w.other_org, "MATRIX-POL")
    match = Match.objects.get()
    Match.objects.filter(pk=match.pk).update(status=status)
    return match


OWN = {**{p: 200 for p in YOUTH}, A: 401}
BOTH_SIDES = {**OWN, "other_org": 200}
REGISTER = {
    "first_name": "Daan",
    "last_name": "Bakker",
    "date_of_birth": "2011-07-04",
    "category": "school",
    "contact_name": "B. Contact",
    "contact_details": "b@example.org",
}

CASES: dict[str, Case] = {
    "signal_index": Case("get", expect={A: 302}),
    # every professional registers for their own organisation; withdrawing and a step on a match only for
    # the organisation(s) whose registration it is (others: 404)
    "signal_index_register": Case("post", data=REGISTER, default=302),
    "signal_index_withdraw": Case(
        "post",
        kwargs=lambda w: {"registration_id": _youth_registration(w).pk},
        data={"reason": "concern_gone"},
        expect={**{p: 302 for p in YOUTH}, A: 302},
        default=404,
    ),
    "signal_index_match_decide": Case(
        "post",
        kwargs=lambda w: {"match_id": _match(w).pk},
        data={"decision": "followed_up"},
        expect={**{p: 302 for p in BOTH_SIDES}, A: 302},
        default=404,
    ),
    # the matcher's weights: functional administrators only (no persona of the matrix is one: all 404;
    # test_weights.py has one who sees the page)
    "signal_index_weights": Case("get", expect={A: 302}, default=404),
    # old acquaintances of a chain case: only for the partners at its table (the police)
    "signal_index_case_acquaintances": Case(
        "get", kwargs=lambda w: {"case_id": chain_case(w).pk}, expect={"other_org": 200, A: 302}, default=404
    ),
    "api:chain_case_acquaintances": Case(
        "get", kwargs=lambda w: {"case_id": chain_case(w).pk}, expect={"other_org": 200, A: 401}, default=404
    ),
    "signal_index_letter": Case(
        "get",
        kwargs=lambda w: {"registration_id": _youth_registration(w).pk},
        expect={**{p: 200 for p in YOUTH}, A: 302},
        default=404,
    ),
    "signal_index_letter_pdf": Case(
        "get",
        kwargs=lambda w: {"registration_id": _youth_registration(w).pk},
        expect={**{p: 200 for p in YOUTH}, A: 302},
        default=404,
    ),
    "api:list_signal_registrations": Case("get", expect={A: 401}),
    "api:register_signal": Case("post", data=REGISTER, json=True, expect={A: 401}, default=201),
    "api:get_signal_registration": Case(
        "get", kwargs=lambda w: {"registration_id": _youth_registration(w).pk}, expect=OWN, default=404
    ),
    "api:withdraw_signal_registration": Case(
        "post",
        kwargs=lambda w: {"registration_id": _youth_registration(w).pk},
        data={"reason": "concern_gone"},
        json=True,
        expect={**{p: 204 for p in YOUTH}, A: 401},
        default=404,
    ),
    "api:list_signal_matches": Case("get", expect={A: 401}),
    "api:get_signal_match": Case(
        "get", kwargs=lambda w: {"match_id": _match(w).pk}, expect=BOTH_SIDES, default=404
    ),
    "api:confirm_signal_match": Case(
        "post",
        kwargs=lambda w: {"match_id": _match(w, MatchStatus.POSSIBLE).pk},
        json=True,
        expect=BOTH_SIDES,
        default=404,
    ),
    "api:follow_up_signal_match": Case(
        "post", kwargs=lambda w: {"match_id": _match(w).pk}, json=True, expect=BOTH_SIDES, default=404
    ),
    "api:agree_signal_coordinator": Case(
        "post",
        kwargs=lambda w: {"match_id": _match(w).pk},
        data=lambda w: {"organisation_id": w.other_org.memberships.get().organisation_id},
        json=True,
        expect=BOTH_SIDES,
        default=404,
    ),
    "api:dismiss_signal_match": Case(
        "post",
        kwargs=lambda w: {"match_id": _match(w).pk},
        data={"reason": "Niet dezelfde jongere."},
        json=True,
        expect=BOTH_SIDES,
        default=404,
    ),
}
