"""The enforcement ledger (执法检查台账) in the format of the Lüliang 2024 plan annex 5, for any period and office.

One row per inspection: 监督检查对象简要情况 {名称, 地址, 负责人及联系电话} | 行业领域 | 采取相关执法措施情况 |
执法人员信息 {姓名, 执法证号}, under a two-level merged header, with 填表单位 and 填表时间 above it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from anjian.documents.atomic import write_atomic
from anjian.documents.docx_tables import LEDGER_HEADER
from anjian.documents.xlsx_sheet import CENTER, LEFT, SheetWriter
from anjian.planning.xlsx_safe import save_workbook
from anjian.registry.models import Agency, Office

from .models import Hazard, Inspection
from .selectors import inspections_between

LEDGER_TITLE = "{agency}安全生产监管执法检查台账"
LEDGER_FILLER = "填表单位：{unit}"
LEDGER_FILLED_ON = "填表时间：{y}年{m}月{d}日"
LEDGER_PERIOD = "统计期间：{first}至{last}"
LEDGER_COLUMNS = ("名称", "地址", "负责人及联系电话", "行业领域", "采取相关执法措施情况", "姓名", "执法证号")


def _date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def measures_text(row: Inspection) -> str:
    """What was done, in the order of the Lüliang 2024 plan §六: on-site handling, compulsion, penalty, referral."""
    head = f"{_date(row.date)}{row.get_kind_display()}（{'现场' if row.on_site else '非现场'}，{row.get_origin_display()}）"
    parts = [head]
    hazards = list(row.hazards.all())
    if hazards:
        major = sum(1 for h in hazards if h.level == Hazard.Level.MAJOR)
        parts.append(f"发现隐患{len(hazards)}项" + (f"（其中重大事故隐患{major}项）" if major else ""))
    else:
        parts.append("未发现隐患")
    if row.on_site_handling:
        parts.append("现场处理")
    parts += [f"责令限期整改（{o.number}，期限{_date(o.deadline)}）" for o in row.orders.all()]
    if row.compulsory_measures:
        parts.append("采取行政强制措施")
    parts += [f"行政处罚（{p.number}，{p.kind}{p.amount:.0f}元）" if p.amount else f"行政处罚（{p.number}，{p.kind}）"
              for p in row.penalties.all()]  # fmt: skip
    if row.referral:
        parts.append(row.get_referral_display() + (f"（{row.referral_to}）" if row.referral_to else ""))
    if row.measures_note:
        parts.append(row.measures_note)
    return "；".join(parts)


def ledger_rows(
    *, agency: Agency, first: dt.date, last: dt.date, office: Office | None = None
) -> list[list[str]]:
    rows = []
    for r in inspections_between(agency=agency, first=first, last=last, office=office).prefetch_related(
        "hazards"
    ):
        e = r.enterprise
        officers = sorted(r.officers.all(), key=lambda o: o.pk)
        contact = "　".join(x for x in (e.principal, e.phone) if x)
        rows.append([e.name, e.address, contact, e.get_industry_display(), measures_text(r),
                     "\n".join(o.name for o in officers), "\n".join(o.certificate_no for o in officers)])  # fmt: skip
    return rows


def ledger_export(
    *,
    agency: Agency,
    first: dt.date,
    last: dt.date,
    path: Path,
    office: Office | None = None,
    filled_on: dt.date | None = None,
) -> int:
    """Write the ledger workbook to `path`; returns the number of inspection rows."""
    filled_on = filled_on or last
    wb = Workbook()
    wb.remove(wb.active)
    title = LEDGER_TITLE.format(agency=agency.short_name or agency.name)
    w = SheetWriter(wb.create_sheet("执法检查台账"), title, len(LEDGER_COLUMNS))
    unit = agency.name + (office.name if office else "")
    w.note(LEDGER_FILLER.format(unit=unit) + "　" * 8
           + LEDGER_FILLED_ON.format(y=filled_on.year, m=filled_on.month, d=filled_on.day))  # fmt: skip
    w.note(LEDGER_PERIOD.format(first=_date(first), last=_date(last)))
    w.header([list(row) for row in LEDGER_HEADER])
    rows = ledger_rows(agency=agency, first=first, last=last, office=office)
    for values in rows:
        w.add(values, aligns=[LEFT, LEFT, LEFT, CENTER, LEFT, CENTER, CENTER])
    w.finish()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, save_workbook(wb))
    return len(rows)
