"""Filling in: plan a questionnaire, give the respondent a one-time link (with a QR code), fill it in
together on the worker's screen — and the respondent's own page behind the link, without an account.

The worker's pages open the dossier through the door (dossier_open, Section.FEEDBACK; 404 for anyone else),
which logs what they show; the services check and audit every write. The respondent's page checks the
link and the rate limit in self_entry.py, and shows nothing of the dossier but the questionnaire and a first
name."""

from typing import Any

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kring.access.policy import Action, Section
from kring.audit.middleware import client_ip
from kring.cases.selectors import OpenDossier, dossier_open
from kring.ui.forms import add_service_error
from kring.ui.pages import dossier_view

from . import self_entry, services
from .forms import EntryModeForm, LinkForm, PlanForm, answers_from, questions
from .models import Administration, EntryMode, Instrument, RespondentType
from .selectors import open_agreements, waiting_administrations
from .self_entry import LinkRefused, Refusal

REFUSALS = {
    Refusal.INVALID: (
        gettext_lazy("This link does not work"),
        gettext_lazy(
            "Check that you copied the whole link. Does it still not work? Ask your worker for a new link."
        ),
        404,
    ),
    Refusal.EXPIRED: (
        gettext_lazy("This link has expired"),
        gettext_lazy("A link only works for a short time. Ask your worker for a new link."),
        410,
    ),
    Refusal.USED: (
        gettext_lazy("This questionnaire has already been filled in"),
        gettext_lazy(
            "Thank you, your answers have arrived. A link works only once. "
            "Do you want to add something? Ask your worker for a new link."
        ),
        410,
    ),
    Refusal.WITHDRAWN: (
        gettext_lazy("This link no longer works"),
        gettext_lazy("Your worker has stopped this link. Ask your worker for a new link."),
        410,
    ),
    Refusal.TOO_MANY: (
        gettext_lazy("Please wait a moment"),
        gettext_lazy("This page was opened too often in a short time. Wait 10 minutes and try again."),
        429,
    ),
}


# --- the worker's pages -------------------------------------------------------------------------------------


def _administration(dossier: Any, administration_id: int) -> Administration:
    return get_object_or_404(
        Administration.objects.select_related("instrument", "contact"), pk=administration_id, dossier=dossier
    )


def _instruments() -> Any:
    """The latest version of every instrument."""
    latest = {}
    for instrument in Instrument.objects.order_by("slug", "-version"):
        latest.setdefault(instrument.slug, instrument.pk)
    return Instrument.objects.filter(pk__in=latest.values()).order_by("name")


def _open_form_page(request: HttpRequest, dossier_id: str) -> OpenDossier:
    """The door for a page that is a form for writers (plan, fill in): opened to change the feedback, and on
    a GET to show it (the read logged); a POST opens the dossier again to show the page only when refused."""
    posted = request.method == "POST"
    return dossier_open(
        user=request.user,
        dossier_id=dossier_id,
        action=Action.EDIT,
        section=Section.FEEDBACK,
        reads=() if posted else [Section.FEEDBACK],
    )


def _plan_page(request: HttpRequest, opened: OpenDossier, form: PlanForm) -> HttpResponse:
    context = opened.page_context()
    waiting = waiting_administrations(opened.dossier)
    context.update(form=form, waiting=waiting, page_title=_("New questionnaire"))
    return render(request, "feedback/plan.html", context, status=400 if form.errors else 200)


