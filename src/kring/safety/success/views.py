"""The Signs of Success overview of a youth probation dossier: the book-ends, with earlier versions."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from kring.access.policy import Action, Section
from kring.cases.history_views import _base_context, _submit
from kring.cases.selectors import dossier_audit_read, dossier_get_for_user

from . import services
from .models import BookEnds, IkPlan


class BookEndsForm(forms.Form):
    greatest_worry = forms.CharField(
        label=_("Greatest worry"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    success_goal = forms.CharField(
        label=_("Success goal"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    actions = forms.CharField(
        label=_("Actions and who does what"),
        help_text=_(
            "One action per line: who, a colon, then what they do. For example: Probation: sets the frame."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )

    def clean_actions(self) -> list[dict[str, str]]:
        actions = []
        for number, line in enumerate(self.cleaned_data["actions"].splitlines(), start=1):
            if not line.strip():
                continue
            who, sep, what = line.partition(":")
            if not sep:
                raise ValidationError(
                    _("Line %(number)s: write who does it, a colon, then what they do."),
                    params={"number": number},
                )
            actions.append({"who": who.strip(), "what": what.strip()})
        return actions


class IkPlanForm(forms.Form):
    goals = forms.CharField(
        label=_("My goals, in my own words"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    steps = forms.CharField(label=_("My steps"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    helpers = forms.CharField(
        label=_("Who helps me"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    written_by = forms.ChoiceField(label=_("Who wrote this plan?"), choices=IkPlan.WrittenBy.choices)


def _actions_text(book_ends: BookEnds | None) -> str:
    return "\n".join(f"{a['who']}: {a['what']}" for a in book_ends.actions) if book_ends else ""


def _page(
    request: HttpRequest,
    dossier: Any,
    decision: Any,
    form: BookEndsForm | None = None,
    ik_form: IkPlanForm | None = None,
) -> HttpResponse:
    context = _base_context(request, dossier, decision)
    versions = list(BookEnds.objects.filter(dossier=dossier).select_related("recorded_by"))
    current = versions[0] if versions else None
    may_edit = Section.SAFETY_PLAN in context["editable"]
    if may_edit and form is None:
        form = BookEndsForm(
            initial={
                "greatest_worry": current.greatest_worry if current else "",
                "success_goal": current.success_goal if current else "",
                "actions": _actions_text(current),
            }
        )
    ik_plans = list(IkPlan.objects.filter(dossier=dossier))
    if may_edit and ik_form is None:
        latest = ik_plans[0] if ik_plans else None
        ik_form = IkPlanForm(
            initial={
                "goals": latest.goals if latest else "",
                "steps": latest.steps if latest else "",
                "helpers": latest.helpers if latest else "",
                "written_by": IkPlan.WrittenBy.YOUNG_PERSON,
            },
            prefix="ik",
        )
    dossier_audit_read(user=request.user, dossier=dossier, decision=decision, sections=[Section.SAFETY_PLAN])
    context.update(
        {
            "current": current,
            "earlier": versions[1:],
            "form": form if may_edit else None,
            "ik_plan": ik_plans[0] if ik_plans else None,
            "ik_earlier": ik_plans[1:],
            "ik_form": ik_form if may_edit else None,
        }
    )
    return render(
        request,
        "success/overview.html",
        context,
        status=400 if (form and form.errors) or (ik_form and ik_form.errors) else 200,
    )


@login_required
def success_overview(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier, decision = dossier_get_for_user(
        user=request.user, dossier_id=dossier_id, section=Section.SAFETY_PLAN
    )
    if request.method == "POST":
        dossier, decision = dossier_get_for_user(
            user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
        )
        if "ik-goals" in request.POST:
            ik_form = IkPlanForm(request.POST, prefix="ik")
            if _submit(
                ik_form, lambda data: services.ik_plan_save(actor=request.user, dossier=dossier, **data)
            ):
                messages.success(request, _("The IK-plan has been saved as a new version."))
                return redirect("success_overview", dossier_id=dossier.pk)
            return _page(request, dossier, decision, ik_form=ik_form)
        form = BookEndsForm(request.POST)
        if _submit(form, lambda data: services.book_ends_save(actor=request.user, dossier=dossier, **data)):
            messages.success(request, _("The book-ends have been saved as a new version."))
            return redirect("success_overview", dossier_id=dossier.pk)
        return _page(request, dossier, decision, form)
    return _page(request, dossier, decision)
