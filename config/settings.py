"""Settings for gongkai. Everything comes from the environment; defaults give the embedded setup.

Environment variables:
  DATABASE_URL   database (default: SQLite file var/gongkai.sqlite3)
  REDIS_URL      cache and Celery broker; unset means local-memory cache and inline tasks
  CELERY_VISIBILITY_TIMEOUT  seconds before the task of a worker that died is redelivered (3600)
  SECRET_KEY     required when DEBUG is off
  DEBUG          "1" for development
  ALLOWED_HOSTS  comma-separated
  MEDIA_ROOT, STATIC_ROOT, VAR_DIR   file locations
  SITE_URL       absolute base URL for feeds, sitemap and notices
  SITE_ID_CODE, SITE_ICP, SITE_PSB, SITE_PSB_URL, SITE_CONAC_URL, SITE_CONTACT_URL, SITE_CONTACT_PHONE,
  SITE_CONTACT_EMAIL   the public footer (网站标识码, ICP备案号, 公安机关备案号, 党政机关网站标识, 联系我们)
  SMS_BACKEND    dotted path of a function sending a text message (default: written to the log)
"""
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
TESTING = env_bool("GONGKAI_TESTING", False)
_default_secret = "embedded-insecure-key-change-me" if (DEBUG or TESTING or not os.environ.get("GONGKAI_PRODUCTION")) else None
SECRET_KEY = os.environ.get("SECRET_KEY") or _default_secret
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = os.environ.get("SITE_NAME", "示范市人民政府")
SITE_URL_EXPLICIT = bool(os.environ.get("SITE_URL"))  # else feed ids come from the request's host
# The public footer (empty items are not shown): 网站标识码, ICP备案号, 公安机关备案号 (and its record
# link), the 党政机关网站标识 link (bszs.conac.cn), 联系我们 (a URL; default: the 政府信息公开指南).
SITE_FOOTER = {key: os.environ.get(f"SITE_{key}", "") for key in
               ("ID_CODE", "ICP", "PSB", "PSB_URL", "CONAC_URL", "CONTACT_URL", "CONTACT_PHONE", "CONTACT_EMAIL")}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "ninja",  # serves the OpenAPI docs page from its bundled static files (no CDN)
    "gongkai.core",
    "gongkai.ops",
    "gongkai.audit",
    "gongkai.agencies",
    "gongkai.workdays",
    "gongkai.catalog",
    "gongkai.search",
    "gongkai.review",
    "gongkai.foi",
    "gongkai.reports",
    "gongkai.consultations",
    "gongkai.decisions",
    "gongkai.mailboxes",
    "gongkai.concerns",
    "gongkai.oversight",
    "gongkai.newmedia",
    "gongkai.guides",
    "gongkai.stdcatalog",
    "gongkai.gazette",
    "gongkai.opendata",
    "gongkai.proposals",
    "gongkai.assessment",
    "gongkai.portal",
    "gongkai.answers",
    "gongkai.columns",
    "gongkai.console",
    "gongkai.api",
    "gongkai.demo",
]

MIDDLEWARE = [
    "gongkai.ops.middleware.RequestIdMiddleware",
    "gongkai.portal.middleware.ChineseNotFoundMiddleware",
    "gongkai.ops.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "gongkai.ops.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "gongkai.ops.pagecache.PublicPageCacheMiddleware",
    "gongkai.ops.ratelimit.PublicPostRateLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "gongkai" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.core.context_processors.site",
                "gongkai.console.menu.console_menu",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'gongkai.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")))}
_db = DATABASES["default"]
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock at BEGIN, so concurrent writers queue instead of
    # failing half-way with "database is locked"; WAL lets readers run beside a writer.
    _db.setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 30,
         "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
    # A file (not shared-cache memory) so threaded tests behave like the real thing.
    _db["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
else:
    # Per-process test database so parallel runs on one server never collide.
    _db["TEST"] = {"NAME": f"test_gongkai_{os.getpid()}"}
# Check a persistent connection before reusing it, so the site recovers by itself after a restart.
_db["CONN_HEALTH_CHECKS"] = True
DB_VENDOR = "sqlite" if _db["ENGINE"].endswith("sqlite3") else "postgresql"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Tamper evidence (docs/SECURITY.md): the audit chain's HMAC key and the daily checkpoints live
# outside the database. AUDIT_HMAC_KEY (at least 16 characters) or the key file, created on first
# use with mode 0600; checkpoints are JSON files, also published at /xxgk/integrity/.
AUDIT_HMAC_KEY = os.environ.get("AUDIT_HMAC_KEY", "")
AUDIT_KEY_FILE = os.environ.get("AUDIT_KEY_FILE", str(VAR_DIR / "audit.key"))
INTEGRITY_CHECKPOINT_DIR = Path(os.environ.get("INTEGRITY_CHECKPOINT_DIR", VAR_DIR / "checkpoints"))

# --- Cache and background work ----------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
            "KEY_PREFIX": os.environ.get("CACHE_PREFIX", "gongkai"),
        }
    }
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rate-limit counters and login lockouts must be seen by every process: Redis when configured, else
# Django's database cache (table `gongkai_cache`, created by the ops app's migration).
CACHES["limits"] = (dict(CACHES["default"]) if REDIS_URL else
                    {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "gongkai_cache"})
