"""The mapping pages: the mapping of a meeting in three columns, its earlier versions, and what changed.

The quick forms under the columns post normally (and the page comes back with a message) or, with htmx, get
back only their column with the new item, an empty field that keeps the focus, and a message for the live
region. Every view loads the dossier through the access policy (404 for anyone who may not see or write).
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kring.access.policy import Action, Section
from kring.cases.selectors import OpenDossier, dossier_open
from kring.ui.pages import dossier_view, form_messages, is_htmx, submit

from . import mapping as services
from . import selectors
from .forms import MappingForm, MappingItemEditForm, MappingItemForm
from .models import COLUMN_ELEMENTS, Mapping, MappingElement, MappingItem, SafetyGoal
from .views import page_context, reopen_to_read


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 9 else None


def _columns(
    mapping: Mapping | None, editable: bool, forms: dict[str, MappingItemForm] | None = None
) -> list:
    if mapping is None:
        return []
    columns = services.items_by_column(mapping.items.all())
    # the safety goals already set (on the statements page) stand beside the column's own safety goals
    goals = list(SafetyGoal.objects.filter(dossier_id=mapping.dossier_id).order_by("created_at", "pk"))
    for column in columns:
        column["form"] = (forms or {}).get(column["key"]) or MappingItemForm(column=column["key"])
        column["editable"] = editable
        column["all_elements"] = MappingElement.choices
        for element in column["elements"]:
            if element["key"] == MappingElement.SAFETY_GOAL:
                element["goals_set"] = goals
    return columns


def _page(
    request: HttpRequest,
    opened: OpenDossier,
    page: selectors.MappingPage,
    *,
    new_form: MappingForm | None = None,
    edit_form: MappingForm | None = None,
    status: int = 200,
) -> HttpResponse:
    dossier = opened.dossier
    context = page_context(opened, _("Mapping"))
    editable = context["may_edit"] and page.shown_is_newest
    shown = page.shown
    if context["may_edit"] and new_form is None:
        newest = page.newest
        new_form = MappingForm(
            dossier=dossier,
            prefix="new",
            initial={"held_on": timezone.localdate(), "meeting": newest.meeting if newest else ""},
        )
    if editable and edit_form is None:
        edit_form = MappingForm(
            dossier=dossier,
            prefix="edit",
            initial={
                "held_on": shown.held_on,
                "meeting": shown.meeting,
                "participants": list(shown.participants.all()),
                "circle_members": list(shown.circle_members.all()),
                "safety_scale": shown.safety_scale,
            },
        )
    context.update(
        page=page,
        mapping=shown,
        editable=editable,
        columns=_columns(shown, editable),
        comparison=services.mapping_compare(page.previous, shown) if page.previous else None,
        new_form=new_form if context["may_edit"] else None,
        edit_form=edit_form if editable else None,
    )
    return render(request, "safety/mapping.html", context, status=status)


@dossier_view
@require_GET
def safety_mapping(request: HttpRequest, dossier_id: str) -> HttpResponse:
    opened = dossier_open(user=request.user, dossier_id=dossier_id, reads=[Section.SAFETY_PLAN])
    dossier = opened.dossier
    page = selectors.mapping_page(dossier=dossier, number=_number(request.GET.get("version")))
    return _page(request, opened, page)


def _to_page(dossier: Any, anchor: str = "", number: int | None = None) -> HttpResponse:
    url = reverse("safety_mapping", args=[dossier.pk])
    if number is not None:
        url += f"?version={number}"
    return redirect(url + (f"#{anchor}" if anchor else ""))


@dossier_view
@require_POST
def safety_mapping_add(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
    ).dossier
    form = MappingForm(request.POST, dossier=dossier, prefix="new")
    mapping = submit(form, lambda data: services.mapping_create(actor=request.user, dossier=dossier, **data))
    if mapping:
        messages.success(
            request, _("The mapping of this meeting is started, with the items of the last one.")
        )
        return _to_page(dossier)
    return _page(
        request,
        reopen_to_read(request, dossier),
        selectors.mapping_page(dossier=dossier),
        new_form=form,
        status=400,
    )


def _mapping(dossier: Any, mapping_id: int) -> Mapping:
    mapping = get_object_or_404(Mapping, pk=mapping_id, dossier=dossier)
    mapping.dossier = dossier
    return mapping


@dossier_view
@require_POST
def safety_mapping_edit(request: HttpRequest, dossier_id: str, mapping_id: int) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
    ).dossier
    mapping = _mapping(dossier, mapping_id)
    form = MappingForm(request.POST, dossier=dossier, prefix="edit")
    if submit(form, lambda data: services.mapping_update(actor=request.user, mapping=mapping, **data)):
        messages.success(request, _("The meeting's details are saved."))
        return _to_page(dossier, "meeting")
    page = selectors.mapping_page(dossier=dossier, number=mapping.number)
    if not page.shown_is_newest:  # an earlier mapping shows no form to put the refusal on
        form_messages(request, form)
        return _to_page(dossier, "meeting", mapping.number)
    return _page(request, reopen_to_read(request, dossier), page, edit_form=form, status=400)


@dossier_view
@require_POST
def safety_mapping_item_add(request: HttpRequest, dossier_id: str, mapping_id: int) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
    ).dossier
    mapping = _mapping(dossier, mapping_id)
    column = request.POST.get("column", "")
    if column not in COLUMN_ELEMENTS:
        column = next(iter(COLUMN_ELEMENTS))
    form = MappingItemForm(request.POST, column=column)
    item = submit(
        form,
        lambda data: services.mapping_item_add(
            actor=request.user, mapping=mapping, element=data["element"], text=data["text"], column=column
        ),
    )
    if item:
        message = _("Added under “%(element)s”: %(text)s") % {
            "element": item.get_element_display(),
            "text": item.text,
        }
    else:
        message = " ".join(e for errors in form.errors.values() for e in errors)
    if is_htmx(request):
        # The column alone: the new item in its place, the field empty again with the focus, the element
        # kept as chosen (the next item is often of the same kind); an error stays on the form.
        fresh = MappingItemForm(column=column, initial={"element": item.element}) if item else form
        columns = _columns(mapping, True, {column: fresh})
        context = {
            "dossier": reopen_to_read(request, dossier).dossier,
            "mapping": mapping,
            "column": next(c for c in columns if c["key"] == column),
            "focus": True,
            "status_message": message,
            "status_level": "ok" if item else "error",
        }
        return render(request, "safety/mapping/_column.html", context)
    (messages.success if item else messages.error)(request, message)
    return _to_page(dossier, f"column-{column}")


def _item(dossier: Any, item_id: int) -> MappingItem:
    item = get_object_or_404(
        MappingItem.objects.select_related("mapping"), pk=item_id, mapping__dossier=dossier
    )
    item.mapping.dossier = dossier
    return item


@dossier_view
@require_POST
def safety_mapping_item_edit(request: HttpRequest, dossier_id: str, item_id: int) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
    ).dossier
    item = _item(dossier, item_id)
    form = MappingItemEditForm(request.POST)
    if submit(
        form,
        lambda data: services.mapping_item_update(
            actor=request.user,
            item=item,
            element=data["element"],
            text=data["text"],
            revision=data["revision"],
        ),
    ):
        messages.success(request, _("The item is changed."))
    else:
        form_messages(request, form)
    return _to_page(dossier, f"item-{item.pk}")


@dossier_view
@require_POST
def safety_mapping_item_remove(request: HttpRequest, dossier_id: str, item_id: int) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
    ).dossier
    item = _item(dossier, item_id)
    column = item.column
    try:
        services.mapping_item_remove(actor=request.user, item=item)
        messages.success(request, _("The item is removed from this mapping; earlier mappings keep it."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return _to_page(dossier, f"column-{column}")


@dossier_view
@require_GET
def safety_mapping_changes(request: HttpRequest, dossier_id: str) -> HttpResponse:
    """What changed between two mappings: by default the newest against the one before it."""
    opened = dossier_open(user=request.user, dossier_id=dossier_id, reads=[Section.SAFETY_PLAN])
    dossier = opened.dossier
    versions = list(Mapping.objects.filter(dossier=dossier).order_by("number"))
    numbers = [m.number for m in versions]
    comparison = None
    if len(numbers) >= 2:
        older = _number(request.GET.get("from"))
        newer = _number(request.GET.get("to"))
        older = older if older in numbers else numbers[-2]
        newer = newer if newer in numbers else numbers[-1]
        comparison = services.mapping_compare(
            *selectors.mapping_pair(dossier=dossier, older=older, newer=newer)
        )
    context = page_context(opened, _("What changed since last time"))
    context.update(versions=versions, comparison=comparison)
    return render(request, "safety/mapping_changes.html", context)
