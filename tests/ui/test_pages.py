"""The page kit: a dossier page answers a refusal as "not found", says why a write to a closed dossier is
refused, and sends anonymous visitors to the login; submit shows a service's refusal on the form."""

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from kring.access.policy import DossierClosed
from kring.ui.pages import dossier_view, submit


def _request(user):
    request = RequestFactory().get("/dossiers/x/")
    request.user = user
    return request


class _User:
    is_authenticated = True


def _raising(error):
    @dossier_view
    def view(request):
        if error is not None:
            raise error
        return HttpResponse("ok")

    return view


def test_a_dossier_page_is_for_logged_in_users():
    response = _raising(None)(_request(AnonymousUser()))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert _raising(None)(_request(_User())).content == b"ok"


def test_a_refusal_is_not_found():
    with pytest.raises(Http404):
        _raising(PermissionDenied("Only the team lead."))(_request(_User()))


def test_a_closed_dossier_says_why():
    with pytest.raises(DossierClosed):
        _raising(DossierClosed())(_request(_User()))


class _Form(forms.Form):
    name = forms.CharField()


def test_submit_returns_what_the_service_returned_or_shows_its_refusal():
    assert submit(_Form({"name": "Anna"}), lambda data: data["name"].upper()) == "ANNA"
    assert submit(_Form({"name": "Anna"}), lambda data: None) is True
    refused = _Form({"name": "Anna"})

    def refuse(data):
        raise ValidationError({"name": "Taken."})

    assert submit(refused, refuse) is None
    assert refused.errors == {"name": ["Taken."]}
    invalid = _Form({})
    assert submit(invalid, lambda data: pytest.fail("the service is not called")) is None