# Per-process memory for template pieces that depend only on the code, the settings and the language
# (the portal's header and footer: `{% cache ... using="fragments" %}`), never on data.
CACHES["fragments"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fragments",
                       "TIMEOUT": 3600}

# "memory://localhost//", not "memory://": kombu warns "No hostname was supplied" on every eager task.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL or "memory://localhost//")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A task whose whole worker died (not just its pool process, which is requeued at once) stays
# unacknowledged in Redis and is handed to another worker after this many seconds. Keep it longer
# than the longest task (a large import job), or a slow task also runs a second time in parallel
# (harmless, tasks are idempotent, but wasted work).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600"))}
CELERY_TIMEZONE = "Asia/Shanghai"
CELERY_BEAT_SCHEDULE = {}  # apps add their entries in gongkai/*/schedules.py, collected in config/celery.py

# --- Auth -------------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "console:login"
LOGIN_REDIRECT_URL = "console:home"
LOGOUT_REDIRECT_URL = "portal:home"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY") else None

# --- Search index (gongkai/search/index.py) -------------------------------------------------------
# The one full-text index (tantivy) of this host; the database is the source of truth and the
# change log keeps the index current (after each commit, and on the next search of any process).
SEARCH_INDEX_DIR = os.environ.get("SEARCH_INDEX_DIR", str(VAR_DIR / "search-index"))
# How often a process checks the change log for changes it has not applied (seconds).
SEARCH_INDEX_CHECK_SECONDS = float(os.environ.get("SEARCH_INDEX_CHECK_SECONDS", "0" if TESTING else "1"))
# How long a commit waits for the index's writer lock before leaving the change to the next search.
SEARCH_WRITE_TIMEOUT = float(os.environ.get("SEARCH_WRITE_TIMEOUT", "10"))
# Tests run in one transaction that is rolled back (with their own index directory): let searches
# apply the uncommitted change log there. Never in production.
SEARCH_SYNC_IN_TRANSACTION = TESTING

# --- Operations and security (gongkai.ops; see deploy/README.md and docs/SECURITY.md) ------------
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "gongkai.ops.views.csrf_failure"  # the Chinese 403 page
AUTHENTICATION_BACKENDS = ["gongkai.ops.auth.ThrottledModelBackend"]
# Counters live in the shared cache; the test suite turns them off (its tests turn them on).
LOGIN_LOCKOUT_ENABLED = env_bool("LOGIN_LOCKOUT_ENABLED", not TESTING)
LOGIN_LOCKOUT_FAILURES = int(os.environ.get("LOGIN_LOCKOUT_FAILURES", "5"))
LOGIN_LOCKOUT_IP_FAILURES = int(os.environ.get("LOGIN_LOCKOUT_IP_FAILURES", "50"))
LOGIN_LOCKOUT_SECONDS = int(os.environ.get("LOGIN_LOCKOUT_SECONDS", "900"))
RATELIMIT_ENABLED = env_bool("RATELIMIT_ENABLED", not TESTING)
RATELIMIT_POST_PATHS = env_list("RATELIMIT_POST_PATHS", "/apply/")
RATELIMIT_POST_RATE = os.environ.get("RATELIMIT_POST_RATE", "20/h")
# POSTs to the JSON API per client address (JSON 429): anonymous tracking (query-code guessing),
# the anonymous report checker (parses uploads), the staff scan; any other API POST gets the default.
RATELIMIT_API_RATES = {
    "/api/foi/track": os.environ.get("RATELIMIT_TRACK_RATE", "10/m"),
    "/api/reports/check": os.environ.get("RATELIMIT_REPORT_CHECK_RATE", "10/m"),
    "/api/review/scan": os.environ.get("RATELIMIT_REVIEW_SCAN_RATE", "60/m"),
}
RATELIMIT_API_DEFAULT_RATE = os.environ.get("RATELIMIT_API_RATE", "60/m")
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0" if TESTING else "300"))
# How long nginx may keep a public page (deploy/nginx: proxy_cache honours X-Accel-Expires); this
# bounds how long a list, search result or front page lags behind a change (a document's own page
# is refreshed at once when EDGE_REFRESH_URLS is set; otherwise it lags by this too).
PAGE_EDGE_CACHE_SECONDS = int(os.environ.get("PAGE_EDGE_CACHE_SECONDS", "10"))
# nginx refresh listeners (deploy/nginx/gongkai.conf, "refresh listener"): after a document changes,
# its page is fetched anew through each of them, so nginx may keep document pages for
# PAGE_EDGE_REFRESHED_SECONDS instead of PAGE_EDGE_CACHE_SECONDS. Empty: no long edge caching.
EDGE_REFRESH_URLS = env_list("EDGE_REFRESH_URLS", "")
PAGE_EDGE_REFRESHED_SECONDS = int(os.environ.get("PAGE_EDGE_REFRESHED_SECONDS", "300"))
DB_UNAVAILABLE_RETRY_AFTER = int(os.environ.get("DB_UNAVAILABLE_RETRY_AFTER", "30"))
CONTENT_SECURITY_POLICY = os.environ.get("CONTENT_SECURITY_POLICY") or (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

# --- I18N -------------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "gongkai" / "locale"]

# --- Files ------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
try:  # whitenoise warns on every request when the folder is missing
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
except OSError:
    pass
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": os.environ.get("FILE_STORAGE", "gongkai.ops.storage.SafeFileSystemStorage")},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage" if not DEBUG and not TESTING
                    else "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if "s3" in STORAGES["default"]["BACKEND"].lower():
    # django-storages on S3-compatible storage (pip install gongkai[s3]); keys come from the
    # standard AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables read by boto3.
    STORAGES["default"]["OPTIONS"] = {
        "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME", "gongkai"),
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
        "default_acl": "private", "querystring_auth": True, "file_overwrite": False,
    }
