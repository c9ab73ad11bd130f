"""Celery: the app bound to Flask (celery_app) and the jobs, each a thin shell over a domain function."""
