"""Statement text without its parameters, so that one lookup run N times counts as one statement repeated."""

from __future__ import annotations

import re
from functools import lru_cache

STATEMENT_CHARS = 200

_STRING = re.compile(r"'(?:[^']|'')*'")
_NUMBER = re.compile(r"(?<![\w$.\"])-?\d+(?:\.\d+)?(?![\w\"])")
_PLACEHOLDER = re.compile(r"%s|%\(\w+\)s|\$\d+|\?")
_IN_LIST = re.compile(r"\(\s*\?(?:\s*,\s*\?)*\s*\)")
_SPACE = re.compile(r"\s+")
_TRANSACTION_CONTROL = re.compile(r"^\s*(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT|BEGIN|COMMIT|ROLLBACK)\b", re.I)


# The ORM sends the same text for the same query shape (parameters apart): normalize each text once.
@lru_cache(maxsize=2048)
def normalize(sql: str) -> str:
    text = _STRING.sub("?", sql)
    text = _PLACEHOLDER.sub("?", text)
    text = _NUMBER.sub("?", text)
    text = _IN_LIST.sub("(...)", text)
    return _SPACE.sub(" ", text).strip()


def is_transaction_control(sql: str) -> bool:
    """Savepoints Django's atomic() issues: not the app's queries (as the tool's pg_stat_statements path counts)."""
    return _TRANSACTION_CONTROL.match(sql) is not None
