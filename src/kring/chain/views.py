"""Pages of the chain table: the daily list, bringing in a case, one case with its three deepening steps
(context requests, joint interpretation, the decision) and the look-back, opening or linking a dossier, and
the patterns.

Every view has one shape: load through kring.chain.selectors (404 for anyone outside the table), parse a
form, call a service, and on success redirect with a message (post/redirect/get). A refused write shows the
service's message on the form, changes nothing and answers 400; a write that lost a race with another user
shows the page as it is now, with what was typed and the current version, so that saving again is a
deliberate act (409)."""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring.access import chain as rules
from kring.access.policy import Action, dossiers_visible_to, organisation_ids, teams_to_open_dossier
from kring.accounts.models import Organisation
from kring.ui.forms import add_service_error
from kring.ui.pages import refusals_as_not_found

from . import forms, patterns, selectors, services
from .models import ChainCase, ChainTable, PartnerView, Stage, Trigger

# --- the daily list ----------------------------------------------------------------------------------------


def _day(request: HttpRequest) -> tuple[date, str]:
    raw = request.GET.get("day", "")
    if not raw:
        return timezone.localdate(), ""
    try:
        return date.fromisoformat(raw), ""
    except ValueError:
        return timezone.localdate(), _("That is not a date; the list of today is shown.")


def _table_page(
    request: HttpRequest, bound: dict[int, Form] | None = None, status: int = 200
) -> HttpResponse:
    day, day_error = _day(request)
    data = selectors.daily_list(request.user, day)
    for req in data.incoming:
        if req.answered_at is None:
            req.answer_form = (bound or {}).get(req.pk) or forms.AnswerForm(auto_id=f"id_answer_{req.pk}_%s")
    return render(
        request,
        "chain/table.html",
        {
            "data": data,
            "day_error": day_error,
            "previous_day": day - timedelta(days=1),
            "next_day": day + timedelta(days=1),
            "is_today": day == timezone.localdate(),
            "may_bring_in": rules.tables_to_bring_in(request.user).exists(),
            "now": timezone.now(),
        },
        status=status,
    )


@login_required
def chain_table(request: HttpRequest) -> HttpResponse:
    return _table_page(request)


# --- bringing in a case ------------------------------------------------------------------------------------


def _intake_choices(user: Any) -> tuple[list[ChainTable], list[Any]]:
    """The tables and organisations `user` may bring a case in for. Whoever may not bring one in anywhere —
    also a read-only partner, who sees the tables' cases — gets 404, whatever they posted: the same answer
    as for any refused chain write (selectors.chain_case_open)."""
    tables = list(rules.tables_to_bring_in(user).prefetch_related("members").order_by("name"))
    if not tables:
        raise Http404
    orgs = rules.contributing_organisation_ids(user)
    partners = {m.pk: m for t in tables for m in t.members.all() if m.pk in orgs}
    return tables, sorted(partners.values(), key=lambda o: o.name)


def _intake_page(request: HttpRequest, form: Form, formset: Any, status: int = 200) -> HttpResponse:
    return render(request, "chain/intake.html", {"form": form, "formset": formset}, status=status)


def _intake_initial(post: Any) -> tuple[dict, list[dict]]:
    """What was typed, as initial values of an unbound form: for "add a person", which must not show errors
    on rows that are still being filled in."""
    form = {key: post.get(key) for key in post if key != "triggers_by_hand"}
    form["triggers_by_hand"] = post.getlist("triggers_by_hand")
    total = post.get("persons-TOTAL_FORMS", "")
    rows = []
    for i in range(min(int(total) if total.isdigit() else 0, forms.MAX_PERSONS)):
        rows.append({name: post.get(f"persons-{i}-{name}") for name in forms.PersonForm.base_fields})
    return form, rows


