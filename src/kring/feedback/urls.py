from django.urls import path

from . import views

urlpatterns = [
    path("dossiers/<str:dossier_id>/feedback/", views.feedback_results, name="feedback_results"),
    path("dossiers/<str:dossier_id>/feedback/export.csv", views.feedback_export, name="feedback_export"),
    path(
        "dossiers/<str:dossier_id>/feedback/<slug:slug>/",
        views.feedback_instrument,
        name="feedback_instrument",
    ),
]
