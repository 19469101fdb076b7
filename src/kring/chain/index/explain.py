"""A possible match explained in words to the professional who confirms it: per field whether it agreed,
was close, differed or was missing — never a value of either side (linkage.explain)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from . import linkage, matching
from .models import Registration

# in a sentence (lower case, unlike the form labels)
FIELDS = {
    "surname": pgettext_lazy("match explanation", "surname"),
    "first": pgettext_lazy("match explanation", "first name"),
    "dob": pgettext_lazy("match explanation", "date of birth"),
    "address": pgettext_lazy("match explanation", "address"),
    "bsn": pgettext_lazy("match explanation", "BSN"),
    "sex": pgettext_lazy("match explanation", "sex"),
}
OUTCOMES = {
    "agreed": gettext_lazy("%(field)s agreed"),
    "close": gettext_lazy("%(field)s was close"),
    "alike": gettext_lazy("%(field)s was somewhat alike"),
    "different": gettext_lazy("%(field)s differed"),
    "missing": gettext_lazy("%(field)s missing on one side"),
}
# BSN and sex are mentioned only when both sides recorded them: usually they are not
_QUIET_WHEN_MISSING = {"bsn", "sex"}


def phrases(outcomes: list[tuple[str, str]]) -> list[str]:
    out = []
    for name, outcome in outcomes:
        if name == "names":
            out.append(_("first name and surname were written in each other's fields"))
        elif not (outcome == "missing" and name in _QUIET_WHEN_MISSING):
            out.append(str(OUTCOMES[outcome]) % {"field": FIELDS[name]})
    return out


def sentence(outcomes: list[tuple[str, str]]) -> str:
    """ "Surname agreed, first name was close, date of birth agreed, address missing on one side." """
    text = ", ".join(phrases(outcomes))
    return f"{text[:1].upper()}{text[1:]}." if text else ""


def match_explanation(first: Registration, second: Registration) -> str:
    """Why two registrations were linked, in words, from their stored encodings and the weights in use;
    empty when either identity was erased (an ended registration)."""
    a, b = matching.encoded_of(first), matching.encoded_of(second)
    if not (a.surname or a.first or a.dob) or not (b.surname or b.first or b.dob):
        return ""
    _, mu = matching.current_weights()
    return sentence(linkage.explain(a, b, mu))