@login_required
def chain_case_new(request: HttpRequest) -> HttpResponse:
    tables, organisations = _intake_choices(request.user)
    choices = {"tables": tables, "organisations": organisations}
    if request.method != "POST":
        initial = {
            "incident_on": timezone.localdate(),
            "listed_on": timezone.localdate(),
            "reference": services.next_reference(tables[0]),
        }
        return _intake_page(request, forms.IntakeForm(initial=initial, **choices), forms.person_formset())
    if "add_person" in request.POST:
        initial, rows = _intake_initial(request.POST)
        formset = forms.person_formset(rows=min(len(rows) + 1, forms.MAX_PERSONS), initial=rows)
        if len(rows) < forms.MAX_PERSONS:
            formset.forms[len(rows)].fields["role"].widget.attrs["autofocus"] = True
        return _intake_page(request, forms.IntakeForm(initial=initial, **choices), formset)
    form = forms.IntakeForm(request.POST, **choices)
    formset = forms.person_formset(request.POST)
    valid = form.is_valid() & formset.is_valid()
    if valid:
        data = form.cleaned_data
        tables_by_pk = {t.pk: t for t in tables}
        orgs_by_pk = {o.pk: o for o in organisations}
        try:
            case = services.chain_case_bring_in(
                actor=request.user,
                table=tables_by_pk[data["table"]],
                brought_in_by=orgs_by_pk[data["brought_in_by"]],
                reference=data["reference"],
                incident=data["incident"],
                incident_on=data["incident_on"],
                listed_on=data["listed_on"],
                legal_status=data["legal_status"],
                persons=formset.persons(),
                triggers_by_hand=data["triggers_by_hand"],
            )
        except (ValidationError, PermissionDenied) as error:
            if isinstance(error, PermissionDenied):
                error = ValidationError(_("Only a partner of this chain table can bring in a case."))
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Case %(reference)s is on the list of %(day)s.")
                % {"reference": case.reference, "day": case.listed_on.strftime("%d-%m-%Y")},
            )
            return redirect("chain_case", case_id=case.pk)
    return _intake_page(request, form, formset, status=400)


@login_required
@require_POST
def chain_intake_preview(request: HttpRequest) -> HttpResponse:
    """htmx: the triggers the intake rules will flag for the persons typed so far (nothing is stored)."""
    _intake_choices(request.user)
    formset = forms.person_formset(request.POST)
    formset.is_valid()
    persons = [f.cleaned_data for f in formset.forms if f.has_changed() and not f.errors]
    try:
        incident_on = date.fromisoformat(request.POST.get("incident_on", ""))
    except ValueError:
        incident_on = timezone.localdate()
    found = services.intake_triggers(persons, incident_on)
    return render(request, "chain/_triggers_preview.html", {"found": [Trigger(t).label for t in found]})


# --- one case ----------------------------------------------------------------------------------------------


