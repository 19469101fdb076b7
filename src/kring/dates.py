"""Date rules used across kring (ages); deadlines of pathways live in kring.pathways."""

from datetime import date


def age_on(date_of_birth: date, day: date) -> int:
    """Age in whole years on `day`."""
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))
