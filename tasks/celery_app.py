"""The Celery app, bound to the Flask app the way Flask's documentation describes.

Tasks run inside `app.app_context()`, take ids rather than objects, and are
idempotent: the database row says what is to be done, the message only "look at
row N". Jobs that must not be lost ack late and are re-queued when a worker dies.
"""
from __future__ import annotations

from celery import Celery, Task

from employer_portal.config import job_sweep_seconds

# Modules holding tasks; each feature adds its own.
TASK_MODULES = [
    "tasks.maintenance",
    "tasks.reminders",
    "tasks.checklists",
    "tasks.inspection",
]


JOB_SWEEP_SECONDS = job_sweep_seconds()  # beat's schedule is built when beat imports this module

# Periodic jobs run by beat; each feature adds its own entries (name -> (task, seconds)).
BEAT_SCHEDULE: dict[str, dict] = {
    "purge-expired-sessions": {"task": "tasks.maintenance.purge_expired_sessions", "schedule": 3600.0},
    # Often enough that a dead sender's rows (short lease, no heartbeat) are re-queued within a minute;
    # a pass with nothing due and no lapsed lease is one indexed read.
    "reminders-sweep": {"task": "tasks.reminders.sweep", "schedule": JOB_SWEEP_SECONDS},
    # Re-send checklist builds and inspection packs whose message was lost or whose worker died
    # (its heartbeat stopped and its short lease lapsed): often, so recovery takes under a minute;
    # an idle sweep is one indexed query.
    "sweep-checklist-builds": {"task": "tasks.checklists.sweep_checklist_builds", "schedule": JOB_SWEEP_SECONDS},
    "sweep-inspection-packs": {"task": "tasks.inspection.sweep_inspection_packs", "schedule": JOB_SWEEP_SECONDS},
    # Documents past their retention date (IRPR R209.2(1)(b), R209.3(1)(c)) are purged, audited.
    "purge-expired-documents": {"task": "tasks.inspection.purge_expired_documents", "schedule": 6 * 3600.0},
}


class FlaskTask(Task):
    abstract = True

    def __call__(self, *args, **kwargs):
        flask_app = getattr(self.app, "flask_app", None)
        if flask_app is None:
            # Workers and beat start from tasks.worker, which builds the app; create_app binds it here.
            raise RuntimeError("Celery is not bound to a Flask app: start it with `celery -A tasks.worker`")
        with flask_app.app_context():
            return self.run(*args, **kwargs)


celery = Celery("employer_portal", task_cls=FlaskTask)


def init_celery(app) -> Celery:
    """Configure the module's Celery app from the Flask app's settings."""
    cfg = app.config
    celery.conf.update(
        broker_url=cfg["CELERY_BROKER_URL"],
        broker_transport_options=cfg.get("CELERY_BROKER_TRANSPORT_OPTIONS", {}),
        broker_connection_retry_on_startup=True,
        task_default_queue=cfg["CELERY_TASK_DEFAULT_QUEUE"],
        task_ignore_result=True,
        result_backend=None,
        task_serializer="json",
        accept_content=["json"],
        # At least once: ack after the task, requeue when the pool child dies. Tasks are idempotent.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        # A pathological job fails cleanly instead of hanging or bloating a worker.
        task_soft_time_limit=30,
        task_time_limit=60,
        worker_max_memory_per_child=300_000,  # KiB
        worker_hijack_root_logger=False,
        task_always_eager=cfg.get("CELERY_TASK_ALWAYS_EAGER", False),
        include=TASK_MODULES,
        beat_schedule=BEAT_SCHEDULE,
        beat_schedule_filename=f"{cfg['INSTANCE_PATH']}/celerybeat-schedule",
        timezone="UTC",
    )
    celery.flask_app = app
    celery.set_default()
    app.extensions["celery"] = celery
    return celery
