"""Whether a plan version has a schedule, and whether it is final: what validate and the exports tell the user.

A version is scheduled once `plan schedule` ran on it (or an adjustment carried a schedule over): its summary
then holds the schedule's figures, and `final` says whether the validator passed it.
"""

from __future__ import annotations

from .models import PlanVersion

NOT_SCHEDULED = (
    "{plan}第 {number} 版尚未排程，没有可校验的检查安排；"
    "请先运行 anjian plan schedule --agency {agency} --year {year}"
)
EXPORT_NOT_FINAL = (
    "{plan}第 {number} 版{state}，不能导出正式文件（正式文件须附排程定稿后的任务分解表）；"
    "请先运行 anjian plan schedule --agency {agency} --year {year}，校验通过后再导出"
)
DRAFT_UNSCHEDULED = (
    "本版尚未排程，附件{annex}（任务分解表）未列入导出的文件；"
    "运行 anjian plan schedule --agency {agency} --year {year} 后重新导出即可列入"
)
SCHEDULE_NOT_FINAL = (
    "排程未定稿：校验发现 {count} 处硬约束违反，未保存为定稿；调整人员日程或计划后重新运行 "
    "anjian plan schedule --agency {agency} --year {year}"
)
DRAFT_NOT_FINAL = "本版排程未定稿（校验发现硬约束违反），任务分解表按未定稿的排程列出"


def schedule_state(version: PlanVersion) -> str:
    """ "none" before any schedule, "draft" when the validator found violations, "final" when it passed."""
    schedule = (version.summary or {}).get("schedule")
    if not schedule:
        return "none"
    return "final" if schedule.get("final") else "draft"


def _fields(version: PlanVersion) -> dict[str, object]:
    plan = version.plan
    return {"plan": plan, "number": version.number, "agency": plan.agency.code, "year": plan.year}


def not_scheduled_message(version: PlanVersion) -> str:
    return NOT_SCHEDULED.format(**_fields(version))


def export_refused_message(version: PlanVersion) -> str:
    state = "尚未排程" if schedule_state(version) == "none" else "的排程未定稿（校验发现硬约束违反）"
    return EXPORT_NOT_FINAL.format(state=state, **_fields(version))


def draft_note(version: PlanVersion, annex: int) -> str:
    """What a draft export leaves out or lists from a schedule that is not final; "" for a final schedule."""
    state = schedule_state(version)
    if state == "none":
        return DRAFT_UNSCHEDULED.format(annex=annex, **_fields(version))
    return DRAFT_NOT_FINAL if state == "draft" else ""


def not_final_message(version: PlanVersion) -> str:
    count = (version.summary or {}).get("schedule", {}).get("violations", 0)
    return SCHEDULE_NOT_FINAL.format(count=count, **_fields(version))


def validate_text(figures: dict) -> str:
    """`plan validate`'s report of plans.scheduling.plan_schedule_figures: each violation by its Chinese label."""
    findings, days, load = figures["violations"], figures["person_days"], figures["daily_load"]
    sheet = f"，工作日测算 {days['sheet']:g} 人·日" if days["sheet"] is not None else ""
    found = f"发现 {len(findings)} 处硬约束违反" if findings else "未发现硬约束违反"
    return "\n".join(
        [
            f"已校验 {figures['visits']} 次入企：{found}",
            *[f"  [{f['label']}] {f['message']}" for f in findings],
            f"检查人日：排程 {days['scheduled']:g} 人·日{sheet}",
            f"每日在外检查人数：峰值 {load['peak']}，日均 {load['mean']:g}，峰均比 {load['peak_to_mean']:g}",
        ]
    )
