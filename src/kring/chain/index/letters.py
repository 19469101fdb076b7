"""The letter that tells the family about a registration in the signal index: to the parents always, and to
the young person too from 16. Plain language (Dutch B1; English), generated from the registration — which
holds no name or address: the professional may type the name and the addressee on the letter page for the
print; they are used for that print only and never stored."""

from dataclasses import dataclass, field
from datetime import date

from django.utils import formats, translation
from django.utils.translation import gettext as _

from .models import Registration

LANGUAGES = ("nl", "en")


@dataclass
class Letter:
    to: str  # "parents" or "young_person"
    language: str
    subject: str
    greeting: str
    paragraphs: list[str] = field(default_factory=list)
    closing: str = ""
    sender: str = ""
    dated: str = ""


def _parents(registration: Registration, name: str, end: str) -> list[str]:
    child = _("your child %(name)s") % {"name": name} if name else _("your child")
    org = registration.organisation.name
    return [
        _("We are %(org)s. We work with %(child)s. We are worried about how things are going.")
        % {"org": org, "child": child}
        + " "
        + _("That is why we have put your child in the signal index (verwijsindex)."),
        _(
            "The signal index is a list. It only says that we are involved with your child. It does not "
            "say why. There is no story about your family in it."
        ),
        _(
            "Sometimes other organisations also help your child, such as the school, the local team or the "
            "police. If they have also put your child in the index, we both get a message. Then we know "
            "about each other and can work together. We agree who keeps the overview. So you do not have "
            "to tell your story again and again."
        ),
        _(
            "Your child stays in the index until %(end)s at the latest. When we are no longer worried, we "
            "take your child out sooner. At 23, every young person is taken out."
        )
        % {"end": end},
        _(
            "You may ask what we have put in the index. Do you think it is wrong or not needed? Then you "
            "may ask us to change it or to take it out. You may also make a complaint."
        ),
    ]


def _young_person(registration: Registration, end: str) -> list[str]:
    org = registration.organisation.name
    return [
        _("We are %(org)s. We work with you. We are worried about how things are going.") % {"org": org}
        + " "
        + _("That is why we have put you in the signal index (verwijsindex)."),
        _(
            "The signal index is a list. It only says that we are involved with you. It does not say why. "
            "There is no story about you in it."
        ),
        _(
            "Sometimes other organisations also help you, such as your school, the local team or the "
            "police. If they have also put you in the index, we both get a message. Then we know about each "
            "other and can work together. We agree who keeps the overview. So you do not have to tell your "
            "story again and again."
        ),
        _(
            "You stay in the index until %(end)s at the latest. When we are no longer worried, we take you "
            "out sooner. At 23, everyone is taken out."
        )
        % {"end": end},
        _(
            "You may ask what we have put in the index. Do you think it is wrong or not needed? Then you may "
            "ask us to change it or to take it out. You may also make a complaint."
        ),
    ]


def letters(
    registration: Registration, *, language: str, name: str = "", addressee: str = "", on: date | None = None
) -> list[Letter]:
    """The letters for one registration in one language: to the parents, and to the young person from 16."""
    name, addressee = name.strip()[:100], addressee.strip()[:200]
    with translation.override(language):
        end = formats.date_format(registration.expires_on, "j F Y")
        dated = formats.date_format(on or registration.registered_on, "j F Y")
        contact = _("Do you have questions? Call or e-mail %(contact)s: %(details)s.") % {
            "contact": registration.contact_name,
            "details": registration.contact_details,
        }
        common = {
            "language": language,
            "subject": _("You are in the signal index (verwijsindex)"),
            "closing": _("Kind regards,"),
            "sender": f"{registration.contact_name}\n{registration.organisation.name}",
            "dated": dated,
        }
        out = [
            Letter(
                to="parents",
                greeting=_("Dear %(addressee)s,") % {"addressee": addressee}
                if addressee
                else _("Dear parent or carer,"),
                paragraphs=[*_parents(registration, name, end), contact],
                **{**common, "subject": _("Your child is in the signal index (verwijsindex)")},
            )
        ]
        if registration.young_person_16_plus:
            out.append(
                Letter(
                    to="young_person",
                    greeting=_("Dear %(name)s,") % {"name": name} if name else _("Dear young person,"),
                    paragraphs=[*_young_person(registration, end), contact],
                    **common,
                )
            )
    return out
