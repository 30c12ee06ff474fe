"""`anjian execute ledger|report|reviews|adjustments --agency A --year Y ... [--json]` — plan execution."""

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from anjian.execution.adjustments import adjustment_deadlines
from anjian.execution.ledger_export import ledger_export
from anjian.execution.models import PlanAdjustment
from anjian.execution.reports import report_compute, report_docx, report_json, report_xlsx
from anjian.execution.selectors import reviews_open
from anjian.planning.execution.deadlines import month, quarter, whole_year
from anjian.planning.rules import RulePackError
from anjian.plans.selectors import PlanNotFound
from anjian.registry.models import Office
from anjian.registry.selectors import AgencyNotFound, agency_get

OFFICE_UNKNOWN = "{agency}没有名为「{name}」的股室/科室或执法队"


def _day(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError as e:
        raise CommandError(f"日期 {text} 应写作 YYYY-MM-DD") from e


class Command(BaseCommand):
    help = "计划执行：导出执法检查台账、月报/季报/年报、复查提醒、计划调整期限"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["ledger", "report", "reviews", "adjustments"])
        parser.add_argument("--agency", required=True, help="部门代号或全称，如 lvliang")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--from", dest="first", help="ledger：起始日期 YYYY-MM-DD（默认 1 月 1 日）")
        parser.add_argument("--to", dest="last", help="ledger：截止日期（默认 12 月 31 日）")
        parser.add_argument("--office", help="只统计该股室/科室")
        parser.add_argument("--month", type=int, choices=range(1, 13), help="report：月报")
        parser.add_argument("--quarter", type=int, choices=range(1, 5), help="report：季报")
        parser.add_argument("--today", help="计算逾期的日期（默认今天）")
        parser.add_argument("--out", help="输出文件：ledger 为 .xlsx；report 为 .xlsx 或 .docx")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, action, agency, year, json: bool, **opts):
        try:
            agency_obj = agency_get(agency)
            office = None
            if opts["office"]:
                office = Office.objects.filter(agency=agency_obj, name=opts["office"]).first()
                if office is None:
                    raise CommandError(OFFICE_UNKNOWN.format(agency=agency_obj.name, name=opts["office"]))
            opts["today"] = _day(opts["today"]) or timezone.localdate()
            result = getattr(self, f"do_{action}")(agency_obj, year, office, opts)
        except (AgencyNotFound, PlanNotFound, RulePackError) as e:
            raise CommandError(str(e)) from e
        text = result.pop("text", "")
        self.stdout.write(_dumps(result) if json else text or _dumps(result))

    def do_ledger(self, agency, year, office, opts):
        if not opts["out"]:
            raise CommandError("请用 --out 给出台账文件（.xlsx）")
        first = _day(opts["first"]) or dt.date(year, 1, 1)
        last = _day(opts["last"]) or dt.date(year, 12, 31)
        n = ledger_export(agency=agency, first=first, last=last, office=office, path=Path(opts["out"]),
                          filled_on=opts["today"])  # fmt: skip
        return {
            "rows": n,
            "out": opts["out"],
            "text": f"已导出执法检查台账 {n} 条（{first}至{last}）：{opts['out']}",
        }

    def do_report(self, agency, year, office, opts):
        if opts["month"] and opts["quarter"]:
            raise CommandError("--month 与 --quarter 只能选一个")
        period = (month(year, opts["month"]) if opts["month"] else
                  quarter(year, opts["quarter"]) if opts["quarter"] else whole_year(year))  # fmt: skip
        report = report_compute(agency=agency, period=period, office=office, today=opts["today"])
        data = report_json(report)
        if opts["out"]:
            out = Path(opts["out"])
            (report_docx if out.suffix.lower() == ".docx" else report_xlsx)(report, out)
            data["out"] = str(out)
        t, k, d = data["total"], data["kpis"], data["deadline"]
        lines = [data["title"], f"全年计划{t['planned']}次，截至期末应完成{t['due']}次，累计完成{t['done']}次，"
                 f"本期完成{t['in_period']}次，完成率{t['completion']}",
                 *(f"{v['label']}：{v['rate'] or '—'}%（{v['numerator']}/{v['denominator']}）" for v in k.values()),
                 f"报送期限{d['due']}，{d['status_label']}"]  # fmt: skip
        return data | {"text": "\n".join(lines)}

    def do_reviews(self, agency, year, office, opts):
        rows = [
            {"enterprise": r.order.inspection.enterprise.name, "order": r.order.number, "due_on": str(r.due_on),
             "overdue": r.due_on < opts["today"]}
            for r in reviews_open(agency=agency, today=opts["today"])
        ]  # fmt: skip
        text = "\n".join(f"{'逾期' if r['overdue'] else '本月到期'} {r['due_on']} {r['enterprise']}（{r['order']}）"
                         for r in rows) or "没有本月到期或逾期的复查"  # fmt: skip
        return {"reviews": rows, "text": text}

    def do_adjustments(self, agency, year, office, opts):
        out = []
        for a in PlanAdjustment.objects.filter(plan__agency=agency, plan__year=year).order_by(
            "decision_date"
        ):
            out.append({
                "decision_date": str(a.decision_date), "reason": a.reason, "major": a.is_major,
                "version": a.new_version.number, "changes": [c["message"] for c in a.diff],
                "deadlines": [{"label": d.label, "due": str(d.due), "status": d.status_label}
                              for d in adjustment_deadlines(a, opts["today"])],
            })  # fmt: skip
        text = "\n".join(f"{a['decision_date']} 第{a['version']}版 {a['reason']}："
                         + "；".join(f"{d['label']}{d['due']}（{d['status']}）" for d in a["deadlines"])
                         for a in out) or "本年度没有计划调整"  # fmt: skip
        return {"adjustments": out, "text": text}


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
