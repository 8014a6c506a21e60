"""Celery tasks a request published, by queue (the routing key Celery publishes with)."""

from __future__ import annotations

from typing import Any

from . import collector


def _published(sender: Any = None, routing_key: str | None = None, **_: Any) -> None:
    figures = collector.current()
    if figures is not None:
        figures.tasks[routing_key or "celery"] += 1


def connect_celery() -> bool:
    """Connects to before_task_publish when Celery is installed; says whether it is."""
    try:
        from celery.signals import before_task_publish
    except ImportError:
        return False
    before_task_publish.connect(_published, weak=False, dispatch_uid="scale_audit_django.tasks")
    return True
