"""ScaleAuditMiddleware: put it first in MIDDLEWARE so that its time covers the whole view stack.

Inert unless settings.SCALE_AUDIT_TOKEN is set and the request carries the same value in X-Scale-Audit-Token:
the figures say what the app does, which a stranger must not read.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from . import collector
from .db import watch_statements
from .request_start import queued_ms
from .server_timing import header_value

TOKEN_HEADER = "HTTP_X_SCALE_AUDIT_TOKEN"
REQUEST_START_HEADER = "HTTP_X_REQUEST_START"


def _authorized(request: HttpRequest) -> bool:
    expected = getattr(settings, "SCALE_AUDIT_TOKEN", None)
    given = request.META.get(TOKEN_HEADER)
    if not expected or not given:
        return False
    return hmac.compare_digest(str(given).encode(), str(expected).encode())


class ScaleAuditMiddleware:
    sync_capable = True
    async_capable = False

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _authorized(request):
            return self.get_response(request)
        queued = queued_ms(request.META.get(REQUEST_START_HEADER), time.time())
        figures, token = collector.begin()
        start = time.perf_counter()
        try:
            with watch_statements():
                response = self.get_response(request)
        finally:
            collector.end(token)
        app_ms = (time.perf_counter() - start) * 1000
        timing = header_value(figures, app_ms, queued)
        existing = response.get("Server-Timing")
        response["Server-Timing"] = f"{existing}, {timing}" if existing else timing
        return response
