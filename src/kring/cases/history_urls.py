"""Measures, the lead, scaling, consent, "who sees what" and the timelines of a dossier (under dossiers/)."""

from django.urls import path

from . import history_views as views

urlpatterns = [
    path("<str:dossier_id>/measures/", views.dossier_measures, name="dossier_measures"),
    path("<str:dossier_id>/measures/start/", views.dossier_measure_start, name="dossier_measure_start"),
    path(
        "<str:dossier_id>/measures/<int:measure_id>/extend/",
        views.dossier_measure_extend,
        name="dossier_measure_extend",
    ),
    path(
        "<str:dossier_id>/measures/<int:measure_id>/end/",
        views.dossier_measure_end,
        name="dossier_measure_end",
    ),
    path("<str:dossier_id>/lead/", views.dossier_lead_set, name="dossier_lead_set"),
    path("<str:dossier_id>/scale/", views.dossier_scale, name="dossier_scale"),
    path("<str:dossier_id>/consent/", views.dossier_consent, name="dossier_consent"),
    path("<str:dossier_id>/consent/give/", views.dossier_consent_give, name="dossier_consent_give"),
    path(
        "<str:dossier_id>/consent/<int:consent_id>/withdraw/",
        views.dossier_consent_withdraw,
        name="dossier_consent_withdraw",
    ),
    path("<str:dossier_id>/sharing/", views.dossier_sharing, name="dossier_sharing"),
    path("<str:dossier_id>/timeline/", views.dossier_timeline, name="dossier_timeline"),
    path("<str:dossier_id>/contacts/", views.dossier_contacts, name="dossier_contacts"),
    path("<str:dossier_id>/contacts/add/", views.dossier_contact_add, name="dossier_contact_add"),
    path("<str:dossier_id>/timeline/add/", views.dossier_timeline_add, name="dossier_timeline_add"),
]
