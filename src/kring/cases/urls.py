from django.urls import path

from . import views

urlpatterns = [
    path("", views.dossier_list, name="dossier_list"),
    # before the dossier pattern, which would otherwise take "team" for a dossier id
    path("team/", views.dossier_team_list, name="dossier_team_list"),
    path("<str:dossier_id>/", views.dossier_page, name="dossier_detail"),
]
