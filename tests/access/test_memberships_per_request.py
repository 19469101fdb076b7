"""The reader's memberships are loaded once per request and never kept from one request to the next."""

from django.urls import reverse

from kring.access.policy import (
    current_memberships,
    may_open_dossier,
    memberships_memo_end,
    memberships_memo_start,
)
from kring.accounts.models import Membership, Role

from ..queries import assert_num_queries


def test_within_a_request_the_memberships_are_asked_once(world):
    user = world.circle_member
    token = memberships_memo_start()
    try:
        with assert_num_queries(["accounts_membership"]):
            first = current_memberships(user)
            assert current_memberships(user) is first
            may_open_dossier(user)
    finally:
        memberships_memo_end(token)


def test_without_a_request_each_question_asks_afresh(world):
    user = world.circle_member
    with assert_num_queries(["accounts_membership", "accounts_membership"]):
        current_memberships(user)
        current_memberships(user)


def test_a_change_within_the_request_empties_the_memo(world):
    user = world.circle_member
    token = memberships_memo_start()
    try:
        assert may_open_dossier(user)
        Membership.objects.filter(user=user).update(role=Role.CHAIN_PARTNER)
        for membership in Membership.objects.filter(user=user):
            membership.save()
        assert not may_open_dossier(user)
    finally:
        memberships_memo_end(token)


def test_a_membership_ended_between_requests_counts_at_once(world, client_for):
    client = client_for("circle_member")
    url = reverse("dossier_detail", args=[world.dossier.pk])
    assert client.get(url).status_code == 200
    Membership.objects.filter(user=world.circle_member).update(is_active=False)
    assert client.get(url).status_code == 404
