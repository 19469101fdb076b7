"""The demo caseload's pathways, told through the services (idempotent).

- KR-BE-2025-0001 (Verstraete): the safety-planning module under the urgency procedure from the day the
  dossier opened, with the contacts of seed 004 case 1: 38 h 56 min over the six weeks (6 h 29 min a week).
- KR-BE-2026-0002 (Lambrecht): the same module from the urgent claim of 19 October 2026, with 33 h of contact.
- KR-NL-2026-0006 (Kaya): SAVE guidance from the day the dossier opened.

The Verstraete module is over: its steps up to the judge's decision are done, two questions of the
reflective team are recorded, and it is closed on day 42 (the judge continues the help as court-ordered
care), so its case script can be read and printed.
"""

from datetime import date, timedelta

from django.utils import timezone

from kring.cases.history import contact_register
from kring.cases.models import Contact, ContactKind, Dossier

from .models import PathwayState, PathwayTemplate
from .services import pathway_close, pathway_start, reflection_add, step_done

URGENCY = "safety-planning-urgency-be"
SAVE = "save-guidance-nl"

# (dossier, template, start, minutes per week of the pathway: a home visit and a shorter second contact)
STORIES = [
    ("KR-BE-2025-0001", URGENCY, None, [389, 389, 390, 389, 390, 389]),  # 2336 min = 38 h 56 min
    ("KR-BE-2026-0002", URGENCY, date(2026, 10, 19), [330, 330, 330, 330, 330, 330]),  # 1980 min = 33 h
    ("KR-NL-2026-0006", SAVE, None, []),
]
NOTE = "Module veiligheidsplanning, week %d"

CLOSED = "KR-BE-2025-0001"
CLOSED_ON_DAY = 42
CLOSING_NOTE = (
    "De jeugdrechter zet de hulp voort als gerechtelijke jeugdhulp tot half maart. Jens woont weer thuis; "
    "zijn nonkel Bart is zijn vertrouwensfiguur."
)
REFLECTIONS = [
    (
        6,
        "information",
        "Wie kan voor Jens een vertrouwensfiguur zijn, nu er al anderhalf jaar geen contact met papa is?",
        "Nonkel Bart en meter Sofie komen naar het eerste netwerkoverleg; Jens kiest zelf voor Bart.",
    ),
    (
        27,
        "interim-evaluation",
        "Wat maakt dat Jens en mama weer samen aan tafel kunnen zonder dat het escaleert?",
        "Korte gesprekken met de crisisbegeleider erbij, en een time-out bij nonkel Bart als het te hoog oploopt.",
    ),
]


def _worker(dossier: Dossier):
    member = dossier.circle.order_by("started_on", "id").first()
    return member.user if member else None


def seed(stdout) -> None:
    today = timezone.localdate()
    for reference, slug, start, weeks in STORIES:
        dossier = Dossier.objects.filter(reference=reference).first()
        template = PathwayTemplate.objects.filter(slug=slug).order_by("-version").first()
        if dossier is None or template is None:
            continue
        start = max(start or dossier.opened_on, dossier.opened_on)
        if not dossier.pathways.exists():
            pathway_start(actor=None, dossier=dossier, template=template, started_on=start)
        worker = _worker(dossier)
        for number, minutes in enumerate(weeks, start=1):
            if Contact.objects.filter(dossier=dossier, note=NOTE % number).exists():
                continue
            monday = start + timedelta(days=7 * (number - 1))
            days = [monday + timedelta(days=1), monday + timedelta(days=4)]
            days = [min(day, today) for day in days]
            for day, part, kind in (
                (days[0], 240, ContactKind.HOME_VISIT),
                (days[1], minutes - 240, ContactKind.NETWORK_MEETING if number % 2 else ContactKind.PHONE),
            ):
                contact_register(
                    actor=None,
                    dossier=dossier,
                    occurred_on=day,
                    minutes=part,
                    kind=kind,
                    worker=worker,
                    note=NOTE % number,
                )
    _close_verstraete()
    stdout.write(f"pathways: {len(STORIES)} demo pathways, the first one closed with its case script\n")


def _close_verstraete() -> None:
    dossier = Dossier.objects.filter(reference=CLOSED).first()
    pathway = dossier.pathways.filter(state=PathwayState.RUNNING).first() if dossier else None
    if pathway is None:
        return
    ended_on = pathway.started_on + timedelta(days=CLOSED_ON_DAY - 1)
    if ended_on > timezone.localdate():
        return
    for step in pathway.steps.filter(planned_end__lte=ended_on, done_on__isnull=True):
        step_done(actor=None, step=step, done_on=step.planned_end)
    if not pathway.reflections.exists():
        for day, key, question, answer in REFLECTIONS:
            reflection_add(
                actor=None,
                pathway=pathway,
                occurred_on=pathway.started_on + timedelta(days=day - 1),
                question=question,
                answer=answer,
                step=pathway.steps.get(key=key),
            )
    pathway_close(actor=None, pathway=pathway, ended_on=ended_on, end_reason="court_ended", note=CLOSING_NOTE)
