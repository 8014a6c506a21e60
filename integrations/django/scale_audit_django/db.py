"""Every statement a request runs, on every configured database connection (Django's execute_wrapper)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

from django.db import connections

from . import collector
from .sql import is_transaction_control, normalize


def _record(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
    figures = collector.current()
    if figures is None or is_transaction_control(sql):
        return execute(sql, params, many, context)
    start = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    finally:
        figures.add_statement(normalize(sql), (time.perf_counter() - start) * 1000)


@contextmanager
def watch_statements() -> Iterator[None]:
    with ExitStack() as stack:
        for connection in connections.all():
            stack.enter_context(connection.execute_wrapper(_record))
        yield
