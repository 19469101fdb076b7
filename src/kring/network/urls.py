from django.urls import path

from . import views

urlpatterns = [
    path("<str:dossier_id>/network/", views.network_map, name="network_map"),
    path("<str:dossier_id>/network/participants/", views.participant_add, name="network_participant_add"),
    path(
        "<str:dossier_id>/network/participants/<int:participant_id>/closeness/",
        views.participant_closeness,
        name="network_participant_closeness",
    ),
    path("<str:dossier_id>/network/jim/", views.jim_choose, name="network_jim_choose"),
    path("<str:dossier_id>/network/jim/<int:jim_id>/end/", views.jim_end, name="network_jim_end"),
    path(
        "<str:dossier_id>/network/family-finding/",
        views.family_finding_add,
        name="network_family_finding_add",
    ),
    path(
        "<str:dossier_id>/network/family-finding/<int:entry_id>/",
        views.family_finding_update,
        name="network_family_finding_update",
    ),
    path("<str:dossier_id>/kitchen-table/", views.kitchen_table, name="network_kitchen_table"),
    path("<str:dossier_id>/kitchen-table/seats/", views.seat_add, name="network_seat_add"),
    path(
        "<str:dossier_id>/kitchen-table/seats/<int:seat_id>/remove/",
        views.seat_remove,
        name="network_seat_remove",
    ),
]
