from django.urls import path

from . import views

urlpatterns = [
    path("", views.dossier_list, name="dossier_list"),
    path("<str:dossier_id>/", views.dossier_page, name="dossier_detail"),
]
