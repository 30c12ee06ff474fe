"""Helpers for execution tests on the compiled Lüliang sample (tests/conftest.py `lvliang_plan`)."""

import datetime as dt

import pytest
from django.db.models import Q

from anjian.execution import services
from anjian.registry.models import Officer


def officers_of(entry, n=2):
    """`n` officers with certificates of the entry's first responsible office (else any of the bureau)."""
    office = entry.responsible_offices.first()
    valid = Q(certificate_valid_until__isnull=True) | Q(certificate_valid_until__gt=dt.date(2025, 1, 1))
    pool = Officer.objects.filter(valid, office=office).exclude(certificate_no="")
    if pool.count() < n:
        pool = Officer.objects.filter(valid, office__agency=entry.version.plan.agency).exclude(
            certificate_no=""
        )
    return list(pool.order_by("pk")[:n])


def record(entry, day, **kw):
    agency = entry.version.plan.agency
    kw.setdefault("officers", officers_of(entry))
    return services.inspection_record(
        agency=agency, enterprise=entry.enterprise, date=day, plan_entry=entry, **kw
    )


@pytest.fixture
def lv(lvliang_plan):
    return lvliang_plan


@pytest.fixture
def d():
    return dt.date
