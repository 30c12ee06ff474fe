"""The weekly dispatch (周调度, 文应急发〔2025〕46号): for one week and one agency, per office and in total — scheduled visits
of the week and how many are done, scheduled visits of earlier weeks still not done, inspections recorded,
hazards found and closed, and reviews falling due next week.

A scheduled visit is done when an inspection is linked to it (recorded by hand or by the enforcement-system
import). Weeks start on the rule pack's `schedule.week.first_day` (Monday by default). An object shared by
several offices counts once for each of them and once in the total."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Exists, OuterRef
from openpyxl import Workbook

from anjian.documents.atomic import write_atomic
from anjian.documents.docx_tables import HeaderCell
from anjian.documents.xlsx_sheet import LEFT, SheetWriter
from anjian.planning.schedule.periods import week_label, week_start
from anjian.planning.schedule.ruleset import WEEKDAYS
from anjian.planning.xlsx_safe import save_workbook
from anjian.plans.models import PlanVersion, ScheduledVisit
from anjian.plans.services import pack_for
from anjian.registry.models import Agency, Office

from .models import Hazard, Inspection, Review
from .selectors import current_versions

WEEK_BAD = "周次「{text}」应写作 2024-W23（ISO 周）或该周中的某日 2024-06-05"
WEEKLY_TITLE = "{agency}{label}执法检查周调度"
LINE_FIELDS = {
    "planned": "本周计划检查（次）", "done": "其中已完成（次）", "overdue": "往周逾期未检（次）",
    "inspections": "本周现场检查（次）", "remote": "本周非现场检查（次）", "hazards_found": "发现隐患（项）",
    "major_found": "其中重大事故隐患（项）", "hazards_closed": "整改销号（项）", "reviews_next_week": "下周到期复查（次）",
}  # fmt: skip


@dataclass(frozen=True)
class WeekLine:
    key: str
    label: str
    planned: int = 0
    done: int = 0
    overdue: int = 0
    inspections: int = 0
    remote: int = 0
    hazards_found: int = 0
    major_found: int = 0
    hazards_closed: int = 0
    reviews_next_week: int = 0


@dataclass(frozen=True)
class WeeklySummary:
    agency: str
    year: int
    week: int  # ISO week number of the week's middle day
    first: dt.date
    last: dt.date
    total: WeekLine
    offices: tuple[WeekLine, ...]
    overdue: tuple[dict, ...]  # the scheduled visits not done: date, enterprise, offices
    reviews: tuple[dict, ...]  # reviews due next week: due_on, enterprise, order, offices

    @property
    def label(self) -> str:
        return f"{self.year}年第{self.week}周（{week_label(self.first)}）"

    @property
    def title(self) -> str:
        return WEEKLY_TITLE.format(agency=self.agency, label=self.label)


def parse_week(text: str) -> dt.date:
    """A day of the week named by '2024-W23' (its Monday) or by an ISO date; ValueError with WEEK_BAD."""
    text = text.strip()
    if m := re.fullmatch(r"(\d{4})-?[Ww](\d{1,2})", text):
        try:
            return dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            pass
    else:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise ValueError(WEEK_BAD.format(text=text))


def _versions(agency: Agency, years: Iterable[int]) -> list[PlanVersion]:
    return [v for y in sorted(set(years)) for v in current_versions(y).filter(plan__agency=agency)]


def _tally(rows: Iterable[tuple[Iterable[int], str]]) -> tuple[Counter, Counter]:
    """(per office, total) counts of (office ids, field) pairs."""
    per, total = Counter(), Counter()
    for offices, name in rows:
        total[name] += 1
        for office in set(offices):
            per[(office, name)] += 1
    return per, total


def weekly_summary(*, agency: Agency, day: dt.date) -> WeeklySummary:
    """The 周调度 figures of the week holding `day` (see the module docstring)."""
    first_day = str(pack_for(agency).get("schedule.week.first_day", "monday"))
    first = week_start(day, WEEKDAYS.index(first_day) if first_day in WEEKDAYS else 0)
    last, next_last = first + dt.timedelta(days=6), first + dt.timedelta(days=13)
    versions = _versions(agency, {first.year, last.year})
    done = Exists(Inspection.objects.filter(scheduled_visit=OuterRef("pk")))
    visits = (
        ScheduledVisit.objects.filter(version__in=versions, date__lte=last).annotate(done=done)
        .select_related("enterprise").prefetch_related("offices").order_by("date", "pk")
    )  # fmt: skip
    rows: list[tuple[Iterable[int], str]] = []
    overdue, reviews = [], []
    for v in visits:
        offices = [o.pk for o in v.offices.all()]
        if v.date >= first:
            rows += [(offices, "planned")] + ([(offices, "done")] if v.done else [])
        elif not v.done:
            rows.append((offices, "overdue"))
            overdue.append({"date": str(v.date), "enterprise": v.enterprise.name,
                            "offices": [o.name for o in v.offices.all()]})  # fmt: skip
    for i in Inspection.objects.filter(agency=agency, date__range=(first, last)).prefetch_related("offices"):
        rows.append(([o.pk for o in i.offices.all()], "inspections" if i.on_site else "remote"))
    hazards = Hazard.objects.filter(inspection__agency=agency).prefetch_related("inspection__offices")
    for h in hazards.filter(found_on__range=(first, last)):
        offices = [o.pk for o in h.inspection.offices.all()]
        rows += [(offices, "hazards_found")] + (
            [(offices, "major_found")] if h.level == Hazard.Level.MAJOR else []
        )
    for h in hazards.filter(rectified_on__range=(first, last)):
        rows.append(([o.pk for o in h.inspection.offices.all()], "hazards_closed"))
    due = (
        Review.objects.filter(order__inspection__agency=agency, reviewed_on__isnull=True,
                              due_on__range=(last + dt.timedelta(days=1), next_last))
        .select_related("order__inspection__enterprise").prefetch_related("order__inspection__offices")
        .order_by("due_on", "pk")
    )  # fmt: skip
    for r in due:
        names = [o.name for o in r.order.inspection.offices.all()]
        rows.append(([o.pk for o in r.order.inspection.offices.all()], "reviews_next_week"))
        reviews.append({"due_on": str(r.due_on), "enterprise": r.order.inspection.enterprise.name,
                        "order": r.order.number, "offices": names})  # fmt: skip
    per, total = _tally(rows)
    used = {office for office, _ in per}
    lines = tuple(
        WeekLine(str(o.pk), o.name, **{f: per[(o.pk, f)] for f in LINE_FIELDS})
        for o in Office.objects.filter(agency=agency, pk__in=used).order_by("sort_order", "name")
    )  # fmt: skip
    iso = (first + dt.timedelta(days=3)).isocalendar()
    return WeeklySummary(agency.name, iso.year, iso.week, first, last,
                         WeekLine("total", "合计", **{f: total[f] for f in LINE_FIELDS}), lines,
                         tuple(overdue), tuple(reviews))  # fmt: skip


def _line(line: WeekLine) -> dict:
    return {"key": line.key, "label": line.label, **{f: getattr(line, f) for f in LINE_FIELDS}}


def weekly_json(summary: WeeklySummary) -> dict:
    s = summary
    return {"title": s.title, "week": {"year": s.year, "number": s.week, "first": str(s.first), "last": str(s.last)},
            "total": _line(s.total), "offices": [_line(x) for x in s.offices], "overdue": list(s.overdue),
            "reviews_next_week": list(s.reviews)}  # fmt: skip


def weekly_xlsx(summary: WeeklySummary, path: Path) -> None:
    """Three sheets: the figures per office with the total, the overdue visits, next week's reviews."""
    headers = ("股室/科室", *LINE_FIELDS.values())
    tables = [
        ("按股室", headers, [[x.label, *(getattr(x, f) for f in LINE_FIELDS)] for x in (*summary.offices, summary.total)]),
        ("逾期未检", ("计划日期", "被检查单位", "责任股室"),
         [[v["date"], v["enterprise"], "、".join(v["offices"])] for v in summary.overdue]),
        ("下周到期复查", ("应复查日期", "被检查单位", "整改指令", "责任股室"),
         [[r["due_on"], r["enterprise"], r["order"], "、".join(r["offices"])] for r in summary.reviews]),
    ]  # fmt: skip
    wb = Workbook()
    wb.remove(wb.active)
    for name, head, rows in tables:
        w = SheetWriter(wb.create_sheet(name), summary.title, len(head))
        w.header([[HeaderCell(h) for h in head]])
        for r in rows:
            w.add(r, aligns=[LEFT] * len(head))
        w.finish()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, save_workbook(wb))
