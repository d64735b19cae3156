"""Hearth settings: one file, driven by environment variables with safe defaults.

Local runs need nothing set: SQLite under var/, a generated secret key, eager background tasks.
Production sets DEBUG=false, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL and NOTIFY_API_KEY.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("HEARTH_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
# Demo sign-ins and demo data exist only in local (DEBUG) runs.
HEARTH_DEMO_MODE = DEBUG and env_bool("HEARTH_DEMO_MODE", True)


def local_secret_key() -> str:
    """Generate a per-checkout key on first local run, so no key is ever committed."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = local_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "hearth.core",
    "hearth.accounts",
    "hearth.policy",
    "hearth.register",
    "hearth.lettings",
    "hearth.homelessness",
    "hearth.comms",
    "hearth.publishing",
    "hearth.dataload",
    "hearth.reporting",
    # Last: the demo partnership builds on every app above.
    "hearth.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "hearth.core.session_idle.SessionIdleMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "hearth.accounts.web.middleware.ActorMiddleware",
    "hearth.core.pages.middleware.SecurityHeadersMiddleware",
    # Last, so a locked-out sign-in is answered before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "hearth.core.pages.context_processors.hearth",
            ],
        },
    }
]
# Every Django form renders as GOV.UK Frontend components (hearth/core/templates/govuk/).
FORM_RENDERER = "hearth.core.forms.govuk.GovukFormRenderer"

# --- Database -----------------------------------------------------------------------------------
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'hearth.sqlite3'}")
DATABASES: dict[str, Any] = {
    "default": dict(dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue instead of failing.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA busy_timeout=20000;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts, passwords, sessions --------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# NCSC guidance: length and a deny-list of common passwords; no composition rules, no expiry.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Email is unique case-insensitively, by a functional constraint the check does not recognise.
SILENCED_SYSTEM_CHECKS = ["auth.W004"]
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "accounts:landing"
LOGOUT_REDIRECT_URL = "publishing:home"

# Sessions end after 30 minutes without a request, and when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", 30 * 60))
# The expiry slides on with each request, saved at most once a minute (core/session_idle.py).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Staff must pass a TOTP check outside local development.
HEARTH_STAFF_2FA_REQUIRED = env_bool("HEARTH_STAFF_2FA_REQUIRED", not DEBUG)
OTP_TOTP_ISSUER = "Hearth"

# Sign-in lock-out (hearth/accounts/lockout.py): AXES_FAILURE_LIMIT failures for one account
# from one address, or HEARTH_SIGN_IN_ACCOUNT_FAILURE_LIMIT for one account from anywhere, lock
# it for AXES_COOLOFF_TIME. The order of AXES_LOCKOUT_PARAMETERS matters to the handler.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
HEARTH_SIGN_IN_ACCOUNT_FAILURE_LIMIT = int(
    os.environ.get("HEARTH_SIGN_IN_ACCOUNT_FAILURE_LIMIT", 2 * AXES_FAILURE_LIMIT)
)
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_HANDLER = "hearth.accounts.lockout.AccountAndAddressHandler"
AXES_USERNAME_FORM_FIELD = "username"
# Counted on the address as sign-in looks it up (stripped, lower case), however it was typed.
AXES_USERNAME_CALLABLE = "hearth.accounts.lockout.lockout_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Lock-outs and audit rows use the same client address (see HEARTH_TRUSTED_PROXY_COUNT).
AXES_CLIENT_IP_CALLABLE = "hearth.core.access.request_origin.client_ip"
# How many reverse proxies (load balancer, ingress) stand in front of the app and append to
# X-Forwarded-For. 0 trusts only the socket address.
HEARTH_TRUSTED_PROXY_COUNT = int(os.environ.get("HEARTH_TRUSTED_PROXY_COUNT", 0))

HEARTH_INVITATION_DAYS = 7
HEARTH_EMAIL_VERIFICATION_DAYS = 3

# --- Internationalisation and time --------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English"))]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static and uploaded files ------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Compiled GOV.UK Frontend assets (make assets) live outside the source tree.
STATICFILES_DIRS = [BASE_DIR / "frontend" / "build"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "uploads"},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded files are never served from a public URL; views stream them after an access check.
MEDIA_URL = "/uploads/"
MEDIA_ROOT = VAR_DIR / "uploads"
WHITENOISE_USE_FINDERS = DEBUG
# Applicants' evidence (ID, medical letters): a private folder, or a mounted volume in production.
HEARTH_EVIDENCE_ROOT = Path(os.environ.get("HEARTH_EVIDENCE_ROOT", VAR_DIR / "evidence"))
HEARTH_EVIDENCE_MAX_BYTES = int(os.environ.get("HEARTH_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024))
# Uploads bigger than this are refused before Django reads them into memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Email, SMS, letters ------------------------------------------------------------------------
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@hearth.localhost")
HEARTH_BASE_URL = os.environ.get("HEARTH_BASE_URL", "http://127.0.0.1:8000")

# --- Background work ----------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
# Without Redis (the embedded default) tasks run in-process when called.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    "expire-invitations": {"task": "accounts.invitations_expire", "schedule": 15 * 60},
    "clear-expired-sessions": {"task": "core.sessions_clear", "schedule": 60 * 60},
    "forget-spent-form-tokens": {"task": "core.form_submissions_prune", "schedule": 24 * 60 * 60},
    # Hourly, so a version taking effect today is applied soon after midnight.
    "apply-policy-versions": {"task": "register.reassess_due", "schedule": 60 * 60},
    "close-stopped-simulations": {"task": "policy.simulations_stale_fail", "schedule": 30 * 60},
    # Daily renewal jobs; each is safe to run more than once a day.
    "remind-renewals": {"task": "register.renewals_remind", "schedule": 24 * 60 * 60},
    "cancel-unrenewed": {"task": "register.renewals_cancel", "schedule": 24 * 60 * 60},
    # Daily; reminds each document request once, so a second run the same day sends nothing.
    "remind-evidence-due": {"task": "register.evidence_reminders", "schedule": 24 * 60 * 60},
    # Hourly; a suspension for a set time ends on its day, whichever run reaches it first.
    "end-suspensions": {"task": "register.suspensions_end", "schedule": 60 * 60},
    # Hourly, likewise for a band lowered for a set time after refused offers.
    "end-band-lowerings": {"task": "register.band_lowerings_end", "schedule": 60 * 60},
    # Every minute: cycles open and close to the minute the scheme's rhythm says.
    "open-and-close-cycles": {"task": "lettings.cycles_tick", "schedule": 60},
    # Every 5 minutes (REFRESH_MINUTES in lettings/selectors/bids_order.py): other bidders'
    # changes, a new day and a new policy reach every live queue position.
    "refresh-bid-order": {"task": "lettings.bid_order_refresh", "schedule": 5 * 60},
}

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- Security headers ---------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "hearth.core.views.errors.csrf_failure"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Load balancers probe the health check over plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
