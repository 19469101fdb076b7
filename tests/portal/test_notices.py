"""E-mails "there is something new in kring for you" (kring.portal.notices): as often as the person chose,
never with content, never about what the person may not see, never twice. The family is the one of
tests/portal/conftest.py; its clock stands on Sunday 6 December 2026, 10:00 (Amsterdam)."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from kring.audit.models import AuditAction, AuditEntry
from kring.portal import notices
from kring.portal.models import FamilyNotice, NoticeChoice, NoticeFrequency, NoticeState
from kring.portal.services import family_journal_add, family_notice_choice_set
from kring.safety.models import JournalEntry

from ..pathways.conftest import assert_all_succeeded, run_ready_tasks
from .conftest import Verified


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(settings.TIME_ZONE))


def sweep_at(*args: int) -> dict[str, int]:
    """The sweep as the worker runs it, with the clock at that moment (records made meanwhile carry it)."""
    with time_machine.travel(local(*args), tick=False):
        return notices.notices_sweep()


def at(*args: int):
    return time_machine.travel(local(*args), tick=False)


def _choose(family, persona: str, frequency: str) -> None:
    family_notice_choice_set(user=family.user(persona), frequency=frequency)


def _entry_by(family, persona: str, text: str = "Vandaag ging het goed bij de overdracht.") -> JournalEntry:
    from kring.access.family import family_decide

    account = family.accounts[persona]
    return family_journal_add(
        decision=family_decide(Verified(account.user), account), happened_on=date(2026, 12, 6), text=text
    )


def _mails_to(family, persona: str) -> list:
    address = family.user(persona).email
    return [m for m in mail.outbox if address in m.to]


def test_once_a_day_from_five_in_the_afternoon_and_once_only(family):
    for persona in ("parent_authority", "network_member"):
        _choose(family, persona, NoticeFrequency.DAILY)
    _entry_by(family, "network_member")  # the grandmother writes; the mother may read every journal entry
    assert sweep_at(2026, 12, 6, 16, 59)["sent"] == 0
    sweep_at(2026, 12, 6, 17, 0)  # also the foster mother: once a day by default
    assert len(_mails_to(family, "parent_authority")) == 1
    assert _mails_to(family, "network_member") == []  # her own entry is nothing new for her
    sweep_at(2026, 12, 6, 21, 0)
    sweep_at(2026, 12, 7, 17, 0)  # the next day: nothing new since
    assert len(_mails_to(family, "parent_authority")) == 1
    notice = FamilyNotice.objects.get(user=family.user("parent_authority"))
    assert (notice.slot, notice.state) == ("day:2026-12-06", NoticeState.SENT)
    assert notice.accounts == [family.accounts["parent_authority"].pk]


def test_at_once_weekly_and_never(family):
    _choose(family, "parent_authority", NoticeFrequency.IMMEDIATELY)
    _choose(family, "foster_parent", NoticeFrequency.WEEKLY)
    _choose(family, "young_16", NoticeFrequency.NEVER)
    _entry_by(family, "network_member")
    sweep_at(2026, 12, 6, 10, 5)  # a Sunday: this week's Monday 17:00 has passed
    assert len(_mails_to(family, "parent_authority")) == 1
    assert len(_mails_to(family, "foster_parent")) == 1
    sweep_at(2026, 12, 6, 10, 10)
    assert len(_mails_to(family, "parent_authority")) == 1  # nothing new since the last one
    with at(2026, 12, 7, 9, 0):
        _entry_by(family, "network_member", "Oma heeft Noor opgehaald.")
    sweep_at(2026, 12, 7, 10, 0)  # Monday morning: a new week has not started
    assert len(_mails_to(family, "parent_authority")) == 2
    assert len(_mails_to(family, "foster_parent")) == 1
    sweep_at(2026, 12, 7, 17, 0)
    assert len(_mails_to(family, "foster_parent")) == 2
    assert FamilyNotice.objects.get(user=family.user("foster_parent"), slot="week:2026-W50")
    assert _mails_to(family, "young_16") == []  # never (his own entries would not count anyway)


def test_the_mail_holds_no_content_names_or_dossier_references(family):
    _choose(family, "parent_authority", NoticeFrequency.IMMEDIATELY)
    entry = _entry_by(family, "foster_parent", "Karim stond vanavond bij de school van Noor.")
    sweep_at(2026, 12, 6, 10, 5)
    [message] = _mails_to(family, "parent_authority")
    text = f"{message.subject}\n{message.body}\n{message.extra_headers}"
    forbidden = [
        entry.text,
        family.dossier.title,
        family.dossier.reference,
        str(family.dossier.pk),
        "Karim",
        "Noor",
        "Sami",
        "Fatima",
        "Anja",
        family.version.plan.title,
    ]
    assert [word for word in forbidden if word and word in text] == []
    assert "Er is iets nieuws in kring voor je" in message.body
    assert message.body.count("http") == 1 and reverse("portal_home") in message.body


def test_the_mail_is_in_the_persons_language(family):
    account = family.accounts["parent_authority"]
    account.language = "ar"
    account.save(update_fields=["language"])
    _choose(family, "parent_authority", NoticeFrequency.IMMEDIATELY)
    _entry_by(family, "network_member")
    sweep_at(2026, 12, 6, 10, 5)
    [message] = _mails_to(family, "parent_authority")
    assert message.subject == "هناك شيء جديد لك في kring"
    assert "فورًا" in message.body  # "at once", the choice they made


def test_nobody_is_told_about_what_they_may_not_see(family):
    for persona in ("parent_no_authority", "network_member", "young_12", "young_16"):
        _choose(family, persona, NoticeFrequency.IMMEDIATELY)
    # the mother writes an entry about no rule: the father (without authority) and the grandmother see only
    # entries they said or about their rules; the young people only their own
    with at(2026, 12, 6, 10, 2):
        _entry_by(family, "parent_authority")
    sweep_at(2026, 12, 6, 10, 5)
    for persona in ("parent_no_authority", "network_member", "young_12", "young_16"):
        assert _mails_to(family, persona) == [], persona
    # a worry about Sami changes: Noor (12) sees only what is about her, the father no worries at all
    with at(2026, 12, 6, 10, 6):
        family.danger_sami.text = "Wij maken ons zorgen dat Sami weer wegloopt."
        family.danger_sami.save()
    sweep_at(2026, 12, 6, 10, 10)
    assert _mails_to(family, "parent_no_authority") == []
    assert _mails_to(family, "young_12") == []
    assert len(_mails_to(family, "young_16")) == 1  # the worry is about him
    assert len(_mails_to(family, "network_member")) == 1  # she sees the worries, as the family agreed
    young_16 = family.accounts["young_16"]
    with at(2026, 12, 6, 10, 11):
        assert notices.visible_news(young_16, young_16.created_at) == ["danger_statement"]


def test_a_stopped_account_hears_nothing(family):
    account = family.accounts["parent_authority"]
    _choose(family, "parent_authority", NoticeFrequency.IMMEDIATELY)
    account.revoked_at = local(2026, 12, 6, 10, 1)
    account.save(update_fields=["revoked_at"])
    _entry_by(family, "network_member")
    sweep_at(2026, 12, 6, 10, 5)
    assert _mails_to(family, "parent_authority") == []


def test_nothing_twice_a_refused_mail_is_retried_and_a_lost_claim_never_resent(family, monkeypatch):
    _choose(family, "parent_authority", NoticeFrequency.DAILY)
    _entry_by(family, "network_member")
    user_id = family.user("parent_authority").pk

    def refuse(message):
        raise OSError("mail server down")

    monkeypatch.setattr(notices, "deliver", refuse)
    sweep_at(2026, 12, 6, 17, 0)
    assert not FamilyNotice.objects.filter(user_id=user_id).exists()  # not sent: no record, tried again
    monkeypatch.undo()
    with at(2026, 12, 6, 17, 5):
        assert notices.notice_send(user_id) == "sent"
    with at(2026, 12, 6, 17, 6):
        assert notices.notice_send(user_id) == "already sent"
    assert len(_mails_to(family, "parent_authority")) == 1
    # a worker that died between claiming and sending: after the lease unconfirmed, never sent again
    FamilyNotice.objects.filter(user_id=user_id).update(state=NoticeState.SENDING)
    assert sweep_at(2026, 12, 6, 17, 20)["unconfirmed"] == 1
    assert FamilyNotice.objects.get(user_id=user_id).state == NoticeState.UNCONFIRMED
    assert len(_mails_to(family, "parent_authority")) == 1
    notice = FamilyNotice.objects.get(user_id=user_id)
    exports = AuditEntry.objects.filter(
        action=AuditAction.EXPORT, object_type="portal.familynotice", object_id=str(notice.pk)
    )
    assert exports.count() == 1 and exports.get().dossier_id is None  # the mail names no file


def test_the_sweep_is_a_task_that_keeps_itself_going(family):
    _choose(family, "parent_authority", NoticeFrequency.IMMEDIATELY)  # starts the sweep
    sweeps = DBTaskResult.objects.filter(task_path=notices.sweep_family_notices.module_path)
    assert sweeps.count() == 1
    _entry_by(family, "network_member")
    assert_all_succeeded(run_ready_tasks())
    assert len(_mails_to(family, "parent_authority")) == 1
    assert sweeps.filter(status="READY").count() == 1  # the next one waits
    notices.notices_restart_sweep()  # a worker restart: one waiting sweep, due now
    assert sweeps.filter(status="READY").count() == 1
    assert_all_succeeded(run_ready_tasks())
    assert len(_mails_to(family, "parent_authority")) == 1  # and nothing twice


def test_the_choice_on_the_page_and_in_the_api(family, family_client):
    client = family_client("young_12")
    page = client.get(reverse("portal_notices"))
    assert page.status_code == 200
    assert re.search(r'value="daily"[^>]*checked', page.content.decode())
    assert client.post(reverse("portal_notices"), {"frequency": "sometimes"}).status_code == 400
    assert not NoticeChoice.objects.exists()
    assert client.post(reverse("portal_notices"), {"frequency": "weekly"}).status_code == 302
    assert NoticeChoice.objects.get(user=family.user("young_12")).frequency == "weekly"
    api = reverse("api:portal_notices_set")
    refused = client.put(api, data={"frequency": "hourly"}, content_type="application/json")
    assert refused.status_code in (400, 422)
    assert client.put(api, data={"frequency": "never"}, content_type="application/json").json() == {
        "frequency": "never"
    }
    assert client.get(reverse("api:portal_notices")).json() == {"frequency": "never"}


@pytest.mark.parametrize("frequency", ["at once", ""])
def test_an_unknown_frequency_is_refused_in_the_service(family, frequency):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        family_notice_choice_set(user=family.user("parent_authority"), frequency=frequency)
    assert not NoticeChoice.objects.exists()


def test_a_question_or_questionnaire_put_to_the_person_is_news_for_them_only(family):
    from .test_put_to_them import ask_questionnaire, ask_scale

    for persona in ("parent_authority", "young_16", "foster_parent"):
        _choose(family, persona, NoticeFrequency.IMMEDIATELY)
    sweep_at(2026, 12, 6, 10, 5)  # nothing new yet
    with at(2026, 12, 6, 11, 0):
        ask_scale(family, "young_16")
        ask_questionnaire(family, "parent_authority")
    mail.outbox.clear()
    sweep_at(2026, 12, 6, 11, 5)
    sami, mother = _mails_to(family, "young_16"), _mails_to(family, "parent_authority")
    assert len(sami) == 1 and len(mother) == 1
    assert _mails_to(family, "foster_parent") == []  # put to someone else: nothing for her
    for message in (*sami, *mother):  # no content: not the question, not the questionnaire, not the file
        body = message.subject + message.body
        for word in (
            "veilig",
            "Looking back",
            "Terugblik",
            "EXIT",
            family.dossier.reference,
            "Sami",
            "Fatima",
        ):
            assert word not in body
    with at(2026, 12, 6, 11, 5):
        assert notices.visible_news(family.accounts["young_16"], local(2026, 12, 6, 10, 59)) == [
            "scale_question"
        ]
        assert "questionnaire" in notices.visible_news(
            family.accounts["parent_authority"], local(2026, 12, 6, 10, 59)
        )


def test_an_answered_question_is_no_longer_news(family):
    from kring.access.family import family_decide
    from kring.portal.services import family_scale_answer

    from .test_put_to_them import ask_scale

    with at(2026, 12, 6, 11, 0):
        asked = ask_scale(family, "young_16")
    account = family.accounts["young_16"]
    with at(2026, 12, 6, 11, 1):
        family_scale_answer(decision=family_decide(Verified(account.user), account), asked=asked, score=7)
    with at(2026, 12, 6, 11, 5):
        assert "scale_question" not in notices.visible_news(account, local(2026, 12, 6, 10, 59))
