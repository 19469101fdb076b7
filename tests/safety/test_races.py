"""Races on a safety plan, fired with threads against PostgreSQL (issue 19, item 1).

A signed version never changes: a rule added at the moment of signing lands either before the signature
(and the signer's checks saw it) or in a new version. Two clicks on "sign" store one signature; two rules
added to a signed version both land in one new version. No race ends in anything but a clear refusal
(ValidationError, shown as a message on the page): never an IntegrityError (a 500)."""

from functools import partial
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kring.safety import services
from kring.safety.models import PlanVersion, Signature

from ..concurrency import ROUNDS, fire, needs_postgresql

pytestmark = [needs_postgresql]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _signable_plan(case2, round_: int):
    """A plan whose first version passes every check: three adults of the network carry the bottom lines."""
    plan = services.plan_create(actor=None, dossier=case2["plan"].dossier, title=f"Ronde {round_}")
    for i, adult in enumerate(case2["network"]):
        services.rule_add(
            actor=None,
            plan=plan,
            text=f"Regel {i}",
            participants=[adult],
            bottom_lines=case2["lines"],
        )
    return plan


def _refusals_only(results: list) -> None:
    """Every outcome is a result or a clear refusal; anything else would be a 500."""
    for result in results:
        assert not isinstance(result, BaseException) or isinstance(result, ValidationError), repr(result)


def test_a_rule_added_while_signing_never_changes_the_signed_version(transactional_db, case2, world):
    seen: list[set[int]] = []
    checks = services.plan_checks

    def watching_checks(version, *args, **kwargs):
        # what the signer's checks (and so the signer) saw of the version being signed
        seen.append({rule.pk for rule in version.rules.all()})
        return checks(version, *args, **kwargs)

    changed = []
    for round_ in range(ROUNDS):
        plan = _signable_plan(case2, round_)
        first = services.current_version(plan)
        seen.clear()
        with mock.patch.object(services, "plan_checks", watching_checks):
            results = fire(
                partial(
                    services.rule_add,
                    actor=world.circle_member,
                    plan=plan,
                    text="Late",
                    participants=[case2["mother"]],
                ),
                partial(services.plan_sign, actor=None, version=first, participant=case2["network"][0]),
            )
        _refusals_only(results)
        first.refresh_from_db()
        if first.frozen:
            signed_rules = set(first.rules.values_list("pk", flat=True))
            if seen and signed_rules != seen[-1]:
                changed.append(round_)
    assert changed == [], f"signed content differs from what was checked and signed in rounds {changed}"


def test_two_clicks_on_sign_store_one_signature(transactional_db, case2):
    doubles = []
    for round_ in range(ROUNDS):
        plan = _signable_plan(case2, round_)
        version = services.current_version(plan)
        adult = case2["network"][1]
        sign = partial(services.plan_sign, actor=None, version=version, participant=adult)
        results = fire(sign, sign)
        _refusals_only(results)
        count = Signature.objects.filter(version=version, participant=adult).count()
        if count != 1:
            doubles.append((round_, count))
        refused = [r for r in results if isinstance(r, ValidationError)]
        assert len(refused) == 1 and "already signed" in " ".join(refused[0].messages), results
    assert doubles == []


def test_two_rules_added_to_a_signed_version_land_in_one_new_version(transactional_db, case2, world):
    for round_ in range(ROUNDS):
        plan = _signable_plan(case2, round_)
        first = services.current_version(plan)
        services.plan_sign(actor=None, version=first, participant=case2["network"][0])
        results = fire(
            *(
                partial(
                    services.rule_add,
                    actor=world.circle_member,
                    plan=plan,
                    text=text,
                    participants=[case2["mother"]],
                )
                for text in ("Eerste klik", "Tweede klik")
            )
        )
        _refusals_only(results)
        assert not any(isinstance(r, BaseException) for r in results), results
        versions = list(PlanVersion.objects.filter(plan=plan).order_by("number"))
        assert [v.number for v in versions] == [1, 2]
        assert first.rules.count() == 3  # the signed version as it was signed
        texts = sorted(versions[1].rules.values_list("text", flat=True))
        assert texts == ["Eerste klik", "Regel 0", "Regel 1", "Regel 2", "Tweede klik"]