def _case_page(
    request: HttpRequest, case_id: int, bound: dict[str, Form] | None = None, status: int = 200
) -> HttpResponse:
    bound = dict(bound or {})  # each form shown takes its bound copy; what is left is told as a message
    opened = selectors.chain_case_open(user=request.user, case_id=case_id, reads=selectors.CASE_PAGE_FIELDS)
    case = opened.case
    detail = selectors.case_detail(request.user, opened)
    version = {"version": case.version}
    context: dict[str, Any] = {"detail": detail, "case": case, "now": timezone.now()}
    may_write = opened.writable
    if may_write and case.stage in (Stage.INTAKE, Stage.DEEPENING):
        context["triggers_form"] = bound.pop("triggers", None) or forms.TriggersForm(
            initial={**version, "triggers": case.triggers_by_hand}, auto_id="id_triggers_%s"
        )
    if may_write and case.stage == Stage.INTAKE and case.triggers:
        context["deepen_form"] = bound.pop("deepen", None) or forms.VersionForm(
            initial=version, auto_id="id_deepen_%s"
        )
    if may_write and case.stage == Stage.DEEPENING:
        orgs = {o.pk for o in detail.my_organisations}
        context["request_form"] = bound.pop("request", None) or forms.ContextRequestForm(
            organisations=detail.my_organisations,
            addressees=selectors.addressee_choices(case, orgs),
            persons=detail.persons,
            auto_id="id_request_%s",
        )
    if may_write and case.stage in (Stage.DEEPENING, Stage.DECIDED):
        for item in detail.views:
            if item["mine"]:
                given = item["view"]
                item["form"] = bound.pop(f"view-{item['organisation'].pk}", None) or forms.PartnerViewForm(
                    initial={
                        "organisation": item["organisation"].pk,
                        "view": given.view if given else "",
                        "version": given.version if given else 0,
                    },
                    auto_id=f"id_view_{item['organisation'].pk}_%s",
                )
        context["hypotheses_form"] = bound.pop("hypotheses", None) or forms.HypothesesForm(
            initial={**version, "hypotheses": case.hypotheses}, auto_id="id_hypotheses_%s"
        )
    if may_write and case.stage != Stage.CLOSED:
        context["decision_form"] = bound.pop("decision", None) or forms.DecisionForm(
            initial={
                **version,
                "measures": case.decision_measures,
                "tasks": case.decision_tasks,
                "decided_on": case.decided_on or timezone.localdate(),
                "look_back_on": case.look_back_on,
            },
            auto_id="id_decision_%s",
        )
    if may_write and case.stage == Stage.DECIDED:
        context["look_back_form"] = bound.pop("look_back", None) or forms.LookBackForm(
            initial=version, auto_id="id_look_back_%s"
        )
    if may_write and case.stage != Stage.INTAKE and case.dossier_id is None:
        teams = list(teams_to_open_dossier(request.user))
        minors = services.minors(case, detail.persons)
        if teams:
            context["dossier_open_form"] = bound.pop("dossier_open", None) or forms.DossierOpenForm(
                teams=teams,
                children=minors,
                initial={**version, "children": [p.pk for p in minors]},
                auto_id="id_dossier_open_%s",
            )
        if dossiers_visible_to(request.user).exists():
            context["dossier_link_form"] = bound.pop("dossier_link", None) or forms.DossierLinkForm(
                initial=version, auto_id="id_dossier_link_%s"
            )
    for req in detail.requests:
        if req.answerable:
            req.answer_form = bound.pop(f"answer-{req.pk}", None) or forms.AnswerForm(
                auto_id=f"id_answer_{req.pk}_%s"
            )
    for form in bound.values():  # a form this stage no longer shows: its messages go on top of the page
        for message in [m for errors in form.errors.values() for m in errors]:
            messages.error(request, message)
    return render(request, "chain/case.html", context, status=status)


@login_required
def chain_case(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_page(request, case_id)


def _write(
    request: HttpRequest,
    case_id: int,
    key: str,
    make_form: Callable[[ChainCase, Any], Form],
    write: Callable[[ChainCase, dict], Any],
    done: str,
    anchor: str,
    current_version: Callable[[ChainCase], int] = lambda case: case.version,
) -> HttpResponse:
    """The shape of every write on the case page: open, parse, call the service; on a refusal the page with
    the form and its messages (400); on a conflict the page as it is now with what was typed and the
    current version (409). A service's PermissionDenied is 404 (refusals_as_not_found)."""
    case = selectors.chain_case_open(user=request.user, case_id=case_id, action=Action.EDIT).case
    form = make_form(case, request.POST)
    if form.is_valid():
        try:
            write(case, form.cleaned_data)
        except services.Conflict as conflict:
            case = selectors.chain_case_open(user=request.user, case_id=case_id, action=Action.EDIT).case
            data = request.POST.copy()
            data["version"] = str(current_version(case))
            form = make_form(case, data)
            form.is_valid()
            add_service_error(form, conflict)
            return _case_page(request, case.pk, {key: form}, status=409)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, done)
            return redirect(reverse("chain_case", args=[case.pk]) + f"#{anchor}")
    return _case_page(request, case.pk, {key: form}, status=400)


