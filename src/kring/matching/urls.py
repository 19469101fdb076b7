from django.urls import path

from . import views

urlpatterns = [
    path("account/profile/", views.profile, name="matching_profile"),
    path("dossiers/<str:dossier_id>/matching/", views.dossier_matching, name="matching_dossier"),
    path("dossiers/<str:dossier_id>/matching/propose/", views.propose, name="matching_propose"),
    path(
        "dossiers/<str:dossier_id>/matching/<int:proposal_id>/choose/", views.choose, name="matching_choose"
    ),
]
