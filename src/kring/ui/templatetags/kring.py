from datetime import date
from types import SimpleNamespace
from typing import Any

from django import forms, template
from django.conf import settings
from django.template.base import FilterExpression
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from kring.dates import age_on

register = template.Library()


@register.filter
def age(date_of_birth: date | None) -> int | None:
    """Age in whole years today, in the configured time zone."""
    if date_of_birth is None:
        return None
    return age_on(date_of_birth, timezone.localdate())


@register.filter
def duration(minutes: int | None) -> str:
    """Minutes as hours and minutes, the way contact time is reported: "38 h 56 min" (nl: "38 u 56 min")."""
    if minutes is None:
        return ""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return gettext("%(minutes)s min") % {"minutes": rest}
    return gettext("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": rest}


@register.filter
def catalogue(text: str | None) -> str | None:
    """A text kept in English in the database because it comes from shipped data (a pathway template's name,
    a step's title), in the reader's language: `{{ step.title|catalogue }}`. The texts are marked for
    translation where the data is defined (e.g. kring.pathways.catalogue); an unknown text stays as it is."""
    return gettext(str(text)) if text else text


@register.simple_tag
def switch_languages(portal: bool = False) -> list[dict]:
    """The languages a user chooses in the switch: nl and en. A regional variant (nl-be) is not chosen but
    given by the work (kring.ui.middleware.FlemishMiddleware), so it is not offered twice as "Nederlands".
    On the family portal's pages: its own languages (also Arabic, Turkish, Polish; docs/portal.md)."""
    codes = settings.KRING_PORTAL_LANGUAGES if portal else settings.KRING_PROFESSIONAL_LANGUAGES
    return [translation.get_language_info(code) for code in codes if "-" not in code]


class ScrollRegionNode(template.Node):
    """{% scroll_region %}: see the tag below."""

    def __init__(
        self,
        nodelist: template.NodeList,
        labelledby: list[FilterExpression],
        label: FilterExpression | None,
        classes: FilterExpression | None,
    ) -> None:
        self.nodelist = nodelist
        self.labelledby = labelledby
        self.label = label
        self.classes = classes

    def render(self, context: template.Context) -> str:
        classes = "kring-table-wrapper"
        if self.classes is not None:
            classes += f" {self.classes.resolve(context)}"
        if self.label is not None:
            name = format_html('aria-label="{}"', self.label.resolve(context))
        else:
            name = format_html(
                'aria-labelledby="{}"', "".join(str(part.resolve(context)) for part in self.labelledby)
            )
        return format_html(
            '<div class="{}" role="region" {} tabindex="0">{}</div>',
            classes,
            name,
            self.nodelist.render(context),
        )


@register.tag
def scroll_region(parser: template.base.Parser, token: template.base.Token) -> ScrollRegionNode:
    """A wide table's own scrolling region: on a phone the table scrolls sideways inside it, never the page.
    The region is named in the HTML itself (a screen reader announces it; axe's rule for a focusable region
    needs a name) and focusable, so that a keyboard user can scroll it:

        {% scroll_region "measures-caption" %}<table><caption id="measures-caption">…{% endscroll_region %}

    The arguments are joined into the id of the element that names the region (its caption, or the heading
    above it): `{% scroll_region "evaluation-" evaluation.pk "-lines" %}` inside a loop. Or `label=` gives the
    name as text; `class=` adds classes to the region."""
    labelledby: list[FilterExpression] = []
    label = classes = None
    for bit in token.split_contents()[1:]:
        if bit.startswith("label="):
            label = parser.compile_filter(bit.removeprefix("label="))
        elif bit.startswith("class="):
            classes = parser.compile_filter(bit.removeprefix("class="))
        else:
            labelledby.append(parser.compile_filter(bit))
    if bool(labelledby) == (label is not None):
        raise template.TemplateSyntaxError("scroll_region takes the id of the element naming it, or label=")
    nodelist = parser.parse(("endscroll_region",))
    parser.delete_first_token()
    return ScrollRegionNode(nodelist, labelledby, label, classes)


