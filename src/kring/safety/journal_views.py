"""The safety journal page: the running log of how the plan works day to day, newest first, with what is new
for the reader; a form to write an entry down; a button to mark everything read."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from kring.access.policy import Action, Section
from kring.cases.selectors import OpenDossier, dossier_open
from kring.ui.pages import dossier_view, submit

from . import journal
from .forms import JournalEntryForm
from .models import JournalKind
from .views import page_context, reopen_to_read


def _form(dossier: Any, data: Any = None) -> JournalEntryForm:
    return JournalEntryForm(
        data,
        dossier=dossier,
        rules=journal.current_rules(dossier),
        initial={"happened_on": timezone.localdate()},
    )


def _page(
    request: HttpRequest, opened: OpenDossier, form: JournalEntryForm | None = None, status: int = 200
) -> HttpResponse:
    dossier = opened.dossier
    kind = request.GET.get("kind")
    page, unread = journal.journal_page(
        dossier=dossier, user=request.user, page=request.GET.get("page"), kind=kind
    )
    context = page_context(opened, _("Safety journal"))
    context.update(
        page_obj=page,
        unread=unread,
        kind=kind if kind in JournalKind.values else "",
        kinds=JournalKind.choices,
    )
    if context["may_edit"]:
        context["form"] = form or _form(dossier)
    return render(request, "safety/journal.html", context, status=status)


@dossier_view
@require_GET
def safety_journal(request: HttpRequest, dossier_id: str) -> HttpResponse:
    opened = dossier_open(user=request.user, dossier_id=dossier_id, reads=[Section.SAFETY_PLAN])
    return _page(request, opened)


@dossier_view
@require_POST
def safety_journal_add(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
    ).dossier
    form = _form(dossier, request.POST)
    entry = submit(
        form,
        lambda data: journal.journal_entry_add(
            actor=request.user,
            dossier=dossier,
            happened_on=data["happened_on"],
            kind=data["kind"],
            text=data["text"],
            said_by_participant=data["said_by_participant"],
            said_by_child=data["said_by_child"],
            rule=data["rule"],
        ),
    )
    if entry:
        messages.success(request, _("The entry is in the journal."))
        return redirect(reverse("safety_journal", args=[dossier.pk]) + f"#entry-{entry.pk}")
    return _page(request, reopen_to_read(request, dossier), form=form, status=400)


@dossier_view
@require_POST
def safety_journal_read(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
    ).dossier
    n = journal.journal_mark_read(actor=request.user, dossier=dossier)
    messages.success(
        request, ngettext("%(n)s entry marked as read.", "%(n)s entries marked as read.", n) % {"n": n}
    )
    return redirect("safety_journal", dossier_id=dossier.pk)
