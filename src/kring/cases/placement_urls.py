from django.urls import path

from . import placement_views as views

urlpatterns = [
    path("<str:dossier_id>/placements/", views.placements, name="dossier_placements"),
    path("<str:dossier_id>/placements/add/", views.placement_add, name="dossier_placement_add"),
    path(
        "<str:dossier_id>/placements/<int:placement_id>/end/",
        views.placement_end,
        name="dossier_placement_end",
    ),
    path(
        "<str:dossier_id>/placements/<int:placement_id>/crisis-decision/",
        views.placement_crisis_decision,
        name="dossier_placement_crisis_decision",
    ),
]
