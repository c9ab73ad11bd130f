"""Settings from the environment (twelve-factor), with the embedded defaults `make run` uses.

Unset means the embedded default: SQLite, Celery's SQLAlchemy broker, mail written
to a local outbox folder, secrets generated once into the instance folder. With
PORTAL_ENV=production every secret must be given, and a missing one stops the app.
"""
from __future__ import annotations

import base64
import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INSTANCE = PROJECT_ROOT / "instance"

DEFAULT_BASE_URL = "http://127.0.0.1:5000"  # `make run`'s web process

# The product's name, everywhere users see it (pages, mail, PDFs). Not "Employer Portal": that is IRCC's own
# system, which the findings tell users to use. The package keeps its name (employer_portal).
PRODUCT_NAME = "HireCheck"

REQUIRED_IN_PRODUCTION = ("SECRET_KEY", "DATA_ENCRYPTION_KEY", "DATABASE_URL", "CELERY_BROKER_URL")


class ConfigurationError(RuntimeError):
    """A setting is missing or malformed; the message names it."""


def _flag(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def _test_pause(env: dict[str, str], name: str) -> float:
    """A pause for tests (0 to 120 s), read only when PORTAL_ENV is "test"."""
    if env.get("PORTAL_ENV") != "test":
        return 0.0
    try:
        return max(0.0, min(float(env.get(name) or 0), 120.0))
    except ValueError:
        return 0.0


def task_time_limit(name: str, default: int, env: dict[str, str] | None = None) -> int:
    """A Celery task's time limit in seconds, read when the worker imports its tasks (before any app exists)."""
    env = os.environ if env is None else env
    try:
        return int(env.get(name) or default)
    except ValueError:
        return default


def _instance_secret(instance: Path, name: str, make) -> str:
    """A secret generated once for the embedded default and kept in the instance folder."""
    path = instance / name
    if path.exists():
        return path.read_text().strip()
    instance.mkdir(parents=True, exist_ok=True)
    value = make()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(value)
    return value


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def job_sweep_seconds(env: dict[str, str] | None = None) -> float:
    """JOB_SWEEP_SECONDS: how often beat runs the lease sweeps (read when beat imports its schedule)."""
    env = os.environ if env is None else env
    try:
        return max(1.0, float(env.get("JOB_SWEEP_SECONDS") or 15))
    except ValueError:
        return 15.0


def load_settings(env: dict[str, str] | None = None, overrides: dict | None = None) -> dict:
    """Everything the app reads, as Flask config keys."""
    env = dict(os.environ if env is None else env)
    production = env.get("PORTAL_ENV", "").lower() == "production"
    if production:
        missing = [name for name in REQUIRED_IN_PRODUCTION if not env.get(name)]
        if missing:
            raise ConfigurationError(f"missing required setting(s) for production: {', '.join(missing)}")

    instance = Path(env.get("PORTAL_INSTANCE_PATH") or DEFAULT_INSTANCE).resolve()
    instance.mkdir(parents=True, exist_ok=True)
    # The web address every process puts in links. Never derived from PORT: under `make run`
    # honcho gives each process its own PORT (worker 5100, beat 5200), so the Makefile passes it.
    base_url = env.get("PORTAL_BASE_URL") or DEFAULT_BASE_URL
    https = base_url.startswith("https://")

    database_url = env.get("DATABASE_URL") or _sqlite_url(instance / "portal.sqlite")
    if database_url.startswith("postgres://"):
        database_url = "postgresql://" + database_url[len("postgres://"):]
    if database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url[len("postgresql://"):]
    broker_url = env.get("CELERY_BROKER_URL") or f"sqla+{_sqlite_url(instance / 'broker.sqlite')}"

    data_key = env.get("DATA_ENCRYPTION_KEY") or _instance_secret(
        instance, "data_encryption_key", lambda: base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    )
    secret_key = env.get("SECRET_KEY") or _instance_secret(instance, "secret_key", lambda: secrets.token_urlsafe(48))

    ratelimit_storage = env.get("RATELIMIT_STORAGE_URI")
    if not ratelimit_storage:
        ratelimit_storage = broker_url if broker_url.startswith(("redis://", "rediss://")) else "memory://"

    mail_server = env.get("MAIL_SERVER") or ""
    settings = {
        "PORTAL_ENV": "production" if production else env.get("PORTAL_ENV", "development"),
        "INSTANCE_PATH": str(instance),
        "PORTAL_BASE_URL": base_url.rstrip("/"),
        "SECRET_KEY": secret_key,
        "DATA_ENCRYPTION_KEY": data_key,
        "SQLALCHEMY_DATABASE_URI": database_url,
        # hide_parameters: SQL logging (echo, errors) never shows the values bound into a query (passport
        # numbers, e-mail addresses); the same for the embedded broker's own engine.
        "SQLALCHEMY_ENGINE_OPTIONS": {"hide_parameters": True,
                                      **({} if database_url.startswith("sqlite") else {"pool_pre_ping": True})},
        "CELERY_BROKER_URL": broker_url,
        "CELERY_BROKER_TRANSPORT_OPTIONS": {"hide_parameters": True} if broker_url.startswith("sqla+") else {},
        "CELERY_TASK_DEFAULT_QUEUE": env.get("CELERY_TASK_DEFAULT_QUEUE", "celery"),
        "CELERY_TASK_ALWAYS_EAGER": _flag(env.get("CELERY_TASK_ALWAYS_EAGER")),
        "MAIL_SERVER": mail_server,
        "MAIL_PORT": int(env.get("MAIL_PORT") or 25),
        "MAIL_USE_TLS": _flag(env.get("MAIL_USE_TLS")),
        "MAIL_USERNAME": env.get("MAIL_USERNAME") or "",
        "MAIL_PASSWORD": env.get("MAIL_PASSWORD") or "",
        "MAIL_DEFAULT_SENDER": env.get("MAIL_DEFAULT_SENDER") or f"{PRODUCT_NAME} <no-reply@hirecheck.local>",
        "MAIL_OUTBOX_DIR": env.get("MAIL_OUTBOX_DIR") or str(instance / "outbox"),
        "FILE_STORAGE_DIR": env.get("FILE_STORAGE_DIR") or str(instance / "files"),
        # Worker upload links and files (documents/): link lifetime, size caps, the clamd virus scanner.
        "UPLOAD_LINK_DAYS": int(env.get("UPLOAD_LINK_DAYS") or 14),
        "UPLOAD_MAX_FILE_MB": int(env.get("UPLOAD_MAX_FILE_MB") or 10),
        "UPLOAD_MAX_HIRE_MB": int(env.get("UPLOAD_MAX_HIRE_MB") or 200),
        "UPLOAD_RATE_LIMIT": env.get("UPLOAD_RATE_LIMIT", "30 per minute"),
        "CLAMD_SOCKET": env.get("CLAMD_SOCKET") or "",
        "CLAMD_HOST": env.get("CLAMD_HOST") or "",
        "CLAMD_PORT": int(env.get("CLAMD_PORT") or 3310),
        "CLAMD_TIMEOUT": int(env.get("CLAMD_TIMEOUT") or 30),
        # Background jobs (reminder sends, PDF builds, inspection packs) hold their rows under a short
        # lease that the running job renews every heartbeat; a dead worker's rows lapse within a lease.
        "JOB_LEASE_SECONDS": float(env.get("JOB_LEASE_SECONDS") or 30),
        "JOB_HEARTBEAT_SECONDS": float(env.get("JOB_HEARTBEAT_SECONDS") or 5),
        # Checklist PDF builds of one employer sent to the workers or rendering at once; the others wait in
        # the database. Equal to the worker's concurrency (2), another employer's PDF waits one build at most.
        "CHECKLIST_QUEUE_CAP_PER_EMPLOYER": max(1, int(env.get("CHECKLIST_QUEUE_CAP_PER_EMPLOYER") or 2)),
        # A sent build or pack nobody claimed for this long lost its message: the sweep sends it again.
        "CHECKLIST_QUEUED_GRACE_SECONDS": int(env.get("CHECKLIST_QUEUED_GRACE_SECONDS") or 30),
        "INSPECTION_PACK_QUEUED_GRACE_SECONDS": int(env.get("INSPECTION_PACK_QUEUED_GRACE_SECONDS") or 30),
        # Tests only (PORTAL_ENV=test): seconds a build or pack waits after its claim, so a test can kill the
        # worker mid-job; 0 everywhere else.
        "CHECKLIST_TEST_RENDER_DELAY": _test_pause(env, "CHECKLIST_TEST_RENDER_DELAY"),
        "INSPECTION_PACK_TEST_BUILD_DELAY": _test_pause(env, "INSPECTION_PACK_TEST_BUILD_DELAY"),
        "RATELIMIT_STORAGE_URI": ratelimit_storage,
        "RATELIMIT_KEY_PREFIX": env.get("RATELIMIT_KEY_PREFIX", "portal"),
        "RATELIMIT_HEADERS_ENABLED": True,
        "LOGIN_RATE_LIMIT": env.get("LOGIN_RATE_LIMIT", "10 per minute"),
        "TRUSTED_PROXIES": int(env.get("TRUSTED_PROXIES") or 0),
        "JOB_SWEEP_SECONDS": job_sweep_seconds(env),
        # Reminder jobs (reminders/job_settings.py, reminders/outbox.py); unset means the defaults there.
        **{name: env.get(name) or None for name in (
            "REMINDER_LEASE_SECONDS", "REMINDER_BATCH_SIZE", "REMINDER_MAX_RECLAIMS", "REMINDER_MAX_BATCHES_IN_FLIGHT",
            "REMINDER_RETRY_BASE_SECONDS", "REMINDER_RETRY_CAP_SECONDS", "REMINDER_MAX_ATTEMPTS")},
        # Sessions: a server-side row per login; idle and absolute limits (ASVS 7.3).
        "SESSION_IDLE_MINUTES": int(env.get("SESSION_IDLE_MINUTES") or 30),
        "SESSION_MAX_HOURS": int(env.get("SESSION_MAX_HOURS") or 12),
        "SESSION_COOKIE_NAME": "__Host-session" if https else "portal_session",
        "SESSION_COOKIE_SECURE": https,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_PATH": "/",
        "PREFERRED_URL_SCHEME": "https" if https else "http",
        "WTF_CSRF_TIME_LIMIT": 3600 * 12,
        "MAX_CONTENT_LENGTH": 32 * 1024 * 1024,
        # A JSON body on the API above this is a 413 before it is read (uploads keep UPLOAD_MAX_FILE_MB).
        "MAX_JSON_BODY_KIB": int(env.get("MAX_JSON_BODY_KIB") or 256),
        "JSON_SORT_KEYS": False,
        "DEV_PAGES": _flag(env.get("PORTAL_DEV_PAGES"), default=not production),
    }
    if overrides:
        settings.update(overrides)
    return settings
