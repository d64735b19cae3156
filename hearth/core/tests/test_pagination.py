"""Counting a long list only up to a cap."""

from __future__ import annotations

import pytest

from hearth.core.models import Organisation
from hearth.core.pagination import CappedPaginator
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
