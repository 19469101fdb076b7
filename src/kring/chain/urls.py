"""The chain table: chain cases, deepening, decisions, patterns."""

from django.urls import path

from . import views

urlpatterns = [
    path("chain/", views.chain_table, name="chain_table"),
    path("chain/patterns/", views.chain_patterns, name="chain_patterns"),
    path("chain/cases/<int:case_id>/", views.chain_case, name="chain_case"),
    path("chain/requests/<int:request_id>/answer/", views.chain_request_answer, name="chain_request_answer"),
]
