"""kring settings: one module, driven by environment variables (see README, "Configuration")."""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

SRC_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = SRC_DIR.parent.parent
VAR_DIR = Path(os.environ.get("KRING_VAR_DIR", BASE_DIR / "var"))


def env(name: str, default: str | None = None) -> str | None:
    """Read a setting; a secret may also come from a file named by NAME_FILE."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if value is None:
        return default
    if value not in ("True", "False"):
        raise ImproperlyConfigured(f"{name} must be 'True' or 'False', not {value!r}")
    return value == "True"


def env_int(name: str, default: int) -> int:
    value = env(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


DEBUG = env_bool("KRING_DEBUG", False)
SECRET_KEY = env("KRING_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set KRING_SECRET_KEY (or KRING_DEBUG=True for development).")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105
# The audit log's MAC keys (ID:SECRET pairs, the first signs; kring.audit.keys, docs/operations.md).
KRING_AUDIT_KEY = env("KRING_AUDIT_KEY")
if not KRING_AUDIT_KEY and not DEBUG:
    raise ImproperlyConfigured(
        "Set KRING_AUDIT_KEY or KRING_AUDIT_KEY_FILE (or KRING_DEBUG=True for development)."
    )
if KRING_AUDIT_KEY:
    # Parsed now, so that a malformed key stops the start instead of failing every request later.
    from kring.audit.keys import parse_keys

    parse_keys(KRING_AUDIT_KEY)
# Entries written before the MAC (unsigned) are accepted up to this chain position only; 0 accepts none.
KRING_AUDIT_LEGACY_UNTIL = env_int("KRING_AUDIT_LEGACY_UNTIL", 0)
# Where verify_audit_chain keeps the chain's anchor outside the database: a file or a directory.
KRING_AUDIT_ANCHOR_PATH = env("KRING_AUDIT_ANCHOR_PATH", "")
# How often one process chains new audit entries after its own appends; older unchained ones are a break.
KRING_AUDIT_CHAIN_SECONDS = env_int("KRING_AUDIT_CHAIN_SECONDS", 2)
KRING_AUDIT_UNCHAINED_GRACE_SECONDS = env_int("KRING_AUDIT_UNCHAINED_GRACE_SECONDS", 900)
ALLOWED_HOSTS = env_list("KRING_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("KRING_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp_webauthn",
    "axes",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "kring.ui",
    "kring.accounts",
    "kring.audit",
    "kring.access",
    "kring.cases",
    "kring.network",
    "kring.retention",
    "kring.professional_choice",
    "kring.pathways",
    "kring.feedback",
    "kring.safety",
    "kring.safety.success",
    "kring.safety.childvoice",
    "kring.chain",
    "kring.chain.index",
    "kring.config.apps.OperationsConfig",
    "kring.insights",
    "kring.portal",
    "kring.demo",
]

MIDDLEWARE = [
    # first: a write is one transaction, done once even when the proxy sends it twice; a request whose
    # database connection was cut runs once more (kring.config.retry, docs/operations.md)
    "kring.config.retry.RetrySafeRequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kring.ui.middleware.NoStoreMiddleware",
    "kring.audit.middleware.RequestContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kring.ui.middleware.DutchFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "kring.ui.input_guard.InputGuardMiddleware",  # control characters and sizes, before any view
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kring.access.middleware.MembershipsPerRequestMiddleware",  # the reader's memberships, once a request
    "kring.portal.middleware.PortalLanguageMiddleware",  # ar/tr/pl on the family's pages only
    "kring.ui.middleware.FlemishMiddleware",  # nl → nl-be for Flemish work (after the user is known)
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "kring.accounts.middleware.SessionTimeoutMiddleware",
    "kring.accounts.middleware.MfaRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kring.config.urls"
WSGI_APPLICATION = "kring.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kring.ui.context_processors.navigation",
            ],
            # Django's `date` filter, Dutch month abbreviations in lower case ("7 mrt 2026"; kring.ui.dates)
            "builtins": ["kring.ui.templatetags.kring_dates"],
        },
    },
]

# Database: embedded SQLite by default, PostgreSQL through DATABASE_URL.
DATABASE_URL = env("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'kring.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=600, conn_health_checks=True)}
# --- Database connections on PostgreSQL: bounded per server process (docs/operations.md, "Connections").
# A thread-per-request server with persistent connections keeps one connection per thread it ever ran and
# exhausts max_connections; a psycopg pool per process caps them at KRING_DB_POOL_MAX_SIZE, whatever the
# number of threads. Without the pool (KRING_DB_POOL=False) connections live KRING_DB_CONN_MAX_AGE seconds
# (default 0: closed after each request).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    if env_bool("KRING_DB_POOL", True):
        DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps the connections, Django does not
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": env_int("KRING_DB_POOL_MIN_SIZE", 1),
            "max_size": env_int("KRING_DB_POOL_MAX_SIZE", 4),
            # a request waits this long for a free connection, then fails instead of queueing forever
            "timeout": env_int("KRING_DB_POOL_TIMEOUT", 10),
            # connections die after this long, so a failover or a terminated backend is replaced in time
            "max_lifetime": env_int("KRING_DB_POOL_MAX_LIFETIME", 1800),
        }
    else:
        DATABASES["default"]["CONN_MAX_AGE"] = env_int("KRING_DB_CONN_MAX_AGE", 0)
# Refuse a database superuser outside development: kring.config.checks (deploy check, and gunicorn will not
# start). KRING_ALLOW_DB_SUPERUSER=True only for throw-away installations.
KRING_ALLOW_DB_SUPERUSER = env_bool("KRING_ALLOW_DB_SUPERUSER", DEBUG)
# --- end of database connections
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE takes the write lock when a transaction starts, so two writers cannot both read the
        # audit chain head before appending (see audit.services).
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- The cache, where the login throttles and the API rate limits count (kring.accounts.throttle). It must be
# shared by every worker process and app server: a cache per process gives an attacker a budget per process
# (docs/operations.md, "Throttles and the cache"). KRING_CACHE_URL: `redis://…` or `rediss://…` (Django's
# Redis backend), `db` (a table in kring's own database, created by `migrate`; the default in production) or
# `locmem` (this process's memory: the default with KRING_DEBUG=True, refused in production with more than one
# worker process).
CACHE_TABLE = "kring_cache"
KRING_CACHE_URL = env("KRING_CACHE_URL") or ("locmem" if DEBUG else "db")
# Room for the counters of many addresses: a full cache drops entries, and with them an attacker's count.
KRING_CACHE_MAX_ENTRIES = env_int("KRING_CACHE_MAX_ENTRIES", 100_000)


def cache_from_url(url: str, *, debug: bool, workers: int) -> dict:
    scheme = url.partition("://")[0].lower()
    if scheme in ("redis", "rediss"):
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "kring",
        }
    options = {"MAX_ENTRIES": KRING_CACHE_MAX_ENTRIES}
    if scheme == "db":
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
            "OPTIONS": options,
        }
    if scheme == "locmem":
        if not debug and workers > 1:
            raise ImproperlyConfigured(
                f"KRING_CACHE_URL=locmem counts throttles per process, and KRING_WEB_WORKERS is {workers}: "
                "use db or redis://… (docs/operations.md)."
            )
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": options}
    raise ImproperlyConfigured("KRING_CACHE_URL must be redis://…, rediss://…, db or locmem.")


CACHES = {
    "default": cache_from_url(KRING_CACHE_URL, debug=DEBUG, workers=env_int("KRING_WEB_WORKERS", 2)),
}
# --- end of the cache

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "django_otp_webauthn.backends.WebAuthnBackend",  # a passkey logs in without a password (kring.portal)
    "kring.portal.oidc.FamilyOIDCBackend",  # a national login broker, only when KRING_OIDC_* is set
]
# OpenID Connect for families (a national login broker: DigiD, itsme, CSAM; docs/portal.md). Off unless the
# client id and the four endpoints are set. mozilla-django-oidc reads the OIDC_* names.
OIDC_RP_CLIENT_ID = env("KRING_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env("KRING_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("KRING_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env("KRING_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env("KRING_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env("KRING_OIDC_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = env("KRING_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env("KRING_OIDC_SCOPES", "openid")
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False  # a login is made only through an invitation (kring.portal.oidc)
OIDC_STORE_ID_TOKEN = False
OIDC_STORE_ACCESS_TOKEN = False
OIDC_TIMEOUT = 10
# a provider with one signing key may leave `kid` out of its tokens (the test provider does)
OIDC_VERIFY_KID = env_bool("KRING_OIDC_VERIFY_KID", True)
OIDC_AUTHENTICATION_CALLBACK_URL = "portal_oidc_callback"
# the broker's name on the login button ("DigiD", "itsme"); the issuer names the broker in the links it makes
KRING_OIDC_LABEL = env("KRING_OIDC_LABEL", "")
KRING_OIDC_ISSUER = env("KRING_OIDC_ISSUER", "") or OIDC_OP_AUTHORIZATION_ENDPOINT
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions: a new session key at every login (django.contrib.auth.login), an idle and an absolute limit.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
KRING_SESSION_IDLE_MINUTES = env_int("KRING_SESSION_IDLE_MINUTES", 30)
KRING_SESSION_ABSOLUTE_HOURS = env_int("KRING_SESSION_ABSOLUTE_HOURS", 10)
SESSION_COOKIE_AGE = KRING_SESSION_ABSOLUTE_HOURS * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Flash messages can carry a child's name: keep them in the session, never in a cookie (the default fallback).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Lockout after repeated failures (django-axes), per username.
AXES_FAILURE_LIMIT = env_int("KRING_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("KRING_LOGIN_COOLOFF_MINUTES", 30))
# Per username *and* address: a stranger's failures elsewhere never lock the owner out; per-address and global
# limits with growing delays slow spraying down (kring.accounts.throttle). A whole office behind one address
# is not locked out by one colleague's typos either: only that username from that address waits.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "kring.audit.middleware.client_ip"  # the client behind KRING_TRUSTED_PROXIES
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "kring.accounts.views.locked_out"
AXES_VERBOSE = False
KRING_LOGIN_WINDOW_MINUTES = env_int("KRING_LOGIN_WINDOW_MINUTES", 15)
KRING_LOGIN_ADDRESS_FREE = env_int("KRING_LOGIN_ADDRESS_FREE", 10)
KRING_LOGIN_GLOBAL_LIMIT = env_int("KRING_LOGIN_GLOBAL_LIMIT", 100)
KRING_LOGIN_MAX_DELAY_SECONDS = env_int("KRING_LOGIN_MAX_DELAY_SECONDS", 900)
KRING_API_RATE = env("KRING_API_RATE") or "600/m"  # calls per API token (kring.accounts.throttle)

OTP_TOTP_ISSUER = "kring"
# Passkeys (django-otp-webauthn): the relying party is the host kring is reached at (KRING_BASE_URL), so a
# passkey made on one installation never works on another; a passkey counts as both login steps.
OTP_WEBAUTHN_RP_NAME = "kring"
OTP_WEBAUTHN_RP_ID_CALLABLE = "kring.portal.passkeys.relying_party_id"
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = True
KRING_BREAK_GLASS_HOURS = env_int("KRING_BREAK_GLASS_HOURS", 4)
if not 1 <= KRING_BREAK_GLASS_HOURS <= 24:
    raise ImproperlyConfigured("KRING_BREAK_GLASS_HOURS must lie between 1 and 24.")
# How far apart family and professionals may score a scaling question before kring marks the gap as large.
KRING_SAFETY_SCALE_GAP = env_int("KRING_SAFETY_SCALE_GAP", 3)
if not 1 <= KRING_SAFETY_SCALE_GAP <= 10:
    raise ImproperlyConfigured("KRING_SAFETY_SCALE_GAP must lie between 1 and 10.")
KRING_API_TOKEN_DAYS = env_int("KRING_API_TOKEN_DAYS", 90)

# Internationalisation: Dutch first, English complete. Dates stored in UTC, shown in the configured zone.
LANGUAGE_CODE = env("KRING_LANGUAGE", "nl")
# nl-be is not chosen in the language switch: kring.ui.middleware.FlemishMiddleware gives it to readers of
# Dutch in Flemish work; its catalogue (flemish/locale/nl_BE) holds only the Flemish terms on top of nl
# (docs/language.md).
LANGUAGES = [
    ("nl", _("Dutch")),
    ("nl-be", _("Flemish")),
    ("en", _("English")),
    # for the family portal's pages only (kring.portal.middleware): professional pages stay nl/nl-be/en
    ("ar", _("Arabic")),
    ("tr", _("Turkish")),
    ("pl", _("Polish")),
]
KRING_PROFESSIONAL_LANGUAGES = ("nl", "nl-be", "en")
KRING_PORTAL_LANGUAGES = ("nl", "en", "ar", "tr", "pl")
if LANGUAGE_CODE not in ("nl", "en"):
    raise ImproperlyConfigured("KRING_LANGUAGE must be 'nl' or 'en'.")
# The Flemish terms first: a directory of its own, merged last, so that they override every nl catalogue while
# the project's nl catalogue stays in front of the apps' and Django's own (docs/language.md).
LOCALE_PATHS = [SRC_DIR / "flemish" / "locale", SRC_DIR / "locale"]
TIME_ZONE = env("KRING_TIME_ZONE", "Europe/Amsterdam")
if TIME_ZONE not in ("Europe/Amsterdam", "Europe/Brussels"):
    raise ImproperlyConfigured("KRING_TIME_ZONE must be Europe/Amsterdam or Europe/Brussels.")
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "kring_language"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "static/"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "kring.ui.staticfiles.AppDirectoriesFinder",  # Django's, without vendor/axe/ (for the tests only)
]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"  # no URL: child-voice pictures are served only by an authorised, audited view
KRING_CHILD_VOICE_MAX_IMAGE_MB = env_int("KRING_CHILD_VOICE_MAX_IMAGE_MB", 5)
# Request sizes (kring.ui.input_guard answers 413 before reading a body that says it is larger): text in
# forms and JSON up to DATA_UPLOAD_MAX_MEMORY_SIZE; a multipart body (a picture and its form) up to the
# picture limit plus 1 MB; files stream through LimitedUploadHandler, which stops at the same limit.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("KRING_MAX_FORM_BYTES", 2_621_440)
KRING_MAX_UPLOAD_BYTES = (KRING_CHILD_VOICE_MAX_IMAGE_MB + 1) * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_HANDLERS = [
    "kring.ui.input_guard.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        # KRING_STATIC_COMPRESS=False: hashed names without the gzip/brotli copies, for a proxy that
        # compresses itself (collectstatic then takes seconds instead of minutes)
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("KRING_STATIC_COMPRESS", True)
        else "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    },
}
# --- Shared storage for uploaded files (child-voice pictures), so several app servers serve the same ones:
# an S3-compatible object store when KRING_S3_BUCKET is set (django-storages), else MEDIA_ROOT on local disk.
# Objects are private (no public ACL, no public URL): kring reads them and serves them through its audited
# view.
KRING_S3_BUCKET = env("KRING_S3_BUCKET")
if KRING_S3_BUCKET:
    STORAGES["childvoice"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": KRING_S3_BUCKET,
            "location": "childvoice",
            "endpoint_url": env("KRING_S3_ENDPOINT_URL"),  # None: AWS itself
            "region_name": env("KRING_S3_REGION"),
            "access_key": env("KRING_S3_ACCESS_KEY_ID"),
            "secret_key": env("KRING_S3_SECRET_ACCESS_KEY"),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
            "object_parameters": {"ServerSideEncryption": "AES256"}
            if env_bool("KRING_S3_ENCRYPT", False)
            else {},
        },
    }
# --- end of shared storage
WHITENOISE_USE_FINDERS = DEBUG

EMAIL_BACKEND = env("KRING_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# Background tasks (reminders) are rows in the database, run by `manage.py db_worker` (started by `make run`),
# so a task enqueued before a worker restart is still there afterwards.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Insights dashboards: a stored result older than this is computed again in the background; the backend
# that runs the computation (tests use an immediate one).
KRING_INSIGHTS_MAX_AGE_SECONDS = env_int("KRING_INSIGHTS_MAX_AGE_SECONDS", 3600)
KRING_INSIGHTS_TASK_BACKEND = "default"
DEFAULT_FROM_EMAIL = env("KRING_FROM_EMAIL", "kring@localhost")
# The address users reach kring at, for links in e-mails (reminders).
KRING_BASE_URL = env("KRING_BASE_URL", "http://127.0.0.1:8000" if DEBUG else "")
# Where a passkey may be used (scheme://host[:port]); by default the address users reach kring at, else
# https:// on every allowed host.
OTP_WEBAUTHN_ALLOWED_ORIGINS = (
    env_list("KRING_PASSKEY_ORIGINS", KRING_BASE_URL.rstrip("/") if KRING_BASE_URL else "")
    or [f"https://{host}" for host in ALLOWED_HOSTS if host and "*" not in host and not host.startswith(".")]
    or ["https://localhost"]
)
# Browsers count http://127.0.0.1 and http://localhost as secure, so a passkey works on `make run`'s address;
# django-otp-webauthn's check does not know that. Its error is silenced for loopback origins only.
LOOPBACK_ORIGIN = re.compile(r"http://(127\.0\.0\.1|localhost)(:\d+)?")
_plain_origins = [o for o in OTP_WEBAUTHN_ALLOWED_ORIGINS if not o.startswith("https://")]
if _plain_origins and all(LOOPBACK_ORIGIN.fullmatch(origin) for origin in _plain_origins):
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "otp_webauthn.E031"]

# Security headers; production-safe unless DEBUG.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("KRING_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("KRING_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Reverse proxies whose X-Forwarded-For the access log may believe (their addresses, comma-separated).
KRING_TRUSTED_PROXIES = frozenset(env_list("KRING_TRUSTED_PROXIES", ""))
# How long the keys of write requests are kept, against the proxy sending a write twice (kring.config.retry).
KRING_REQUEST_KEY_MINUTES = env_int("KRING_REQUEST_KEY_MINUTES", 60)
if env_bool("KRING_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Cookies, Content-Security-Policy, Permissions-Policy (docs/operations.md, "Security headers").
# `__Host-` cookies: the browser accepts them only over HTTPS, for this host alone (no Domain), on path /,
# so a sibling subdomain cannot plant or overwrite a session or CSRF cookie. Plain names where the cookie
# is not secure (development over http), because browsers refuse a `__Host-` cookie without Secure.
SESSION_COOKIE_NAME = "__Host-kring_session" if SESSION_COOKIE_SECURE else "kring_session"
CSRF_COOKIE_NAME = "__Host-kring_csrftoken" if CSRF_COOKIE_SECURE else "kring_csrftoken"
# Strict: scripts and styles only from kring's own static files (no inline code, no eval), nothing framed,
# forms only to kring itself. htmx runs under it because its inline indicator style is switched off
# (base.html) and no template uses hx-on or inline handlers; charts are SVG rendered on the server.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
# Browser features kring never uses are switched off for every page (and any frame).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}
# /api/v1/docs and /api/v1/openapi.json: for logged-in users only, unless this is True (development).
KRING_API_DOCS_PUBLIC = env_bool("KRING_API_DOCS_PUBLIC", DEBUG)
# --- end of cookies and headers

# Logs carry no personal data: request paths hold opaque ids only, and kring logs no names.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("KRING_LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
    },
}

FORM_RENDERER = "kring.ui.forms.FormRenderer"
CSRF_FAILURE_VIEW = "kring.ui.views.csrf_failure"
