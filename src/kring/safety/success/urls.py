from django.urls import path

from . import closure_views, views

urlpatterns = [
    path("dossiers/<str:dossier_id>/success/", views.success_overview, name="success_overview"),
    path(
        "dossiers/<str:dossier_id>/success/desistance/add/",
        views.success_desistance_add,
        name="success_desistance_add",
    ),
    path(
        "dossiers/<str:dossier_id>/success/early-closure/",
        closure_views.success_closure,
        name="success_closure",
    ),
    path(
        "dossiers/<str:dossier_id>/success/early-closure/propose/",
        closure_views.success_closure_propose,
        name="success_closure_propose",
    ),
    path(
        "dossiers/<str:dossier_id>/success/early-closure/<int:closure_id>/confirm/",
        closure_views.success_closure_confirm,
        name="success_closure_confirm",
    ),
    path(
        "dossiers/<str:dossier_id>/success/early-closure/<int:closure_id>/decline/",
        closure_views.success_closure_decline,
        name="success_closure_decline",
    ),
    path(
        "dossiers/<str:dossier_id>/success/early-closure/<int:closure_id>/report/",
        closure_views.success_closure_report,
        name="success_closure_report",
    ),
    path(
        "dossiers/<str:dossier_id>/success/early-closure/<int:closure_id>/report.pdf",
        closure_views.success_closure_report_pdf,
        name="success_closure_report_pdf",
    ),
]
