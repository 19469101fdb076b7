import json

import pytest
from django.test import Client
from django.urls import reverse

from kring.accounts.services import api_token_create


@pytest.fixture
def api(world):
    """call(method, url name, payload=None, user=None, **kwargs) against the API with a fresh token."""

    def call(method, name, payload=None, user=None, **kwargs):
        plain = api_token_create(user=user or world.circle_member, name="koppeling", verified=False)[1]
        client = Client(headers={"Authorization": f"Bearer {plain}"})
        url = reverse(name, kwargs={"dossier_id": world.dossier.pk, **kwargs})
        if payload is None:
            return getattr(client, method)(url)
        return getattr(client, method)(url, data=json.dumps(payload), content_type="application/json")

    return call
