from django.urls import path

from . import views

# The URL names keep the app's label ("matching"); the paths say what the pages are for.
urlpatterns = [
    path("account/profile/", views.profile, name="matching_profile"),
    path("dossiers/<str:dossier_id>/professional-choice/", views.dossier_matching, name="matching_dossier"),
    path("dossiers/<str:dossier_id>/professional-choice/propose/", views.propose, name="matching_propose"),
    path(
        "dossiers/<str:dossier_id>/professional-choice/<int:proposal_id>/choose/",
        views.choose,
        name="matching_choose",
    ),
]
