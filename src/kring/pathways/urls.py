from django.urls import path

from . import views

urlpatterns = [
    path("dossiers/<str:dossier_id>/pathway/", views.pathway_overview, name="pathway_overview"),
    path("dossiers/<str:dossier_id>/pathway/start/", views.pathway_start, name="pathway_start"),
    path("dossiers/<str:dossier_id>/pathway/extend/", views.pathway_extend, name="pathway_extend"),
    path(
        "dossiers/<str:dossier_id>/pathway/steps/<int:step_id>/move/",
        views.pathway_step_move,
        name="pathway_step_move",
    ),
    path(
        "dossiers/<str:dossier_id>/pathway/steps/<int:step_id>/done/",
        views.pathway_step_done,
        name="pathway_step_done",
    ),
    path("dossiers/<str:dossier_id>/pathway/close/", views.pathway_close, name="pathway_close"),
    path("dossiers/<str:dossier_id>/pathway/pause/", views.pathway_pause, name="pathway_pause"),
    path("dossiers/<str:dossier_id>/pathway/resume/", views.pathway_resume, name="pathway_resume"),
    path(
        "dossiers/<str:dossier_id>/pathway/reflections/",
        views.pathway_reflection_add,
        name="pathway_reflection_add",
    ),
    path(
        "dossiers/<str:dossier_id>/pathway/<int:pathway_id>/script/",
        views.pathway_script,
        name="pathway_script",
    ),
    path(
        "dossiers/<str:dossier_id>/pathway/<int:pathway_id>/script.pdf",
        views.pathway_script_pdf,
        name="pathway_script_pdf",
    ),
    path("dossiers/<str:dossier_id>/pathway/handover/", views.pathway_handover, name="pathway_handover"),
    path(
        "dossiers/<str:dossier_id>/pathway/alignment/<int:member_id>/",
        views.pathway_alignment,
        name="pathway_alignment",
    ),
    path("agenda/", views.agenda, name="agenda"),
    path("agenda/team/", views.agenda_team, name="agenda_team"),
    path("agenda/feed/", views.agenda_feed_create, name="agenda_feed_create"),
    path("agenda/feed/revoke/", views.agenda_feed_revoke, name="agenda_feed_revoke"),
    path("agenda/ical/<str:token>.ics", views.agenda_ical, name="agenda_ical"),
]