WHITENOISE_USE_FINDERS = DEBUG or TESTING
MAX_UPLOAD_BYTES = int(os.environ.get("MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- Logging ----------------------------------------------------------------------------------
# One JSON object per line with the request id (LOG_FORMAT=text for plain lines); LOG_ACCESS=1 adds
# an access line per request (logger gongkai.access).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "gongkai.ops.logs.RequestIdFilter"},
                "client_error_no_traceback": {"()": "gongkai.ops.logs.ClientErrorNoTraceback"}},
    "formatters": {"json": {"()": "gongkai.ops.logs.JsonFormatter"},
                   "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id", "client_error_no_traceback"],
                             "formatter": os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"jieba": {"level": "ERROR"},
                "gongkai.access": {"level": "INFO" if env_bool("LOG_ACCESS") else "WARNING"}},
}

# --- E-mail (reminders) -----------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "gongkai@localhost")
# E-mail the applicant (if the application gave an address) each time a notice is issued; the
# notice itself is attached when the applicant chose e-mail as the way to receive information.
FOI_NOTICE_EMAIL = env_bool("FOI_NOTICE_EMAIL", True)
# Files disclosed with a reply (gongkai/foi/disclosure.py): per file, per case, attached to the e-mail.
FOI_DISCLOSED_FILE_MAX_BYTES = int(os.environ.get("FOI_DISCLOSED_FILE_MAX_BYTES", 20 * 1024 * 1024))
FOI_DISCLOSED_CASE_MAX_BYTES = int(os.environ.get("FOI_DISCLOSED_CASE_MAX_BYTES", 100 * 1024 * 1024))
FOI_EMAIL_ATTACH_MAX_BYTES = int(os.environ.get("FOI_EMAIL_ATTACH_MAX_BYTES", 10 * 1024 * 1024))
# Text messages (a recovered 查询码 sent to the phone an application gave): dotted path of a function
# send(number, text); empty writes the message to the log.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "")

# --- Product settings -------------------------------------------------------------------------
GONGKAI = {
    # RULES.md §9: whether the fee payment window pauses the reply clock (default: pauses).
    "FEE_WINDOW_PAUSES_CLOCK": env_bool("FEE_WINDOW_PAUSES_CLOCK", True),
    # 条例 Art. 26: publish within 20 working days of formation.
    "PUBLICATION_LIMIT_WORKDAYS": 20,
    # 建议提案: 办理期限 in months from 交办, and the working days after the reply within which the
    # 复文 is published (gongkai/proposals/deadlines.py).
    "PROPOSAL_REPLY_MONTHS": int(os.environ.get("PROPOSAL_REPLY_MONTHS", "3")),
    "PROPOSAL_PUBLISH_WORKDAYS": int(os.environ.get("PROPOSAL_PUBLISH_WORKDAYS", "20")),
    # 测评: a policy's 解读 counts as timely when published within this many working days of it.
    "INTERPRETATION_WORKDAYS": int(os.environ.get("INTERPRETATION_WORKDAYS", "3")),
    # Online 依申请公开 applications one agency accepts per day (0: no ceiling); gongkai/foi/intake.py.
    "FOI_ONLINE_DAILY_CEILING": int(os.environ.get("FOI_ONLINE_DAILY_CEILING", "200")),
    # The public forms' proof of work (gongkai/core/challenge.py): PBKDF2 rounds per try, and the
    # secret counter is drawn from [max/2, max): up to `max` tries in the browser.
    "CHALLENGE_COST": int(os.environ.get("CHALLENGE_COST", "1" if TESTING else "1000")),
    "CHALLENGE_MAX_NUMBER": int(os.environ.get("CHALLENGE_MAX_NUMBER", "2000")),
    "DEMO_SEEDS_DIR": os.environ.get("GONGKAI_SEEDS_DIR", str(BASE_DIR.parent / "shared" / "seeds")),
    # 问答 (gongkai/answers): statute texts the demo imports when present, and the semantic score.
    "QA_STATUTE_DIR": os.environ.get("GONGKAI_QA_STATUTE_DIR",
                                     str(BASE_DIR.parent / "shared" / "realworld" / "qa" / "statute")),
    "QA_SEMANTIC": os.environ.get("GONGKAI_QA_SEMANTIC", "1") != "0",
}
