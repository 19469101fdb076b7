"""Danger statements and safety goals: one page with both lists and their forms, and an edit page for each.

A form's "Compose the sentence" button shows the sentence the fields make, in the form, without saving: the
worker then edits it and saves. Without a sentence the save composes it. Edits carry the revision they were
read at; a stale edit is refused with a message and saves nothing.
"""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kring.access.policy import Action, Section
from kring.cases.selectors import OpenDossier, dossier_open
from kring.ui.pages import dossier_view, submit

from . import statements
from .forms import DangerStatementForm, SafetyGoalForm, StatementForm
from .models import DangerStatement, SafetyGoal, StatementLanguage
from .views import page_context, reopen_to_read

KINDS = {
    "danger": (DangerStatementForm, statements.danger_preview),
    "goal": (SafetyGoalForm, statements.goal_preview),
}


def _language() -> str:
    language = (get_language() or "nl")[:2]
    return language if language in StatementLanguage.values else "nl"


def _composed(form: StatementForm, kind: str) -> StatementForm:
    """The same form with the sentence its fields compose (when they are valid), to edit before saving."""
    if not form.is_valid():
        return form
    data = form.data.copy()
    data[form.add_prefix("text")] = KINDS[kind][1](form.cleaned_data)
    data.pop(form.add_prefix("recompose"), None)
    return type(form)(data, dossier=form.dossier, prefix=form.prefix, editing="revision" in form.fields)


def _page(
    request: HttpRequest,
    opened: OpenDossier,
    *,
    danger_form: StatementForm | None = None,
    goal_form: StatementForm | None = None,
    status: int = 200,
) -> HttpResponse:
    dossier = opened.dossier
    context = page_context(opened, _("Danger statements and safety goals"))
    if context["may_edit"]:
        initial = {"language": _language()}
        danger_form = danger_form or DangerStatementForm(dossier=dossier, prefix="danger", initial=initial)
        goal_form = goal_form or SafetyGoalForm(dossier=dossier, prefix="goal", initial=initial)
    context.update(
        danger_statements=list(dossier.danger_statements.prefetch_related("children")),
        safety_goals=list(
            dossier.safety_goals.select_related("danger_statement").prefetch_related("children")
        ),
        danger_form=danger_form if context["may_edit"] else None,
        goal_form=goal_form if context["may_edit"] else None,
    )
    return render(request, "safety/statements.html", context, status=status)


@dossier_view
def safety_statements(request: HttpRequest, dossier_id: str) -> HttpResponse:
    opened = dossier_open(user=request.user, dossier_id=dossier_id, reads=[Section.SAFETY_PLAN])
    return _page(request, opened)


def _saved(request: HttpRequest, dossier: Any, anchor: str, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(reverse("safety_statements", args=[dossier.pk]) + f"#{anchor}")


def _write(kind: str, request: HttpRequest, dossier: Any, instance: Any = None) -> Any:
    def write(data: dict[str, Any]) -> Any:
        if kind == "danger":
            return statements.danger_statement_save(
                actor=request.user, dossier=dossier, statement=instance, **data
            )
        return statements.safety_goal_save(actor=request.user, dossier=dossier, goal=instance, **data)

    return write


@dossier_view
@require_POST
def safety_danger_statement_add(request: HttpRequest, dossier_id: str) -> HttpResponse:
    return _add(request, dossier_id, "danger")


@dossier_view
@require_POST
def safety_goal_add(request: HttpRequest, dossier_id: str) -> HttpResponse:
    return _add(request, dossier_id, "goal")


def _add(request: HttpRequest, dossier_id: str, kind: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
    ).dossier
    form = KINDS[kind][0](request.POST, dossier=dossier, prefix=kind)
    forms = {"danger": "danger_form", "goal": "goal_form"}
    if "compose" in request.POST:
        return _page(request, reopen_to_read(request, dossier), **{forms[kind]: _composed(form, kind)})
    saved = submit(form, _write(kind, request, dossier))
    if saved:
        message = _("The danger statement is saved.") if kind == "danger" else _("The safety goal is saved.")
        return _saved(request, dossier, f"{kind}-{saved.pk}", message)
    return _page(request, reopen_to_read(request, dossier), status=400, **{forms[kind]: form})


def _initial(instance: DangerStatement | SafetyGoal, fields: list[str]) -> dict[str, Any]:
    initial = {name: getattr(instance, name) for name in fields if hasattr(instance, name)}
    initial["children"] = list(instance.children.all())
    return initial


def _edit(request: HttpRequest, dossier_id: str, kind: str, pk: int) -> HttpResponse:
    if request.method == "POST":
        dossier = dossier_open(
            user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
        ).dossier
    else:
        opened = dossier_open(user=request.user, dossier_id=dossier_id, reads=[Section.SAFETY_PLAN])
        dossier = opened.dossier
    model = DangerStatement if kind == "danger" else SafetyGoal
    instance = get_object_or_404(model, pk=pk, dossier=dossier)
    instance.dossier = dossier
    form_class = KINDS[kind][0]
    status = 200
    if request.method == "POST":
        form = form_class(request.POST, dossier=dossier, prefix=kind, editing=True)
        if "compose" in request.POST:
            form = _composed(form, kind)
        elif submit(form, _write(kind, request, dossier, instance)):
            message = (
                _("The danger statement is saved.") if kind == "danger" else _("The safety goal is saved.")
            )
            return _saved(request, dossier, f"{kind}-{instance.pk}", message)
        else:
            status = 400
    else:
        form = form_class(
            dossier=dossier,
            prefix=kind,
            editing=True,
            initial=_initial(instance, list(form_class.base_fields)),
        )
    if request.method == "POST":
        opened = reopen_to_read(request, dossier)
    context = page_context(
        opened,
        _("Change the danger statement") if kind == "danger" else _("Change the safety goal"),
    )
    context.update(form=form, instance=instance, kind=kind)
    if not context["may_edit"]:
        context["form"] = None
    return render(request, "safety/statement_edit.html", context, status=status)


@dossier_view
@require_http_methods(["GET", "POST"])
def safety_danger_statement_edit(request: HttpRequest, dossier_id: str, statement_id: int) -> HttpResponse:
    return _edit(request, dossier_id, "danger", statement_id)


@dossier_view
@require_http_methods(["GET", "POST"])
def safety_goal_edit(request: HttpRequest, dossier_id: str, goal_id: int) -> HttpResponse:
    return _edit(request, dossier_id, "goal", goal_id)
