"""The chain table: the daily list, bringing in a case, deepening, the decision and look-back, patterns."""

from django.urls import path

from . import views

urlpatterns = [
    path("chain/", views.chain_table, name="chain_table"),
    path("chain/patterns/", views.chain_patterns, name="chain_patterns"),
    path("chain/cases/new/", views.chain_case_new, name="chain_case_new"),
    path("chain/cases/new/triggers/", views.chain_intake_preview, name="chain_intake_preview"),
    path("chain/cases/<int:case_id>/", views.chain_case, name="chain_case"),
    path("chain/cases/<int:case_id>/triggers/", views.chain_case_triggers, name="chain_case_triggers"),
    path("chain/cases/<int:case_id>/deepen/", views.chain_case_deepen, name="chain_case_deepen"),
    path("chain/cases/<int:case_id>/requests/", views.chain_request_new, name="chain_request_new"),
    path("chain/cases/<int:case_id>/views/", views.chain_view_record, name="chain_view_record"),
    path("chain/cases/<int:case_id>/hypotheses/", views.chain_hypotheses, name="chain_hypotheses"),
    path("chain/cases/<int:case_id>/decision/", views.chain_decision, name="chain_decision"),
    path("chain/cases/<int:case_id>/look-back/", views.chain_look_back, name="chain_look_back"),
    path("chain/cases/<int:case_id>/dossier/open/", views.chain_dossier_open, name="chain_dossier_open"),
    path("chain/cases/<int:case_id>/dossier/link/", views.chain_dossier_link, name="chain_dossier_link"),
    path("chain/requests/<int:request_id>/answer/", views.chain_request_answer, name="chain_request_answer"),
]
