import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kring.pathways.models import PathwayTemplate
from kring.pathways.schedule import generate_schedule


class Command(BaseCommand):
    help = "List the pathway templates, or print the dated schedule of one."

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="Print the template slugs, one per line.")
        parser.add_argument("--template", help="The slug of the template (its latest version).")
        parser.add_argument("--start", help="Day 1 of the pathway, as YYYY-MM-DD.")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, **options):
        if options["list"]:
            for slug in PathwayTemplate.objects.order_by("slug").values_list("slug", flat=True).distinct():
                self.stdout.write(slug)
            return
        slug = options["template"]
        if not slug:
            raise CommandError(_("Give --list, or --template SLUG with --start YYYY-MM-DD."))
        template = PathwayTemplate.objects.filter(slug=slug).order_by("-version").first()
        if template is None:
            raise CommandError(_("There is no pathway template %(slug)s; see --list.") % {"slug": slug})
        try:
            start = date.fromisoformat(options["start"] or "")
        except ValueError:
            raise CommandError(
                _("The start date %(start)s is not a date as YYYY-MM-DD.") % {"start": options["start"]}
            ) from None
        schedule = generate_schedule(template, start)
        if options["format"] == "json":
            self.stdout.write(json.dumps([step.as_dict() for step in schedule], ensure_ascii=False, indent=2))
            return
        for step in schedule:
            self.stdout.write(
                f"{step.days:>8}  {step.start.isoformat()} to {step.end.isoformat()}  {step.title}"
                f"  ({', '.join(step.roles)})"
            )
