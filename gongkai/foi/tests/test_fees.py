"""国办函〔2020〕109号 fee tiers, checked at every boundary."""
from decimal import Decimal

import pytest

from gongkai.core.errors import UserFacingError
from gongkai.foi.fees import fee_compute, fee_per_item, fee_per_page, per_item_rate


@pytest.mark.parametrize("n, rate", [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300),
                                     (50, 300), (51, 400), (60, 400), (61, 500)])
def test_per_item_rate_boundaries(n, rate):
    assert per_item_rate(n) == rate


@pytest.mark.parametrize("earlier, amount", [(0, 0), (9, 0), (10, 100), (29, 100), (30, 200), (39, 200), (40, 300)])
def test_per_item_fee_for_the_next_application(earlier, amount):
    assert fee_per_item(earlier_this_month=earlier).amount == Decimal(amount)


def test_per_item_progressive_over_several_items():
    # Applications 9..32 of the month: 9–10 free, 11–30 at 100, 31–32 at 200.
    fee = fee_per_item(earlier_this_month=8, items=24)
    assert fee.amount == Decimal(20 * 100 + 2 * 200)
    assert [(l.first, l.last, l.rate) for l in fee.lines] == [(9, 10, 0), (11, 30, 100), (31, 32, 200)]


@pytest.mark.parametrize("pages, amount", [(0, 0), (1, 0), (30, 0), (31, 10), (100, 700), (101, 720),
                                           (200, 2700), (201, 2740), (250, 4700)])
def test_per_page_boundaries(pages, amount):
    assert fee_per_page(pages=pages).amount == Decimal(amount)


def test_per_page_describes_each_tier():
    text = fee_per_page(pages=150).describe()
    assert "第31—100页，每页10元，计700元" in text and "第101—150页，每页20元，计1000元" in text
    assert "合计1700元" in text


def test_methods_never_combine():
    with pytest.raises(UserFacingError):
        fee_compute(method="per_item", pages=50, earlier_this_month=12)
    with pytest.raises(UserFacingError):
        fee_compute(method="per_page", pages=50, earlier_this_month=12)
    with pytest.raises(UserFacingError):
        fee_compute(method="both")
    assert fee_compute(method="per_page", pages=50).amount == Decimal(200)
    assert fee_compute(method="per_item", earlier_this_month=12).amount == Decimal(100)


def test_bad_numbers_are_refused():
    with pytest.raises(UserFacingError):
        fee_per_page(pages=-1)
    with pytest.raises(UserFacingError):
        fee_per_item(earlier_this_month=-1)
