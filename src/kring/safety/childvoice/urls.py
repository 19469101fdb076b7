from django.urls import path

from . import views

urlpatterns = [
    path("dossiers/<str:dossier_id>/child-voice/", views.childvoice_overview, name="childvoice_overview"),
    path(
        "dossiers/<str:dossier_id>/child-voice/children/<int:child_id>/",
        views.childvoice_child,
        name="childvoice_child",
    ),
    path(
        "dossiers/<str:dossier_id>/child-voice/children/<int:child_id>/panels/add/",
        views.childvoice_panel_add,
        name="childvoice_panel_add",
    ),
    path(
        "dossiers/<str:dossier_id>/child-voice/children/<int:child_id>/houses/",
        views.childvoice_houses_save,
        name="childvoice_houses_save",
    ),
    path(
        "dossiers/<str:dossier_id>/child-voice/children/<int:child_id>/story.pdf",
        views.childvoice_print,
        name="childvoice_print",
    ),
    path(
        "dossiers/<str:dossier_id>/child-voice/panels/<int:panel_id>/change/",
        views.childvoice_panel_change,
        name="childvoice_panel_change",
    ),
    path(
        "dossiers/<str:dossier_id>/child-voice/panels/<int:panel_id>/move/",
        views.childvoice_panel_move,
        name="childvoice_panel_move",
    ),
    path(
        "dossiers/<str:dossier_id>/child-voice/panels/<int:panel_id>/remove/",
        views.childvoice_panel_remove,
        name="childvoice_panel_remove",
    ),
    path(
        "dossiers/<str:dossier_id>/child-voice/panels/<int:panel_id>/picture",
        views.childvoice_panel_image,
        name="childvoice_panel_image",
    ),
]
