"""Pages of the child's voice: per child the words-and-pictures story, the pictures (only through here) and
the printable PDF. Every view opens the dossier through the door selectors.child_voice_open (404 for anyone
not allowed, audited; it logs the read), parses a form, calls a service, and redirects with a message."""

import logging
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring.access.policy import Action
from kring.cases.models import Dossier, Person
from kring.cases.selectors import OpenDossier
from kring.ui.exports import export_or_nothing
from kring.ui.pages import dossier_view, submit
from kring.ui.pdf import pdf_response, render_pdf

from . import images, services
from .charts import how_am_i_doing_chart
from .forms import MoveForm, PanelChangeForm, PanelForm, RevisionForm, ThreeHousesForm
from .models import Panel
from .selectors import (
    child_get,
    child_voice_open,
    child_voice_picture_open,
    children_overview,
    how_am_i_doing_of,
    panel_get,
    story_of,
    three_houses_of,
)

logger = logging.getLogger(__name__)


def _child_url(dossier: Dossier, child_id: Any, anchor: str = "") -> str:
    url = reverse("childvoice_child", kwargs={"dossier_id": dossier.pk, "child_id": child_id})
    return f"{url}#{anchor}" if anchor else url


@dossier_view
def childvoice_overview(request: HttpRequest, dossier_id: str) -> HttpResponse:
    opened = child_voice_open(user=request.user, dossier_id=dossier_id)
    context = opened.page_context()
    context["rows"] = children_overview(dossier=opened.dossier)
    return render(request, "childvoice/overview.html", context)


def _child_page(
    request: HttpRequest,
    opened: OpenDossier,
    child: Person,
    *,
    add_form: PanelForm | None = None,
    change_form: tuple[int, PanelChangeForm] | None = None,
    houses_form: ThreeHousesForm | None = None,
) -> HttpResponse:
    context = opened.page_context()
    dossier = opened.dossier
    story = story_of(dossier=dossier, child=child)
    panels = story.panel_list if story else []
    houses = three_houses_of(dossier=dossier, child=child)
    feelings = how_am_i_doing_of(dossier=dossier, child=child)
    may_edit = bool(context["editable"])
    revision = story.revision if story else 0
    if may_edit:
        for panel in panels:
            if change_form and change_form[0] == panel.pk:
                panel.form = change_form[1]
            else:
                panel.form = PanelChangeForm(
                    initial={"text": panel.text, "image_alt": panel.image_alt, "revision": revision},
                    auto_id=f"id_panel{panel.pk}_%s",
                )
        add_form = add_form or PanelForm(initial={"revision": revision}, auto_id="id_add_%s")
        current = houses[0] if houses else None
        houses_form = houses_form or ThreeHousesForm(
            initial={
                "worries": current.worries if current else "",
                "good_things": current.good_things if current else "",
                "dreams": current.dreams if current else "",
                "based_on": current.version if current else 0,
            },
            auto_id="id_houses_%s",
        )
    context.update(
        {
            "child": child,
            "story": story,
            "panels": panels,
            "revision": revision,
            "may_edit": may_edit,
            "add_form": add_form if may_edit else None,
            "houses": houses[0] if houses else None,
            "earlier_houses": houses[1:],
            "houses_form": houses_form if may_edit else None,
            "how_am_i_doing": feelings,
            "how_am_i_doing_chart": how_am_i_doing_chart(feelings),
        }
    )
    failed = (
        (add_form is not None and add_form.errors)
        or (change_form and change_form[1].errors)
        or (houses_form is not None and houses_form.errors)
    )
    return render(request, "childvoice/child.html", context, status=400 if failed else 200)


@dossier_view
def childvoice_child(request: HttpRequest, dossier_id: str, child_id: int) -> HttpResponse:
    opened = child_voice_open(user=request.user, dossier_id=dossier_id)
    return _child_page(request, opened, child_get(dossier=opened.dossier, child_id=child_id))


@dossier_view
@require_POST
def childvoice_panel_add(request: HttpRequest, dossier_id: str, child_id: int) -> HttpResponse:
    dossier = child_voice_open(user=request.user, dossier_id=dossier_id, action=Action.EDIT).dossier
    child = child_get(dossier=dossier, child_id=child_id)
    form = PanelForm(request.POST, request.FILES, auto_id="id_add_%s")
    added: list[Any] = []

    def write(data: dict[str, Any]) -> Any:
        added.append(services.panel_add(actor=request.user, dossier=dossier, child=child, **data))

    if submit(form, write):
        messages.success(request, _("The panel has been added to the story."))
        return redirect(_child_url(dossier, child.pk, f"panel-{added[0].pk}"))
    return _child_page(request, _reopen_to_read(request, dossier), child, add_form=form)


