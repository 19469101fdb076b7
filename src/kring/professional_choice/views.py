from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring.access.policy import Action, Section, decide
from kring.cases.selectors import dossier_open
from kring.ui.pages import dossier_view

from . import services
from .forms import ChoiceForm, ProfileForm, ProposalForm
from .models import Profile


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    instance = Profile.objects.filter(user=request.user).first() or Profile(user=request.user)
    form = ProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.profile_update(user=request.user, **{name: form.cleaned_data[name] for name in form.fields})
        messages.success(request, _("Your profile is saved."))
        return redirect("matching_profile")
    return render(request, "professional_choice/profile.html", {"form": form})


def _page(
    request: HttpRequest, dossier_id: str, proposal_form: ProposalForm | None = None, status: int = 200
):
    opened = dossier_open(user=request.user, dossier_id=dossier_id, reads=[Section.CIRCLE])
    dossier = opened.dossier
    proposals = dossier.match_proposals.select_related(
        "first__user__matching_profile", "second__user__matching_profile", "chosen__user", "proposed_by"
    )
    context = {
        **opened.page_context(),
        "proposals": [(p, ChoiceForm(proposal=p)) for p in proposals],
        "may_propose": decide(request.user, Action.APPROVE, dossier, Section.CIRCLE).allowed,
        "proposal_form": proposal_form or ProposalForm(candidates=services.candidates_for(dossier)),
    }
    return render(request, "professional_choice/dossier.html", context, status=status)


@dossier_view
def dossier_matching(request: HttpRequest, dossier_id: str) -> HttpResponse:
    return _page(request, dossier_id)


@login_required
@require_POST
def propose(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.MANAGE_CIRCLE, section=Section.CIRCLE
    ).dossier
    form = ProposalForm(request.POST, candidates=services.candidates_for(dossier))
    if form.is_valid():
        try:
            services.proposal_make(
                actor=request.user,
                dossier=dossier,
                first=form.cleaned_data["first"],
                second=form.cleaned_data["second"],
                proposed_on=timezone.localdate(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The two professionals are proposed to the family."))
            return redirect("matching_dossier", dossier_id=dossier.pk)
    return _page(request, dossier_id, proposal_form=form, status=400)


@dossier_view
@require_POST
def choose(request: HttpRequest, dossier_id: str, proposal_id: int) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.CIRCLE
    ).dossier
    proposal = get_object_or_404(dossier.match_proposals, pk=proposal_id)
    form = ChoiceForm(request.POST, proposal=proposal)
    if not form.is_valid():
        messages.error(request, _("Choose one of the two professionals."))
        return redirect("matching_dossier", dossier_id=dossier.pk)
    try:
        services.proposal_choose(
            actor=request.user,
            proposal=proposal,
            chosen=form.cleaned_data["chosen"],
            chosen_on=timezone.localdate(),
            family_note=form.cleaned_data["family_note"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The family's choice is recorded."))
    return redirect("matching_dossier", dossier_id=dossier.pk)
