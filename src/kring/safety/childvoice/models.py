"""The child's own voice: the words-and-pictures story (woord- en beeldverhaal, the "immediate story") and the
three houses (worries, good things, dreams). Practice model §3 ("Child-facing") and §4 (words and pictures for
young people with a mild intellectual disability).

One story per child of a dossier: an ordered list of panels, each a text with an optional picture. Pictures
are stored outside any public URL (see images.py) and served only through an authorised, audited view. Every
change to a story is a StoryChange row (who, when, what; the earlier text of a changed or removed panel), and
the story's `revision` counts the changes, so that two people editing at once cannot overwrite each other.

The three houses are kept in versions per child, like the book-ends: each save is a new version."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kring.cases.models import Dossier, Person

PANEL_TEXT_MAX = 2000
IMAGE_ALT_MAX = 300
HOUSE_TEXT_MAX = 4000


class Story(models.Model):
    """The words-and-pictures story of one child in one dossier."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="child_stories")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    revision = models.PositiveIntegerField(_("revision"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("words-and-pictures story")
        verbose_name_plural = _("words-and-pictures stories")
        constraints = [models.UniqueConstraint(fields=["dossier", "child"], name="childvoice_one_story")]

    def __str__(self) -> str:
        return f"{self.dossier_id} story of person {self.child_id}"


class Panel(models.Model):
    """One panel of a story: what is told, with an optional picture. `position` counts from 1."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="panels")
    position = models.PositiveIntegerField(_("position"))
    text = models.TextField(_("text"), max_length=PANEL_TEXT_MAX)
    # The stored picture's name in the child-voice storage (a random token), never a URL.
    image_name = models.CharField(max_length=100, blank=True)
    image_content_type = models.CharField(max_length=20, blank=True)
    image_width = models.PositiveIntegerField(null=True, blank=True)
    image_height = models.PositiveIntegerField(null=True, blank=True)
    image_alt = models.CharField(_("what the picture shows"), max_length=IMAGE_ALT_MAX, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["story", "position"]
        verbose_name = _("panel")
        verbose_name_plural = _("panels")
        constraints = [
            models.UniqueConstraint(fields=["story", "position"], name="childvoice_panel_one_position")
        ]

    def __str__(self) -> str:
        return f"panel {self.position} of story {self.story_id}"

    @property
    def has_image(self) -> bool:
        return bool(self.image_name)


class ChangeKind(models.TextChoices):
    PANEL_ADDED = "panel_added", _("panel added")
    TEXT_CHANGED = "text_changed", _("text changed")
    IMAGE_ADDED = "image_added", _("picture added")
    IMAGE_REPLACED = "image_replaced", _("picture replaced")
    IMAGE_REMOVED = "image_removed", _("picture removed")
    DESCRIPTION_CHANGED = "description_changed", _("description of the picture changed")
    MOVED_UP = "moved_up", _("moved up")
    MOVED_DOWN = "moved_down", _("moved down")
    PANEL_REMOVED = "panel_removed", _("panel removed")


class StoryChange(models.Model):
    """Who changed what in a story, and when. The earlier text of a changed or removed panel is kept, so
    that earlier versions of the story stay readable."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="changes")
    panel = models.ForeignKey(Panel, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    kind = models.CharField(_("change"), max_length=20, choices=ChangeKind.choices)
    panel_number = models.PositiveIntegerField(_("panel"))
    previous_text = models.TextField(_("earlier text"), blank=True)
    revision = models.PositiveIntegerField(_("revision"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        ordering = ["story", "-revision", "-id"]
        verbose_name = _("story change")
        verbose_name_plural = _("story changes")

    def __str__(self) -> str:
        return f"{self.story_id} r{self.revision} {self.kind}"


class ThreeHouses(models.Model):
    """One version of a child's three houses (house of worries, of good things, of dreams), in the child's
    own words, as the worker wrote them down in a conversation on `talked_on`."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="three_houses")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(_("version"))
    worries = models.TextField(_("house of worries"), max_length=HOUSE_TEXT_MAX, blank=True)
    good_things = models.TextField(_("house of good things"), max_length=HOUSE_TEXT_MAX, blank=True)
    dreams = models.TextField(_("house of dreams"), max_length=HOUSE_TEXT_MAX, blank=True)
    talked_on = models.DateField(_("date of the conversation"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["dossier", "child", "-version"]
        verbose_name = _("three houses")
        verbose_name_plural = _("three houses")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "child", "version"], name="childvoice_houses_one_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} houses of person {self.child_id} v{self.version}"


WORDS_MAX = 280


class Feeling(models.IntegerChoices):
    """How the young person is doing, from 5 (very good) to 1 (very bad): five faces with short words."""

    # with a context: "good" and "okay" alone mean other things elsewhere in kring
    VERY_GOOD = 5, pgettext_lazy("how am I doing", "very good")
    GOOD = 4, pgettext_lazy("how am I doing", "good")
    OKAY = 3, pgettext_lazy("how am I doing", "okay")
    NOT_GOOD = 2, pgettext_lazy("how am I doing", "not good")
    VERY_BAD = 1, pgettext_lazy("how am I doing", "very bad")


# The face for each feeling, shown beside its words (the words carry the meaning; the face is decoration).
FEELING_FACES = {5: "😀", 4: "🙂", 3: "😐", 2: "🙁", 1: "😢"}


class HowAmIDoing(models.Model):
    """What a young person says about how they are doing on one day, in the portal: one of five faces and a
    few words of their own. One per child per day: a second answer that day replaces the first (a child
    expects to be able to change their mind); the audit log keeps that it was changed. Seen by the young
    person and, through the child's voice, by the worker — not by the parents (kring.access.family)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="how_am_i_doing")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    day = models.DateField(_("day"))
    feeling = models.PositiveSmallIntegerField(_("how I am doing"), choices=Feeling.choices)
    words = models.CharField(_("in my own words"), max_length=WORDS_MAX, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        ordering = ["dossier", "child", "-day"]
        verbose_name = _("how am I doing")
        verbose_name_plural = _("how am I doing")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "child", "day"], name="childvoice_one_feeling_a_day"),
            models.CheckConstraint(
                condition=models.Q(feeling__gte=1, feeling__lte=5), name="childvoice_feeling_one_to_five"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} person {self.child_id} on {self.day}: {self.feeling}"

    @property
    def face(self) -> str:
        return FEELING_FACES.get(self.feeling, "")
