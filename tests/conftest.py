"""Shared fixtures. `county_bureau` is the persona for service tests: one small county bureau.

Under ANJIAN_REQUIRE_SERVICES=1 (CI) a skipped test fails (tests/services_required.py)."""

import pytest

from tests.services_required import pytest_make_collect_report, pytest_runtest_makereport  # noqa: F401


@pytest.fixture
def county_bureau(db):
    from anjian.registry.models import Agency, Office

    city = Agency.objects.create(
        name="运城市应急管理局", code="yuncheng", level="city", region_code="140800", ruleset="shanxi"
    )
    county = Agency.objects.create(
        name="夏县应急管理局",
        code="xiaxian",
        level="county",
        parent=city,
        region_code="140828",
        doc_number_prefix="夏应急发",
        approving_government="夏县人民政府",
        ruleset="shanxi",
    )
    Office.objects.create(agency=county, name="非煤矿山安全监管股", kind="office")
    Office.objects.create(agency=county, name="危险化学品安全监管股", kind="office")
    Office.objects.create(agency=county, name="冶金工贸安全监管股", kind="office")
    Office.objects.create(
        agency=county, name="执法大队", kind="enforcement_team", aliases="执法队、综合行政执法队"
    )
    return county


def compiled(name: str, year: int):
    """Load a sample bureau, configure its plan from the sample's plan.toml and compile version 1."""
    from anjian.plans import services
    from anjian.registry.samples import SAMPLES_DIR, load_sample

    agency = load_sample(name)
    services.plan_configure(agency=agency, year=year, path=SAMPLES_DIR / name / "plan.toml")
    return services.plan_compile(agency=agency, year=year, by="测试")


@pytest.fixture
def lvliang_plan(db):
    return compiled("lvliang-2024", 2024)


@pytest.fixture
def xia_plan(db):
    return compiled("xia-2025", 2025)


def schedule_fully(version) -> int:
    """Give every entry of `version` all its visits on the schedule (dates only, no solve): a plan ready for 报批."""
    import datetime as dt

    from anjian.plans.models import ScheduledVisit

    rows = [
        ScheduledVisit(version=version, enterprise_id=e.enterprise_id, date=dt.date(version.plan.year, 3, 2) +
                       dt.timedelta(days=7 * n), demands=[f"e{e.pk}"], is_final=True, reason="测试")
        for e in version.entries.all()
        for n in range(e.visits_per_year)
    ]  # fmt: skip
    ScheduledVisit.objects.bulk_create(rows)
    return len(rows)
