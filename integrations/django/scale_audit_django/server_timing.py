"""The wire format scale-audit reads (docs/architecture.md, "Per-request truth"): one Server-Timing header value.

    sa-app;dur=12.4, sa-queue;dur=3.1, sa-db;dur=8.02;n=21;dup=20, sa-cache;hit=3;miss=1,
    sa-dup;n=20;desc="SELECT ... WHERE id = ?", sa-task;n=1;desc="high"

Never longer than MAX_BYTES: task queues past the budget are folded into one `(other)` entry, then the duplicate
statement is shortened.
"""

from __future__ import annotations

import re

from .collector import RequestFigures
from .sql import STATEMENT_CHARS

MAX_BYTES = 1024
QUEUE_CHARS = 64
_UNSAFE = re.compile(r"[^\x20-\x7e]")


def _quoted(text: str, limit: int) -> str:
    """A quoted-string of at most `limit` characters between the quotes, never cutting an escape in two."""
    out: list[str] = []
    used = 0
    for char in _UNSAFE.sub("?", text):
        piece = "\\" + char if char in '"\\' else char
        if used + len(piece) > limit:
            break
        out.append(piece)
        used += len(piece)
    return '"' + "".join(out) + '"'


def _ms(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _head(figures: RequestFigures, app_ms: float, queued_ms: float | None) -> list[str]:
    parts = [f"sa-app;dur={_ms(app_ms)}"]
    if queued_ms is not None:
        parts.append(f"sa-queue;dur={_ms(queued_ms)}")
    parts.append(f"sa-db;dur={_ms(figures.db_ms)};n={figures.statements};dup={figures.duplicates()}")
    parts.append(f"sa-cache;hit={figures.cache_hits};miss={figures.cache_misses}")
    return parts


def _tasks(figures: RequestFigures, budget: int) -> list[str]:
    parts: list[str] = []
    other = 0
    for queue, n in figures.tasks.most_common():
        part = f"sa-task;n={n};desc={_quoted(queue, QUEUE_CHARS)}"
        if budget - len(part) - 2 < 40:  # room for the `(other)` entry
            other += n
            continue
        parts.append(part)
        budget -= len(part) + 2
    if other:
        parts.append(f'sa-task;n={other};desc="(other)"')
    return parts


def _duplicate(figures: RequestFigures, budget: int) -> list[str]:
    top = figures.top_duplicate()
    if top is None:
        return []
    statement, n = top
    prefix = f"sa-dup;n={n};desc="
    room = min(STATEMENT_CHARS, budget - len(prefix) - 2 - 2)
    return [prefix + _quoted(statement, room)] if room > 0 else []


def header_value(figures: RequestFigures, app_ms: float, queued_ms: float | None) -> str:
    parts = _head(figures, app_ms, queued_ms)
    used = len(", ".join(parts))
    tasks = _tasks(figures, MAX_BYTES - used - 240)
    used += sum(len(t) + 2 for t in tasks)
    parts += _duplicate(figures, MAX_BYTES - used) + tasks
    return ", ".join(parts)