@dossier_view
@require_POST
def childvoice_panel_change(request: HttpRequest, dossier_id: str, panel_id: int) -> HttpResponse:
    dossier = child_voice_open(user=request.user, dossier_id=dossier_id, action=Action.EDIT).dossier
    panel = panel_get(dossier=dossier, panel_id=panel_id)
    form = PanelChangeForm(request.POST, request.FILES, auto_id=f"id_panel{panel.pk}_%s")

    def write(data: dict[str, Any]) -> Any:
        return services.panel_change(actor=request.user, panel=panel, **data)

    if submit(form, write):
        messages.success(request, _("The panel has been changed."))
        return redirect(_child_url(dossier, panel.story.child_id, f"panel-{panel.pk}"))
    child = child_get(dossier=dossier, child_id=panel.story.child_id)
    return _child_page(request, _reopen_to_read(request, dossier), child, change_form=(panel.pk, form))


@dossier_view
@require_POST
def childvoice_houses_save(request: HttpRequest, dossier_id: str, child_id: int) -> HttpResponse:
    dossier = child_voice_open(user=request.user, dossier_id=dossier_id, action=Action.EDIT).dossier
    child = child_get(dossier=dossier, child_id=child_id)
    form = ThreeHousesForm(request.POST, auto_id="id_houses_%s")

    def write(data: dict[str, Any]) -> Any:
        return services.three_houses_save(actor=request.user, dossier=dossier, child=child, **data)

    if submit(form, write):
        messages.success(request, _("The three houses have been saved as a new version."))
        return redirect(_child_url(dossier, child.pk, "houses"))
    return _child_page(request, _reopen_to_read(request, dossier), child, houses_form=form)


def _on_panel(
    request: HttpRequest,
    dossier_id: str,
    panel_id: int,
    form_class: type[Form],
    act: Callable[[Panel, dict[str, Any]], Any],
    done: str,
    anchor: Callable[[Panel], str],
) -> HttpResponse:
    """Move or remove a panel: parse the small form, call the service, and go back to the story with a
    message either way (these forms are buttons; there is nothing to show again)."""
    dossier = child_voice_open(user=request.user, dossier_id=dossier_id, action=Action.EDIT).dossier
    panel = panel_get(dossier=dossier, panel_id=panel_id)
    form = form_class(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    else:
        try:
            act(panel, form.cleaned_data)
            messages.success(request, done)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    return redirect(_child_url(dossier, panel.story.child_id, anchor(panel)))


@dossier_view
@require_POST
def childvoice_panel_move(request: HttpRequest, dossier_id: str, panel_id: int) -> HttpResponse:
    return _on_panel(
        request,
        dossier_id,
        panel_id,
        MoveForm,
        lambda panel, data: services.panel_move(actor=request.user, panel=panel, **data),
        _("The panel has been moved."),
        lambda panel: f"panel-{panel.pk}",
    )


@dossier_view
@require_POST
def childvoice_panel_remove(request: HttpRequest, dossier_id: str, panel_id: int) -> HttpResponse:
    return _on_panel(
        request,
        dossier_id,
        panel_id,
        RevisionForm,
        lambda panel, data: services.panel_remove(actor=request.user, panel=panel, **data),
        _("The panel has been taken out of the story."),
        lambda panel: "story",
    )


@dossier_view
def childvoice_panel_image(request: HttpRequest, dossier_id: str, panel_id: int) -> HttpResponse:
    """The picture of one panel: only for who may see the child's voice, and every look is audited."""
    panel = child_voice_picture_open(user=request.user, dossier_id=dossier_id, panel_id=panel_id)
    try:
        stored = images.image_storage().open(panel.image_name, "rb")
    except FileNotFoundError:
        logger.error("The picture of panel %s is missing from the storage", panel.pk)
        raise Http404 from None
    response = FileResponse(stored, content_type=panel.image_content_type)
    extension = images.EXTENSIONS["jpeg" if panel.image_content_type == "image/jpeg" else "png"]
    response["Content-Disposition"] = f'inline; filename="panel-{panel.pk}.{extension}"'
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@dossier_view
def childvoice_print(request: HttpRequest, dossier_id: str, child_id: int) -> HttpResponse:
    """The child's story and newest three houses as a PDF to print and go through together: big letters, one
    picture per panel."""

    def make(opened: OpenDossier) -> HttpResponse:
        dossier = opened.dossier
        child = child_get(dossier=dossier, child_id=child_id)
        story = story_of(dossier=dossier, child=child)
        panels = story.panel_list if story else []
        for panel in panels:
            panel.data_url = (
                images.image_data_url(panel.image_name, panel.image_content_type) if panel.has_image else ""
            )
        houses = three_houses_of(dossier=dossier, child=child)[:1]
        pdf = render_pdf(
            "childvoice/story_pdf.html",
            {"dossier": dossier, "child": child, "panels": panels, "houses": houses[0] if houses else None},
            request,
        )
        return pdf_response(pdf, f"{dossier.reference}-story-{child.pk}")

    return export_or_nothing(
        lambda: child_voice_open(user=request.user, dossier_id=dossier_id, export_format="pdf"), make
    )


def _reopen_to_read(request: HttpRequest, dossier: Dossier) -> OpenDossier:
    """The dossier opened once more, to show the child's page again with a refused form (the read logged as
    on a GET)."""
    return child_voice_open(user=request.user, dossier_id=dossier.pk)
