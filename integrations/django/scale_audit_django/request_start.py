"""The proxy's X-Request-Start stamp (nginx/Heroku: `t=<seconds|ms|µs since epoch>`) as milliseconds queued."""

from __future__ import annotations

import re

_STAMP = re.compile(r"t=(\d+(?:\.\d+)?)")


def _epoch_seconds(value: float) -> float:
    if value > 1e14:
        return value / 1e6
    if value > 1e11:
        return value / 1e3
    return value


def queued_ms(header: str | None, now_epoch_s: float) -> float | None:
    if not header:
        return None
    match = _STAMP.search(header)
    if match is None:
        return None
    return max(0.0, (now_epoch_s - _epoch_seconds(float(match.group(1)))) * 1000)
