"""A family's pathway, through the services of kring.pathways and the contact register of kring.cases: the
module started, its weekly contacts (a home visit and a shorter second contact), and — for a finished one —
its steps done, the reflective team's questions and the closure."""

from datetime import date, timedelta

from django.utils import timezone

from kring.cases.models import Contact, ContactKind
from kring.cases.services.history import contact_register
from kring.pathways.models import PathwayState, PathwayTemplate
from kring.pathways.services import pathway_close, pathway_start, reflection_add, step_done

from . import Story

URGENCY = "safety-planning-urgency-be"
SAVE = "save-guidance-nl"
WEEK_NOTE = "Module veiligheidsplanning, week %d"
HOME_VISIT_MINUTES = 240


def pathway(
    story: Story, slug: str, *, start: date | None = None, weekly_minutes: tuple[int, ...] = ()
) -> None:
    """Start the newest version of template `slug` (from `start`, at the earliest the day the dossier
    opened), with the contacts of each week: `weekly_minutes` is the contact time of week 1, 2, …"""
    dossier = story.dossier
    template = PathwayTemplate.objects.filter(slug=slug).order_by("-version").first()
    if template is None:
        return
    start = max(start or dossier.opened_on, dossier.opened_on)
    if not dossier.pathways.exists():
        pathway_start(actor=None, dossier=dossier, template=template, started_on=start)
        story.said("pathways", template.slug)
    member = dossier.circle.order_by("started_on", "id").first()
    worker = member.user if member else None
    today = timezone.localdate()
    for number, minutes in enumerate(weekly_minutes, start=1):
        if Contact.objects.filter(dossier=dossier, note=WEEK_NOTE % number).exists():
            continue
        monday = start + timedelta(days=7 * (number - 1))
        days = [min(day, today) for day in (monday + timedelta(days=1), monday + timedelta(days=4))]
        for day, part, kind in (
            (days[0], HOME_VISIT_MINUTES, ContactKind.HOME_VISIT),
            (
                days[1],
                minutes - HOME_VISIT_MINUTES,
                ContactKind.NETWORK_MEETING if number % 2 else ContactKind.PHONE,
            ),
        ):
            contact_register(
                actor=None,
                dossier=dossier,
                occurred_on=day,
                minutes=part,
                kind=kind,
                worker=worker,
                note=WEEK_NOTE % number,
            )


def pathway_finish(
    story: Story,
    *,
    on_day: int,
    end_reason: str,
    note: str,
    reflections: list[tuple[int, str, str, str]],
) -> None:
    """Close the running pathway on its day `on_day` (day 1 is the start): the steps planned up to then done
    on their planned end, the reflective team's (day, step key, question, answer) recorded."""
    running = story.dossier.pathways.filter(state=PathwayState.RUNNING).first()
    if running is None:
        return
    ended_on = running.started_on + timedelta(days=on_day - 1)
    if ended_on > timezone.localdate():
        return
    for step in running.steps.filter(planned_end__lte=ended_on, done_on__isnull=True):
        step_done(actor=None, step=step, done_on=step.planned_end)
    if not running.reflections.exists():
        for day, key, question, answer in reflections:
            reflection_add(
                actor=None,
                pathway=running,
                occurred_on=running.started_on + timedelta(days=day - 1),
                question=question,
                answer=answer,
                step=running.steps.get(key=key),
            )
    pathway_close(actor=None, pathway=running, ended_on=ended_on, end_reason=end_reason, note=note)
    story.said("pathways", f"closed on day {on_day} with its case script")
