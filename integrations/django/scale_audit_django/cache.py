"""Cache hits and misses of every configured cache: the backends' read methods, wrapped once at app start."""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches

from . import collector

_MISSING = object()
# A backend's get_many may call its own get: only the outermost read is counted.
_inside = contextvars.ContextVar("scale_audit_cache_read", default=False)
_PATCHED = "_scale_audit_patched"


def _count(hits: int, misses: int) -> None:
    figures = collector.current()
    if figures is not None:
        figures.cache_hits += hits
        figures.cache_misses += misses


def _not_counted() -> bool:
    return _inside.get() or collector.current() is None


def _wrap_get(get: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(get)
    def counted(self: Any, key: Any, default: Any = None, *args: Any, **kwargs: Any) -> Any:
        if _not_counted():
            return get(self, key, default, *args, **kwargs)
        token = _inside.set(True)
        try:
            value = get(self, key, _MISSING, *args, **kwargs)
        finally:
            _inside.reset(token)
        hit = value is not _MISSING
        _count(int(hit), int(not hit))
        return value if hit else default

    return counted


def _wrap_get_many(get_many: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(get_many)
    def counted(self: Any, keys: Any, *args: Any, **kwargs: Any) -> Any:
        if _not_counted():
            return get_many(self, keys, *args, **kwargs)
        wanted = list(keys)
        token = _inside.set(True)
        try:
            found = get_many(self, wanted, *args, **kwargs)
        finally:
            _inside.reset(token)
        _count(len(found), len(wanted) - len(found))
        return found

    return counted


def patch_backend(backend: type) -> None:
    if getattr(backend, _PATCHED, False):
        return
    backend.get = _wrap_get(backend.get)  # type: ignore[attr-defined]
    backend.get_many = _wrap_get_many(backend.get_many)  # type: ignore[attr-defined]
    setattr(backend, _PATCHED, True)


def patch_configured_caches() -> None:
    for alias in getattr(settings, "CACHES", {}):
        patch_backend(type(caches[alias]))
