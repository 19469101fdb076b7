"""Pages of particular instruments: Samen Sterker with its improvement agreements, the life-domain matrix
(informants side by side, change between moments) and the Signs of Success anchors (method integrity).

Each page opens the dossier through the door (dossier_open, Section.FEEDBACK; 404 for anyone else), which logs
the read, and does a constant number of queries whatever the number of administrations."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring.access.policy import Action, Section
from kring.cases.selectors import OpenDossier, dossier_open
from kring.ui.pages import dossier_view, submit

from . import services
from .charts import anchors_chart, lgm_change_chart, respondent_label, score_chart, subscale_chart
from .forms import AgreementForm, AgreementStatusForm
from .models import AgreementStatus, ImprovementAgreement, Moment
from .selectors import (
    anchor_gap,
    anchors_overview,
    dossier_agreements,
    dossier_results,
    lgm_matrix,
    lgm_spread,
    samen_sterker_rounds,
    self_check_overview,
)

# --- Samen Sterker ------------------------------------------------------------------------------------------


def _status_form(
    agreement: ImprovementAgreement, bound: AgreementStatusForm | None = None
) -> AgreementStatusForm:
    if bound is not None:
        return bound
    done = agreement.status == AgreementStatus.DONE
    return AgreementStatusForm(
        initial={
            "status": AgreementStatus.OPEN if done else AgreementStatus.DONE,
            "version": agreement.version,
            "done_on": timezone.localdate(),
        },
        auto_id=f"id_agreement_{agreement.pk}_%s",
    )


def _samen_sterker_page(
    request: HttpRequest,
    opened: OpenDossier,
    *,
    form: AgreementForm | None = None,
    status_forms: dict[int, AgreementStatusForm] | None = None,
) -> HttpResponse:
    context = opened.page_context()
    dossier = opened.dossier
    agreements = dossier_agreements(dossier)
    rounds = samen_sterker_rounds(dossier, agreements)
    groups = dossier_results(dossier, "samen-sterker")
    may_edit = Section.FEEDBACK in context["editable"]
    status_forms = status_forms or {}
    for agreement in agreements:
        agreement.form = _status_form(agreement, status_forms.get(agreement.pk)) if may_edit else None
    context.update(
        rounds=[{"round": r, "respondents": [_respondent(row) for row in r.rows]} for r in rounds],
        agreements=agreements,
        open_count=sum(a.status == AgreementStatus.OPEN for a in agreements),
        chart=score_chart(groups[0]) if groups else None,
        form=(form or AgreementForm(initial={"made_on": timezone.localdate()}, auto_id="id_new_%s"))
        if may_edit
        else None,
        page_title=_("Stronger together (Samen Sterker)"),
    )
    bad = (form is not None and form.errors) or any(f.errors for f in status_forms.values())
    return render(request, "feedback/samen_sterker.html", context, status=400 if bad else 200)


def _respondent(row: Any) -> str:
    administration = row.administration
    label = respondent_label(administration.respondent_type)
    return f"{label} ({administration.respondent_label})" if administration.respondent_label else label


@dossier_view
def feedback_samen_sterker(request: HttpRequest, dossier_id: str) -> HttpResponse:
    """The Samen Sterker conversations side by side per topic, and the improvement agreements followed up."""
    return _samen_sterker_page(
        request, dossier_open(user=request.user, dossier_id=dossier_id, reads=[Section.FEEDBACK])
    )


@dossier_view
@require_POST
def feedback_agreement_add(request: HttpRequest, dossier_id: str) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.FEEDBACK
    ).dossier
    form = AgreementForm(request.POST, auto_id="id_new_%s")
    if submit(form, lambda data: services.agreement_add(actor=request.user, dossier=dossier, **data)):
        messages.success(request, _("The agreement has been recorded."))
        return redirect("feedback_samen_sterker", dossier_id=dossier.pk)
    return _samen_sterker_page(
        request, dossier_open(user=request.user, dossier_id=dossier.pk, reads=[Section.FEEDBACK]), form=form
    )


@dossier_view
@require_POST
def feedback_agreement_status(request: HttpRequest, dossier_id: str, agreement_id: int) -> HttpResponse:
    dossier = dossier_open(
        user=request.user, dossier_id=dossier_id, action=Action.EDIT, section=Section.FEEDBACK
    ).dossier
    agreement = get_object_or_404(ImprovementAgreement, pk=agreement_id, dossier=dossier)
    form = AgreementStatusForm(request.POST, auto_id=f"id_agreement_{agreement.pk}_%s")
    if submit(
        form, lambda data: services.agreement_set_status(actor=request.user, agreement=agreement, **data)
    ):
        messages.success(request, _("The agreement has been updated."))
        return redirect("feedback_samen_sterker", dossier_id=dossier.pk)
    opened = dossier_open(user=request.user, dossier_id=dossier.pk, reads=[Section.FEEDBACK])
    return _samen_sterker_page(request, opened, status_forms={agreement.pk: form})


# --- the life-domain matrix ---------------------------------------------------------------------------------


@dossier_view
def feedback_lgm(request: HttpRequest, dossier_id: str) -> HttpResponse:
    """The informants side by side at one moment (?moment=start|during|end, else the latest), where they
    differ, and how each informant's ratings changed between the moments."""
    opened = dossier_open(user=request.user, dossier_id=dossier_id, reads=[Section.FEEDBACK])
    dossier = opened.dossier
    context = opened.page_context()
    matrix = lgm_matrix(dossier, request.GET.get("moment"))
    moment_labels = dict(Moment.choices)
    context.update(
        matrix=matrix,
        informants=[respondent_label(code) for code in matrix.informants],
        moments=[(code, moment_labels[code]) for code in matrix.moments],
        moment_label=moment_labels.get(matrix.moment, ""),
        spread=lgm_spread(),
        chart=lgm_change_chart(matrix),
        page_title=_("Life domains (life-domain matrix)"),
    )
    return render(request, "feedback/lgm.html", context)


