from django.urls import path

from . import oidc, views, worker_views

urlpatterns = [
    path("gezin/", views.home, name="portal_home"),
    path("gezin/inloggen/", views.portal_login, name="portal_login"),
    path("gezin/inloggen/landelijk/", oidc.BrokerLoginStart.as_view(), name="portal_oidc_start"),
    path("gezin/inloggen/landelijk/terug/", oidc.BrokerLoginCallback.as_view(), name="portal_oidc_callback"),
    path("gezin/taal/", views.language, name="portal_language"),
    path("gezin/tweede-stap/", views.second_step, name="portal_second_step"),
    path("gezin/uitnodiging/", views.invitation_code, name="portal_invitation_code"),
    path("gezin/uitnodiging/account/", views.invitation_accept, name="portal_invitation_accept"),
    path("gezin/uitnodiging/<str:token>/", views.invitation_link, name="portal_invitation_link"),
    path("gezin/e-mails/", views.notices, name="portal_notices"),
    path("gezin/<str:dossier_id>/", views.dossier_start, name="portal_dossier"),
    path("gezin/<str:dossier_id>/plan/", views.plan, name="portal_plan"),
    path("gezin/<str:dossier_id>/plan/<int:version_id>/tekenen/", views.sign, name="portal_sign"),
    path("gezin/<str:dossier_id>/dagboek/", views.journal, name="portal_journal"),
    path("gezin/<str:dossier_id>/drie-huizen/", views.three_houses, name="portal_three_houses"),
    path("gezin/<str:dossier_id>/ik-plan/", views.ik_plan, name="portal_ik_plan"),
    path("gezin/<str:dossier_id>/schaalvragen/", views.scale_questions, name="portal_scale_questions"),
    path(
        "gezin/<str:dossier_id>/schaalvragen/<int:asked_id>/",
        views.scale_answer,
        name="portal_scale_answer",
    ),
    path("gezin/<str:dossier_id>/vragenlijsten/", views.questionnaires, name="portal_questionnaires"),
    path(
        "gezin/<str:dossier_id>/vragenlijsten/<int:asked_id>/",
        views.questionnaire_fill,
        name="portal_questionnaire_fill",
    ),
    path("gezin/<str:dossier_id>/niet-veilig/", views.unsafe, name="portal_unsafe"),
    path("gezin/<str:dossier_id>/wie-keek/", views.file_openings, name="portal_file_openings"),
    path("gezin/<str:dossier_id>/wie-ziet-wat/", views.who_sees_what, name="portal_who_sees_what"),
    path("gezin/<str:dossier_id>/advies/", views.advice, name="portal_advice"),
    path("gezin/<str:dossier_id>/advies/<int:version_id>/pdf/", views.advice_pdf, name="portal_advice_pdf"),
    path(
        "gezin/<str:dossier_id>/advies/<int:version_id>/mijn-kijk/",
        views.advice_my_view,
        name="portal_advice_my_view",
    ),
    path("gezin/<str:dossier_id>/plan/afdrukken/", views.plan_print, name="portal_plan_print"),
    path("gezin/<str:dossier_id>/plan/<int:version_id>/mijn-kijk/", views.my_view, name="portal_my_view"),
    path("dossiers/<str:dossier_id>/gezin/", worker_views.family_accounts, name="portal_family_accounts"),
    path(
        "dossiers/<str:dossier_id>/gezin/<int:account_id>/stoppen/",
        worker_views.account_revoke,
        name="portal_account_revoke",
    ),
    path(
        "dossiers/<str:dossier_id>/gezin/afscherming/",
        worker_views.address_shield_add,
        name="portal_address_shield_add",
    ),
    path(
        "dossiers/<str:dossier_id>/gezin/schaalvraag/",
        worker_views.scale_question_ask,
        name="portal_scale_question_ask",
    ),
    path(
        "dossiers/<str:dossier_id>/gezin/vragenlijst/",
        worker_views.questionnaire_ask,
        name="portal_questionnaire_ask",
    ),
    path("meldingen/<int:alert_id>/gezien/", worker_views.alert_acknowledge, name="portal_alert_acknowledge"),
]

# the child's space (kring.portal.child_views)
from . import child_views  # noqa: E402

urlpatterns += [
    path("gezin/<str:dossier_id>/hoe-gaat-het/", child_views.how_am_i_doing, name="portal_how_am_i_doing"),
    path("gezin/<str:dossier_id>/mijn-verhaal/", child_views.story, name="portal_story"),
    path("gezin/<str:dossier_id>/mijn-verhaal/<int:number>/", child_views.story, name="portal_story_part"),
    path(
        "gezin/<str:dossier_id>/mijn-verhaal/plaatje/<int:panel_id>/",
        child_views.story_picture,
        name="portal_story_picture",
    ),
]
