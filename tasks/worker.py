"""Entry point for `celery -A tasks.worker worker|beat`: builds the Flask app once per process."""
from employer_portal import create_app

flask_app = create_app()
celery = flask_app.extensions["celery"]
