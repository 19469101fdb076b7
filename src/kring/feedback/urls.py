from django.urls import path

from . import entry_views, instrument_views, views

D = "dossiers/<str:dossier_id>/feedback/"
WAITING = D + "waiting/<int:administration_id>/"

urlpatterns = [
    path(D, views.feedback_results, name="feedback_results"),
    path(D + "export.csv", views.feedback_export, name="feedback_export"),
    path(D + "new/", entry_views.feedback_plan, name="feedback_plan"),
    path(WAITING, entry_views.feedback_administration, name="feedback_administration"),
    path(WAITING + "link/", entry_views.feedback_link_create, name="feedback_link_create"),
    path(WAITING + "link/stop/", entry_views.feedback_link_withdraw, name="feedback_link_withdraw"),
    path(WAITING + "fill/", entry_views.feedback_fill, name="feedback_fill"),
    path(
        WAITING + "take-back/",
        entry_views.feedback_administration_withdraw,
        name="feedback_administration_withdraw",
    ),
    # the specific pages of an instrument come before the general one, which takes any slug
    path(D + "samen-sterker/", instrument_views.feedback_samen_sterker, name="feedback_samen_sterker"),
    path(
        D + "samen-sterker/agreements/",
        instrument_views.feedback_agreement_add,
        name="feedback_agreement_add",
    ),
    path(
        D + "samen-sterker/agreements/<int:agreement_id>/",
        instrument_views.feedback_agreement_status,
        name="feedback_agreement_status",
    ),
    path(D + "lgm/", instrument_views.feedback_lgm, name="feedback_lgm"),
    path(D + "anchors/", instrument_views.feedback_anchors, name="feedback_anchors"),
    path(D + "self-check/", instrument_views.feedback_self_check, name="feedback_self_check"),
    path(D + "<slug:slug>/", views.feedback_instrument, name="feedback_instrument"),
    # a respondent without an account, through a one-time link (short, for a QR code)
    path("f/done/", entry_views.self_entry_done, name="self_entry_done"),
    path("f/<str:token>/", entry_views.self_entry_page, name="self_entry"),
]
