import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kring.feedback.models import Instrument
from kring.feedback.scoring import score


class Command(BaseCommand):
    help = "List, describe or score the feedback instruments (latest version)."

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="print the instrument codes")
        parser.add_argument("--instrument", help="instrument code, e.g. exit")
        parser.add_argument(
            "--instrument-version", type=int, dest="instrument_version", help="version (default: latest)"
        )
        parser.add_argument("--describe", action="store_true", help="print the items as JSON")
        parser.add_argument("--answers", help="JSON file: an object of item id to value")

    def handle(self, *args, **options):
        if options["list"]:
            for slug in Instrument.objects.order_by("slug").values_list("slug", flat=True).distinct():
                self.stdout.write(slug)
            return
        slug = options["instrument"]
        if not slug:
            raise CommandError("Give --list, or --instrument SLUG with --describe or --answers FILE.")
        versions = Instrument.objects.filter(slug=slug)
        if options["instrument_version"]:
            versions = versions.filter(version=options["instrument_version"])
        instrument = versions.order_by("-version").first()
        if instrument is None:
            raise CommandError(f"Unknown instrument: {slug!r}. Use --list to see the instruments.")
        if options["describe"]:
            items = [
                {
                    "id": item.key,
                    "type": item.answer_type,
                    "min": item.min_value,
                    "max": item.max_value,
                    "subscale": item.subscale,
                    "required": item.required,
                }
                for item in instrument.items.all()
            ]
            self.stdout.write(json.dumps({"instrument": slug, "version": instrument.version, "items": items}))
            return
        if not options["answers"]:
            raise CommandError("Give --describe or --answers FILE together with --instrument.")
        path = Path(options["answers"])
        try:
            answers = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise CommandError(f"Cannot read the answers file {path}: {exc.strerror}") from exc
        except json.JSONDecodeError as exc:
            raise CommandError(f"The answers file {path} is not valid JSON: {exc}") from exc
        if not isinstance(answers, dict):
            raise CommandError("The answers file must hold a JSON object of item id to value.")
        try:
            result = score(instrument, answers)
        except ValidationError as exc:
            problems = "; ".join(f"{key}: {' '.join(msgs)}" for key, msgs in exc.message_dict.items())
            raise CommandError(f"The answers are not valid: {problems}") from exc
        self.stdout.write(json.dumps(result))
