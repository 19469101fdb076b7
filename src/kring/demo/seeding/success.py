"""A young person's Signs of Success, through the services of kring.safety.success: the book-ends, the
IK-plan, the Klaar mee?! stages, and a positive early closure with its report (proposed by the worker,
confirmed by the team lead, as those two users so that the report carries their names)."""

from typing import Any

from kring.accounts.models import User
from kring.safety.success import services
from kring.safety.success.models import BookEnds, DesistanceRecord, EarlyClosure, IkPlan

from . import Story


def book_ends(story: Story, told: dict[str, Any]) -> None:
    if not BookEnds.objects.filter(dossier=story.dossier).exists():
        services.book_ends_save(actor=None, dossier=story.dossier, **told)
        story.said("success", "book-ends")


def ik_plan(story: Story, told: dict[str, Any]) -> None:
    if not IkPlan.objects.filter(dossier=story.dossier).exists():
        services.ik_plan_save(actor=None, dossier=story.dossier, **told)
        story.said("success", "IK-plan")


def desistance(story: Story, records: list[dict[str, Any]]) -> None:
    if not DesistanceRecord.objects.filter(dossier=story.dossier).exists():
        for record in records:
            services.desistance_record_add(actor=None, dossier=story.dossier, **record)
        story.said("success", "Klaar mee?! stages")


def early_closure(
    story: Story, told: dict[str, Any], *, worker: str, team_lead: str, note: str, on: Any
) -> None:
    dossier = story.dossier
    if EarlyClosure.objects.filter(dossier=dossier).exists():
        return
    measure = next(iter(services.closure_candidates(dossier=dossier)), None)
    if measure is None:
        return
    closure = services.closure_propose(
        actor=User.objects.get(username=worker), dossier=dossier, measure=measure, **told
    )
    services.closure_confirm(actor=User.objects.get(username=team_lead), closure=closure, note=note, on=on)
    story.said("success", "positive early closure and report")
