"""The functional administrator edits templates (day tables, rules, the reminder lead time) in the admin.
Changes reach the audit chain through their LogEntry, as for every admin change (accounts.signals)."""

from django.contrib import admin

from kring.accounts.admin import AuditedAdmin

from .models import PathwayTemplate, TemplateStep


class TemplateStepInline(admin.TabularInline):
    model = TemplateStep
    fk_name = "template"
    extra = 0
    fields = ["order", "key", "title", "day_from", "day_to", "day_alternative", "roles", "expects", "after"]


@admin.register(PathwayTemplate)
class PathwayTemplateAdmin(AuditedAdmin):
    list_display = ["name", "slug", "version", "jurisdiction", "max_days", "reminder_days_before"]
    inlines = [TemplateStepInline]
