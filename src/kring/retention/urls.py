from django.urls import path

from . import views

urlpatterns = [
    path("", views.report, name="retention_report"),
    path("<str:dossier_id>/destroy/", views.destroy, name="retention_destroy"),
]
