"""The one place where answers are checked and instruments are scored."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import AnswerType, Instrument

TEXT_MAX = 2000  # characters of a free-text answer; the forms say the same (maxlength)


def _number(value):
    if isinstance(value, bool):
        raise InvalidOperation
    number = Decimal(str(value).strip())
    if not number.is_finite():
        raise InvalidOperation
    return number


def validate_answers(instrument: Instrument, answers: dict) -> dict:
    """Check the answers against the instrument; return them cleaned (numbers as Decimal).

    Raises ValidationError (plain language, per item key) for unknown items, missing required items and
    values outside an item's range."""
    items = {item.key: item for item in instrument.items.all()}
    errors: dict[str, list[str]] = {}
    cleaned = {}
    for key in answers:
        if key not in items:
            errors.setdefault(str(key), []).append(
                _("The question '%(key)s' is not part of this questionnaire.") % {"key": key}
            )
    for key, item in items.items():
        value = answers.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if item.required:
                errors.setdefault(key, []).append(
                    _("Please answer the question: %(question)s") % {"question": item.display_text}
                )
            continue
        if not item.is_numeric:
            if not isinstance(value, str):
                errors.setdefault(key, []).append(
                    _("The answer to '%(question)s' must be text.") % {"question": item.display_text}
                )
            elif len(value) > TEXT_MAX:
                errors.setdefault(key, []).append(
                    _("The answer to '%(question)s' is too long: at most %(max)s characters.")
                    % {"question": item.display_text, "max": TEXT_MAX}
                )
            else:
                cleaned[key] = value
            continue
        try:
            number = _number(value)
        except (InvalidOperation, ValueError, TypeError):
            errors.setdefault(key, []).append(
                _("The answer to '%(question)s' must be a number.") % {"question": item.display_text}
            )
            continue
        whole = item.answer_type in (AnswerType.SCALE_0_10, AnswerType.SCALE_1_4, AnswerType.GRADE_1_10)
        out_of_range = (item.min_value is not None and number < item.min_value) or (
            item.max_value is not None and number > item.max_value
        )
        if out_of_range or (whole and number != number.to_integral_value()):
            errors.setdefault(key, []).append(
                _("The answer to '%(question)s' must be a whole number from %(low)s to %(high)s.")
                % {"question": item.display_text, "low": item.min_value, "high": item.max_value}
            )
            continue
        cleaned[key] = number
    if errors:
        raise ValidationError(errors)
    return cleaned


def score(instrument: Instrument, answers: dict) -> dict:
    """Score validated answers: the mean per subscale (1 decimal) and the report grade, where the
    instrument has them. Items are matched by key, so results compare across versions."""
    cleaned = validate_answers(instrument, answers)
    result: dict = {}
    sums: dict[str, list[Decimal]] = {}
    for item in instrument.items.all():
        if item.answer_type == AnswerType.GRADE_1_10 and item.key in cleaned:
            result["report_grade"] = int(cleaned[item.key])
        elif item.subscale and item.is_numeric and item.key in cleaned:
            sums.setdefault(item.subscale, []).append(cleaned[item.key])
    if sums:
        result["subscales"] = {
            code: float((sum(values) / len(values)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
            for code, values in sums.items()
        }
    if "subscales" in result:
        result = {"subscales": result["subscales"], **{k: v for k, v in result.items() if k != "subscales"}}
    return result
