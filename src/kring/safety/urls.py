from django.urls import path

from . import evaluations_views, journal_views, mapping_views, scales_views, statements_views, views

SAFETY = "dossiers/<str:dossier_id>/safety/"

urlpatterns = [
    path("dossiers/<str:dossier_id>/safety/", views.safety_overview, name="safety_overview"),
    path(
        "dossiers/<str:dossier_id>/safety/bottom-lines/add/",
        views.safety_bottom_line_add,
        name="safety_bottom_line_add",
    ),
    path("dossiers/<str:dossier_id>/safety/plans/add/", views.safety_plan_add, name="safety_plan_add"),
    path(
        "dossiers/<str:dossier_id>/safety/plans/<int:plan_id>/rules/add/",
        views.safety_rule_add,
        name="safety_rule_add",
    ),
    path(
        "dossiers/<str:dossier_id>/safety/plans/<int:plan_id>/sign/",
        views.safety_plan_sign,
        name="safety_plan_sign",
    ),
    path(
        "dossiers/<str:dossier_id>/safety/plans/<int:plan_id>/pdf/",
        views.safety_plan_pdf,
        name="safety_plan_pdf",
    ),
    path(f"{SAFETY}mapping/", mapping_views.safety_mapping, name="safety_mapping"),
    path(f"{SAFETY}mapping/add/", mapping_views.safety_mapping_add, name="safety_mapping_add"),
    path(f"{SAFETY}mapping/changes/", mapping_views.safety_mapping_changes, name="safety_mapping_changes"),
    path(
        f"{SAFETY}mapping/<int:mapping_id>/edit/",
        mapping_views.safety_mapping_edit,
        name="safety_mapping_edit",
    ),
    path(
        f"{SAFETY}mapping/<int:mapping_id>/items/add/",
        mapping_views.safety_mapping_item_add,
        name="safety_mapping_item_add",
    ),
    path(
        f"{SAFETY}mapping/items/<int:item_id>/edit/",
        mapping_views.safety_mapping_item_edit,
        name="safety_mapping_item_edit",
    ),
    path(
        f"{SAFETY}mapping/items/<int:item_id>/remove/",
        mapping_views.safety_mapping_item_remove,
        name="safety_mapping_item_remove",
    ),
    path(f"{SAFETY}statements/", statements_views.safety_statements, name="safety_statements"),
    path(
        f"{SAFETY}statements/danger/add/",
        statements_views.safety_danger_statement_add,
        name="safety_danger_statement_add",
    ),
    path(
        f"{SAFETY}statements/danger/<int:statement_id>/",
        statements_views.safety_danger_statement_edit,
        name="safety_danger_statement_edit",
    ),
    path(f"{SAFETY}statements/goals/add/", statements_views.safety_goal_add, name="safety_goal_add"),
    path(
        f"{SAFETY}statements/goals/<int:goal_id>/", statements_views.safety_goal_edit, name="safety_goal_edit"
    ),
    path(f"{SAFETY}scales/", scales_views.safety_scales, name="safety_scales"),
    path(f"{SAFETY}scales/record/", scales_views.safety_scales_record, name="safety_scales_record"),
    path(f"{SAFETY}evaluations/", evaluations_views.safety_evaluations, name="safety_evaluations"),
    path(f"{SAFETY}evaluations/add/", evaluations_views.safety_evaluation_add, name="safety_evaluation_add"),
    path(f"{SAFETY}journal/", journal_views.safety_journal, name="safety_journal"),
    path(f"{SAFETY}journal/add/", journal_views.safety_journal_add, name="safety_journal_add"),
    path(f"{SAFETY}journal/read/", journal_views.safety_journal_read, name="safety_journal_read"),
]