# The HTML of forms whose fields render the same for everyone in a language, while nobody has typed into them.
_blank_forms: dict[tuple[Any, ...], str] = {}


@register.simple_tag
def blank_form_fields(form: forms.Form) -> str:
    """Every field of `form` as a field group (`{{ field.as_field_group }}` each), for a form whose fields
    do not depend on the request or the database (labels, help texts and choices fixed in code). While the
    form is blank (unbound, or bound to empty fields without errors, as when paging) its HTML is the same
    for every request in a language, so it is rendered once per process and language and kept; otherwise it
    is rendered as usual. Nothing typed by a user is ever kept: a form with any value renders live."""
    values = [form.data.get(form.add_prefix(name)) for name in form.fields] if form.is_bound else []
    if any(values) or (form.is_bound and form.errors):
        return _render_fields(form)
    key = (type(form), form.prefix, form.auto_id, form.is_bound, translation.get_language())
    html = _blank_forms.get(key)
    if html is None:
        html = _blank_forms[key] = _render_fields(form)
    return html


def _render_fields(form: forms.Form) -> str:
    return mark_safe("".join(str(field.as_field_group()) for field in form))  # noqa: S308 (rendered HTML)


# The main navigation's HTML by what it depends on: language, current page, what the reader may see.
_navigations: dict[tuple[Any, ...], str] = {}
NAVIGATION_FLAGS = (
    "can_break_glass",
    "is_functional_admin",
    "is_privacy_officer",
    "may_see_insights",
    "offers_dutch_features",
)


@register.simple_tag(takes_context=True)
def main_nav(context: template.Context) -> str:
    """The main navigation's links (ui/_main_nav.html), which base.html shows twice (bar and phone menu).
    Its HTML depends only on the language, the current page's name and the reader's navigation flags
    (kring.ui.context_processors.navigation), so it is rendered once per combination and process."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    flags = tuple(bool(context.get(name)) for name in NAVIGATION_FLAGS)
    key = (translation.get_language(), match.url_name if match else None, flags)
    html = _navigations.get(key)
    if html is None:
        values = dict(zip(NAVIGATION_FLAGS, flags, strict=True))
        html = _navigations[key] = render_to_string("ui/_main_nav.html", {**values, "request": request})
    return mark_safe(html)  # noqa: S308 (rendered by the template)


# The links to a dossier's pages by what they depend on, with a stand-in for the dossier's id.
_dossier_navs: dict[tuple[Any, ...], str] = {}
STAND_IN_ID = "00000000-0000-0000-0000-000000000000"


@register.simple_tag(takes_context=True)
def dossier_nav_items(context: template.Context) -> str:
    """The links to the pages of one dossier (ui/_dossier_nav_items.html), shown twice by ui/_dossier_nav.html
    (tabs and phone menu). Their HTML depends on the language, the current page, the sections the reader may
    see and whether the dossier works with Signs of Success, and on the dossier's id only inside the links: it
    is rendered once per combination with a stand-in id, kept per process, and the id is put in per page."""
    dossier, sections = context["dossier"], context.get("sections") or ()
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    names = tuple(sorted(str(section) for section in sections))
    youth = "safety_plan" in names and dossier.is_youth_probation
    key = (translation.get_language(), match.url_name if match else None, names, youth)
    html = _dossier_navs.get(key)
    if html is None:
        stand_in = SimpleNamespace(pk=STAND_IN_ID, is_youth_probation=youth)
        values = {"dossier": stand_in, "sections": set(names), "request": request}
        html = _dossier_navs[key] = render_to_string("ui/_dossier_nav_items.html", values)
    return mark_safe(html.replace(STAND_IN_ID, str(dossier.pk)))  # noqa: S308 (a UUID in rendered HTML)
