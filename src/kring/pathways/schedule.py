"""Turn a pathway template into dated steps, and check templates and extensions."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import ROLES, PathwayTemplate, TemplateStep


@dataclass(frozen=True)
class ScheduledStep:
    key: str
    title: str
    days: str
    start: date
    end: date
    roles: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "step": self.key,
            "title": self.title,
            "days": self.days,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "roles": list(self.roles),
        }


def day_notation(step: TemplateStep) -> str:
    """Days as the day tables write them: "1", "1-3", "1-3/4", "3/4", "14/15", "42-56"."""
    text = str(step.day_from)
    if step.day_to is not None:
        text += f"-{step.day_to}"
    if step.day_alternative is not None:
        text += f"/{step.day_alternative}"
    return text


def generate_schedule(template: PathwayTemplate, start: date) -> list[ScheduledStep]:
    """Day 1 is the start date; a step ends on its last possible day."""
    return [
        ScheduledStep(
            key=step.key,
            title=step.title,
            days=day_notation(step),
            start=start + timedelta(days=step.day_from - 1),
            end=start + timedelta(days=step.last_day - 1),
            roles=list(step.roles),
        )
        for step in template.steps.order_by("order")
    ]


def validate_template(template: PathwayTemplate) -> None:
    steps = list(template.steps.all())
    errors = []
    for step in steps:
        unknown = [role for role in step.roles if role not in ROLES]
        if unknown:
            errors.append(
                ValidationError(
                    _("Step %(step)s has an unknown role: %(roles)s."),
                    code="unknown_role",
                    params={"step": step.key, "roles": ", ".join(unknown)},
                )
            )
    after = {step.pk: step.after_id for step in steps}
    keys = {step.pk: step.key for step in steps}
    for step in steps:
        seen = {step.pk}
        current = after.get(step.pk)
        while current is not None:
            if current in seen:
                errors.append(
                    ValidationError(
                        _("The steps depend on each other in a cycle, starting at %(step)s."),
                        code="cycle",
                        params={"step": keys.get(step.pk, step.key)},
                    )
                )
                break
            seen.add(current)
            current = after.get(current)
        else:
            continue
        break
    if errors:
        raise ValidationError(errors)


def extension_allowed(template: PathwayTemplate, condition: str | None) -> bool:
    """An extension needs one of the template's named conditions (if it names any)."""
    if not template.extension_days:
        return False
    codes = {c["code"] for c in template.extension_conditions}
    if not codes:
        return True
    return condition in codes
