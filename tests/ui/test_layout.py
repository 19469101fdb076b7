"""The layout's two navigations (tabs on a wide screen, a menu button on a phone) offer the same pages, and
axe-core, vendored for the tests, is never served."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def _between(html: str, start: str, end: str) -> str:
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


def test_the_phone_menu_offers_the_same_pages_as_the_tabs(world, client_for):
    page = client_for("circle_member").get(reverse("dossier_detail", args=[world.dossier.pk]))
    html = page.content.decode()
    main_bar = _between(html, '<nav class="utrecht-nav-bar kring-nav kring-wide-only"', "</nav>")
    main_menu = _between(html, '<nav class="kring-menu__nav"', "</nav>")
    assert _hrefs(main_bar) == _hrefs(main_menu) and reverse("dossier_list") in _hrefs(main_bar)
    dossier_tabs = _between(html, "kring-dossier-nav kring-wide-only", "</nav>")
    dossier_menu = _between(html, '<details class="kring-dossier-menu kring-narrow-only">', "</details>")
    assert _hrefs(dossier_tabs) == _hrefs(dossier_menu)
    assert reverse("dossier_circle", args=[world.dossier.pk]) in _hrefs(dossier_menu)
    assert "<summary" in dossier_menu  # a disclosure that works without JavaScript


def test_axe_is_for_the_tests_only():
    assert finders.find("vendor/htmx/htmx.min.js")  # the other vendored files are served
    assert finders.find("vendor/axe/axe.min.js") is None
    listed = {path for finder in finders.get_finders() for path, _storage in finder.list([])}
    assert "vendor/htmx/htmx.min.js" in listed
    assert not {path for path in listed if path.startswith("vendor/axe/")}  # so collectstatic never copies it
