from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class AccessConfig(AppConfig):
    name = "kring.access"

    def ready(self) -> None:
        from kring.accounts.models import Membership, Organisation, Team

        from .policy import memberships_memo_clear

        # a membership, team or organisation changed within a request: its memo of memberships is stale
        for model in (Membership, Team, Organisation):
            post_save.connect(
                memberships_memo_clear, sender=model, dispatch_uid=f"access-memo-{model.__name__}"
            )
            post_delete.connect(
                memberships_memo_clear, sender=model, dispatch_uid=f"access-memo-del-{model.__name__}"
            )
