"""`anjian import enterprises|officers|offices|facts|calendar FILE [--agency A] [--dry-run] [--queue] [--json]`.

Reads an .xlsx or .csv list into the registry, all or nothing; the column names accepted are documented in
`anjian/registry/importing/__init__.py`. Exit status 1 when the file has errors (nothing is then written).
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from anjian.audit.imports import import_recorded
from anjian.plans.scheduling_calendar import officer_calendar_import
from anjian.registry import services
from anjian.registry.selectors import AgencyNotFound, agency_get

KINDS = {
    "enterprises": ("生产经营单位", services.enterprises_import),
    "officers": ("执法人员", services.officers_import),
    "offices": ("股室/科室/执法队", services.offices_import),
    "facts": ("风险事实", services.risk_facts_import),
    "calendar": ("执法人员日程（请假、培训、值班、下乡）", officer_calendar_import),
}
IMPORT_SUMMARY = "读取 {rows} 行：新增 {created}，更新 {updated}，未变 {unchanged}"
CALENDAR_SUMMARY = (
    "读取 {rows} 行：新增 {created}，删除 {deleted}，未变 {unchanged}（所涉年度的原有日程以本文件为准）"
)
IMPORT_FACTS_SUMMARY = "风险事实：新增 {facts_created}，更新 {facts_updated}"
IMPORT_FAILED = "发现 {count} 处错误，未写入任何数据"
IMPORT_DRY_RUN = "（试导入：仅校验，未写入）"
IMPORT_NO_FILE = "找不到文件 {file}"
QUEUED = "已提交后台任务 {id}；用 anjian jobs wait {id} 等待结果，anjian jobs show {id} 查看进度"
QUEUE_IN_PROCESS = "未配置消息队列（ANJIAN_BROKER_URL）：任务在本进程中执行，执行完毕后命令才退出"


class Command(BaseCommand):
    help = "从 Excel（.xlsx）或 CSV 导入生产经营单位、执法人员、股室、风险事实或执法人员日程；有任何错误则整体不导入"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS), help="导入内容")
        parser.add_argument("file", help=".xlsx 或 .csv 文件")
        parser.add_argument("--agency", help="应急管理部门的代号或全称（只有一个部门时可省略）")
        parser.add_argument("--dry-run", action="store_true", help="只校验、统计，不写入")
        parser.add_argument(
            "--queue",
            action="store_true",
            help="作为后台任务提交，立即返回任务编号（文件须在后台进程可读的路径）",
        )
        parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    def handle(self, *args, **options):
        try:
            agency = agency_get(options["agency"])
        except AgencyNotFound as e:
            raise CommandError(str(e)) from e
        if options["queue"]:
            self._enqueue(agency, options)
            return
        label, service = KINDS[options["kind"]]
        result = service(agency=agency, path=options["file"], dry_run=options["dry_run"])
        import_recorded(result, agency_id=agency.pk, actor="命令行")
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2, default=str))
        else:
            self._print(label, result)
        if result.errors:
            raise CommandError(IMPORT_FAILED.format(count=len(result.errors)), returncode=1)

    def _enqueue(self, agency, options):
        from anjian.jobs.services import broker_url, job_enqueue

        path = Path(options["file"]).resolve()
        if not path.is_file():
            raise CommandError(IMPORT_NO_FILE.format(file=options["file"]))
        params = {"what": options["kind"], "file": str(path), "dry_run": options["dry_run"]}
        job = job_enqueue(kind="import", agency=agency, params=params, by="命令行")
        if not broker_url():
            self.stderr.write(QUEUE_IN_PROCESS)
        text = QUEUED.format(id=job.pk)
        self.stdout.write(json.dumps({"job": job.pk}) if options["json"] else text)

    def _print(self, label, result):
        out = self.stdout
        out.write(f"导入{label}：{result.file} → {result.agency}{IMPORT_DRY_RUN if result.dry_run else ''}")
        for warning in result.warnings:
            out.write(self.style.WARNING(f"  提示 {warning.message}"))
        for error in result.errors:
            out.write(self.style.ERROR(f"  错误 {error.message}"))
        if result.errors:
            return
        summary = CALENDAR_SUMMARY if result.kind == "calendar" else IMPORT_SUMMARY
        out.write(summary.format(**result.__dict__))
        if result.kind in {"enterprises", "facts"}:
            out.write(IMPORT_FACTS_SUMMARY.format(**result.__dict__))
