"""Reads of plans for commands, views and documents."""

from anjian.registry.models import Agency

from .models import Plan, PlanVersion

PLAN_NOT_FOUND = "{agency} 尚无 {year} 年度计划，请先运行 anjian plan compile --agency {code} --year {year}"


class PlanNotFound(LookupError):
    pass


def version_current(*, agency: Agency, year: int) -> PlanVersion:
    """The newest version of the agency's annual plan for `year`."""
    version = (
        PlanVersion.objects.filter(plan__agency=agency, plan__year=year, plan__kind=Plan.Kind.ANNUAL)
        .order_by("-number")
        .first()
    )
    if version is None:
        raise PlanNotFound(PLAN_NOT_FOUND.format(agency=agency.name, year=year, code=agency.code))
    return version
