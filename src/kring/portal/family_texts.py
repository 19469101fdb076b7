"""Texts of other apps that a family member meets on the portal's pages (the parts named in "who opened
your file" and "who sees what", the journal's kinds, the form error summary, the language switch, the
closed-dossier message). Marked here so that `makemessages` in this app carries them into the portal's
catalogues, where Arabic, Turkish and Polish are translated (those languages exist for the portal only:
docs/portal.md, "Languages")."""

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
    gettext_noop("the IK-plan"),
    gettext_noop("the questions with a score for you"),
    gettext_noop("the questionnaires for you"),
    # a questionnaire filled in on a portal page (kring.feedback's questions and checks)
    gettext_noop("optional"),
    gettext_noop("very bad"),
    gettext_noop("very good"),
    gettext_noop("excellent"),
    gettext_noop("not true"),
    gettext_noop("a little true"),
    gettext_noop("mostly true"),
    gettext_noop("completely true"),
    gettext_noop("Please answer the question: %(question)s"),
    gettext_noop("The answer to '%(question)s' must be a whole number from %(low)s to %(high)s."),
    # the young person's IK-plan (kring.safety.success), saved meanwhile by a worker
    gettext_noop(
        "Someone saved a newer version of this IK-plan in the meantime. Look at it and write your changes "
        "again."
    ),
    gettext_noop("went well"),
    gettext_noop("worry"),
    gettext_noop("note"),
    gettext_noop("Please correct the fields marked below."),
    gettext_noop("Choose language"),
    gettext_noop(
        "This dossier is closed and can only be read. Nothing was changed. The owning team can reopen it, "
        "with a reason."
    ),
    # the child's space (kring.access.family's parts, kring.safety.childvoice's checks)
    gettext_noop("how you are doing"),
    gettext_noop("your story in words and pictures"),
    gettext_noop("Choose how you are doing."),
    gettext_noop("Choose one of the five faces."),
    gettext_noop("Use at most %(max)s characters."),
    # "who sees what" (kring.access.policy's parts in plain words, kring.cases.selectors' reasons)
    gettext_noop("who sees which part of your file"),
    gettext_noop("the advice to the judge"),
    gettext_noop("the story of your family and the help"),
    gettext_noop("the names and birth dates of the children"),
    gettext_noop("who works with your family"),
    gettext_noop("your family and network"),
    gettext_noop("decisions of the judge"),
    gettext_noop("what happened so far"),
    gettext_noop("when we met and talked with you"),
    gettext_noop("the steps and dates of the help"),
    gettext_noop("what you told us about the help"),
    gettext_noop("It is their dossier: they keep it for your family."),
    gettext_noop("Because they work with your family."),
    gettext_noop("Because the judge ordered a measure."),
    gettext_noop("Because you agreed on %(date)s."),
)
