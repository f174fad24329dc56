"""A page of a long list read without counting the list.

Django's Paginator counts every row of the list on each page view (at 100,000 public 留言 that count
is most of the page's time, and with a search it is a full scan). `page_uncounted` reads one row more
than the page holds instead: that row tells whether a next page exists. It answers what a page
template asks of a Paginator page (number, has_previous/has_next, the page numbers around it) except
the total, which it does not know.
"""


class UncountedPage:
    def __init__(self, rows, number: int, per_page: int):
        self.object_list = rows[:per_page]
        self.number = number
        self._more = len(rows) > per_page

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_next(self) -> bool:
        return self._more

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def page_uncounted(object_list, number, *, per_page: int, max_page: int = 10_000) -> UncountedPage:
    """Page `number` (a query-string value; anything not a whole number from 1 reads as 1, and past
    `max_page` as `max_page`) of an ordered queryset or list."""
    try:
        number = min(max(int(str(number)), 1), max_page)
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * per_page
    return UncountedPage(list(object_list[start:start + per_page + 1]), number, per_page)
