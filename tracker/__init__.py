"""Conflict news tracker: Django project package."""

from tracker.celery import app as celery_app

__all__ = ["celery_app"]
