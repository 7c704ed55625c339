"""Settings for the council's meetings system, read from the environment.

Every variable has a safe default so the app runs with nothing installed
(SQLite in the project folder). A malformed value stops start-up with a
message that names the variable.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"


def env_bool(name, default):
    """Read a yes/no variable; refuse anything that is not clearly one or the other."""
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (1/0, yes/no, on/off), not {value!r}.")


def env_list(name, default):
    """Read a comma-separated list, ignoring blanks around the commas."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    """Read a whole number (seconds, minutes, a count)."""
    value = os.environ.get(name, default).strip()
    if not value.isdigit():
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.")
    return int(value)


def env_database(name, default):
    """Read a database URL: sqlite:///path or postgres://user@host:port/name."""
    url = os.environ.get(name, default)
    try:
        config = dj_database_url.parse(url, conn_max_age=60)
    except Exception as exc:  # dj-database-url raises several kinds
        raise ImproperlyConfigured(f"{name} is not a valid database URL ({exc}): {url!r}") from exc
    engines = ("django.db.backends.sqlite3", "django.db.backends.postgresql")
    if config.get("ENGINE") not in engines or not config.get("NAME"):
        raise ImproperlyConfigured(
            f"{name} must be sqlite:///<file> or postgres://<user>@<host>:<port>/<database>, not {url!r}."
        )
    return config


def env_email(name, default):
    """Read an email URL into Django's EMAIL_* settings.

    smtp://user:password@host:587 (STARTTLS with smtp+tls://, TLS from the start with smtps://),
    console:// (print emails: the demo), locmem:// (keep them in memory: the tests).
    """
    url = os.environ.get(name, default)
    parts = urlsplit(url)
    backends = {"console": "console", "locmem": "locmem", "smtp": "smtp", "smtp+tls": "smtp", "smtps": "smtp"}
    if parts.scheme not in backends:
        raise ImproperlyConfigured(
            f"{name} must be smtp://, smtp+tls://, smtps://, console:// or locmem://, not {url!r}.")
    config = {"EMAIL_BACKEND": f"django.core.mail.backends.{backends[parts.scheme]}.EmailBackend"}
    if backends[parts.scheme] == "smtp":
        try:
            port = parts.port
        except ValueError as exc:
            raise ImproperlyConfigured(f"{name} has a bad port: {url!r}.") from exc
        if not parts.hostname:
            raise ImproperlyConfigured(f"{name} must name the mail server's host: {url!r}.")
        config.update(
            EMAIL_HOST=parts.hostname,
            EMAIL_PORT=port or {"smtps": 465, "smtp+tls": 587}.get(parts.scheme, 25),
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_TLS=parts.scheme == "smtp+tls",
            EMAIL_USE_SSL=parts.scheme == "smtps",
            EMAIL_TIMEOUT=30,
        )
    return config


DEBUG = env_bool("DEBUG", "false")

SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value when DEBUG is off "
        "(the development default is refused). For local use, set DEBUG=1."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the site's host names when DEBUG is off.")

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# The follow-up board's indexes carry extra columns on PostgreSQL (INCLUDE) so it reads them from
# the index alone; SQLite builds the same indexes without them, which is all it needs. Its warning
# about that would greet every user of the quick start.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its admin classes win.
    "modeltranslation",
    "council.apps.CouncilAdminConfig",  # django.contrib.admin with the second factor checked
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "simple_history",
    "council",
    "meetings",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Up here so that pages served from the cache below carry the header too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the language is known (the 400 page speaks it), before anything reads the database.
    "council.middleware.RefuseControlCharactersMiddleware",
    # Anonymous readers' cached pages are answered here, before the session and the user (council/cache.py).
    "council.cache.CachedPageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Below CommonMiddleware, which sets Content-Length from the compacted page.
    "council.middleware.CompactAdminHTMLMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Lets the history record who made a change (council.history); none outside a request: the system.
    "simple_history.middleware.HistoryRequestMiddleware",
    "council.cache.StaffWriteMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, as django-axes asks: it turns a locked sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "council.urls"
# Django's form renderer, with its commonest templates written in Python: a session's change form
# renders about 900 fields (council/form_renderer.py).
FORM_RENDERER = "council.form_renderer.FormRenderer"
WSGI_APPLICATION = "council.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Arabic is the default and authoritative language.
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Arabic dates without the comma Django puts inside them (council/formats/ar/formats.py).
FORMAT_MODULE_PATH = ["council.formats"]
USE_I18N = True
# The council's secretariat sits in Cairo: dates and times are entered and shown in its time.
TIME_ZONE = "Africa/Cairo"
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "ar"
MODELTRANSLATION_LANGUAGES = ("ar", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("ar",)

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# WhiteNoise serves static files under gunicorn; `collectstatic` fills STATIC_ROOT.
# Council documents: at most DOCUMENT_MAX_MB each (see meetings/uploads.py for the types).
DOCUMENT_MAX_BYTES = env_int("DOCUMENT_MAX_MB", "25") * 1024 * 1024
# Large uploads are spooled to this folder, cleared of leftovers at start-up (meetings/apps.py).
FILE_UPLOAD_TEMP_DIR = Path(os.environ.get("FILE_UPLOAD_TEMP_DIR", BASE_DIR / "tmp" / "uploads"))

# Documents: in MEDIA_ROOT by default; in an S3-compatible bucket (AWS, MinIO, Ceph…)
# when S3_BUCKET is set, so that any number of app servers share them. The bucket stays
# private: documents are only ever served through the view that checks who may read them.
S3_BUCKET = os.environ.get("S3_BUCKET", "").strip()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,  # empty: AWS itself
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,  # empty: the machine's role
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,  # a second upload of the same name never replaces the first
        },
    }

