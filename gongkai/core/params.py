"""Integer query parameters of HTML views: bounded, or a 400 (the Chinese 400 page), never a 500.

`int("9" * 30)` works in Python but overflows every integer column (SQLite raises OverflowError,
PostgreSQL "out of range"); `"²".isdigit()` is true and `int("²")` fails. Views that read an integer
from the query string use `int_param`; JSON API operations bound theirs with `Query(ge=, le=)`.
"""
import re

from django.core.exceptions import BadRequest

MAX_INT = 2**31 - 1  # fits an `integer` column on PostgreSQL and SQLite alike
_INT_RE = re.compile(r"[+-]?[0-9]{1,12}", re.ASCII)


class ParameterError(BadRequest):
    """A query parameter out of range or not an integer (answered with the 400 page)."""


def int_param(value, *, name: str, default=None, minimum: int = 1, maximum: int = MAX_INT):
    """`value` (a query string value) as an int in [minimum, maximum]; empty gives `default`."""
    from .text import nfkc

    if value is None:
        return default
    text = nfkc(str(value)).strip()
    if not text:
        return default
    if not _INT_RE.fullmatch(text) or not minimum <= int(text) <= maximum:
        raise ParameterError(f"参数 {name} 应为 {minimum}–{maximum} 之间的整数。")
    return int(text)
