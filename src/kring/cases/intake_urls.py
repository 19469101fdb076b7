from django.urls import path

from . import intake_views

# Included before kring.cases.urls: its "<dossier_id>/" pattern would otherwise take "new" for a dossier id.
urlpatterns = [
    path("new/", intake_views.intake_new, name="dossier_intake"),
    path("new/people/", intake_views.intake_people, name="dossier_intake_people"),
    path("<str:dossier_id>/children/", intake_views.dossier_children, name="dossier_children"),
    path("<str:dossier_id>/children/add/", intake_views.dossier_child_add, name="dossier_child_add"),
    path("<str:dossier_id>/children/move/", intake_views.dossier_child_move, name="dossier_child_move"),
    path("<str:dossier_id>/authority/add/", intake_views.dossier_authority_add, name="dossier_authority_add"),
    path(
        "<str:dossier_id>/authority/<int:authority_id>/change/",
        intake_views.dossier_authority_change,
        name="dossier_authority_change",
    ),
    path(
        "<str:dossier_id>/authority/<int:authority_id>/end/",
        intake_views.dossier_authority_end,
        name="dossier_authority_end",
    ),
    path("<str:dossier_id>/edit/", intake_views.dossier_edit, name="dossier_edit"),
    path("<str:dossier_id>/edit/summary/", intake_views.dossier_summary_edit, name="dossier_summary_edit"),
    path("<str:dossier_id>/edit/team/", intake_views.dossier_transfer, name="dossier_transfer"),
]
