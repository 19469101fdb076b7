from django.urls import path

from . import advice_views as views

urlpatterns = [
    path("dossiers/<str:dossier_id>/advice/", views.advice_list, name="safety_advice_list"),
    path("dossiers/<str:dossier_id>/advice/add/", views.advice_add, name="safety_advice_add"),
    path("dossiers/<str:dossier_id>/advice/<int:advice_id>/", views.advice_detail, name="safety_advice"),
    path(
        "dossiers/<str:dossier_id>/advice/<int:advice_id>/edit/", views.advice_edit, name="safety_advice_edit"
    ),
    path(
        "dossiers/<str:dossier_id>/advice/<int:advice_id>/approve/",
        views.advice_approve,
        name="safety_advice_approve",
    ),
    path(
        "dossiers/<str:dossier_id>/advice/<int:advice_id>/v<int:number>.pdf",
        views.advice_version_pdf,
        name="safety_advice_pdf",
    ),
]
