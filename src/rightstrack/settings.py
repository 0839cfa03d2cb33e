"""One env-driven settings module: SQLite in the data dir by default, PostgreSQL via DATABASE_URL."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from rightstrack.core import deploy

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("RIGHTSTRACK_DATA_DIR", Path.cwd() / "data")).resolve()

DEBUG = os.environ.get("RIGHTSTRACK_DEBUG", "") == "1"
try:
    PRODUCTION = deploy.environment(os.environ) == "production"
except deploy.UnsafeConfiguration as error:
    raise ImproperlyConfigured(f"Unsafe configuration: {error}") from None
SECRET_KEY = os.environ.get("SECRET_KEY", deploy.DEMO_SECRET_KEY)
ALLOWED_HOSTS = deploy.allowed_hosts(os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver"))
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

if PRODUCTION:
    # Refuse to start on an unsafe production configuration.
    problems = deploy.production_problems(os.environ, debug=DEBUG)
    if problems:
        raise ImproperlyConfigured("Unsafe production configuration: " + "; ".join(problems))
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("SECURE_HSTS_INCLUDE_SUBDOMAINS", "1") == "1"
    SECURE_HSTS_PRELOAD = os.environ.get("SECURE_HSTS_PRELOAD", "1") == "1"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "rightstrack.core",
    "rightstrack.accounts",
    "rightstrack.taxonomy",
    "rightstrack.recommendations",
    "rightstrack.planning",
    "rightstrack.legislation",
    "rightstrack.demo",
    "rightstrack.tagreview",
    "rightstrack.imports",
    "rightstrack.exports",
    "rightstrack.backup",
    "rightstrack.reports",
    "rightstrack.dashboards",
    "rightstrack.jobs",
    "rightstrack.reminders",
    "rightstrack.search",
    "ninja",  # its static files: the API docs are served locally, not from a CDN
    "rightstrack.portal",
    "rightstrack.api",
    "rightstrack.subscriptions",
    "rightstrack.audit",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "rightstrack.core.middleware.OverlongIntegerMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "rightstrack.accounts.middleware.UserLanguageMiddleware",
    "rightstrack.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rightstrack.urls"
WSGI_APPLICATION = "rightstrack.wsgi.application"
ASGI_APPLICATION = "rightstrack.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["django.templatetags.i18n", "django.templatetags.static", "rightstrack.core.templatetags.rightstrack"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'rightstrack.sqlite3'}", conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0"))
    )
}
# A persistent connection (CONN_MAX_AGE) that died with a database restart is replaced at the next request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE",
                                       "timeout": float(os.environ.get("RIGHTSTRACK_SQLITE_TIMEOUT", "20")),
                                       "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Rate-limit counters shared by every process on the machine (sign-ups, API throttles). Not atomic: two
    # requests at the same instant may both pass, which a limit of a few per hour tolerates.
    "ratelimit": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                  "LOCATION": DATA_DIR / "cache" / "ratelimit"},
    # The progress of a job writing inside one long SQLite transaction (an import's write), which holds the
    # database's one write lock until it commits: kept where every process on the machine sees it meanwhile.
    "jobs": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
             "LOCATION": DATA_DIR / "cache" / "jobs"},
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboards:home"
LOGOUT_REDIRECT_URL = "dashboards:home"

# Content-Security-Policy (django-csp): scripts and everything else from this site only, never inline; inline
# style attributes stay allowed (server-rendered charts and progress bars use them).
CONTENT_SECURITY_POLICY = {"DIRECTIVES": {
    "default-src": ["'self'"], "script-src": ["'self'"], "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"], "font-src": ["'self'"], "connect-src": ["'self'"], "object-src": ["'none'"],
    "base-uri": ["'self'"], "form-action": ["'self'"], "frame-ancestors": ["'none'"],
}}

# Sign-in throttling (django-axes), on the site's form and on /admin/ alike: after AXES_FAILURE_LIMIT failures an
# account, and separately a client address, is locked for AXES_COOLOFF_TIME; a success resets the count.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Behind a reverse proxy, name the header that carries the client address (e.g. HTTP_X_FORWARDED_FOR).
if os.environ.get("RATELIMIT_IP_META_KEY"):
    AXES_IPWARE_META_PRECEDENCE_ORDER = (os.environ["RATELIMIT_IP_META_KEY"], "REMOTE_ADDR")
# API throttles (django-ninja), per client address when anonymous, per user with a token.
API_ANONYMOUS_RATE = os.environ.get("API_ANONYMOUS_RATE", "120/m")
API_TOKEN_RATE = os.environ.get("API_TOKEN_RATE", "600/m")

# Two-factor sign-in (django-otp): required for these roles (and for staff, who reach /admin/), optional for the
# others. Production always requires it of administrators and coordinators; the demo does not, so that its printed
# logins work, unless RIGHTSTRACK_TWO_FACTOR=required.
TWO_FACTOR_REQUIRED_ROLES = (["administrator", "coordinator"]
                             if PRODUCTION or os.environ.get("RIGHTSTRACK_TWO_FACTOR") == "required" else [])
OTP_TOTP_ISSUER = "rightstrack"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("kk", _("Kazakh"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["rightstrack.core.formats"]  # adds the Kazakh date/number formats Django lacks
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Almaty")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Production collects static files here (`rightstrack manage collectstatic`); the demo serves them from the package.
STATIC_ROOT = Path(os.environ["STATIC_ROOT"]) if os.environ.get("STATIC_ROOT") else (DATA_DIR / "static" if PRODUCTION else None)
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WHITENOISE_USE_FINDERS = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage" if PRODUCTION
                    else "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = DATA_DIR / "mail"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "rightstrack@localhost")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
REPORTS_DIR = DATA_DIR / "reports"
# The audit log keeps events this many days (`rightstrack prune-audit`, run daily); 0 keeps them for ever.
AUDIT_RETENTION_DAYS = int(os.environ.get("RIGHTSTRACK_AUDIT_RETENTION_DAYS", "730"))
# Subscriptions: unsubscribed or unconfirmed addresses are purged after this many days.
SUBSCRIPTIONS_RETENTION_DAYS = int(os.environ.get("SUBSCRIPTIONS_RETENTION_DAYS", "30"))
SUBSCRIPTIONS_CONFIRM_DAYS = int(os.environ.get("SUBSCRIPTIONS_CONFIRM_DAYS", "7"))
# Against mail flooding: one unanswered confirmation per address at a time, a few per address a day, and a few
# sign-ups per client (IP address) an hour (django-ratelimit; RATELIMIT_IP_META_KEY names the proxy's header).
SUBSCRIPTIONS_PENDING_MINUTES = int(os.environ.get("SUBSCRIPTIONS_PENDING_MINUTES", "60"))
SUBSCRIPTIONS_REQUESTS_PER_DAY = int(os.environ.get("SUBSCRIPTIONS_REQUESTS_PER_DAY", "3"))
SUBSCRIPTIONS_CLIENT_RATE = os.environ.get("SUBSCRIPTIONS_CLIENT_RATE", "5/h")
RATELIMIT_USE_CACHE = "ratelimit"
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY") or None
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 1000

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
