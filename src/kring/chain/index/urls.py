from django.urls import path

from . import views

urlpatterns = [
    path("signals/", views.signal_index, name="signal_index"),
    path(
        "signals/chain-cases/<int:case_id>/acquaintances/",
        views.case_acquaintances,
        name="signal_index_case_acquaintances",
    ),
]
