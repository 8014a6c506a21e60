"""What one audited request did: kept in a context variable so every hook finds the request it belongs to."""

from __future__ import annotations

import contextvars
from collections import Counter
from dataclasses import dataclass, field

# Distinct statements kept per request: a view that builds SQL by string concatenation must not grow memory.
MAX_DISTINCT_STATEMENTS = 5000


@dataclass
class RequestFigures:
    statements: int = 0
    db_ms: float = 0.0
    by_statement: Counter[str] = field(default_factory=Counter)
    cache_hits: int = 0
    cache_misses: int = 0
    tasks: Counter[str] = field(default_factory=Counter)

    def add_statement(self, normalized: str, ms: float) -> None:
        self.statements += 1
        self.db_ms += ms
        if normalized in self.by_statement or len(self.by_statement) < MAX_DISTINCT_STATEMENTS:
            self.by_statement[normalized] += 1

    def duplicates(self) -> int:
        """Statements whose normalized text ran more than once in this request (all of them, the first included)."""
        return sum(n for n in self.by_statement.values() if n > 1)

    def top_duplicate(self) -> tuple[str, int] | None:
        repeated = [(sql, n) for sql, n in self.by_statement.items() if n > 1]
        return max(repeated, key=lambda item: item[1]) if repeated else None


_current: contextvars.ContextVar[RequestFigures | None] = contextvars.ContextVar("scale_audit_request", default=None)


def current() -> RequestFigures | None:
    return _current.get()


def begin() -> tuple[RequestFigures, contextvars.Token[RequestFigures | None]]:
    figures = RequestFigures()
    return figures, _current.set(figures)


def end(token: contextvars.Token[RequestFigures | None]) -> None:
    _current.reset(token)
