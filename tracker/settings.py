"""Settings for the conflict news tracker, every one from an environment variable.

With nothing set the app runs for a newcomer: SQLite under ``var/``, Celery tasks run
in-process, DEBUG on. Production sets ``DATABASE_URL``, ``REDIS_URL``, ``SECRET_KEY`` and
``DEBUG=0``; every variable is listed in ``.env.example``.
"""

from __future__ import annotations

from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from environs import Env

from tracker.config import database_config, redis_url, size_in_bytes

BASE_DIR = Path(__file__).resolve().parent.parent
env = Env()
env.read_env(str(BASE_DIR / ".env"), recurse=False)

DEBUG = env.bool("DEBUG", default=True)
_DEV_SECRET = "insecure-dev-only-key-never-use-in-production-0123456789abcdefghij"
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    # Audit history through database triggers (PostgreSQL; a no-op on the SQLite demo).
    "pgtrigger",
    "pghistory",
    "articles",
    "casualties",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a login unless its view is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATA_DIR = Path(env.str("DATA_DIR", default=str(BASE_DIR / "var")))
DATABASE_URL = env.str("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'tracker.sqlite3'}")
DB_POOL_SIZE = env.int("DB_POOL_SIZE", default=8)
DATABASES = {"default": database_config(DATABASE_URL, pool_size=DB_POOL_SIZE)}
USING_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if USING_POSTGRES:
    INSTALLED_APPS.append("django.contrib.postgres")
    # Stamps every change a request makes with its user and URL in the audit history
    # (kept by PostgreSQL triggers; the SQLite demo keeps no history).
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "pghistory.middleware.HistoryMiddleware",
    )
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: Celery broker and cache ---------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    redis_url(REDIS_URL)
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="tracker"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
# Without a broker, tasks run in-process so the app works with no services at all.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = env.int("CELERY_WORKER_PREFETCH_MULTIPLIER", default=4)
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="tracker")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redelivery after a crash: a task unacknowledged this long is handed to another worker.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=600)
}
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=60)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=90)
# One article's parsing and extraction: past the soft limit the task gives up on it with the
# reason recorded; the hard limit (which kills the worker process) leaves time to record it.
# Enforced by the prefork pool (the default), not by --pool=solo or threads.
ARTICLE_TASK_SOFT_TIME_LIMIT = env.int("ARTICLE_TASK_SOFT_TIME_LIMIT", default=60)
ARTICLE_TASK_TIME_LIMIT = env.int(
    "ARTICLE_TASK_TIME_LIMIT", default=ARTICLE_TASK_SOFT_TIME_LIMIT + 30
)
if not 0 < ARTICLE_TASK_SOFT_TIME_LIMIT < ARTICLE_TASK_TIME_LIMIT:
    raise ImproperlyConfigured(
        "ARTICLE_TASK_SOFT_TIME_LIMIT must be positive and below ARTICLE_TASK_TIME_LIMIT"
    )
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True

# How old (seconds) a cached timeline or chart page may be for readers who cannot edit: while
# an import commits every moment, they share one page per this many seconds instead of each
# rendering anew. Editors always see the records as they are. 0: never older.
READER_PAGE_LAG_SECONDS = env.int("READER_PAGE_LAG_SECONDS", default=5)

# --- Imports --------------------------------------------------------------------------
IMPORT_MAX_FILE_SIZE = size_in_bytes(
    env.str("IMPORT_MAX_FILE_SIZE", default="5MB"), name="IMPORT_MAX_FILE_SIZE"
)
IMPORT_MAX_ARCHIVE_SIZE = size_in_bytes(
    env.str("IMPORT_MAX_ARCHIVE_SIZE", default="500MB"), name="IMPORT_MAX_ARCHIVE_SIZE"
)
IMPORT_MAX_COMPRESSION_RATIO = env.int("IMPORT_MAX_COMPRESSION_RATIO", default=100)
# A request carrying an upload of several files and zips.
DATA_UPLOAD_MAX_MEMORY_SIZE = size_in_bytes(
    env.str("UPLOAD_MAX_REQUEST_SIZE", default="100MB"), name="UPLOAD_MAX_REQUEST_SIZE"
)
FILE_UPLOAD_MAX_MEMORY_SIZE = size_in_bytes(
    env.str("UPLOAD_MAX_MEMORY_SIZE", default="5MB"), name="UPLOAD_MAX_MEMORY_SIZE"
)
DATA_UPLOAD_MAX_NUMBER_FILES = env.int("UPLOAD_MAX_FILES", default=1000)

# --- Auth -----------------------------------------------------------------------------
LOGIN_URL = "login"
# After this many failed logins for one account or from one address, refuse for a while.
LOGIN_MAX_FAILURES = env.int("LOGIN_MAX_FAILURES", default=5)
LOGIN_LOCKOUT_SECONDS = env.int("LOGIN_LOCKOUT_SECONDS", default=900)
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = env.list(
    "PASSWORD_HASHERS",
    default=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
        "django.contrib.auth.hashers.ScryptPasswordHasher",
    ],
)

# --- I18n, static ---------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# --- Security (production defaults switch on when DEBUG is off) -----------------------
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Scripts and styles come only from our static files: no inline <script>, no on*= handlers,
# no style= attributes (tests/platform/test_security.py scans the templates for them).
# With DEBUG on, django-csp leaves Django's own 404 and 500 debug pages without it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
