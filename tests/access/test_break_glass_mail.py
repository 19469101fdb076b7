"""The privacy officers hear of an emergency access in their organisation's words, not in the language the
user who opened the dossier happened to choose."""

from django.utils import translation

from kring.access.services import break_glass_open


def test_the_mail_to_the_privacy_officers_is_in_the_dossiers_language(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        break_glass_open(
            user=world.break_glass,
            reference=world.dossier.reference,
            reason="acute zorgen over de veiligheid van het kind",
        )
    assert [m.to for m in mailoutbox] == [[world.privacy_officer.email]]
    assert "noodtoegang" in mailoutbox[0].subject.lower() or "noodtoegang" in mailoutbox[0].body.lower()
    assert "Emergency access" not in mailoutbox[0].body
