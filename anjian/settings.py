"""Settings read from the environment.

ANJIAN_HOME           folder for var/ (database, secret key, uploads); default: the checkout
ANJIAN_DATABASE_URL   e.g. postgres://user@127.0.0.1:5432/anjian; default: SQLite under var/
ANJIAN_DEBUG          "1" turns DEBUG on; off otherwise
ANJIAN_ALLOWED_HOSTS  comma-separated; default: localhost, 127.0.0.1
ANJIAN_SECRET_KEY     overrides the key generated on first run into var/secret_key
ANJIAN_AUDIT_KEY_FILE the key of the audit hash chain; default var/audit_key (made on first use, mode 600)
ANJIAN_BROKER_URL     e.g. redis://127.0.0.1:6379/0: jobs go through Celery (`anjian worker`); default: none,
                      jobs run in a thread of the process that starts them
"""

import os
import secrets
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent
HOME = Path(os.environ.get("ANJIAN_HOME", PACKAGE_DIR.parent)).resolve()
VAR_DIR = HOME / "var"
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    if key := os.environ.get("ANJIAN_SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        # Generated once per installation and never committed (var/ is git-ignored).
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
ANJIAN_AUDIT_KEY_FILE = Path(os.environ.get("ANJIAN_AUDIT_KEY_FILE") or VAR_DIR / "audit_key")
DEBUG = os.environ.get("ANJIAN_DEBUG") == "1"
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ANJIAN_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "anjian",
    "anjian.registry",
    "anjian.plans",
    "anjian.execution",
    "anjian.web",
    "anjian.accounts",
    "anjian.audit",
    "anjian.jobs",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "anjian.audit.middleware.AuditContextMiddleware",
    # 三员 enter a one-time code after the password (等保 2.0 level 3: two kinds of factor for administrators).
    "anjian.accounts.middleware.SecondFactorMiddleware",
    "anjian.accounts.middleware.PasswordExpiryMiddleware",
    "anjian.web.middleware.SecurityHeadersMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lockout after 5 failed logins for 15 minutes, per account.
AXES_FAILURE_LIMIT = int(os.environ.get("ANJIAN_LOGIN_FAILURES", 5))
AXES_COOLOFF_TIME = float(os.environ.get("ANJIAN_LOCKOUT_MINUTES", 15)) / 60  # hours
# The account is locked, whichever addresses the failures come from (等保: lock the account, not a pair).
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes warns that this lets an attacker rotate addresses; locking the account itself is the point, so the warning
# (which would otherwise print in English before every command's output) is silenced.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
# A retry while locked out is refused but does not restart the 15 minutes (else a script keeps the owner out).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
AXES_VERBOSE = False

LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:login"
# Days before a password must be changed; 0 turns expiry off.
ANJIAN_PASSWORD_MAX_AGE_DAYS = int(os.environ.get("ANJIAN_PASSWORD_MAX_AGE_DAYS", 90))
# Everything the pages load comes from this server (assets are vendored; the app works offline).
ANJIAN_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "connect-src 'self'; font-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_FAILURE_VIEW = "anjian.web.errors.csrf_failure"
OTP_TOTP_ISSUER = "安监计划"

ROOT_URLCONF = "anjian.urls"
WSGI_APPLICATION = "anjian.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Each area of the workbench (anjian/web/<area>/) keeps its own templates, named web/<page>.html as before.
        "DIRS": [PACKAGE_DIR / "templates", *sorted((PACKAGE_DIR / "web").glob("*/templates"))],
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

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("ANJIAN_DATABASE_URL") or f"sqlite:///{VAR_DIR / 'anjian.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the web app read while a long import or solve writes.
    # IMMEDIATE: a transaction takes the write lock when it begins, so concurrent writers (two requests each
    # appending to the audit chain, two compiles of one plan) wait their turn instead of failing with "database
    # is locked" at their first write; the timeout (busy_timeout, seconds) is how long one waits for another's
    # commit — long enough for a long import or a schedule's write to finish.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": int(os.environ.get("ANJIAN_SQLITE_TIMEOUT", "120")),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    _sqlite = str(DATABASES["default"]["NAME"])
    if _sqlite and _sqlite != ":memory:" and not _sqlite.startswith("file:") and not Path(_sqlite).exists():
        # created readable by its owner only (600); SQLite gives its -wal and -shm files the same mode
        Path(_sqlite).parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(_sqlite, os.O_WRONLY | os.O_CREAT, 0o600))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "anjian.accounts.validators.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
    # Also restarts the expiry clock and audits every password change (Django calls its password_changed hook).
    {"NAME": "anjian.accounts.history.PasswordHistoryValidator", "OPTIONS": {"remember": 5}},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise serves from it after collectstatic; finders serve until then
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"

SESSION_COOKIE_AGE = int(os.environ.get("ANJIAN_SESSION_SECONDS", 30 * 60))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_SAMESITE = "Strict"
# Behind HTTPS set ANJIAN_HTTPS=1: cookies are then sent only over TLS, and the scheme is taken from the
# X-Forwarded-Proto header of the proxy in front (nginx terminates TLS; `anjian serve` listens on 127.0.0.1 only,
# so no one else can set that header).
HTTPS = os.environ.get("ANJIAN_HTTPS") == "1"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Strict-Transport-Security max-age in seconds (0: not sent); set it once HTTPS works for every host name.
SECURE_HSTS_SECONDS = int(os.environ.get("ANJIAN_HSTS_SECONDS", 0))

# Extra rule-pack folders a bureau maintains itself, separated by os.pathsep.
ANJIAN_RULESET_DIRS = [
    Path(p) for p in os.environ.get("ANJIAN_RULESET_DIRS", str(VAR_DIR / "rulesets")).split(os.pathsep) if p
]

# Jobs (anjian/jobs): Celery with a broker, a thread of this process without one.
CELERY_BROKER_URL = os.environ.get("ANJIAN_BROKER_URL", "")
CELERY_TASK_ACKS_LATE = True  # a message is acknowledged when its job ends, so a lost worker loses no job
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # long jobs: a worker takes the next one only when it is free
CELERY_TASK_IGNORE_RESULT = True  # the Job row is the result
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 5
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# A running job writes a heartbeat every few seconds; one silent for longer than the stale limit has lost its
# process (killed, machine down) and is ended as failed when a worker starts or someone looks at the jobs.
ANJIAN_JOB_HEARTBEAT_SECONDS = float(os.environ.get("ANJIAN_JOB_HEARTBEAT_SECONDS", 2))
ANJIAN_JOB_STALE_SECONDS = float(os.environ.get("ANJIAN_JOB_STALE_SECONDS", 60))
# Tests of pages only: a job runs inside the request that starts it, so its result is there when it answers.
ANJIAN_JOBS_INLINE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ANJIAN_LOG_LEVEL", "WARNING")},
}
WHITENOISE_USE_FINDERS = True
