"""The Signs of Success overview of a youth probation dossier: the book-ends and the IK-plan with earlier
versions, and the desistance stage over time (Klaar mee?!) with its chart."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from kring.access.policy import Action, Section
from kring.cases.selectors import OpenDossier, dossier_open
from kring.ui.pages import dossier_view, submit

from . import services
from .charts import desistance_chart
from .forms import BookEndsForm, DesistanceForm, IkPlanForm
from .models import (
    BookEnds,
    DesistanceRecord,
    DesistanceView,
    EarlyClosure,
    IkPlan,
)


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
    children = list(dossier.children.order_by("date_of_birth", "first_name", "pk"))
    ik_groups = _ik_plans_per_child(dossier, children)
    if may_edit and ik_form is None:
        latest = ik_groups[0]["plan"] if len(children) == 1 and ik_groups else None
        ik_form = IkPlanForm(
            initial={
                "child": children[0].pk if len(children) == 1 else None,
                "goals": latest.goals if latest else "",
                "steps": latest.steps if latest else "",
                "helpers": latest.helpers if latest else "",
                "written_by": IkPlan.WrittenBy.YOUNG_PERSON,
            },
            prefix="ik",
            children=children,
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
            "ik_groups": ik_groups,
            "ik_form": ik_form if may_edit else None,
        }
    )
    return render(
        request,
        "success/overview.html",
        context,
        status=400 if any(f is not None and f.errors for f in (form, ik_form, desistance_form)) else 200,
    )


def _ik_plans_per_child(dossier: Any, children: list) -> list[dict[str, Any]]:
    """Each young person's IK-plan (newest version, earlier versions), children in the dossier's order; the
    plans recorded before a plan had a young person last, as "young person not recorded"."""
    plans = list(IkPlan.objects.filter(dossier=dossier).select_related("child", "recorded_by"))
    groups = []
    for child in [*children, None]:
        own = sorted(
            (p for p in plans if p.child_id == (child.pk if child else None)), key=lambda p: -p.version
        )
        if own or (child is not None and len(children) > 1):
            groups.append({"child": child, "plan": own[0] if own else None, "earlier": own[1:]})
    if not groups and children:
        groups.append({"child": children[0], "plan": None, "earlier": []})
    return groups


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
        ik_form = IkPlanForm(
            request.POST, prefix="ik", children=list(dossier.children.order_by("date_of_birth", "pk"))
        )
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
