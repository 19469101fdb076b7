from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import include, path

from kring.access import views as access_views
from kring.accounts import views as account_views
from kring.audit import views as audit_views
from kring.ui import views as ui_views

from .api import api

# The admin has no login of its own: anonymous visitors go through kring's login, with two-factor login.
admin.site.login = login_required(admin.site.login)

urlpatterns = [
    path("", ui_views.home, name="home"),
    path("healthz", ui_views.healthz, name="healthz"),
    path("i18n/setlang/", ui_views.set_language, name="set_language"),
    path("login/", account_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", account_views.account, name="account"),
    path("account/mfa/setup/", account_views.mfa_setup, name="mfa_setup"),
    path("account/mfa/verify/", account_views.mfa_verify, name="mfa_verify"),
    path("account/logout-everywhere/", account_views.logout_everywhere, name="logout_everywhere"),
    path("account/tokens/", account_views.api_token_create, name="api_token_create"),
    path("account/tokens/<int:token_id>/revoke/", account_views.api_token_revoke, name="api_token_revoke"),
    # Each app's pages sit under a visible prefix: a dossier's pages under dossiers/<id>/<part>/, the rest
    # under the app's own prefix. The includes at "" carry their prefixes in their patterns (noted beside).
    path("dossiers/", include("kring.cases.intake_urls")),
    path("dossiers/", include("kring.cases.urls")),
    path("dossiers/", include("kring.cases.history_urls")),
    path("dossiers/", include("kring.cases.circle_urls")),
    path("dossiers/", include("kring.cases.placement_urls")),
    path("dossiers/", include("kring.cases.closure_urls")),
    path("dossiers/", include("kring.network.urls")),
    path("emergency-access/", access_views.break_glass, name="break_glass"),
    path("retention/", include("kring.retention.urls")),
    # dossiers/<id>/professional-choice/, account/profile/ (the professional's profile for that choice)
    path("", include("kring.professional_choice.urls")),
    path("", include("kring.pathways.urls")),  # dossiers/<id>/pathway/, agenda/
    path("", include("kring.feedback.urls")),  # dossiers/<id>/feedback/, f/<token>/ (short, for a QR code)
    path("", include("kring.safety.urls")),  # dossiers/<id>/safety/
    path("", include("kring.safety.advice_urls")),  # dossiers/<id>/advice/
    path("", include("kring.safety.success.urls")),  # dossiers/<id>/success/
    path("", include("kring.safety.childvoice.urls")),  # dossiers/<id>/child-voice/
    path("", include("kring.chain.urls")),  # chain/
    path("", include("kring.chain.index.urls")),  # signals/ (the signal index)
    path("", include("kring.insights.urls")),  # insights/, dossiers/<id>/outcomes/
    path("", include("kring.portal.urls")),  # gezin/ (the family), dossiers/<id>/gezin/, meldingen/
    path("passkeys/", include("django_otp_webauthn.urls", namespace="otp_webauthn")),
    path("access-log/", audit_views.audit_log, name="audit_log"),
    path("access-log/export.csv", audit_views.audit_export, name="audit_export"),
    path(
        "access-log/emergency/<int:grant_id>/reviewed/",
        audit_views.break_glass_reviewed,
        name="break_glass_reviewed",
    ),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler404 = "kring.ui.views.not_found"
handler500 = "kring.ui.views.server_error"
handler403 = "kring.ui.views.forbidden"
