"""Every page and API endpoint, for every persona, with the expected status code.

A new URL pattern must be added here: test_it_covers_every_url_pattern walks the URL resolver and fails when
one is missing. 404 is the answer to "not yours" (no existence leak); 302 for pages and 401 for the API is
the answer to "not logged in".
"""

import importlib
import json
from datetime import date
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kring.audit.models import AuditEntry
from kring.cases.models import Consent, Measure, Person

from ..conftest import PERSONAS, World
from ..permissions import A, Case

READERS = {"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 401}
WRITERS = {"circle_member": 200, "team_lead": 200, A: 401}  # emergency access is read-only: 404


def DOSSIER_KW(w: World) -> dict:
    return {"dossier_id": w.dossier.pk}


def _child(w: World) -> Person:
    return w.dossier.children.get()


def _measure(w: World) -> Measure:
    return Measure.objects.get_or_create(
        dossier=w.dossier,
        child=_child(w),
        kind="nl_ots",
        started_on=date(2026, 3, 1),
        planned_end_on=date(2027, 3, 1),
    )[0]


def _consent(w: World) -> Consent:
    return Consent.objects.get_or_create(
        dossier=w.dossier, given_by=_child(w), given_on=date(2026, 5, 3), scope="x"
    )[0]


MATRIX: dict[str, Case] = {
    "home": Case("get", default=302),
    "healthz": Case("get"),
    "set_language": Case("post", data={"language": "en", "next": "/"}, default=302),
    "login": Case("get", expect={p: 302 for p in PERSONAS if p != A}, default=200),
    "logout": Case("post", default=302),
    "account": Case("get", expect={A: 302}),
    "mfa_setup": Case("get", expect={A: 302}),
    "mfa_verify": Case("get", default=302),  # nobody has a device: sent on to setup, or to login
    "logout_everywhere": Case("post", default=302),
    "api_token_create": Case(
        "post", data={"name": "rapportage", "password": "correct horse battery staple"}, expect={A: 302}
    ),
    "api_token_revoke": Case(
        "post", kwargs=lambda w: {"token_id": w.token.pk}, expect={"circle_member": 302, A: 302}, default=404
    ),
    "dossier_list": Case("get", expect={A: 302}),
    "dossier_detail": Case(
        "get",
        kwargs=lambda w: {"dossier_id": w.dossier.pk},
        expect={"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 302},
        default=404,
    ),
    "break_glass": Case("get", expect={"break_glass": 200, A: 302}, default=404),
    "audit_log": Case("get", expect={"privacy_officer": 200, A: 302}, default=404),
    "audit_export": Case("get", expect={"privacy_officer": 200, A: 302}, default=404),
    "break_glass_reviewed": Case(
        "post",
        kwargs=lambda w: {"grant_id": w.grant.pk},
        data={"note": "Terecht: crisis, gezinsvoogd onbereikbaar."},
        expect={"privacy_officer": 302, A: 302},
        default=404,
    ),
    "api:me": Case("get", expect={A: 401}),
    "api:list_dossiers": Case("get", expect={A: 401}),
    "api:get_dossier": Case(
        "get",
        kwargs=lambda w: {"dossier_id": w.dossier.pk},
        expect={"circle_member": 200, "team_lead": 200, "break_glass": 200, A: 401},
        default=404,
    ),
    "api:openapi-json": Case("get"),
    "api:openapi-view": Case("get"),
    "api:api-root": Case("get", default=404),  # ninja names its root for reverse(); it serves nothing
    "api:list_measures": Case("get", kwargs=lambda w: DOSSIER_KW(w), expect=READERS, default=404),
    "api:start_measure": Case(
        "post",
        kwargs=lambda w: DOSSIER_KW(w),
        data=lambda w: {"child_id": _child(w).pk, "kind": "nl_ots", "started_on": date(2026, 3, 1)},
        json=True,
        expect={**WRITERS, "circle_member": 201, "team_lead": 201},
        default=404,
    ),
    "api:extend_measure": Case(
        "post",
        kwargs=lambda w: {**DOSSIER_KW(w), "measure_id": _measure(w).pk},
        data={"new_planned_end_on": date(2028, 3, 1), "decided_on": date(2027, 2, 1), "reason": "Nog nodig."},
        json=True,
        expect=WRITERS,
        default=404,
    ),
    "api:end_measure": Case(
        "post",
        kwargs=lambda w: {**DOSSIER_KW(w), "measure_id": _measure(w).pk},
        data={"ended_on": date(2027, 1, 1), "end_reason": "goals_reached"},
        json=True,
        expect=WRITERS,
        default=404,
    ),
    "api:list_consents": Case("get", kwargs=lambda w: DOSSIER_KW(w), expect=READERS, default=404),
    "api:give_consent": Case(
        "post",
        kwargs=lambda w: DOSSIER_KW(w),
        data=lambda w: {
            "given_by_id": _child(w).pk,
            "given_on": date(2026, 5, 3),
            "scope": "Betrokkenheid",
            "step": 1,
        },
        json=True,
        expect={**WRITERS, "circle_member": 201, "team_lead": 201},
        default=404,
    ),
    "api:withdraw_consent": Case(
        "post",
        kwargs=lambda w: {**DOSSIER_KW(w), "consent_id": _consent(w).pk},
        data={"withdrawn_on": date(2026, 6, 1)},
        json=True,
        expect=WRITERS,
        default=404,
    ),
    "api:list_events": Case("get", kwargs=lambda w: DOSSIER_KW(w), expect=READERS, default=404),
    "api:sharing": Case("get", kwargs=lambda w: DOSSIER_KW(w), expect=READERS, default=404),
    "api:list_participants": Case("get", kwargs=lambda w: DOSSIER_KW(w), expect=READERS, default=404),
    "api:add_participant": Case(
        "post",
        kwargs=lambda w: DOSSIER_KW(w),
        data={"first_name": "Lieke", "last_name": "Visser", "role": "informal", "relation": "tante"},
        json=True,
        expect={**WRITERS, "circle_member": 201, "team_lead": 201},
        default=404,
    ),
    "api:list_circle": Case("get", kwargs=lambda w: DOSSIER_KW(w), expect=READERS, default=404),
    "api:add_to_circle": Case(
        "post",
        kwargs=lambda w: DOSSIER_KW(w),
        data=lambda w: {
            "membership_id": w.other_org.memberships.get().pk,
            "case_role": "jeugdagent",
            "started_on": date(2026, 11, 1),
        },
        json=True,
        expect={**WRITERS, "circle_member": 201, "team_lead": 201},
        default=404,
    ),
    "api:end_seat": Case(
        "post",
        kwargs=lambda w: {**DOSSIER_KW(w), "seat_id": w.dossier.circle.get(user=w.circle_member).pk},
        data={"ended_on": date(2026, 11, 20)},
        json=True,
        expect=WRITERS,
        default=404,
    ),
    "api:list_timeline_entries": Case("get", kwargs=lambda w: DOSSIER_KW(w), expect=READERS, default=404),
    "api:add_timeline_entry": Case(
        "post",
        kwargs=lambda w: DOSSIER_KW(w),
        data={"line": "good", "year": 2025, "text": "Diploma"},
        json=True,
        expect={**WRITERS, "circle_member": 201, "team_lead": 201},
        default=404,
    ),
}


def _app_matrices() -> dict[str, Case]:
    """Cases that each app's tests contribute in tests/<app>/matrix*.py as CASES = {url name: Case}."""
    cases: dict[str, Case] = {}
    for module_path in sorted(Path(__file__).resolve().parents[1].glob("**/matrix*.py")):
        tests_root = Path(__file__).resolve().parents[1]
        name = ".".join(("tests", *module_path.relative_to(tests_root).with_suffix("").parts))
        module = importlib.import_module(name)
        overlap = set(cases) & set(module.CASES)
        assert not overlap, f"URL names in two matrices: {overlap}"
        cases.update(module.CASES)
    return cases


MATRIX.update(_app_matrices())


def _named_patterns(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace == "admin":
                continue  # the Django admin is for staff only; see test_admin_is_staff_only
            names |= _named_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"URL pattern {pattern.pattern} has no name, so the matrix cannot cover it"
            names.add(f"{namespace}{pattern.name}")
    return names


def test_it_covers_every_url_pattern():
    missing = _named_patterns(get_resolver()) - set(MATRIX)
    assert not missing, f"Add these URL patterns to the permission matrix: {sorted(missing)}"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_matrix(name, persona, world, client_for):
    case = MATRIX[name]
    url = reverse(name, kwargs=case.kwargs(world))
    client = client_for(persona)
    data = case.data(world) if callable(case.data) else case.data
    if case.json:
        response = getattr(client, case.method)(
            url, data=json.dumps(data, default=str), content_type="application/json"
        )
    else:
        response = getattr(client, case.method)(url, data=data)
    expected = case.expect.get(persona, case.default)
    assert response.status_code == expected, f"{case.method.upper()} {name} as {persona}"


@pytest.mark.parametrize("persona", ["other_team", "other_org", "privacy_officer"])
def test_refused_dossier_shows_no_data_and_is_audited(persona, world, client_for):
    for url in (
        reverse("dossier_detail", args=[world.dossier.pk]),
        reverse("api:get_dossier", args=[world.dossier.pk]),
    ):
        response = client_for(persona).get(url)
        assert response.status_code == 404
        assert world.dossier.title.encode() not in response.content
        assert world.dossier.reference.encode() not in response.content
    denied = AuditEntry.objects.filter(
        dossier_id=world.dossier.pk, outcome="denied", actor_id=world.user(persona).pk
    )
    assert denied.count() == 2


@pytest.mark.parametrize("bad_id", ["12", "not-a-uuid", "00000000-0000-0000-0000-000000000000", "%20"])
def test_malformed_or_unknown_ids_are_404(bad_id, world, client_for):
    client = client_for("circle_member")
    assert client.get(f"/dossiers/{bad_id}/").status_code == 404
    response = client.get(f"/api/v1/dossiers/{bad_id}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Niet gevonden."}


def test_my_dossiers_lists_only_visible_dossiers(world, client_for):
    for persona, sees in [
        ("circle_member", True),
        ("team_lead", True),
        ("break_glass", True),
        ("other_team", False),
    ]:
        response = client_for(persona).get(reverse("dossier_list"))
        assert (world.dossier.title in response.content.decode()) is sees, persona
        api = client_for(persona).get(reverse("api:list_dossiers")).json()
        assert ([item["reference"] for item in api["items"]] == [world.dossier.reference]) is sees, persona


def test_admin_is_staff_only(world, client_for):
    response = client_for("team_lead").get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
