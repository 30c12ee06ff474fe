"""What each kind of job does: the same services the commands and pages call, with progress reported."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings

from anjian.audit.chain import record
from anjian.audit.imports import import_recorded
from anjian.planning.schedule.result import Progress

from .models import Job
from .progress import JobError, Reporter, Work

COMPILE_DONE = "已编制第 {version} 版：重点检查 {key_units} 户 {key_visits} 次，一般检查 {general_units} 户 {general_visits} 次"
SCHEDULE_PROGRESS = "{stage}：{scope}（已排入企 {entries} 次，下界 {bound}）"
SCHEDULE_DONE = (
    "排程{outcome}：入企 {entries} 次（下界 {entries_lower_bound}），检查任务 {visits} 次，用时 {seconds} 秒"
)
EXPORT_DONE = "已生成 {count} 个文件"


def run_compile(job: Job, report: Reporter) -> dict:
    from anjian.plans.services import plan_compile

    report(5, "正在编制：分类、频次、双随机抽取、上限台账与工作日测算")
    p = job.params
    version = plan_compile(
        agency=job.agency, year=job.year or 0, by=job.by, reason=p.get("reason", ""),
        redraw=bool(p.get("redraw")), adjustment=bool(p.get("adjustment")),
    )  # fmt: skip
    s = version.summary
    figures = {k: s[k] for k in ("key_units", "key_visits", "general_units", "general_visits")}
    return {
        "version": version.number,
        **figures,
        "message": COMPILE_DONE.format(version=version.number, **figures),
    }


def run_schedule(job: Job, report: Reporter) -> dict:
    from anjian.plans.scheduling import plan_schedule
    from anjian.plans.selectors import version_current

    version = version_current(agency=job.agency, year=job.year or 0)
    report(1, f"正在准备第 {version.number} 版的排程")

    def progress(p: Progress) -> None:
        text = SCHEDULE_PROGRESS.format(
            stage=p.stage,
            scope=p.scope,
            done=p.done,
            total=p.total,
            entries=p.entries,
            bound=p.entries_lower_bound,
        )
        # Reports with an objective come from inside the solver's callback: never raise there.
        report(98 * p.done // max(p.total, 1), text, check=p.objective is None)

    _result, violations = plan_schedule(
        version=version, time_limit_s=float(job.params.get("time_limit", 60)), progress=progress
    )
    s = version.summary["schedule"]
    outcome = "已定稿" if s["final"] else f"未定稿（校验发现 {len(violations)} 处硬约束违反）"
    return {
        "version": version.number, **s, "violations_list": [f.message for f in violations][:50],
        "message": SCHEDULE_DONE.format(outcome=outcome, **s),
    }  # fmt: skip


def run_export(job: Job, report: Reporter) -> dict:
    from anjian.documents.frame import FRAME_MISSING, missing_frame_fields
    from anjian.plans.exports import plan_export
    from anjian.plans.selectors import version_current
    from anjian.plans.snapshot import version_snapshot

    version = version_current(agency=job.agency, year=job.year or 0)
    formats = tuple(job.params.get("formats") or ("docx", "xlsx"))
    out = Path(job.params.get("out") or settings.VAR_DIR / "out" / f"{job.agency.code}-{job.year}")
    files: list[Path] = []
    for i, fmt in enumerate(formats):
        report(5 + 90 * i // len(formats), f"正在生成第 {version.number} 版的 {fmt.upper()} 文件")
        files += plan_export(
            version=version, out_dir=out, formats=(fmt,), final=bool(job.params.get("final"))
        )
    for f in files:  # every export is audited, whoever starts it and from wherever
        record("export", obj=version, agency_id=job.agency_id, actor=job.by or "后台任务",
               after={"format": f.suffix.lstrip("."), "file": str(f)})  # fmt: skip
    missing = list(missing_frame_fields(version_snapshot(version)))
    message = EXPORT_DONE.format(count=len(files))
    if missing:
        message += "；" + FRAME_MISSING.format(fields="、".join(missing))
    return {
        "version": version.number, "files": [str(f) for f in files], "draft": bool(missing), "missing": missing,
        "message": message,
    }  # fmt: skip


IMPORT_DONE = "{label}导入完成：读取 {rows} 行，新增 {created}，更新 {updated}，未变 {unchanged}"
IMPORT_CHECKED = (
    "{label}试导入完成（仅校验，未写入）：读取 {rows} 行，新增 {created}，更新 {updated}，未变 {unchanged}"
)
IMPORT_FAILED = "{label}导入发现 {count} 处错误，未写入任何数据：{first}"


def run_import(job: Job, report: Reporter) -> dict:
    from anjian.plans.scheduling_calendar import officer_calendar_import
    from anjian.registry import services

    services_by_what = {
        "enterprises": ("生产经营单位", services.enterprises_import), "officers": ("执法人员", services.officers_import),
        "offices": ("股室/科室/执法队", services.offices_import), "facts": ("风险事实", services.risk_facts_import),
        "calendar": ("执法人员日程", officer_calendar_import),
    }  # fmt: skip
    label, service = services_by_what[job.params["what"]]
    dry_run = bool(job.params.get("dry_run"))
    report(5, f"正在读取并校验{label}：{Path(job.params['file']).name}")
    result = service(agency=job.agency, path=job.params["file"], dry_run=dry_run)
    import_recorded(result, agency_id=job.agency.pk)  # written or refused, a real import is audited
    if result.errors:  # all or nothing: nothing was written
        first = "；".join(e.message for e in result.errors[:3]) + ("……" if len(result.errors) > 3 else "")
        raise JobError(IMPORT_FAILED.format(label=label, count=len(result.errors), first=first))
    figures = {k: result.__dict__[k] for k in ("rows", "created", "updated", "unchanged")}
    done = IMPORT_CHECKED if dry_run else IMPORT_DONE
    if result.kind == "calendar":  # a calendar replaces the years it covers: entries are added or deleted
        done = done.replace("更新 {updated}", "删除 {deleted}")
        figures["deleted"] = result.deleted
    return {
        **json.loads(json.dumps(result.as_dict(), ensure_ascii=False, default=str)),
        "message": done.format(label=label, **figures),
    }


KINDS: dict[str, Work] = {
    Job.Kind.IMPORT: run_import,
    Job.Kind.COMPILE: run_compile,
    Job.Kind.SCHEDULE: run_schedule,
    Job.Kind.EXPORT: run_export,
}
