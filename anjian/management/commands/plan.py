"""`anjian plan configure|compile|show|draw|schedule|validate|export --agency A --year Y [--queue] [--json]`."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from anjian.audit.chain import record
from anjian.planning.rules import RulePackError
from anjian.plans import schedule_state as state
from anjian.plans import services
from anjian.plans.config import PlanConfigError
from anjian.plans.plan_diff import NO_CHANGE
from anjian.plans.scheduling import ScheduleRefused
from anjian.plans.selectors import PlanNotFound, version_current
from anjian.plans.services import PlanNotDraft
from anjian.registry.selectors import AgencyNotFound, agency_get

COMPILE_WAITED = "另一个操作正在编制或修改此计划，已等待其完成（{seconds} 秒）后编制为第 {number} 版"
QUEUE_ACTIONS = "只有 compile、schedule、export 可以用 --queue 作为后台任务提交"
QUEUED = "已提交后台任务 {id}；用 anjian jobs wait {id} 等待结果，anjian jobs show {id} 查看进度"
QUEUE_IN_PROCESS = "未配置消息队列（ANJIAN_BROKER_URL）：任务在本进程中执行，执行完毕后命令才退出"
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


class Command(BaseCommand):
    help = "年度监督检查计划：设置编制参数、编制、查看、导出抽取记录、排程、校验、导出文书"

    def add_arguments(self, parser):
        parser.add_argument(
            "action",
            choices=["configure", "compile", "show", "draw", "schedule", "validate", "export", "visit-plan"],
        )
        parser.add_argument("--agency", help="部门代号或全称，如 lvliang")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--config", help="configure：编制参数文件 plan.toml")
        parser.add_argument("--by", default="", help="操作人")
        parser.add_argument("--reason", default="", help="compile：编制/调整原因")
        parser.add_argument(
            "--redraw", action="store_true", help="compile：重新“双随机”抽取（默认沿用上次抽取的种子）"
        )
        parser.add_argument(
            "--out",
            help="draw：抽取记录写入的 JSON 文件；export：输出目录；visit-plan：现场检查方案 DOCX 文件",
        )
        parser.add_argument("--visit", type=int, help="visit-plan：排程检查的编号")
        parser.add_argument(
            "--format", default="all", choices=["docx", "xlsx", "all"], help="export：文书格式"
        )
        parser.add_argument(
            "--final",
            action="store_true",
            help="export：正式文件；缺少发文字号、成文日期、印发机关或印发日期时拒绝（默认缺项时导出草稿）",
        )
        parser.add_argument("--time-limit", type=float, default=60, help="schedule：求解时限（秒）")
        parser.add_argument(
            "--queue",
            action="store_true",
            help="compile、schedule、export：作为后台任务提交，立即返回任务编号",
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, action, agency, year, json: bool, **opts):
        opts["json"] = json
        try:
            agency_obj = agency_get(agency)
            if opts["queue"]:
                result = self.enqueue(action, agency_obj, year, opts)
            else:
                result = getattr(self, f"do_{action.replace('-', '_')}")(agency_obj, year, opts)
        except (
            AgencyNotFound,
            PlanNotFound,
            PlanConfigError,
            PlanNotDraft,
            RulePackError,
            ScheduleRefused,
        ) as e:
            raise CommandError(str(e)) from e
        if json:
            self.stdout.write(dumps(result))
        else:
            self.stdout.write(result.get("text") or dumps(result))

    def enqueue(self, action, agency, year, opts):
        from anjian.jobs.services import broker_url, job_enqueue

        params = {
            "compile": {"reason": opts["reason"], "redraw": opts["redraw"]},
            "schedule": {"time_limit": opts["time_limit"]},
            "export": {"formats": ["docx", "xlsx"] if opts["format"] == "all" else [opts["format"]],
                       "out": opts["out"] or "", "final": opts["final"]},
        }  # fmt: skip
        if action not in params:
            raise CommandError(QUEUE_ACTIONS)
        job = job_enqueue(
            kind=action, agency=agency, year=year, params=params[action], by=opts["by"] or "命令行"
        )
        if not broker_url():
            self.stderr.write(QUEUE_IN_PROCESS)
        return {"job": job.pk, "text": QUEUED.format(id=job.pk)}

    def do_configure(self, agency, year, opts):
        if not opts["config"]:
            raise CommandError("请用 --config 给出编制参数文件（plan.toml）")
        done = services.plan_configure(agency=agency, year=year, path=Path(opts["config"]))
        lines = [f"已为 {agency.name} {year} 年度计划载入编制参数 {opts['config']}"]
        lines += [f"  {line}" for line in done.changes] or [f"  {NO_CHANGE}"]
        lines += [f"  [警告] {w}" for w in done.warnings]
        return {
            "plan": done.plan.pk,
            "changes": done.changes,
            "warnings": done.warnings,
            "text": "\n".join(lines),
        }

    def do_compile(self, agency, year, opts):
        version = services.plan_compile(
            agency=agency, year=year, by=opts["by"], reason=opts["reason"], redraw=opts["redraw"]
        )
        shown = self.do_show(agency, year, opts) | {"version": version.number}
        if (waited := getattr(version, "waited_s", 0)) >= 1:
            self.stderr.write(COMPILE_WAITED.format(seconds=round(waited), number=version.number))
        return shown

    def do_show(self, agency, year, opts):
        version = version_current(agency=agency, year=year)
        s = version.summary
        lines = [
            f"{version.plan}（第 {version.number} 版，规则包 {version.ruleset_chain}，国家法定工作日 "
            f"{version.statutory_workdays} 天）",
            f"重点检查 {s['key_units']} 户 {s['key_visits']} 次；一般检查 {s['general_units']} 户 "
            f"{s['general_visits']} 次",
        ]
        if s.get("shares"):
            sh = s["shares"]
            lines.append(f"占比（按{sh['basis_label']}）：重点 {sh['key_pct']}%，一般 {sh['general_pct']}%")
        if s.get("required_visits"):
            lines.append(
                f"应检查 {s['required_visits']} 户次，计划检查 {s['planned_visits']} 户次，覆盖率 {s['coverage_pct']}%"
            )
        for sector, cells in s["by_sector"].items():
            lines.append(
                f"  {sector}：重点 {cells['key'][0]} 户 {cells['key'][1]} 次，一般 {cells['general'][0]} 户 "
                f"{cells['general'][1]} 次"
            )
        for sheet in version.sheets.all():
            lines.append(
                f"  {sheet.team}：{sheet.officers} 人，总法定 {sheet.total_days:g}，监督检查 "
                f"{sheet.supervision_days:g}，其他执法 {sheet.other_enforcement_days:g}，非执法 "
                f"{sheet.non_enforcement_days:g}，需 {sheet.need_days:g}，加班 {sheet.overtime_days:g}"
            )
        findings = list(version.findings.exclude(severity="info"))
        lines.append(f"审查意见 {len(findings)} 条（不含提示）：")
        lines += [f"  [{SEVERITY[f.severity]}] {f.label} {f.where}：{f.message}" for f in findings[:40]]
        if len(findings) > 40:
            lines.append(f"  ……另有 {len(findings) - 40} 条，见网页或 --json")
        return {
            "agency": agency.code, "year": year, "version": version.number, "ruleset": version.ruleset,
            "statutory_workdays": version.statutory_workdays, **s,
            "sheets": [
                {"team": w.team, "officers": w.officers, "total_days": w.total_days,
                 "supervision_days": w.supervision_days, "other_enforcement_days": w.other_enforcement_days,
                 "non_enforcement_days": w.non_enforcement_days, "need_days": w.need_days,
                 "overtime_days": w.overtime_days}
                for w in version.sheets.all()
            ],
            "findings_list": [
                {"source": f.source, "code": f.code, "label": f.label, "severity": f.severity, "where": f.where,
                 "message": f.message}
                for f in version.findings.all()
            ],
            "text": "\n".join(lines),
        }  # fmt: skip

    def do_draw(self, agency, year, opts):
        version = version_current(agency=agency, year=year)
        draw = version.draws.order_by("-pk").first()
        if draw is None:
            raise CommandError("该版本没有双随机抽取记录")
        text = json.dumps(draw.record, ensure_ascii=False, separators=(",", ":"))
        if opts["out"]:
            Path(opts["out"]).write_text(text, encoding="utf-8")
        drawn = len(draw.record.get("result", []))
        return {
            "commitment": draw.commitment, "pool_digest": draw.pool_digest, "drawn": drawn,
            "text": f"种子承诺值 {draw.commitment}\n名录库摘要 {draw.pool_digest}\n抽中 {drawn} 户"
            + (f"\n抽取记录已写入 {opts['out']}，可用 anjian draw verify {opts['out']} 复核" if opts["out"] else ""),
        }  # fmt: skip

    def do_export(self, agency, year, opts):
        from django.conf import settings

        from anjian.documents.frame import FRAME_MISSING, missing_frame_fields
        from anjian.documents.plan_docx import plan_annexes
        from anjian.plans.exports import PlanExportIncomplete, plan_export
        from anjian.plans.snapshot import version_snapshot

        version = version_current(agency=agency, year=year)
        formats = ("docx", "xlsx") if opts["format"] == "all" else (opts["format"],)
        out = Path(opts["out"] or settings.VAR_DIR / "out" / f"{agency.code}-{year}")
        try:
            files = plan_export(version=version, out_dir=out, formats=formats, final=opts["final"])
        except PlanExportIncomplete as e:
            raise CommandError(str(e)) from e
        snapshot = version_snapshot(version)
        missing = missing_frame_fields(snapshot)
        for f in files:  # every export is audited, from the web and from the command line alike
            record("export", obj=version, agency_id=agency.pk, actor=opts["by"] or "命令行",
                   after={"format": f.suffix.lstrip("."), "file": str(f)})  # fmt: skip
        text = "已生成：\n" + "\n".join(f"  {f}" for f in files)
        if missing:
            text += "\n" + FRAME_MISSING.format(fields="、".join(missing))
        if note := state.draft_note(version, annex=len(plan_annexes(snapshot)) + 1):
            text += "\n" + note
        return {
            "files": [str(f) for f in files],
            "draft": bool(missing),
            "missing": list(missing),
            "schedule": state.schedule_state(version),
            "notes": [note] if note else [],
            "text": text,
        }

    def do_visit_plan(self, agency, year, opts):
        from anjian.documents.atomic import write_atomic
        from anjian.documents.numerals import chinese_date
        from anjian.documents.visit_plan_docx import visit_plan_docx
        from anjian.plans.visit_plans import VisitNotFound, visit_plan_build

        if opts["visit"] is None or not opts["out"]:
            raise CommandError("请用 --visit 给出排程检查的编号，用 --out 给出输出的 .docx 文件")
        try:
            plan = visit_plan_build(agency=agency, year=year, visit_id=opts["visit"])
        except VisitNotFound as e:
            raise CommandError(str(e)) from e
        out = Path(opts["out"])
        out.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(out, visit_plan_docx(plan))
        record("export", object_type="plans.ScheduledVisit", object_id=str(opts["visit"]), agency_id=agency.pk,
               actor=opts["by"] or "命令行", after={"format": "docx", "file": str(out)})  # fmt: skip
        text = f"已生成现场检查方案：{out}（{plan.enterprise}，{chinese_date(plan.date)}）"
        return {"file": str(out), "enterprise": plan.enterprise, "date": str(plan.date), "text": text}

    def do_schedule(self, agency, year, opts):
        from anjian.plans.scheduling import plan_schedule

        version = version_current(agency=agency, year=year)
        result, violations = plan_schedule(
            version=version,
            time_limit_s=opts["time_limit"],
            progress=None if opts["json"] else self._progress,
        )
        if not opts["json"]:
            self.stderr.write("")
        s = version.summary["schedule"]
        lines = [
            f"排程{'已定稿' if s['final'] else '未定稿（校验发现硬约束违反）'}：状态 {s['status']}，入企 {s['entries']} 次"
            f"（下界 {s['entries_lower_bound']}），检查任务 {s['visits']} 次，人员负荷差 {s['load_spread']}，用时 {s['seconds']} 秒",
            *[f"  [违反] {f.message}" for f in violations[:20]],
            *[
                f"  [{SEVERITY[f.severity.value]}] {f.message}"
                for f in result.findings
                if f.severity.value != "info"
            ][:20],
        ]
        done = {**s, "violations_list": [f.message for f in violations], "text": "\n".join(lines)}
        if not s["final"]:  # scripts must see that nothing was saved as final: the output, then exit 1
            self.stdout.write(dumps(done) if opts["json"] else done["text"])
            raise CommandError(state.not_final_message(version))
        return done

    def do_validate(self, agency, year, opts):
        from anjian.plans.scheduling import plan_schedule_figures

        version = version_current(agency=agency, year=year)
        if state.schedule_state(version) == "none":
            raise CommandError(state.not_scheduled_message(version))
        figures = plan_schedule_figures(version=version)
        findings, text = figures["violations"], state.validate_text(figures)
        if findings:
            self.stdout.write(dumps(figures) if opts["json"] else text)
            raise CommandError(f"排程校验未通过（{len(findings)} 处）")
        return {**figures, "text": text}

    def _progress(self, p) -> None:
        width = 30
        filled = int(width * p.done / max(p.total, 1))
        best = f" 入企 {p.entries}（下界 {p.entries_lower_bound}）" if p.entries else ""
        self.stderr.write(
            f"\r{p.stage} [{'█' * filled}{'·' * (width - filled)}] {p.done}/{p.total} {p.elapsed:5.1f}s{best}  {p.scope[:20]}",
            ending="",
        )
