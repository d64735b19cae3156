"""Counting a long list only up to a cap."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from django.db.models import QuerySet

from hearth.core.models import Organisation
from hearth.core.pages.pagination import CappedKeysPaginator, CappedPaginator
from hearth.core.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("rows", "count", "capped", "pages"),
    [(0, 0, False, 1), (3, 3, False, 2), (5, 5, False, 3), (6, 5, True, 3), (9, 5, True, 3)],
)
def test_counts_stop_at_the_cap(rows: int, count: int, capped: bool, pages: int) -> None:
    # Given some organisations, paged two at a time with a cap of five
    OrganisationFactory.create_batch(rows)
    paginator = CappedPaginator(Organisation.objects.order_by("name"), 2, cap=5)
    # Then the count stops at the cap, and says whether there were more
    assert (paginator.count, paginator.capped, paginator.num_pages) == (count, capped, pages)


def test_counting_is_one_query_whatever_the_size(
    django_assert_num_queries: pytest.FixtureRequest,
) -> None:
    OrganisationFactory.create_batch(12)
    paginator = CappedPaginator(Organisation.objects.order_by("name"), 2, cap=5)
    with django_assert_num_queries(1):  # type: ignore[operator]
        assert paginator.count == 5
        assert paginator.capped
    with django_assert_num_queries(1):  # type: ignore[operator]
        assert len(paginator.page(3).object_list) == 1


def _keys_paginator(cap: int) -> CappedKeysPaginator:
    def fetch(keys: Sequence[object]) -> QuerySet[Organisation]:
        return Organisation.objects.filter(pk__in=keys)

    keys = Organisation.objects.order_by("name").values_list("pk", flat=True)
    return CappedKeysPaginator(keys, 2, fetch=fetch, cap=cap)


@pytest.mark.parametrize(
    ("rows", "count", "capped", "pages"),
    [(0, 0, False, 1), (3, 3, False, 2), (5, 5, False, 3), (6, 5, True, 3), (9, 5, True, 3)],
)
def test_keys_first_counts_stop_at_the_cap_too(
    rows: int, count: int, capped: bool, pages: int
) -> None:
    OrganisationFactory.create_batch(rows)
    paginator = _keys_paginator(cap=5)
    assert (paginator.count, paginator.capped, paginator.num_pages) == (count, capped, pages)


def test_keys_first_finds_the_rows_once_then_fetches_each_page_in_list_order(
    django_assert_num_queries: pytest.FixtureRequest,
) -> None:
    # Given seven organisations named out of order
    for name in ("G", "C", "A", "F", "B", "E", "D"):
        OrganisationFactory(name=name)
    paginator = _keys_paginator(cap=5)
    # when the count and the third page are read, then one query finds the keys, one the rows
    with django_assert_num_queries(2):  # type: ignore[operator]
        assert paginator.count == 5
        third = paginator.page(3)
    assert [org.name for org in third.object_list] == ["E"]
    # and each other page is one query more, in name order
    with django_assert_num_queries(1):  # type: ignore[operator]
        assert [org.name for org in paginator.page(2).object_list] == ["C", "D"]


def test_keys_first_leaves_out_a_row_gone_since_its_key_was_read() -> None:
    first, second = OrganisationFactory(name="A"), OrganisationFactory(name="B")
    paginator = _keys_paginator(cap=5)
    assert paginator.count == 2
    second.delete()
    assert list(paginator.page(1).object_list) == [first]
