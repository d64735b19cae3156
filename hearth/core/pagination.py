"""Paginating long lists without counting every row.

A work queue or a search on a register of 100,000 households can match thousands of records;
counting them all makes the page slower the bigger the register grows, and nobody reads past
the first pages. `CappedPaginator` counts up to `cap` rows: beyond that the list says "more
than …" and asks for a narrower search.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

COUNT_CAP = 1000


class CappedPaginator(Paginator):  # type: ignore[type-arg]
    def __init__(self, object_list: QuerySet[Any], per_page: int, *, cap: int = COUNT_CAP) -> None:
        super().__init__(object_list, per_page)
        self.cap = cap

    @cached_property
    def _counted(self) -> int:
        # One row over the cap tells us there are more, without counting them.
        rows: QuerySet[Any] = self.object_list  # type: ignore[assignment]
        return int(rows.order_by().values("pk")[: self.cap + 1].count())

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.cap)

    @property
    def capped(self) -> bool:
        """There are more rows than `count`; only the first `cap` can be paged through."""
        return self._counted > self.cap
