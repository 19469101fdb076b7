"""The layout's two navigations (tabs on a wide screen, a menu button on a phone) offer the same pages;
axe-core, vendored for the tests, is never served; a scrolling region is named in the HTML, not by a
script."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template import Context, Template
from django.urls import reverse

from .scroll_regions import unnamed_regions

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


def test_a_scroll_region_is_named_by_its_caption_in_the_html():
    html = Template(
        '{% load kring %}{% for n in "ab" %}{% scroll_region "lines-" forloop.counter %}'
        '<table><caption id="lines-{{ forloop.counter }}">Rules {{ n }}</caption></table>'
        "{% endscroll_region %}{% endfor %}"
        '{% scroll_region label=title class="kring-network__list" %}<table></table>{% endscroll_region %}'
    ).render(Context({"title": "Netwerk & co"}))
    assert html.startswith(
        '<div class="kring-table-wrapper" role="region" aria-labelledby="lines-1" tabindex="0"><table>'
    )
    assert 'aria-labelledby="lines-2"' in html
    assert (
        '<div class="kring-table-wrapper kring-network__list" role="region" aria-label="Netwerk &amp; co"'
        in html
    )
    assert unnamed_regions(html) == []


def test_the_region_check_finds_a_region_without_a_name():
    unnamed = '<div class="kring-table-wrapper" tabindex="0"><table><caption>Rules</caption></table></div>'
    dangling = '<div class="kring-table-wrapper" role="region" aria-labelledby="gone" tabindex="0"></div>'
    twice = (
        '<div class="kring-chart__canvas" role="region" aria-labelledby="t" tabindex="0"></div>'
        '<h2 id="t">One</h2><h2 id="t">Two</h2>'
    )
    empty = '<div class="kring-table-wrapper" role="region" aria-labelledby="e" tabindex="0"><p id="e"> </p>'
    assert unnamed_regions(unnamed) == [
        '<div class="kring-table-wrapper">: no role="region"',
        '<div class="kring-table-wrapper">: no aria-label or aria-labelledby',
    ]
    assert unnamed_regions(dangling) == [
        '<div class="kring-table-wrapper">: aria-labelledby="gone" names 0 elements'
    ]
    assert unnamed_regions(twice) == [
        '<div class="kring-chart__canvas">: aria-labelledby="t" names 2 elements'
    ]
    assert unnamed_regions(empty) == [
        '<div class="kring-table-wrapper">: aria-labelledby="e" names an element without text'
    ]


def test_no_script_names_the_scroll_regions():
    script = (Path(settings.SRC_DIR) / "ui" / "static" / "ui" / "regions.js").read_text()
    assert "aria-label" not in script and "caption" not in script
