from kring.portal.models import FamilyNotice
from kring.portal.notices import sweep_family_notices
from kring.sweeps import SweepCommand


class Command(SweepCommand):
    help = (
        'Restart the sweep that e-mails families "there is something new in kring for you" (run it before '
        "`manage.py db_worker` starts: `make run` does) and print how many notices are in each state."
    )
    sweep = sweep_family_notices
    model = FamilyNotice
    sweep_name = "family notice sweep"
    none_word = "no notices"
    lease_help = "Seconds after which a claimed notice or a running sweep counts as lost (default 600)."
