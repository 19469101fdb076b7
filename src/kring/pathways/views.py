"""Pages: the pathway of a dossier (schedule chart + table, limits, writes) and my agenda."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import altair as alt
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from icalendar import Calendar, Event

from kring.access.policy import Action, Section
from kring.cases.charts import accessible_svg, render_svg
from kring.cases.models import CircleMember
from kring.cases.selectors import OpenDossier, dossier_open, dossiers_audit_listed
from kring.ui.exports import export_or_nothing
from kring.ui.pages import dossier_view, form_messages, submit
from kring.ui.pdf import pdf_response, render_pdf

from . import selectors, services
from .catalogue import translated
from .forms import (
    CloseForm,
    DoneForm,
    ExtendForm,
    HandoverForm,
    MoveForm,
    PauseForm,
    ReflectionForm,
    ResumeForm,
    StartForm,
)
from .models import Pathway, PathwayState, PathwayStep, Reminder, ReminderState


def _chart(steps: list[PathwayStep], today: Any) -> dict[str, str]:
    title = _("Schedule of the pathway")
    description = _(
        "One bar per step from its planned start to its planned end; the table below has the same dates."
    )
    # the steps left open when a pathway ended are not overdue: they were not done
    open_ = _("open") if not steps or steps[0].pathway.state == PathwayState.RUNNING else _("not done")
    if steps and steps[0].pathway.state == PathwayState.PAUSED:
        open_ = _("paused")
    data = [
        {
            "step": f"{s.order:02d} {translated(s.title)[:40]}",
            "start": s.planned_start.isoformat(),
            "end": (s.planned_end + timedelta(days=1)).isoformat(),
            "state": _("done") if s.done_on else (_("overdue") if s.is_overdue(today) else open_),
        }
        for s in steps
    ]
    spec = (
        alt.Chart(alt.Data(values=data), title=title, description=description)
        .mark_bar()
        .encode(
            x=alt.X("start:T", title=None),
            x2="end:T",
            y=alt.Y("step:N", sort=None, title=None),
            color=alt.Color("state:N", title=_("State")),
        )
        .properties(width=560, height=max(120, 18 * len(steps)))
        .configure_view(stroke=None)
        .to_dict()
    )
    svg = accessible_svg(render_svg(spec), title=title, description=description, id_prefix="pathway-chart")
    return {"svg": svg, "title": title, "description": description}


def _page(request: HttpRequest, opened: OpenDossier, **forms_: Any) -> HttpResponse:
    today = timezone.localdate()
    context = opened.page_context()
    dossier = opened.dossier
    pathway = selectors.current_pathway(dossier)
    context.update(pathway=pathway, today=today, forms=forms_)
    can_edit = Section.PATHWAY in context["editable"]
    if pathway:
        steps = list(
            pathway.steps.select_related("responsible__user", "done_recorded_by").prefetch_related(
                Prefetch(
                    "reminders",
                    queryset=Reminder.objects.exclude(state=ReminderState.CANCELLED).order_by("due_at"),
                    to_attr="live_reminders",
                )
            )
        )
        for step in steps:
            step.overdue = step.is_overdue(today)
            member = step.responsible
            step.responsible_gone = bool(
                member and member.ended_on and member.ended_on < today and not step.done_on
            )
        context.update(
            steps=steps,
            # open steps first, by their deadline; the done ones are folded away below them
            open_steps=sorted((s for s in steps if not s.done_on), key=lambda s: (s.planned_end, s.order)),
            done_steps=[s for s in steps if s.done_on],
            limits=services.legal_limits(pathway, today),
            max_end=services.max_end(pathway),
            chart=_chart(steps, today) if steps else None,
            extend_form=forms_.get("extend") or ExtendForm(initial={"decided_on": today}),
            conditions=services.condition_choices(pathway.template),
            close_form=forms_.get("close") or CloseForm(initial={"ended_on": today}, dossier=dossier),
            reflection_form=forms_.get("reflection")
            or ReflectionForm(initial={"occurred_on": today}, pathway=pathway),
            reflections=list(pathway.reflections.select_related("step")),
            handovers=selectors.handovers(pathway),
            changes=selectors.circle_changes(dossier=dossier, pathway=pathway),
            handover_form=forms_.get("handover")
            or HandoverForm(initial={"handed_over_on": today}, dossier=dossier),
            earlier=list(dossier.pathways.exclude(pk=pathway.pk).select_related("template")),
            pauses=list(pathway.pauses.all()),
        )
    if pathway and can_edit and pathway.state == PathwayState.RUNNING:
        context["pause_form"] = forms_.get("pause") or PauseForm(initial={"paused_on": today})
    if pathway and pathway.state == PathwayState.PAUSED:
        context["pause"] = services.open_pause(pathway)
        if can_edit:
            context["resume_form"] = forms_.get("resume") or ResumeForm(initial={"resumed_on": today})
    if can_edit and not (pathway and pathway.state in (PathwayState.RUNNING, PathwayState.PAUSED)):
        context["start_form"] = forms_.get("start") or StartForm(initial={"started_on": today})
    context["can_edit"] = can_edit and pathway is not None and pathway.state == PathwayState.RUNNING
    return render(request, "pathways/overview.html", context)


@dossier_view
def pathway_overview(request: HttpRequest, dossier_id: str) -> HttpResponse:
    return _page(request, dossier_open(user=request.user, dossier_id=dossier_id, reads=[Section.PATHWAY]))


def _page_again(request: HttpRequest, dossier: Any, **forms_: Any) -> HttpResponse:
    """The page once more after a refused write, with the refused form: opened again to read it."""
    opened = dossier_open(user=request.user, dossier_id=dossier.pk, reads=[Section.PATHWAY])
    return _page(request, opened, **forms_)


@dossier_view
@require_POST
def pathway_start(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.PATHWAY
    ).dossier
    form = StartForm(request.POST)
    ok = submit(
        form,
        lambda d: services.pathway_start(
            actor=request.user, dossier=dossier, template=d["template"], started_on=d["started_on"]
        ),
    )
    if ok:
        messages.success(request, _("The pathway has started."))
        return redirect("pathway_overview", dossier_id=dossier.pk)
    return _page_again(request, dossier, start=form)


def _step(dossier: Any, step_id: int) -> PathwayStep:
    return get_object_or_404(
        PathwayStep.objects.select_related("pathway", "template_step"), pk=step_id, pathway__dossier=dossier
    )


@dossier_view
@require_POST
def pathway_step_move(request: HttpRequest, dossier_id: str, step_id: int) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.PATHWAY
    ).dossier
    step = _step(dossier, step_id)
    form = MoveForm(request.POST)
    if submit(form, lambda d: services.step_move(actor=request.user, step=step, new_start=d["new_start"])):
        messages.success(request, _("The step and the steps that follow it have moved."))
        return redirect("pathway_overview", dossier_id=dossier.pk)
    messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("pathway_overview", dossier_id=dossier.pk)


@dossier_view
@require_POST
def pathway_step_done(request: HttpRequest, dossier_id: str, step_id: int) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.PATHWAY
    ).dossier
    step = _step(dossier, step_id)
    form = DoneForm(request.POST)
    ok = submit(
        form,
        lambda d: services.step_done(
            actor=request.user, step=step, done_on=d["done_on"], artefact_url=d["artefact_url"]
        ),
    )
    if ok:
        messages.success(request, _("The step is marked as done."))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("pathway_overview", dossier_id=dossier.pk)


def _write(
    request: HttpRequest,
    dossier_id: str,
    *,
    name: str,
    form: Callable[[Any, Pathway], forms.Form],
    write: Callable[[Pathway, dict[str, Any]], Any],
    done: Any,
    to_script: bool = False,
) -> HttpResponse:
    """The one shape of a write on the running pathway: load it for editing, bind the form, call the service;
    on success a message and back to the page (or on to the case script), else the page with the form."""
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.PATHWAY
    ).dossier
    pathway = get_object_or_404(Pathway, dossier=dossier, state=PathwayState.RUNNING)
    bound = form(dossier, pathway)
    if submit(bound, lambda d: write(pathway, d)):
        messages.success(request, done)
        if to_script:
            return redirect("pathway_script", dossier_id=dossier.pk, pathway_id=pathway.pk)
        return redirect("pathway_overview", dossier_id=dossier.pk)
    return _page_again(request, dossier, **{name: bound})


@dossier_view
@require_POST
def pathway_extend(request: HttpRequest, dossier_id: str) -> HttpResponse:
    return _write(
        request,
        dossier_id,
        name="extend",
        form=lambda dossier, pathway: ExtendForm(request.POST),
        write=lambda pathway, d: services.pathway_extend(actor=request.user, pathway=pathway, **d),
        done=_("The pathway has been extended."),
    )


@dossier_view
@require_POST
def pathway_close(request: HttpRequest, dossier_id: str) -> HttpResponse:
    return _write(
        request,
        dossier_id,
        name="close",
        form=lambda dossier, pathway: CloseForm(request.POST, dossier=dossier),
        write=lambda pathway, d: services.pathway_close(
            actor=request.user,
            pathway=pathway,
            ended_on=d["ended_on"],
            end_reason=d["end_reason"],
            note=d["note"],
            measures=list(d["measures"]),
        ),
        done=_("The pathway has ended. Its case script is ready."),
        to_script=True,
    )


@dossier_view
@require_POST
def pathway_reflection_add(request: HttpRequest, dossier_id: str) -> HttpResponse:
    return _write(
        request,
        dossier_id,
        name="reflection",
        form=lambda dossier, pathway: ReflectionForm(request.POST, pathway=pathway),
        write=lambda pathway, d: services.reflection_add(actor=request.user, pathway=pathway, **d),
        done=_("The reflection is recorded."),
    )


@dossier_view
@require_POST
def pathway_handover(request: HttpRequest, dossier_id: str) -> HttpResponse:
    return _write(
        request,
        dossier_id,
        name="handover",
        form=lambda dossier, pathway: HandoverForm(request.POST, dossier=dossier),
        write=lambda pathway, d: services.pathway_handover(actor=request.user, pathway=pathway, **d),
        done=_("The open steps have been handed over."),
    )


def _pause_or_resume(
    request: HttpRequest, dossier_id: str, *, name: str, form: type[forms.Form], write: Any, done: str
) -> HttpResponse:
    """Pause the running pathway, or resume the paused one (`name`): the current pathway of the dossier,
    loaded for editing; the service refuses a pathway in another state with its reason."""
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.PATHWAY
    ).dossier
    pathway = selectors.current_pathway(dossier)
    if pathway is None:
        raise Http404
    bound = form(request.POST)
    if submit(bound, lambda d: write(pathway, d)):
        messages.success(request, done)
        return redirect("pathway_overview", dossier_id=dossier.pk)
    shown = PathwayState.RUNNING if name == "pause" else PathwayState.PAUSED
    if pathway.state != shown:
        # the page has no such form for a pathway in this state: the reasons as messages above it
        form_messages(request, bound)
        return redirect("pathway_overview", dossier_id=dossier.pk)
    return _page_again(request, dossier, **{name: bound})


@dossier_view
@require_POST
def pathway_pause(request: HttpRequest, dossier_id: str) -> HttpResponse:
    return _pause_or_resume(
        request,
        dossier_id,
        name="pause",
        form=PauseForm,
        write=lambda pathway, d: services.pathway_pause(actor=request.user, pathway=pathway, **d),
        done=_("The pathway is paused. No step is overdue and no reminder goes out until it resumes."),
    )


@dossier_view
@require_POST
def pathway_resume(request: HttpRequest, dossier_id: str) -> HttpResponse:
    return _pause_or_resume(
        request,
        dossier_id,
        name="resume",
        form=ResumeForm,
        write=lambda pathway, d: services.pathway_resume(actor=request.user, pathway=pathway, **d),
        done=_("The pathway runs again. The open steps moved on by the days of the pause."),
    )


@dossier_view
def pathway_alignment(request: HttpRequest, dossier_id: str, member_id: int) -> HttpResponse:
    """The agenda of the alignment meeting for a professional who joins or leaves the circle."""
    opened = dossier_open(
        user=request.user,
        dossier_id=dossier_id,
        section=Section.PATHWAY,
        reads=selectors.ALIGNMENT_SECTIONS,
        as_far_as_shared=True,
    )
    dossier = opened.dossier
    pathway = selectors.current_pathway(dossier)
    if pathway is None:
        raise Http404
    member = get_object_or_404(
        CircleMember.objects.select_related("user", "membership__organisation"), pk=member_id, dossier=dossier
    )
    context = opened.page_context()
    agenda_ = selectors.alignment_agenda(
        dossier=dossier, pathway=pathway, member=member, visible=opened.readable
    )
    can_hand_over = Section.PATHWAY in context["editable"] and pathway.state == PathwayState.RUNNING
    context.update(
        agenda=agenda_,
        pathway=pathway,
        handover_form=HandoverForm(
            initial={
                "from_member": member.pk,
                "handed_over_on": min(timezone.localdate(), member.ended_on or timezone.localdate()),
            },
            dossier=dossier,
        )
        if can_hand_over and agenda_.to_hand_over
        else None,
    )
    return render(request, "pathways/alignment.html", context)


def _open_script(request: HttpRequest, dossier_id: str, export_format: str = "") -> OpenDossier:
    """The dossier opened to read (or, with `export_format`, export) a case script: the pathway, and as far as
    shared with the reader the circle, measures, contacts and safety plan (the selector leaves out the same
    parts)."""
    return dossier_open(
        user=request.user,
        dossier_id=dossier_id,
        section=Section.PATHWAY,
        reads=selectors.CASE_SCRIPT_SECTIONS,
        as_far_as_shared=True,
        export_format=export_format,
    )


def _script(opened: OpenDossier, pathway_id: int) -> dict[str, Any]:
    pathway = get_object_or_404(
        Pathway.objects.select_related("template", "ended_by"), pk=pathway_id, dossier=opened.dossier
    )
    context = opened.page_context()
    script = selectors.case_script(dossier=opened.dossier, pathway=pathway, visible=opened.readable)
    context.update(script=script, pathway=pathway)
    return context


@dossier_view
def pathway_script(request: HttpRequest, dossier_id: str, pathway_id: int) -> HttpResponse:
    """The case script as a page: steps taken, contacts and meetings, reflections, the safety plan and who
    played which part in it."""
    return render(
        request, "pathways/case_script.html", _script(_open_script(request, dossier_id), pathway_id)
    )


@dossier_view
def pathway_script_pdf(request: HttpRequest, dossier_id: str, pathway_id: int) -> HttpResponse:
    def make(opened: OpenDossier) -> HttpResponse:
        pdf = render_pdf("pathways/case_script_pdf.html", _script(opened, pathway_id), request)
        return pdf_response(pdf, f"{opened.dossier.reference}-case-script-{pathway_id}")

    return export_or_nothing(lambda: _open_script(request, dossier_id, export_format="pdf"), make)


@login_required
def agenda(request: HttpRequest) -> HttpResponse:
    """My open steps across the dossiers I may see: overdue ones first, then the next 30 days."""
    today = timezone.localdate()
    steps = list(selectors.my_open_steps(request.user).filter(planned_start__lte=today + timedelta(days=30)))
    dossiers_audit_listed(user=request.user, dossiers=list({s.pathway.dossier for s in steps}))
    overdue = [s for s in steps if s.planned_end < today]
    upcoming = [s for s in steps if s.planned_end >= today]
    return render(
        request,
        "pathways/agenda.html",
        {
            "overdue": overdue,
            "upcoming": upcoming,
            "today": today,
            "has_feed": request.user.calendar_feeds.filter(revoked_at__isnull=True).exists(),
        },
    )


@login_required
def agenda_team(request: HttpRequest) -> HttpResponse:
    """The open steps of the dossiers of my team(s) that I may see: overdue first, then the next 30 days."""
    team_agenda = selectors.team_agenda(user=request.user, team_id=request.GET.get("team"))
    dossiers_audit_listed(user=request.user, dossiers=team_agenda.dossiers, grounds=team_agenda.grounds)
    return render(
        request,
        "pathways/agenda_team.html",
        {"agenda": team_agenda, "today": timezone.localdate(), "days": selectors.AGENDA_DAYS},
    )


@login_required
@require_POST
def agenda_feed_create(request: HttpRequest) -> HttpResponse:
    token = services.calendar_feed_create(user=request.user)
    url = request.build_absolute_uri(reverse("agenda_ical", args=[token]))
    messages.success(
        request,
        _("Your calendar address (shown only now; an earlier address stops working): %(url)s") % {"url": url},
    )
    return redirect("agenda")


@login_required
@require_POST
def agenda_feed_revoke(request: HttpRequest) -> HttpResponse:
    services.calendar_feed_revoke(user=request.user)
    messages.success(request, _("Your calendar address no longer works."))
    return redirect("agenda")


def agenda_ical(request: HttpRequest, token: str) -> HttpResponse:
    """The personal feed: event titles carry only the dossier reference and the step title, no names."""
    user = services.calendar_feed_user(token)
    if user is None:
        raise Http404
    calendar = Calendar()
    calendar.add("prodid", "-//kring//pathways//NL")
    calendar.add("version", "2.0")
    steps = selectors.my_feed_steps(user)
    for step in steps:
        event = Event()
        event.add("uid", f"kring-step-{step.pk}@kring")
        event.add("summary", f"{step.pathway.dossier.reference} · {translated(step.title)}")
        event.add("dtstart", step.planned_start)
        event.add("dtend", step.planned_end + timedelta(days=1))
        event.add("dtstamp", timezone.now())
        calendar.add_component(event)
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
