"""Regions and insights grants (who sees aggregates beyond the teams they lead) are set up by an
administrator in the admin; changes reach the audit chain through their LogEntry (accounts.signals)."""

from django.contrib import admin

from kring.accounts.admin import AuditedAdmin

from .models import InsightsGrant, Region


@admin.register(Region)
class RegionAdmin(AuditedAdmin):
    list_display = ["name"]
    filter_horizontal = ["organisations"]


@admin.register(InsightsGrant)
class InsightsGrantAdmin(AuditedAdmin):
    list_display = ["user", "scope", "organisation", "region", "is_active"]
    list_filter = ["scope", "is_active"]
    raw_id_fields = ["user"]
