"""信息处理费 per 国办函〔2020〕109号 (RULES.md §3). Pure arithmetic; both methods are 超额累进.

按件 (Art. 4): counted per applicant per calendar month, cumulatively. Applications 1–10 are free,
11–30 cost 100 元 each, and above 30 every further band of 10 applications costs 100 元 more each
(31–40: 200, 41–50: 300, ...).
按量 (Art. 5): per application by pages. Pages 1–30 free, 31–100 10 元/页, 101–200 20 元/页,
201 and above 40 元/页.
An application is charged by one method only; the two are never combined.
"""
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from gongkai.core.errors import UserFacingError

PER_ITEM_FREE = 10
PER_ITEM_FIRST_BAND_END = 30
PER_ITEM_BAND = 10
PER_ITEM_STEP = 100
PAGE_TIERS = ((30, 0), (100, 10), (200, 20), (None, 40))  # (last page of the tier, 元 per page)


@dataclass(frozen=True)
class FeeLine:
    first: int
    last: int
    rate: int
    amount: int


@dataclass(frozen=True)
class Fee:
    method: str  # "per_item" | "per_page"
    amount: Decimal
    lines: tuple  # FeeLine, one per tier touched (free tiers included)
    basis: str

    def describe(self) -> str:
        unit = _("件") if self.method == "per_item" else _("页")
        parts = [_("第%(a)d—%(b)d%(u)s，每%(u)s%(r)d元，计%(m)d元") % {"a": l.first, "b": l.last, "u": unit,
                                                               "r": l.rate, "m": l.amount}
                 for l in self.lines]
        return "；".join(parts) + _("；合计%(t)s元。") % {"t": self.amount}


def per_item_rate(n: int) -> int:
    """Return the fee in 元 for the applicant's n-th application of the month (1-based)."""
    if n < 1:
        raise ValueError("n must be >= 1")
    if n <= PER_ITEM_FREE:
        return 0
    if n <= PER_ITEM_FIRST_BAND_END:
        return PER_ITEM_STEP
    band = (n - PER_ITEM_FIRST_BAND_END - 1) // PER_ITEM_BAND + 1
    return PER_ITEM_STEP * (1 + band)


def fee_per_item(*, earlier_this_month: int, items: int = 1) -> Fee:
    """Fee for `items` applications when the applicant already filed `earlier_this_month` this month."""
    if earlier_this_month < 0 or items < 1:
        raise UserFacingError(_("申请件数必须为正整数。"))
    lines, first, total = [], earlier_this_month + 1, 0
    current_rate, start = None, first
    for n in range(first, earlier_this_month + items + 1):
        rate = per_item_rate(n)
        if rate != current_rate:
            if current_rate is not None:
                lines.append(FeeLine(start, n - 1, current_rate, current_rate * (n - start)))
            current_rate, start = rate, n
        total += rate
    last = earlier_this_month + items
    lines.append(FeeLine(start, last, current_rate, current_rate * (last - start + 1)))
    return Fee("per_item", Decimal(total), tuple(lines),
               _("国办函〔2020〕109号第四条：按件计收，同一申请人同一自然月内累计计算，超额累进"))


def fee_per_page(*, pages: int) -> Fee:
    """Fee for one application of `pages` pages."""
    if pages < 0:
        raise UserFacingError(_("页数不能为负数。"))
    lines, total, previous = [], 0, 0
    for last, rate in PAGE_TIERS:
        if pages <= previous:
            break
        top = pages if last is None else min(pages, last)
        amount = (top - previous) * rate
        lines.append(FeeLine(previous + 1, top, rate, amount))
        total += amount
        previous = top
    return Fee("per_page", Decimal(total), tuple(lines),
               _("国办函〔2020〕109号第五条：按量计收，以页为单位，超额累进"))


def fee_compute(*, method: str, pages: int | None = None, earlier_this_month: int | None = None) -> Fee:
    """Compute by exactly one method; giving the other method's input is an error."""
    if method == "per_item":
        if pages:
            raise UserFacingError(_("按件计收与按量计收不得同时适用。"))
        return fee_per_item(earlier_this_month=earlier_this_month or 0)
    if method == "per_page":
        if earlier_this_month:
            raise UserFacingError(_("按件计收与按量计收不得同时适用。"))
        return fee_per_page(pages=pages or 0)
    raise UserFacingError(_("请选择收费方式：按件或按量。"))
