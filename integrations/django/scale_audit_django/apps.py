from __future__ import annotations

from django.apps import AppConfig

from .cache import patch_configured_caches
from .tasks import connect_celery


class ScaleAuditConfig(AppConfig):
    name = "scale_audit_django"
    verbose_name = "scale-audit"

    def ready(self) -> None:
        patch_configured_caches()
        connect_celery()
