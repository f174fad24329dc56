"""Bounds of the manual Table A figures (许可、处罚、强制 counts; 收费 in 万元).

`figure_parse` is the one check every figure passes before it is saved (the form, the CSV/XLSX
import, the command line): a finite, non-negative number written with the digits 0–9 (full-width
digits are folded), within the column's range, an integer for counts and at most 4 decimal places
(1 元) for fees; anything else is a Chinese `UserFacingError`. `figure_sane` is the reading side:
a value stored before this check (Inf, NaN, 1E+20 written behind the application's back) reads as
None, so it can never make a page fail.
"""
import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils.translation import gettext as _

from gongkai.core.errors import UserFacingError

MAX_COUNT = Decimal(999_999_999)            # decisions in one year by one agency tree
MAX_FEE = Decimal("9999999999.9999")        # 万元; the column holds 10 integer digits, 4 decimals
FEE_STEP = Decimal("0.0001")                # 1 元
_NUMBER_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,6})?", re.ASCII)


def _label(key: str) -> str:
    from .template import MANUAL_FIGURES

    return str(dict(MANUAL_FIGURES).get(key, key))


def figure_parse(key: str, raw) -> Decimal:
    """The figure `raw` (text, or a number read from a spreadsheet) for `key`, or a Chinese error."""
    from gongkai.core.text import nfkc

    label = _label(key)
    shown = str(raw)[:40]
    if isinstance(raw, bool):
        raise UserFacingError(_("“%(value)s”不是有效的数字。") % {"value": shown})
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise UserFacingError(_("%(label)s：“%(value)s”不是有限的数值。") % {"label": label, "value": shown})
        raw = repr(raw)
    text = nfkc(str(raw)).strip().replace(",", "").replace(" ", "")
    if not _NUMBER_RE.fullmatch(text):
        if any(unicodedata.category(c) == "Nd" and not c.isascii() for c in text):
            raise UserFacingError(_("%(label)s：“%(value)s”含有非阿拉伯数字（0–9）的字符，请改用 0–9 书写。")
                                  % {"label": label, "value": shown})
        raise UserFacingError(_("%(label)s：“%(value)s”不是有效的数字。") % {"label": label, "value": shown})
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise UserFacingError(_("%(label)s：“%(value)s”不是有效的数字。") % {"label": label, "value": shown})
    if value < 0:
        raise UserFacingError(_("%(label)s不能为负数（“%(value)s”）。") % {"label": label, "value": shown})
    limit = MAX_FEE if key == "fee" else MAX_COUNT
    if value > limit:
        raise UserFacingError(_("%(label)s“%(value)s”超出范围（最大 %(max)s）。")
                              % {"label": label, "value": shown, "max": f"{limit:,}"})
    if key == "fee":
        if value != value.quantize(FEE_STEP):
            raise UserFacingError(_("%(label)s最多保留 4 位小数（即精确到元），“%(value)s”过于精细。")
                                  % {"label": label, "value": shown})
        return value.quantize(FEE_STEP)
    if value != value.to_integral_value():
        raise UserFacingError(_("%(label)s必须是整数（“%(value)s”）。") % {"label": label, "value": shown})
    return Decimal(int(value))


def figure_sane(value):
    """A stored figure as a Decimal when it is finite and within bounds; otherwise None."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        if not number.is_finite() or number < 0 or number > MAX_FEE:
            return None
        return number.quantize(FEE_STEP)
    except (InvalidOperation, ValueError, TypeError, ArithmeticError):
        return None


class FigureField(models.DecimalField):
    """A DecimalField that reads a value out of bounds (Inf, NaN, 1E+20, text) as None.

    Django's SQLite backend converts decimals before any field code runs and raises on such values;
    this field has its own internal type so that converter is skipped (the column is the same
    `decimal` column, see `db_type`), and converts tolerantly itself.
    """

    def get_internal_type(self):
        return "FigureField"

    def db_type(self, connection):
        return connection.data_types["DecimalField"] % self.db_type_parameters(connection)

    def cast_db_type(self, connection):
        return self.db_type(connection)

    def from_db_value(self, value, expression, connection):
        return figure_sane(value)