@login_required
@refusals_as_not_found
@require_POST
def chain_case_triggers(request: HttpRequest, case_id: int) -> HttpResponse:
    return _write(
        request,
        case_id,
        "triggers",
        lambda case, data: forms.TriggersForm(data, auto_id="id_triggers_%s"),
        lambda case, d: services.chain_case_triggers_set(
            actor=request.user, case=case, by_hand=d["triggers"], expected_version=d["version"]
        ),
        _("The triggers for deepening have been saved."),
        "triggers",
    )


@login_required
@refusals_as_not_found
@require_POST
def chain_case_deepen(request: HttpRequest, case_id: int) -> HttpResponse:
    done = _("The case is being deepened: ask for context information.")
    return _form_write(
        request, case_id, "deepen", forms.VersionForm, services.deepening_start, done, "step-context"
    )


def _request_form(request: HttpRequest, case: ChainCase, data: Any) -> forms.ContextRequestForm:
    orgs = organisation_ids(request.user)
    mine = list(case.table.members.filter(pk__in=orgs).order_by("name"))
    return forms.ContextRequestForm(
        data,
        organisations=mine,
        addressees=selectors.addressee_choices(case, {o.pk for o in mine}),
        persons=list(case.persons.all()),
        auto_id="id_request_%s",
    )


@login_required
@refusals_as_not_found
@require_POST
def chain_request_new(request: HttpRequest, case_id: int) -> HttpResponse:
    def write(case: ChainCase, d: dict) -> Any:
        persons = {p.pk: p for p in case.persons.all()}
        return services.context_request_send(
            actor=request.user,
            case=case,
            requested_by=Organisation.objects.get(pk=d["requested_by"]),
            addressee=Organisation.objects.filter(pk=d["addressee"]).first(),
            question=d["question"],
            need_to_know=d["need_to_know"],
            due_at=d["due_at"],
            about=[persons[pk] for pk in d["about"] if pk in persons],
        )

    return _write(
        request,
        case_id,
        "request",
        lambda case, data: _request_form(request, case, data),
        write,
        _("The request has been sent. Only the partner you asked, you and the chair read it."),
        "step-context",
    )


@login_required
@refusals_as_not_found
@require_POST
def chain_request_answer(request: HttpRequest, request_id: int) -> HttpResponse:
    req = selectors.context_request_open(user=request.user, request_id=request_id)
    from_case = (
        request.POST.get("from") == "case" and rules.decide_case(request.user, Action.VIEW, req.case).allowed
    )
    form = forms.AnswerForm(request.POST, auto_id=f"id_answer_{req.pk}_%s")
    status = 400
    if form.is_valid():
        try:
            services.context_request_answer(
                actor=request.user, request=req, answer=form.cleaned_data["answer"]
            )
        except services.Conflict as conflict:  # answered meanwhile: the page shows that answer
            messages.error(request, " ".join(conflict.messages))
            status = 409
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your answer has been sent to the chain table."))
            if from_case:
                return redirect(reverse("chain_case", args=[req.case_id]) + "#step-context")
            return redirect("chain_table")
    if from_case:
        return _case_page(request, req.case_id, {f"answer-{req.pk}": form}, status)
    return _table_page(request, {req.pk: form}, status=status)


@login_required
@refusals_as_not_found
@require_POST
def chain_view_record(request: HttpRequest, case_id: int) -> HttpResponse:
    raw = request.POST.get("organisation", "")
    organisation_id = int(raw) if raw.isdigit() else 0

    def write(case: ChainCase, d: dict) -> Any:
        organisation = Organisation.objects.filter(pk=d["organisation"]).first()
        if organisation is None:
            raise PermissionDenied
        return services.partner_view_record(
            actor=request.user,
            case=case,
            organisation=organisation,
            view=d["view"],
            expected_version=d["version"],
        )

    def current_version(case: ChainCase) -> int:
        view = PartnerView.objects.filter(case=case, organisation_id=organisation_id).first()
        return view.version if view else 0

    return _write(
        request,
        case_id,
        f"view-{organisation_id}",
        lambda case, data: forms.PartnerViewForm(data, auto_id=f"id_view_{organisation_id}_%s"),
        write,
        _("Your view has been saved."),
        "step-interpretation",
        current_version,
    )


