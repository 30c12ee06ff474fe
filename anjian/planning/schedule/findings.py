"""Findings: one shape for every schedule problem, with a code, a place and a Chinese sentence.

The hard rule families are listed once here (hard ones first) so the CP-SAT model, the greedy baseline, the
validator and the infeasibility explanation all name a rule the same way. Message templates are module
constants so tests can import them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Family:
    code: str
    label: str  # Chinese, used in messages
    hard: bool
    pack_key: str = ""  # the schedule.* rule it comes from, for the citation


FAMILIES: tuple[Family, ...] = (
    Family("working_day", "只在工作日入企", True),
    Family("demand_window", "检查时间窗口", True),
    Family("visit_span", "检查组人数、天数按工作日测算，连续工作日", True, "visit.partial_day"),
    Family("demand_complete", "检查任务全部排入", True),
    Family("demand_spread", "检查次数在各季度/月份间分布", True),
    Family("officer_count", "每次检查至少两名持证执法人员", True, "officers.min_per_visit"),
    Family("recusal", "执法人员回避", True),
    Family("officer_availability", "执法人员请假、下乡不安排", True),
    Family("officer_day_capacity", "执法人员每日检查能力", True, "officers.entries_per_day"),
    Family("office_day_capacity", "股室每日可出勤人数", True),
    Family("officer_period_capacity", "执法人员季度检查工作日", True, "officers.capacity_split"),
    Family("quiet_period", "企业安静期", True, "quiet_period.days_per_month"),
    Family("frequency_cap", "年度检查频次上限（各层级合计）", True),
    Family(
        "specialist_weekly", "矿山安全监管专员每周入矿次数", True, "mine_specialist.entries_per_mine_per_week"
    ),
    Family("one_entry_per_day", "同一单位同日只进一次门", True),
    # soft goals, in the order of the objective
    Family("joint_entry", "进一次门，查多项事", False),
    Family("load_balance", "执法人员工作量均衡", False),
    Family("even_load", "每日、每周检查人数均衡", False, "objective.daily_load"),
    Family("avoid_day", "长假后第一个工作日不安排入企", False, "load.avoid_after_break_days"),
    Family("district_grouping", "同日检查按区域集中", False),
    Family("preferred_month", "希望月份", False),
    Family("specialist_alignment", "执法检查与专员入矿同步", False, "objective.specialist_alignment"),
)
FAMILY = {f.code: f for f in FAMILIES}
HARD_FAMILIES = tuple(f.code for f in FAMILIES if f.hard)


# validator messages (one per check)
NOT_WORKING_DAY = "{enterprise}：{date}（{weekday}）不是工作日，不得安排入企检查"
OUTSIDE_YEAR = "{enterprise}：{date} 不在计划年度 {year} 年内"
OUTSIDE_WINDOW = "{enterprise}：{demand} 的检查安排在 {date}，不在检查时间（{window}）内"
DEMAND_SHORT = "{enterprise}：{demand} 计划检查 {count} 次，只排入 {placed} 次"
DEMAND_OVER = "{enterprise}：{demand} 计划检查 {count} 次，却排了 {placed} 次"
DEMAND_TWICE_SAME_DAY = "{enterprise}：{demand} 在 {date} 被重复安排"
SPREAD_BROKEN = (
    "{enterprise}：{demand} 在{period}安排 {placed} 次，应为 {low}–{high} 次（{count} 次分布在{periods}）"
)
TOO_FEW_OFFICERS = "{enterprise} {date} 的检查只有 {count} 名持证执法人员，至少需要 {min} 名"
OFFICER_NOT_CERTIFIED = "{enterprise} {date}：{officer} 当日没有有效的行政执法证件，不能计入检查人员"
OFFICER_WRONG_OFFICE = "{enterprise} {date}：{officer}（{office}）不属于该检查任务的责任或配合单位"
OFFICE_MISSING = "{enterprise} {date}：{demand} 的责任单位（{offices}）没有人员参加"
OFFICER_RECUSED = "{enterprise} {date}：{officer} 对该单位应当回避"
OFFICER_UNAVAILABLE = "{officer} {date} 请假或下乡，不能安排检查（{enterprise}）"
OFFICER_DAY_OVER = "{officer} {date} 安排了 {count} 家单位，每日最多 {max} 家"
OFFICER_PERIOD_OVER = "{officer} {period}安排检查 {used} 人·日，超过可用的 {capacity} 人·日"
QUIET_VIOLATED = "{enterprise}：{date} 落在{month}月企业安静期（{first}日—{last}日）内，且无经批准的例外"
QUIET_TOO_SHORT = "{enterprise}：{year}年{month}月没有连续 {days} 日的企业安静期（最长 {longest} 日）"
QUIET_WINDOW_SHORT = "{enterprise}：{year}年{month}月的安静期（{first}日—{last}日）不足 {days} 日"
QUIET_EXCEPTION = "{enterprise}：{date} 在安静期内入企，已记录例外（{approval}）"
CAP_EXCEEDED = (
    "{enterprise}：全年{counter}进门 {count} 次（本次排程 {own} 次、已定 {other} 次），超过频次上限 {cap} 次"
)
SPECIALIST_WEEK_OVER = "{enterprise}：{week}矿山安全监管专员入矿 {count} 天，每周最多 {max} 次"
SAME_DAY_TWICE = "{enterprise}：{date} 本单位安排了 {count} 次进门，应合并为一次（进一次门，查多项事）"
UNKNOWN_REFERENCE = "排程数据引用了不存在的{kind} {ref}"
VISIT_DURATION = (
    "{enterprise} {date} 起的检查安排了 {count} 个工作日、每人 {days} 天，"
    "按工作日测算应为每人 {need_days} 天、连续 {need} 个工作日"
)
SHEET_LINE_DIFFERS = (
    "工作日测算“{line}”计监督检查 {sheet} 人·日，排程安排 {scheduled} 人·日，相差 {difference} 人·日"
)
VISIT_NOT_CONSECUTIVE = "{enterprise}：检查日期 {dates} 不是连续的工作日"
OFFICE_DAY_OVER = "{office} {date} 有 {count} 名执法人员在外检查，当日可出勤的只有 {available} 名"

# solver messages
UNPLACED = "{enterprise}：{demand} 有 {missing} 次检查未能排入（{reason}）"
CAPACITY_SHORT = "{period}{office}缺 {short} 人·日（需要 {need} 人·日，可用 {have} 人·日）"
CAP_CONFLICT = "{enterprise}：本次需求至少进门 {need} 次，已定 {other} 次，超过频次上限 {cap} 次"
NO_DAYS_IN_WINDOW = "{enterprise}：{demand} 的检查时间（{window}）内没有可用工作日"
NO_CERTIFIED_TEAM = (
    "{enterprise}：{demand} 可参加的单位（{offices}）全年没有足够的持证执法人员（至少 {min} 名）"
)
INFEASIBLE_CORE = "{scope}排程不可行，相互冲突的规则：{rules}"
SUBPROBLEM_FALLBACK = "{scope}在时限内未求得可行解，改用贪心算法排入"
COUNTER_NAMES = {"enforcement": "执法检查", "supervisory": "督导检查", "none": ""}
