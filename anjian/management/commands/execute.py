"""`anjian execute ledger|report|reviews|adjustments --agency A --year Y ... [--json]` — plan execution;
`anjian execute import FILE --agency A [--dry-run]` — records exported from the provincial enforcement system;
`anjian execute weekly --agency A --week 2024-W23 [--out F.xlsx]` — the weekly dispatch (周调度)."""

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from anjian.audit.imports import import_recorded
from anjian.execution.adjustments import adjustment_deadlines
from anjian.execution.importing import inspections_import
from anjian.execution.ledger_export import ledger_export
from anjian.execution.models import PlanAdjustment
from anjian.execution.report_files import report_docx, report_xlsx
from anjian.execution.reports import report_compute, report_json
from anjian.execution.selectors import reviews_open
from anjian.execution.weekly import parse_week, weekly_json, weekly_summary, weekly_xlsx
from anjian.planning.execution.deadlines import month, quarter, whole_year
from anjian.planning.rules import RulePackError
from anjian.plans.selectors import PlanNotFound
from anjian.registry.models import Office
from anjian.registry.selectors import AgencyNotFound, agency_get

OFFICE_UNKNOWN = "{agency}没有名为「{name}」的股室/科室或执法队"
YEAR_REQUIRED = "请用 --year 指定年度"
FILE_REQUIRED = (
    "请给出执法系统导出的文件（.xlsx 或 .csv），如：anjian execute import 导出.xlsx --agency lvliang"
)
IMPORT_SUMMARY = "读取 {rows} 行：新增 {created}，更新 {updated}，未变 {unchanged}；关联计划单位 {planned}，关联排程 {scheduled}，隐患 {hazards} 项，处罚 {penalties} 件"
IMPORT_FAILED = "发现 {count} 处错误，未写入任何数据"
IMPORT_DRY_RUN = "（试导入：仅校验，未写入）"


def _day(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError as e:
        raise CommandError(f"日期 {text} 应写作 YYYY-MM-DD") from e


class Command(BaseCommand):
    help = "计划执行：导出执法检查台账、月报/季报/年报、复查提醒、计划调整期限、导入执法系统检查记录、周调度"

    def add_arguments(self, parser):
        parser.add_argument(
            "action", choices=["ledger", "report", "reviews", "adjustments", "import", "weekly"]
        )
        parser.add_argument("file", nargs="?", help="import：执法系统导出的 .xlsx 或 .csv 文件")
        parser.add_argument("--agency", required=True, help="部门代号或全称，如 lvliang")
        parser.add_argument("--year", type=int, help="年度（import、weekly 不需要）")
        parser.add_argument("--week", help="weekly：ISO 周次 2024-W23，或该周中的某日 2024-06-05（默认本周）")
        parser.add_argument("--dry-run", action="store_true", help="import：只校验、统计，不写入")
        parser.add_argument("--from", dest="first", help="ledger：起始日期 YYYY-MM-DD（默认 1 月 1 日）")
        parser.add_argument("--to", dest="last", help="ledger：截止日期（默认 12 月 31 日）")
        parser.add_argument("--office", help="只统计该股室/科室")
        parser.add_argument("--month", type=int, choices=range(1, 13), help="report：月报")
        parser.add_argument("--quarter", type=int, choices=range(1, 5), help="report：季报")
        parser.add_argument("--today", help="计算逾期的日期（默认今天）")
        parser.add_argument("--out", help="输出文件：ledger、weekly 为 .xlsx；report 为 .xlsx 或 .docx")
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
            if year is None and action not in {"import", "weekly"}:
                raise CommandError(YEAR_REQUIRED)
            result = getattr(self, f"do_{action}")(agency_obj, year, office, opts)
        except (AgencyNotFound, PlanNotFound, RulePackError) as e:
            raise CommandError(str(e)) from e
        text = result.pop("text", "")
        self.stdout.write(_dumps(result) if json else text or _dumps(result))
        if result.get("errors"):
            raise CommandError(IMPORT_FAILED.format(count=len(result["errors"])), returncode=1)

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
                 f"典型案例：{data['typical_cases']}件", f"报送期限{d['due']}，{d['status_label']}",
                 *(f"  {x['office']}：{x['submitted_on'] or '未报送'}，{x['status_label']}"
                   + (f"，逾期{x['days_late']}日" if x["days_late"] else "") for x in data["office_deadlines"])]  # fmt: skip
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

    def do_import(self, agency, year, office, opts):
        if not opts["file"]:
            raise CommandError(FILE_REQUIRED)
        result = inspections_import(agency=agency, path=opts["file"], dry_run=opts["dry_run"])
        import_recorded(result, agency_id=agency.pk, actor="命令行")
        lines = [
            f"导入执法系统检查记录：{result.file} → {result.agency}{IMPORT_DRY_RUN if result.dry_run else ''}"
        ]
        lines += [f"  提示 {w.message}" for w in result.warnings]
        lines += [f"  错误 {e.message}" for e in result.errors]
        if not result.errors:
            lines.append(IMPORT_SUMMARY.format(**result.__dict__))
        return result.as_dict() | {"text": "\n".join(lines)}

    def do_weekly(self, agency, year, office, opts):
        try:
            day = parse_week(opts["week"]) if opts["week"] else opts["today"]
        except ValueError as e:
            raise CommandError(str(e)) from e
        summary = weekly_summary(agency=agency, day=day)
        data = weekly_json(summary)
        if opts["out"]:
            weekly_xlsx(summary, Path(opts["out"]))
            data["out"] = opts["out"]
        t = data["total"]
        lines = [summary.title, *(
            f"{x['label']}：本周计划{x['planned']}次，已完成{x['done']}次，往周逾期未检{x['overdue']}次，现场检查"
            f"{x['inspections']}次，发现隐患{x['hazards_found']}项（重大{x['major_found']}项），整改销号"
            f"{x['hazards_closed']}项，下周到期复查{x['reviews_next_week']}次" for x in [*data["offices"], t])]  # fmt: skip
        return data | {"text": "\n".join(lines)}


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
