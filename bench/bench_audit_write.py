"""Audited writes per second through a real service, against one plain row write.

value: `hearth.core.services.scheme_update` calls per second. Each call locks the scheme row,
validates it, saves it and writes its audit event, all in one transaction.
ratio: time per audited service write / time per plain `Scheme.objects.create` of an equivalent
row inside `transaction.atomic` (the cheapest honest write), so the ratio is the price of the
service layer and its audit trail.
"""

from __future__ import annotations

from bench import BenchResult, django_ready, median, timed

NAME = "audit_write"
DEFAULT_SIZE = 2000
TINY_SIZE = 20
ROUNDS = 3


def run(size: int) -> BenchResult:
    django_ready()
    from django.db import transaction

    from hearth.accounts.models import User
    from hearth.core.access.actor import Actor
    from hearth.core.access.roles import OrganisationKind, Role
    from hearth.core.models import AuditEvent, Organisation, Scheme
    from hearth.core.services import scheme_update

    scheme = Scheme.objects.create(name="Bench Partnership", slug="bench", colour="#0b5e55")
    team = Organisation.objects.create(
        scheme=scheme, name="Bench partnership team", slug="team", kind=OrganisationKind.PARTNERSHIP
    )
    admin = User.objects.create_user(email="admin@bench.example", full_name="Bench Admin")
    actor = Actor(
        user=admin, scheme=scheme, organisation=team, roles=frozenset({Role.SCHEME_ADMIN})
    )
    counter = iter(range(10**9))

    def audited() -> None:
        n = next(counter)
        scheme_update(
            actor=actor,
            scheme=scheme,
            name=f"Bench Partnership {n}",
            colour="#0b5e55" if n % 2 else "#1d70b8",
            contact_text=f"Call 01632 960 {n % 1000:03d}",
        )

    def plain() -> None:
        n = next(counter)
        with transaction.atomic():
            Scheme.objects.create(
                name=f"Bench Partnership {n}",
                slug=f"bench-{n}",
                colour="#0b5e55",
                contact_text=f"Call 01632 960 {n % 1000:03d}",
            )

    warm = max(2, size // 10)
    timed(audited, warm)
    timed(plain, warm)
    events_before = AuditEvent.objects.count()
    audited_rounds: list[float] = []
    plain_rounds: list[float] = []
    for _ in range(ROUNDS):
        audited_rounds.append(median(timed(audited, size)))
        plain_rounds.append(median(timed(plain, size)))
    written = AuditEvent.objects.count() - events_before
    if written != ROUNDS * size:
        raise AssertionError(f"expected {ROUNDS * size} audit events, found {written}")

    per_audited = min(audited_rounds)
    per_plain = min(plain_rounds)
    detail = "\n".join(
        [
            f"database: {transaction.get_connection().vendor}",
            f"audited scheme_update: median {per_audited * 1000:.3f} ms per write "
            f"(best of {ROUNDS} rounds of {size})",
            f"plain Scheme.objects.create in a transaction: median {per_plain * 1000:.3f} ms",
            f"audit events written: {written}",
        ]
    )
    return BenchResult(
        name=NAME,
        value=1.0 / per_audited,
        unit="writes/s",
        ratio=per_audited / per_plain,
        detail=detail,
    )
