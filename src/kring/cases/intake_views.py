"""Pages of the intake (a new dossier) and of the dossier's make-up: children, authority, summary and team."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kring.access.policy import (
    Action,
    Section,
    dossiers_to_reuse_people_from,
    may_transfer_dossier,
    teams_to_open_dossier,
)
from kring.ui.pages import dossier_view, is_htmx

from .intake_forms import (
    AuthorityAddForm,
    AuthorityChangeForm,
    AuthorityEndForm,
    ChildAddForm,
    ChildMoveForm,
    IntakeForms,
    PeopleSearchForm,
    SummaryForm,
    TransferForm,
)
from .models import Authority, Dossier, Participant, Person
from .selectors import dossier_open
from .services import intake


def _errors(form: Any, error: ValidationError) -> None:
    form.add_error(None, error.messages)


# --- intake -------------------------------------------------------------------------------------------------


@login_required
def intake_new(request: HttpRequest) -> HttpResponse:
    teams = teams_to_open_dossier(request.user)
    if not teams:  # evaluates the teams once; the form's choices reuse them
        raise Http404
    if request.method == "POST":
        forms = IntakeForms(request.POST, user=request.user, teams=teams)
        if forms.is_valid():
            try:
                dossier = intake.dossier_intake(actor=request.user, intake=forms.intake())
            except ValidationError as error:
                _errors(forms.main, error)
            else:
                messages.success(
                    request, _("Dossier %(reference)s is open.") % {"reference": dossier.reference}
                )
                return redirect("dossier_detail", dossier_id=dossier.pk)
        status = 400
    else:
        forms = IntakeForms(user=request.user, teams=teams)
        status = 200
    context = {"forms": forms, "search": PeopleSearchForm()}
    return render(request, "cases/intake/new.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def intake_people(request: HttpRequest) -> HttpResponse:
    """People already in the user's dossiers, offered for reuse (a fragment for the intake page, or a
    page). The search is a POST: a name and a date of birth are personal data and must not end up in a URL
    (browser history, server and proxy logs); a GET only shows the empty form."""
    if not teams_to_open_dossier(request.user).exists():
        raise Http404
    form = PeopleSearchForm(request.POST if request.method == "POST" else None)
    people = []
    if form.is_valid():
        people = intake.person_candidates(
            user=request.user,
            query=form.cleaned_data["q"],
            date_of_birth=form.cleaned_data["date_of_birth"],
        )
    template = "cases/intake/_people.html" if is_htmx(request) else "cases/intake/people.html"
    return render(request, template, {"people": people, "search": form, "searched": form.is_bound})


# --- children and authority ---------------------------------------------------------------------------------


def _children_page(
    request: HttpRequest, dossier_id: str, forms: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    opened = dossier_open(
        user=request.user,
        dossier_id=dossier_id,
        reads=[Section.CHILDREN, Section.NETWORK],
        section=Section.NETWORK,
    )
    dossier = opened.dossier
    children = dossier.children.order_by("date_of_birth", "first_name")
    may_edit = Section.NETWORK in opened.writable
    grouped = intake.authority_by_child(dossier)
    rows = [(child, grouped.get(child.pk, [])) for child in children]
    holders = _holders(dossier)
    forms = forms or {}
    context = {
        "dossier": dossier,
        "rows": rows,
        "may_edit": may_edit,
        "today": timezone.localdate(),
        "add_form": forms.get("add") or ChildAddForm(prefix="child", user=request.user),
        "move_form": forms.get("move")
        or ChildMoveForm(prefix="move", children=children, targets=_move_targets(request.user, dossier)),
        "authority_form": forms.get("authority")
        or AuthorityAddForm(prefix="authority", children=children, holders=holders),
        "search": PeopleSearchForm(),
    }
    return render(request, "cases/intake/children.html", context, status=status)


def _holders(dossier: Dossier) -> Any:
    return Person.objects.filter(
        pk__in=Participant.objects.filter(dossier=dossier, ended_on__isnull=True).values("person_id")
    ).order_by("last_name", "first_name")


def _move_targets(user: Any, dossier: Dossier) -> Any:
    return (
        dossiers_to_reuse_people_from(user)
        .filter(jurisdiction=dossier.jurisdiction, status=dossier.status)
        .exclude(pk=dossier.pk)
        .order_by("reference")
    )


@dossier_view
def dossier_children(request: HttpRequest, dossier_id: str) -> HttpResponse:
    return _children_page(request, dossier_id)


@dossier_view
@require_POST
def dossier_child_add(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.CHILDREN
    ).dossier
    form = ChildAddForm(request.POST, prefix="child", user=request.user)
    if form.is_valid():
        try:
            child = intake.child_add(
                actor=request.user, dossier=dossier, person=form.person_in(), day=timezone.localdate()
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("%(name)s is now a child in this dossier.") % {"name": child})
            return redirect("dossier_children", dossier_id=dossier.pk)
    return _children_page(request, dossier_id, {"add": form}, status=400)


@dossier_view
@require_POST
def dossier_child_move(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.CHILDREN
    ).dossier
    form = ChildMoveForm(
        request.POST,
        prefix="move",
        children=dossier.children.all(),
        targets=_move_targets(request.user, dossier),
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            intake.child_move(
                actor=request.user,
                child=data["child"],
                source=dossier,
                target=data["target"],
                day=data["moved_on"],
                reason=data["reason"],
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s has moved to dossier %(reference)s.")
                % {"name": data["child"], "reference": data["target"].reference},
            )
            return redirect("dossier_children", dossier_id=dossier.pk)
    return _children_page(request, dossier_id, {"move": form}, status=400)


@dossier_view
@require_POST
def dossier_authority_add(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.NETWORK
    ).dossier
    form = AuthorityAddForm(
        request.POST, prefix="authority", children=dossier.children.all(), holders=_holders(dossier)
    )
    if form.is_valid():
        try:
            intake.authority_add(actor=request.user, dossier=dossier, **form.cleaned_data)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("The authority is recorded."))
            return redirect("dossier_children", dossier_id=dossier.pk)
    return _children_page(request, dossier_id, {"authority": form}, status=400)


def _authority(dossier: Dossier, authority_id: int) -> Authority:
    return get_object_or_404(
        Authority.objects.select_related("child", "holder", "holder_organisation"),
        pk=authority_id,
        child__in=dossier.children.all(),
    )


@dossier_view
@require_POST
def dossier_authority_change(request: HttpRequest, dossier_id: str, authority_id: int) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.NETWORK
    ).dossier
    authority = _authority(dossier, authority_id)
    form = AuthorityChangeForm(request.POST)
    if form.is_valid():
        try:
            intake.authority_change(
                actor=request.user, dossier=dossier, authority=authority, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The authority is changed."))
    else:
        messages.error(request, _("Give the source and the dates of the authority."))
    return redirect("dossier_children", dossier_id=dossier.pk)


@dossier_view
@require_POST
def dossier_authority_end(request: HttpRequest, dossier_id: str, authority_id: int) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.NETWORK
    ).dossier
    authority = _authority(dossier, authority_id)
    form = AuthorityEndForm(request.POST)
    if form.is_valid():
        try:
            intake.authority_end(
                actor=request.user,
                dossier=dossier,
                authority=authority,
                ended_on=form.cleaned_data["ended_on"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The authority has ended."))
    else:
        messages.error(request, _("Give the date on which the authority ends."))
    return redirect("dossier_children", dossier_id=dossier.pk)


# --- summary and owning team --------------------------------------------------------------------------------


def _edit_page(
    request: HttpRequest, dossier_id: str, forms: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, reads=[Section.SUMMARY]
    ).dossier
    may_transfer = may_transfer_dossier(request.user, dossier).allowed
    forms = forms or {}
    context = {
        "dossier": dossier,
        "summary_form": forms.get("summary")
        or SummaryForm(
            initial={
                "title": dossier.title,
                "summary": dossier.summary,
                "version": intake.dossier_version(dossier),
            }
        ),
        "may_transfer": may_transfer,
        "transfer_form": forms.get("transfer") or TransferForm(teams=intake.transfer_teams(dossier)),
    }
    return render(request, "cases/intake/edit.html", context, status=status)


@dossier_view
def dossier_edit(request: HttpRequest, dossier_id: str) -> HttpResponse:
    return _edit_page(request, dossier_id)


@dossier_view
@require_POST
def dossier_summary_edit(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.SUMMARY
    ).dossier
    form = SummaryForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            intake.dossier_summary_edit(
                actor=request.user,
                dossier=dossier,
                title=data["title"],
                summary=data["summary"],
                expected_version=data["version"] or None,
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("The summary is saved."))
            return redirect("dossier_detail", dossier_id=dossier.pk)
    return _edit_page(request, dossier_id, {"summary": form}, status=400)


@dossier_view
@require_POST
def dossier_transfer(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.MANAGE_CIRCLE, section=Section.CIRCLE
    ).dossier
    intake.authorise_transfer(request.user, dossier)  # 404 before the form: bad input must not answer 400
    form = TransferForm(request.POST, teams=intake.transfer_teams(dossier))
    if form.is_valid():
        data = form.cleaned_data
        try:
            intake.dossier_transfer(
                actor=request.user,
                dossier=dossier,
                team=data["team"],
                day=data["transferred_on"],
                reason=data["reason"],
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("The dossier now belongs to %(team)s.") % {"team": data["team"].name})
            return redirect("dossier_list")
    return _edit_page(request, dossier_id, {"transfer": form}, status=400)
