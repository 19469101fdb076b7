from django.urls import path

from . import circle_views

urlpatterns = [
    path("<str:dossier_id>/circle/", circle_views.circle, name="dossier_circle"),
    path("<str:dossier_id>/circle/add/", circle_views.circle_add, name="dossier_circle_add"),
    path(
        "<str:dossier_id>/circle/<int:seat_id>/leave/", circle_views.circle_leave, name="dossier_circle_leave"
    ),
]
