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
