from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, Membership, Organisation, Team, User
from .services import api_token_revoke, user_disable


class AuditedAdmin(admin.ModelAdmin):
    """Admin changes reach the audit chain through their LogEntry (accounts.signals); a bulk delete writes
    its LogEntries without save signals, so deleting happens one object at a time here."""

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation", "team"]


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    inlines = [MembershipInline]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            user_disable(user=obj, actor=request.user)


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "kind", "country", "require_mfa"]
    list_filter = ["kind", "country"]
    search_fields = ["name"]


@admin.register(Team)
class TeamAdmin(AuditedAdmin):
    list_display = ["name", "organisation"]
    search_fields = ["name", "organisation__name"]


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    """Tokens are made by their owner on "My account"; here they can only be looked at and revoked."""

    list_display = ["name", "user", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Revoke the selected tokens"), permissions=["view"])
    def revoke(self, request: HttpRequest, queryset: Any) -> None:
        for token in queryset.filter(revoked_at__isnull=True):
            api_token_revoke(token=token, actor=request.user)
