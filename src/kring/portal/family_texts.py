"""Texts of other apps that a family member meets on the portal's pages (the parts named in "who opened your
file", the journal's kinds, the form error summary, the language switch, the closed-dossier message). Marked
here so that `makemessages` in this app carries them into the portal's catalogues, where Arabic, Turkish and
Polish are translated (those languages exist for the portal only: docs/portal.md, "Languages")."""

from django.utils.translation import gettext_noop

FAMILY_TEXTS = (
    gettext_noop("what we are worried about"),
    gettext_noop("what needs to change"),
    gettext_noop("the minimum rules"),
    gettext_noop("who sits at the kitchen table"),
    gettext_noop("the safety plan"),
    gettext_noop("the scores"),
    gettext_noop("what you agreed to"),
    gettext_noop("the questionnaires"),
    gettext_noop("the safety journal"),
    gettext_noop("who opened your file"),
    gettext_noop("your three houses"),
    gettext_noop("went well"),
    gettext_noop("worry"),
    gettext_noop("note"),
    gettext_noop("Please correct the fields marked below."),
    gettext_noop("Choose language"),
    gettext_noop(
        "This dossier is closed and can only be read. Nothing was changed. The owning team can reopen it, "
        "with a reason."
    ),
)
