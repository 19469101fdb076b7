from django.urls import path

from . import views

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
]