# --- the anchors of Signs of Success ------------------------------------------------------------------------


@dossier_view
def feedback_anchors(request: HttpRequest, dossier_id: str) -> HttpResponse:
    """The seven anchors rated by the young person and the worker: method integrity, over time. The Signs of
    Success overview links here."""
    opened = dossier_open(user=request.user, dossier_id=dossier_id, reads=[Section.FEEDBACK])
    dossier = opened.dossier
    context = opened.page_context()
    overview = anchors_overview(dossier)
    history = [
        {
            "row": row,
            "rater": respondent_label(row.administration.respondent_type),
            "values": [row.answers.get(line.key) for line in overview.lines],
        }
        for row in overview.results.rows
    ]
    context.update(
        overview=overview,
        history=history,
        gap=anchor_gap(),
        mean_chart=score_chart(overview.results),
        chart=anchors_chart(overview),
        page_title=_("The seven anchors of Signs of Success"),
    )
    return render(request, "feedback/anchors.html", context)


# --- the self-check -----------------------------------------------------------------------------------------


@dossier_view
def feedback_self_check(request: HttpRequest, dossier_id: str) -> HttpResponse:
    """The worker's self-checks on working true to the method: the parts over time, and the points to work
    on in the latest one."""
    opened = dossier_open(user=request.user, dossier_id=dossier_id, reads=[Section.FEEDBACK])
    dossier = opened.dossier
    context = opened.page_context()
    overview = self_check_overview(dossier)
    parts = dict(overview.parts)
    context.update(
        overview=overview,
        parts=overview.parts,
        chart=subscale_chart(overview.results, parts) if overview.results else None,
        page_title=_("Self-check: working true to the method"),
    )
    return render(request, "feedback/self_check.html", context)
