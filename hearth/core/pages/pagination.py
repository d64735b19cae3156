"""Paginating long lists without counting every row.

A work queue or a search on a register of 100,000 households can match thousands of records;
counting them all makes the page slower the bigger the register grows, and nobody reads past
the first pages. `CappedPaginator` counts up to `cap` rows: beyond that the list says "more
than …" and asks for a narrower search.

`CappedKeysPaginator` is for lists whose rows are costly to find, like a name search: counting
and then finding the page would find them twice, so it finds the keys of the first `cap` + 1
rows once, in order, which gives both the count and every page, then fetches one page's rows
by key.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.core.paginator import Page, Paginator
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


class CappedKeysPaginator(CappedPaginator):
    """`CappedPaginator` that finds the rows once: `keys` is a flat `values_list` of the rows'
    primary keys, in list order; `fetch(keys)` returns the rows with those keys (in any order),
    with whatever related rows the page shows."""

    def __init__(
        self,
        keys: QuerySet[Any],
        per_page: int,
        *,
        fetch: Callable[[Sequence[Any]], QuerySet[Any]],
        cap: int = COUNT_CAP,
    ) -> None:
        super().__init__(keys, per_page, cap=cap)
        self.fetch = fetch

    @cached_property
    def _keys(self) -> list[Any]:
        keys: QuerySet[Any] = self.object_list  # type: ignore[assignment]
        return list(keys[: self.cap + 1])

    @cached_property
    def _counted(self) -> int:
        return len(self._keys)

    def page(self, number: int | str) -> Page[Any]:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        keys = self._keys[bottom : min(bottom + self.per_page, self.count)]
        found = {row.pk: row for row in self.fetch(keys)}
        # A row removed since its key was read is left out rather than failing the page.
        rows = [found[key] for key in keys if key in found]
        return Page(rows, number, self)