def _form_write(
    request: HttpRequest, case_id: int, key: str, form: type[Form], service: Any, done: str, anchor: str
) -> HttpResponse:
    """A write whose form fields are the service's arguments, plus the version it was shown with."""

    def write(case: ChainCase, data: dict) -> Any:
        data = dict(data)
        expected = data.pop("version")
        return service(actor=request.user, case=case, expected_version=expected, **data)

    return _write(
        request, case_id, key, lambda case, data: form(data, auto_id=f"id_{key}_%s"), write, done, anchor
    )


@login_required
@refusals_as_not_found
@require_POST
def chain_hypotheses(request: HttpRequest, case_id: int) -> HttpResponse:
    done = _("The hypotheses have been saved.")
    return _form_write(
        request,
        case_id,
        "hypotheses",
        forms.HypothesesForm,
        services.hypotheses_record,
        done,
        "step-interpretation",
    )


@login_required
@refusals_as_not_found
@require_POST
def chain_decision(request: HttpRequest, case_id: int) -> HttpResponse:
    done = _("The decision has been recorded, with a plan date to look back.")
    return _form_write(
        request, case_id, "decision", forms.DecisionForm, services.decision_record, done, "step-decision"
    )


@login_required
@refusals_as_not_found
@require_POST
def chain_look_back(request: HttpRequest, case_id: int) -> HttpResponse:
    done = _("The look-back has been recorded and the case is closed.")
    return _form_write(
        request, case_id, "look_back", forms.LookBackForm, services.look_back_record, done, "step-look-back"
    )


@login_required
@refusals_as_not_found
@require_POST
def chain_dossier_open(request: HttpRequest, case_id: int) -> HttpResponse:
    teams = {t.pk: t for t in teams_to_open_dossier(request.user)}
    if not teams:
        raise Http404

    def make(case: ChainCase, data: Any) -> forms.DossierOpenForm:
        return forms.DossierOpenForm(
            data, teams=list(teams.values()), children=services.minors(case), auto_id="id_dossier_open_%s"
        )

    def write(case: ChainCase, d: dict) -> Any:
        persons = {p.pk: p for p in case.persons.all()}
        return services.chain_dossier_open(
            actor=request.user,
            case=case,
            team=teams[d["team"]],
            reference=d["reference"],
            title=d["title"],
            case_role=d["case_role"],
            children=[persons[pk] for pk in d["children"] if pk in persons],
            expected_version=d["version"],
        )

    return _write(
        request, case_id, "dossier_open", make, write, _("The dossier has been opened and linked."), "dossier"
    )


@login_required
@refusals_as_not_found
@require_POST
def chain_dossier_link(request: HttpRequest, case_id: int) -> HttpResponse:
    def write(case: ChainCase, d: dict) -> Any:
        dossier = dossiers_visible_to(request.user).filter(reference=d["reference"].strip()).first()
        if dossier is None:
            raise ValidationError(
                {"reference": _("There is no dossier with this reference that you may open.")}
            )
        try:
            return services.chain_dossier_link(
                actor=request.user, case=case, dossier=dossier, expected_version=d["version"]
            )
        except PermissionDenied as refused:
            raise ValidationError(
                {"reference": _("There is no dossier with this reference that you may open.")}
            ) from refused

    return _write(
        request,
        case_id,
        "dossier_link",
        lambda case, data: forms.DossierLinkForm(data, auto_id="id_dossier_link_%s"),
        write,
        _("The case has been linked to the dossier."),
        "dossier",
    )


# --- patterns ----------------------------------------------------------------------------------------------


@login_required
def chain_patterns(request: HttpRequest) -> HttpResponse:
    data = patterns.patterns_for(request.user)
    services.audit_read_many(request.user, data["cases"], ["persons", "triggers", "requests"])
    return render(request, "chain/patterns.html", {**data, "charts": patterns.charts_for(data)})