@dossier_view
def feedback_plan(request: HttpRequest, dossier_id: str) -> HttpResponse:
    """Choose a questionnaire and who fills it in; then a link or filling in together."""
    posted = request.method == "POST"
    opened = _open_form_page(request, dossier_id)
    dossier = opened.dossier
    instruments = _instruments()
    chosen = instruments.filter(slug=request.GET.get("instrument", "")).first()
    form = PlanForm(
        request.POST or None,
        dossier=dossier,
        instruments=instruments,
        initial={"instrument": chosen.pk} if chosen else None,
    )
    if posted and form.is_valid():
        try:
            administration = services.administration_plan(
                actor=request.user,
                instrument=form.cleaned_data["instrument"],
                dossier=dossier,
                respondent_type=form.cleaned_data["respondent_type"],
                respondent_label=form.cleaned_data["respondent_label"],
                moment=form.cleaned_data["moment"],
                contact=form.cleaned_data["contact"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return redirect(
                "feedback_administration", dossier_id=dossier.pk, administration_id=administration.pk
            )
    if posted:
        opened = dossier_open(user=request.user, dossier_id=dossier.pk, reads=[Section.FEEDBACK])
    return _plan_page(request, opened, form)


def _administration_page(
    request: HttpRequest,
    opened: OpenDossier,
    administration: Administration,
    *,
    link_form: LinkForm | None = None,
    new_link: dict | None = None,
) -> HttpResponse:
    context = opened.page_context()
    links = list(administration.links.all()[:10])
    context.update(
        administration=administration,
        links=links,
        link_form=link_form or LinkForm(),
        new_link=new_link,
        page_title=administration.instrument.display_name,
    )
    status = 400 if link_form is not None and link_form.errors else 200
    return render(request, "feedback/administration.html", context, status=status)


@dossier_view
def feedback_administration(request: HttpRequest, dossier_id: str, administration_id: int) -> HttpResponse:
    """A planned questionnaire: make a link (QR code) for the respondent, or fill it in together."""
    opened = dossier_open(user=request.user, dossier_id=dossier_id, reads=[Section.FEEDBACK])
    dossier = opened.dossier
    administration = _administration(dossier, administration_id)
    if administration.is_submitted:
        return redirect("feedback_instrument", dossier_id=dossier.pk, slug=administration.instrument.slug)
    return _administration_page(request, opened, administration)


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=5, title=_("QR code of the link to the questionnaire"))


@dossier_view
@require_POST
def feedback_link_create(request: HttpRequest, dossier_id: str, administration_id: int) -> HttpResponse:
    """A new one-time link. The token is shown in this answer only (a hash is stored), so no redirect."""
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.FEEDBACK
    ).dossier
    administration = _administration(dossier, administration_id)
    form = LinkForm(request.POST)
    if form.is_valid():
        try:
            made = self_entry.self_entry_link_create(
                actor=request.user,
                administration=administration,
                valid_hours=form.cleaned_data["valid_hours"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            url = request.build_absolute_uri(reverse("self_entry", args=[made.token]))
            new_link = {"url": url, "qr": qr_svg(url), "expires_at": made.link.expires_at}
            opened = dossier_open(user=request.user, dossier_id=dossier.pk, reads=[Section.FEEDBACK])
            return _administration_page(request, opened, administration, new_link=new_link)
    opened = dossier_open(user=request.user, dossier_id=dossier.pk, reads=[Section.FEEDBACK])
    return _administration_page(request, opened, administration, link_form=form)


@dossier_view
@require_POST
def feedback_link_withdraw(request: HttpRequest, dossier_id: str, administration_id: int) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.FEEDBACK
    ).dossier
    administration = _administration(dossier, administration_id)
    if self_entry.self_entry_link_withdraw(actor=request.user, administration=administration):
        messages.success(request, _("The link no longer works."))
    return redirect("feedback_administration", dossier_id=dossier.pk, administration_id=administration.pk)


@dossier_view
@require_POST
def feedback_administration_withdraw(
    request: HttpRequest, dossier_id: str, administration_id: int
) -> HttpResponse:
    """Take back a planned questionnaire that nobody filled in."""
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.FEEDBACK
    ).dossier
    administration = _administration(dossier, administration_id)
    try:
        services.administration_withdraw(actor=request.user, administration=administration)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The questionnaire has been taken back."))
    return redirect("feedback_results", dossier_id=dossier.pk)


