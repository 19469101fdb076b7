"""The demo caseload's pathways, told through the services (idempotent).

- KR-BE-2025-0001 (Verstraete): the safety-planning module under the urgency procedure from the day the
  dossier opened, with the contacts of seed 004 case 1: 38 h 56 min over the six weeks (6 h 29 min a week).
- KR-BE-2026-0002 (Lambrecht): the same module from the urgent claim of 19 October 2026, with 33 h of contact.
- KR-NL-2026-0006 (Kaya): SAVE guidance from the day the dossier opened.
"""

from datetime import date, timedelta

from django.utils import timezone

from kring.cases.history import contact_register
from kring.cases.models import Contact, ContactKind, Dossier

from .models import PathwayTemplate
from .services import pathway_start

URGENCY = "safety-planning-urgency-be"
SAVE = "save-guidance-nl"

# (dossier, template, start, minutes per week of the pathway: a home visit and a shorter second contact)
STORIES = [
    ("KR-BE-2025-0001", URGENCY, None, [389, 389, 390, 389, 390, 389]),  # 2336 min = 38 h 56 min
    ("KR-BE-2026-0002", URGENCY, date(2026, 10, 19), [330, 330, 330, 330, 330, 330]),  # 1980 min = 33 h
    ("KR-NL-2026-0006", SAVE, None, []),
]
NOTE = "Module veiligheidsplanning, week %d"


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
    stdout.write(f"pathways: {len(STORIES)} demo pathways\n")
