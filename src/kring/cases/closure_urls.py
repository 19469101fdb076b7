from django.urls import path

from . import closure_views as views

urlpatterns = [
    path("<str:dossier_id>/closure/", views.closure_page, name="dossier_closure"),
    path("<str:dossier_id>/closure/propose/", views.closure_propose, name="dossier_closure_propose"),
    path(
        "<str:dossier_id>/closure/<int:closure_id>/confirm/",
        views.closure_confirm,
        name="dossier_closure_confirm",
    ),
    path(
        "<str:dossier_id>/closure/<int:closure_id>/reject/",
        views.closure_reject,
        name="dossier_closure_reject",
    ),
    path("<str:dossier_id>/reopen/", views.dossier_reopen, name="dossier_reopen"),
]
