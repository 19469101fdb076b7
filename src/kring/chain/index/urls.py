from django.urls import path

from . import views

urlpatterns = [
    path("signals/", views.signal_index, name="signal_index"),
    path("signals/register/", views.signal_register, name="signal_index_register"),
    path(
        "signals/registrations/<int:registration_id>/withdraw/",
        views.registration_withdraw,
        name="signal_index_withdraw",
    ),
    path("signals/matches/<int:match_id>/decide/", views.match_decide, name="signal_index_match_decide"),
    path("signals/weights/", views.matcher_weights, name="signal_index_weights"),
    path("signals/registrations/<int:registration_id>/letter/", views.letter, name="signal_index_letter"),
    path(
        "signals/registrations/<int:registration_id>/letter.pdf",
        views.letter_pdf,
        name="signal_index_letter_pdf",
    ),
    path(
        "signals/chain-cases/<int:case_id>/acquaintances/",
        views.case_acquaintances,
        name="signal_index_case_acquaintances",
    ),
]
