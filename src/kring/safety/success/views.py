"""The Signs of Success overview of a youth probation dossier: the book-ends and the IK-plan with earlier
versions, and the desistance stage over time (Klaar mee?!) with its chart."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from kring.access.policy import Action, Section
from kring.cases.selectors import OpenDossier, dossier_open
from kring.ui.forms import DateInput
from kring.ui.pages import dossier_view, submit

from . import services
from .charts import desistance_chart
from .models import (
    STAGE_MEANINGS,
    BookEnds,
    DesistanceRecord,
    DesistanceStage,
    DesistanceView,
    EarlyClosure,
    IkPlan,
)


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


class DesistanceForm(forms.Form):
    recorded_on = forms.DateField(label=_("Date"), widget=DateInput(), required=False)
    stage = forms.ChoiceField(label=_("Stage"), choices=DesistanceStage.choices, widget=forms.RadioSelect)
    view = forms.ChoiceField(
        label=_("Whose view is this?"), choices=DesistanceView.choices, widget=forms.RadioSelect
    )
    triggers = forms.CharField(
        label=_("What makes me want to stop (triggers)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    obstacles = forms.CharField(
        label=_("What gets in the way (obstacles)"),
        help_text=_("For example provocations, temptations, friends who still commit offences."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    relapse = forms.BooleanField(label=_("There was a relapse"), required=False)
    relapse_note = forms.CharField(
        label=_("What happened (relapse)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [
            (stage.value, f"{stage.label.capitalize()}: {STAGE_MEANINGS[stage]}") for stage in DesistanceStage
        ]


def _actions_text(book_ends: BookEnds | None) -> str:
    return "\n".join(f"{a['who']}: {a['what']}" for a in book_ends.actions) if book_ends else ""


def _page(
    request: HttpRequest,
    opened: OpenDossier,
    form: BookEndsForm | None = None,
    ik_form: IkPlanForm | None = None,
    desistance_form: DesistanceForm | None = None,
) -> HttpResponse:
    context = opened.page_context()
    dossier = opened.dossier
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
    records = list(DesistanceRecord.objects.filter(dossier=dossier).select_related("recorded_by"))
    if may_edit and desistance_form is None:
        desistance_form = DesistanceForm(
            initial={"recorded_on": timezone.localdate(), "view": DesistanceView.YOUNG_PERSON},
            prefix="ds",
        )
    context.update(
        {
            "closure_summary": EarlyClosure.objects.filter(dossier=dossier)
            .order_by("-proposed_on", "-pk")
            .first(),
            "desistance_records": records[::-1],
            "desistance_chart": desistance_chart(records),
            "desistance_form": desistance_form if may_edit else None,
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
        status=400 if any(f is not None and f.errors for f in (form, ik_form, desistance_form)) else 200,
    )


@dossier_view
def success_overview(request: HttpRequest, dossier_id: str) -> HttpResponse:
    if request.method != "POST":
        return _page(
            request, dossier_open(user=request.user, dossier_id=dossier_id, reads=[Section.SAFETY_PLAN])
        )
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
    ).dossier
    if "ik-goals" in request.POST:
        ik_form = IkPlanForm(request.POST, prefix="ik")
        if submit(ik_form, lambda data: services.ik_plan_save(actor=request.user, dossier=dossier, **data)):
            messages.success(request, _("The IK-plan has been saved as a new version."))
            return redirect("success_overview", dossier_id=dossier.pk)
        return _page(request, _reopen_to_read(request, dossier), ik_form=ik_form)
    form = BookEndsForm(request.POST)
    if submit(form, lambda data: services.book_ends_save(actor=request.user, dossier=dossier, **data)):
        messages.success(request, _("The book-ends have been saved as a new version."))
        return redirect("success_overview", dossier_id=dossier.pk)
    return _page(request, _reopen_to_read(request, dossier), form)


def _reopen_to_read(request: HttpRequest, dossier: Any) -> OpenDossier:
    """The dossier opened once more, to show the page again with a refused form (the read logged as on a
    GET)."""
    return dossier_open(user=request.user, dossier_id=dossier.pk, reads=[Section.SAFETY_PLAN])


@dossier_view
@require_POST
def success_desistance_add(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.SAFETY_PLAN
    ).dossier
    form = DesistanceForm(request.POST, prefix="ds")
    if submit(form, lambda data: services.desistance_record_add(actor=request.user, dossier=dossier, **data)):
        messages.success(request, _("The stage has been recorded."))
        return redirect(reverse("success_overview", kwargs={"dossier_id": dossier.pk}) + "#desistance")
    return _page(request, _reopen_to_read(request, dossier), desistance_form=form)
