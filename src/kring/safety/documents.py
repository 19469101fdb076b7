"""The safety plan as a PDF: for the judge (bottom lines, safety goals, rules, checks, signatures) or in plain
language for the family. One function for the page and the API."""

from typing import Any

from django.http import HttpRequest

from kring.cases.models import Dossier
from kring.ui.pdf import render_pdf

from . import selectors, services
from .models import SafetyPlan


def plan_pdf(
    *, dossier: Dossier, plan: SafetyPlan, family: bool, request: HttpRequest | None = None
) -> tuple[bytes, str]:
    """The PDF of the plan's newest version and its file name (the dossier reference, no personal data).
    The caller has loaded the dossier through the access policy and logs the read."""
    entry = next(e for e in selectors.plans_with_versions(dossier=dossier) if e["plan"].pk == plan.pk)
    version = entry["current"]
    bottom_lines = list(dossier.bottom_lines.all())
    safety_goals = list(dossier.safety_goals.all())
    context: dict[str, Any] = {
        "dossier": dossier,
        "plan": entry["plan"],
        "version": version,
        "checks": services.plan_checks(version, bottom_lines, safety_goals),
        "bottom_lines": bottom_lines,
        "safety_goals": safety_goals,
        "family": family,
    }
    pdf = render_pdf("safety/plan_pdf.html", context, request)
    return pdf, f"{dossier.reference}-safety-plan-v{version.number}{'-family' if family else ''}.pdf"
