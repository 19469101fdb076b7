from django.urls import path

from . import insight_views, views

urlpatterns = [
    path(
        "dossiers/<str:dossier_id>/outcomes/", views.dossier_outcomes_page, name="insights_dossier_outcomes"
    ),
    path(
        "dossiers/<str:dossier_id>/outcomes/method/", views.method_label_set, name="insights_method_label_set"
    ),
    path(
        "dossiers/<str:dossier_id>/outcomes/risk/",
        views.risk_assessment_add,
        name="insights_risk_assessment_add",
    ),
    path(
        "dossiers/<str:dossier_id>/outcomes/events/",
        views.probation_event_add,
        name="insights_probation_event_add",
    ),
    path(
        "dossiers/<str:dossier_id>/outcomes/events/<int:event_id>/outcome/",
        views.probation_event_outcome_set,
        name="insights_probation_event_outcome_set",
    ),
    path(
        "dossiers/<str:dossier_id>/outcomes/measures/<int:measure_id>/judgement/",
        views.end_judgement_record,
        name="insights_end_judgement_record",
    ),
    path("insights/", insight_views.insights_index, name="insights_index"),
    path("insights/exports/", insight_views.export_list, name="insights_export_list"),
    path("insights/exports/<int:export_id>/", insight_views.export_detail, name="insights_export_detail"),
    path(
        "insights/exports/<int:export_id>/download/<str:fmt>/",
        insight_views.export_download,
        name="insights_export_download",
    ),
    path(
        "insights/team/dossiers/<int:team_id>/<str:category>/",
        insight_views.insights_drill_down,
        name="insights_drill_down",
    ),
    path("insights/<str:scope>/", insight_views.insights_dashboard, name="insights_dashboard"),
    path("insights/<str:scope>/compare/", insight_views.insights_compare, name="insights_compare"),
    path("insights/<str:scope>/progress/", insight_views.insights_progress, name="insights_progress"),
    path("insights/<str:scope>/recompute/", insight_views.insights_recompute, name="insights_recompute"),
    path(
        "insights/<str:scope>/download.<str:fmt>", insight_views.insights_download, name="insights_download"
    ),
]