# Cache: each process's own memory by default (nothing to install); Redis, shared by
# every app server, when REDIS_URL is set (redis://host:6379/0). Anonymous readers get
# whole public pages from it (council/cache.py), retired by any content change.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(f"REDIS_URL must be redis://<host>:<port>/<db>, not {REDIS_URL!r}.")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}}
# Where the number that retires cached pages lives: in the cache when every server
# shares it (Redis), else in the database they all share.
PAGE_CACHE_GENERATION = "cache" if REDIS_URL else "database"
try:
    PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "3600"))
except ValueError as exc:
    raise ImproperlyConfigured(
        "PAGE_CACHE_SECONDS must be a whole number of seconds (0 turns the page cache off).") from exc

LOGIN_URL = "meetings:login"

# --- Sign-in: lockout (django-axes) and a second factor (django-otp) ----------
# The axes backend goes first: it refuses a locked account or address before any password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
# After SIGNIN_FAILURE_LIMIT failures for one account, or from one address, sign-in is locked
# for SIGNIN_LOCK_MINUTES; each further try during the lock starts the wait again.
AXES_FAILURE_LIMIT = env_int("SIGNIN_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SIGNIN_LOCK_MINUTES", "15"))
# Before the lock, from SIGNIN_SLOW_AFTER failures, the next attempt must wait
# SIGNIN_FIRST_WAIT_SECONDS after the last failure, twice as long after each further one.
SIGNIN_SLOW_AFTER = env_int("SIGNIN_SLOW_AFTER", "3")
SIGNIN_FIRST_WAIT_SECONDS = env_int("SIGNIN_FIRST_WAIT_SECONDS", "15")
AXES_HANDLER = "council.signin.SlowingHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
AXES_LOCKOUT_CALLABLE = "council.signin.lockout_response"
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # every failure kept, not only the count
# The client's address is the connection's unless a known number of proxies sits in front;
# otherwise X-Forwarded-For would let one client pose as many addresses.
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", "0")
if TRUSTED_PROXIES:
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXIES
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
# Staff must pass a second factor (a TOTP code) in production; the demo and tests leave it off.
STAFF_SECOND_FACTOR_REQUIRED = env_bool("STAFF_SECOND_FACTOR", "false" if DEBUG else "true")
OTP_TOTP_ISSUER = "ATICM"
# Email: notifications to subscribers. The demo prints them; production names its mail server.
globals().update(env_email("EMAIL_URL", "console://" if DEBUG else "smtp://localhost:25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "meetings@localhost")
# The site's public address, for links in emails (which have no request to take it from).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Security headers -------------------------------------------------------
# Content-Security-Policy (django-csp) on every page, the admin's included: scripts
# only from this server, never inline. Styles allow inline attributes, which the
# admin's own templates write; CSS cannot run script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Load balancers and container health checks probe /healthz over plain HTTP from inside.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

if not DEBUG:
    # SECURE_COOKIES says the site is reached over HTTPS (directly or through a proxy):
    # cookies are then sent over HTTPS only, plain HTTP is redirected, and HSTS
    # (sent by Django on HTTPS responses only) tells browsers to stay on HTTPS.
    HTTPS = env_bool("SECURE_COOKIES", "true")
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
    SECURE_SSL_REDIRECT = env_bool("SSL_REDIRECT", "true" if HTTPS else "false")
    SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", "31536000" if HTTPS else "0")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", "true")
    SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", "false")
    if not SECURE_HSTS_PRELOAD:
        # Entering the browsers' preload list binds the whole domain for months:
        # that is the domain owner's decision (HSTS_PRELOAD=true), not a default.
        SILENCED_SYSTEM_CHECKS += ["security.W021"]

# X-Forwarded-Proto is believed only when the operator says a proxy in front sets it
# (and overwrites whatever a client sent); otherwise any client could claim HTTPS.
if env_bool("TRUST_X_FORWARDED_PROTO", "false"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Logs go to stderr, the container's log. A failed request is logged with its path and the
# signed-in user's id (council/logs.py), never with its body, cookies or session. Refused and
# not-found requests are the ordinary life of a public site: the web server's access log counts them.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "council.logs.RequestContext"}},
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s path=%(path)s user=%(user_id)s %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr",
                            "filters": ["request"], "formatter": "line"}},
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        "django.request": {"level": "ERROR"},
        "django.server": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}