def _fill_page(
    request: HttpRequest,
    opened: OpenDossier,
    administration: Administration,
    *,
    data: Any = None,
    errors: dict | None = None,
    mode_form: EntryModeForm | None = None,
) -> HttpResponse:
    context = opened.page_context()
    together = administration.respondent_type != RespondentType.PROFESSIONAL
    # Samen Sterker looks back at the agreements of the last conversation first
    dossier = opened.dossier
    agreements = open_agreements(dossier) if administration.instrument.slug == "samen-sterker" else []
    context.update(
        administration=administration,
        questions=questions(administration.instrument, data, errors),
        errors=errors,
        mode_form=(mode_form or EntryModeForm()) if together else None,
        open_agreements=agreements,
        page_title=administration.instrument.display_name,
    )
    return render(request, "feedback/fill.html", context, status=400 if errors else 200)


@dossier_view
def feedback_fill(request: HttpRequest, dossier_id: str, administration_id: int) -> HttpResponse:
    """Fill in on the worker's screen: together with the respondent (their answers, 'filled in together'
    noted), or the professional's own answers."""
    posted = request.method == "POST"
    opened = _open_form_page(request, dossier_id)
    dossier = opened.dossier
    administration = _administration(dossier, administration_id)
    if administration.is_submitted:
        messages.info(request, _("This questionnaire has already been filled in."))
        return redirect("feedback_instrument", dossier_id=dossier.pk, slug=administration.instrument.slug)
    if not posted:
        return _fill_page(request, opened, administration)

    def show_again(**refused: Any) -> HttpResponse:
        opened = dossier_open(user=request.user, dossier_id=dossier.pk, reads=[Section.FEEDBACK])
        return _fill_page(request, opened, administration, data=request.POST, mode_form=mode_form, **refused)

    together = administration.respondent_type != RespondentType.PROFESSIONAL
    mode_form = EntryModeForm(request.POST) if together else None
    if mode_form is not None and not mode_form.is_valid():
        return show_again()
    entry_mode = mode_form.cleaned_data["entry_mode"] if mode_form is not None else EntryMode.ENTERED
    answers = answers_from(administration.instrument, request.POST)
    try:
        services.administration_answer(
            actor=request.user, administration=administration, answers=answers, entry_mode=entry_mode
        )
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            messages.error(request, " ".join(error.messages))
            return redirect("feedback_results", dossier_id=dossier.pk)
        return show_again(errors=error.message_dict)
    messages.success(request, _("The answers have been saved."))
    return redirect("feedback_instrument", dossier_id=dossier.pk, slug=administration.instrument.slug)


# --- the respondent's page behind the link ------------------------------------------------------------------


def _public(response: HttpResponse) -> HttpResponse:
    """Nothing of a respondent's page goes to another site or a search engine. ("same-origin", not
    "no-referrer": without a referrer the browser posts the form with Origin: null, which CSRF refuses.)"""
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _refused(request: HttpRequest, reason: Refusal) -> HttpResponse:
    heading, message, status = REFUSALS[reason]
    return _public(
        render(
            request,
            "feedback/self_entry_refused.html",
            {"heading": heading, "message": message},
            status=status,
        )
    )


def self_entry_page(request: HttpRequest, token: str) -> HttpResponse:
    """The questionnaire behind a one-time link, for a respondent without an account."""
    if not self_entry.throttle_hit(client_ip(request)):
        return _refused(request, Refusal.TOO_MANY)
    try:
        link = self_entry.self_entry_open(token)
    except LinkRefused as refused:
        return _refused(request, refused.reason)
    administration = link.administration
    instrument = administration.instrument
    data = errors = None
    if request.method == "POST":
        data = request.POST
        try:
            self_entry.self_entry_submit(token, answers_from(instrument, request.POST))
        except LinkRefused as refused:
            return _refused(request, refused.reason)
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
        else:
            return redirect("self_entry_done")
    context = {
        "instrument_name": instrument.display_name,
        "purpose": instrument.display_purpose,
        "first_name": administration.respondent_label,
        "questions": questions(instrument, data, errors),
        "errors": errors,
    }
    return _public(render(request, "feedback/self_entry.html", context, status=400 if errors else 200))


def self_entry_done(request: HttpRequest) -> HttpResponse:
    return _public(render(request, "feedback/self_entry_done.html"))
