"""The child's space in the portal (/gezin/<dossier>/…): "how am I doing" and the young person's own
words-and-pictures story, one part per screen, with a "read aloud" button (portal/read_aloud.js). Thin, like
views.py: the family door, then a selector or a service."""

import logging

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kring.access.family import FamilyAction, FamilyPart, family_may
from kring.access.policy import DossierClosed
from kring.safety.childvoice import images
from kring.safety.childvoice.models import FEELING_FACES, Feeling
from kring.ui.pages import submit

from . import selectors, selectors_child, services_child
from .forms_child import HowAmIDoingForm
from .views import _context, family_login_required

logger = logging.getLogger(__name__)


def feelings() -> list[dict[str, object]]:
    """The five choices, from very good to very bad, each with its face."""
    return [
        {"value": value, "label": label, "face": FEELING_FACES[value]} for value, label in Feeling.choices
    ]


@family_login_required
@require_http_methods(["GET", "POST"])
def how_am_i_doing(request: HttpRequest, dossier_id: str) -> HttpResponse:
    """The young person picks how they are doing today; a second answer the same day replaces the first."""
    form, status = None, 200
    if request.method == "POST":
        try:
            opened = selectors.portal_open(
                user=request.user, dossier_id=dossier_id, action=FamilyAction.SAY_HOW_I_AM_DOING
            )
        except DossierClosed as closed:
            messages.error(request, closed.message)
            return redirect("portal_how_am_i_doing", dossier_id)
        form = HowAmIDoingForm(request.POST)
        saved = submit(
            form,
            lambda data: services_child.family_how_am_i_doing_save(
                decision=opened.decision, feeling=data["feeling"], words=data["words"]
            ),
        )
        if saved:
            messages.success(request, _("Thank you. Your case worker will see how you are doing."))
            return redirect("portal_how_am_i_doing", opened.dossier.pk)
        status = 400
    opened = selectors.portal_open(
        user=request.user, dossier_id=dossier_id, reads=[FamilyPart.HOW_AM_I_DOING]
    )
    answers = selectors_child.family_how_am_i_doing(opened=opened)
    may_say = family_may(opened.decision, FamilyAction.SAY_HOW_I_AM_DOING)
    if form is None and may_say:
        form = HowAmIDoingForm()
    chosen = str(form["feeling"].value() or "") if form is not None else ""
    context = _context(opened, form=form, answers=answers, feelings=feelings(), chosen=chosen)
    return render(request, "portal/how_am_i_doing.html", context, status=status)


@family_login_required
def story(request: HttpRequest, dossier_id: str, number: int = 1) -> HttpResponse:
    """The young person's own words-and-pictures story, one part per screen: large text, the picture, and
    "back" and "next"."""
    opened = selectors.portal_open(user=request.user, dossier_id=dossier_id, reads=[FamilyPart.STORY])
    panels = selectors_child.family_story_panels(opened=opened)
    if panels and not 1 <= number <= len(panels):
        raise Http404
    panel = panels[number - 1] if panels else None
    context = _context(opened, panel=panel, number=number, total=len(panels))
    return render(request, "portal/story.html", context)


@family_login_required
def story_picture(request: HttpRequest, dossier_id: str, panel_id: int) -> HttpResponse:
    """The picture of a panel of the young person's own story (every look in the access log)."""
    opened = selectors.portal_open(user=request.user, dossier_id=dossier_id, reads=[FamilyPart.STORY])
    panel = selectors_child.family_story_picture(opened=opened, panel_id=panel_id)
    try:
        stored = images.image_storage().open(panel.image_name, "rb")
    except FileNotFoundError:
        logger.error("The picture of panel %s is missing from the storage", panel.pk)
        raise Http404 from None
    response = FileResponse(stored, content_type=panel.image_content_type)
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
