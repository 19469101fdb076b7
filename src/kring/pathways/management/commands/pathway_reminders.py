from kring.pathways.models import Reminder
from kring.pathways.reminders import sweep_reminders
from kring.sweeps import SweepCommand


class Command(SweepCommand):
    help = (
        "Restart the reminder sweep (run it before `manage.py db_worker` starts: `make run` does) and print "
        "how many reminders are in each state."
    )
    sweep = sweep_reminders
    model = Reminder
    sweep_name = "reminder sweep"
    none_word = "no reminders"
