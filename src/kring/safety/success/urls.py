from django.urls import path

from . import views

urlpatterns = [
    path("dossiers/<str:dossier_id>/success/", views.success_overview, name="success_overview"),
    path(
        "dossiers/<str:dossier_id>/success/desistance/add/",
        views.success_desistance_add,
        name="success_desistance_add",
    ),
]
