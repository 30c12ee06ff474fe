"""Layout of the xlsx workday template (data/templates/workday-sheet.xlsx, docs/workday-sheet.md):
worksheet names, their columns (Chinese header → field) and the instructions sheet.

Worksheets, each with a header row; columns are found by header text, so their order does not
matter: 基本信息 (项目 | 值), 测算单位, 测算明细, 小计, and optionally 人员配置, 计划单位数, 检查时间.
"""

from __future__ import annotations

XLSX_BAD_FILE = "{file}：不是有效的 xlsx 文件，无法打开（请确认文件完整，或在 Excel/WPS 中另存为 .xlsx）"
XLSX_UNCACHED_FORMULA = (
    "{file} {where}「{column}」：单元格是公式 {formula}，但文件里没有保存计算结果（由程序生成、未经 Excel/WPS "
    "打开保存的文件常见）；请在 Excel 或 WPS 中打开并保存后再读入"
)
XLSX_MISSING_SHEET = "{file}：缺少工作表「{sheet}」"
XLSX_UNKNOWN_COLUMN = "{file} 工作表「{sheet}」：未知列“{column}”"
XLSX_UNKNOWN_TEAM = "{file} {where}：测算单位 {team!r} 未在「测算单位」中列出"
XLSX_BAD_COUNTS = "{file} {where}：分项数量应写作“名称=数量；名称=数量”"

INFO = (
    "基本信息",
    {
        "年度": "year",
        "规则包": "pack",
        "编制单位": "agency",
        "标题": "title",
        "来源": "source",
        "印刷全年天数": "cal.days_in_year",
        "印刷双休日": "cal.weekend_days",
        "印刷法定节假日": "cal.holidays",
        "印刷国家法定工作日": "cal.statutory_workdays",
        "印刷重点检查占比": "plan.stated_key_share",
        "印刷一般检查占比": "plan.stated_general_share",
        "占比口径": "plan.share_wording",
        "计划数字来源": "plan.source",
        "人员配置来源": "staffing.source",
    },
)
TEAMS = (
    "测算单位",
    {
        "标识": "id",
        "名称": "name",
        "执法人员数": "officers",
        "在册人数": "staff",
        "在册人数口径": "staff_label",
        "执法队伍": "enforcement_team",
        "来源": "source",
        "印刷执法人员占比": "stated.share_of_staff",
        "印刷国家法定工作日": "stated.statutory_workdays",
        "印刷总法定工作日": "stated.total_days",
        "印刷监督检查工作日": "stated.supervision_days",
        "印刷其他执法工作日": "stated.other_enforcement_days",
        "印刷非执法工作日": "stated.non_enforcement_days",
        "印刷实际所需工作日": "stated.need_days",
        "印刷需加班工作日": "stated.overtime_days",
    },
)
ITEMS = (
    "测算明细",
    {
        "测算单位": "team",
        "类别": "category",
        "分组": "section",
        "序号": "number",
        "项目": "label",
        "检查类型": "kind",
        "行业": "sector",
        "办法类别": "codes",
        "户数": "units",
        "次数": "visits",
        "组数": "groups",
        "人数": "persons",
        "天数": "days",
        "月数": "months",
        "总量": "lump",
        "印刷结果": "stated",
        "分项数量": "counts",
        "原文": "text",
        "备注": "note",
    },
)
SECTIONS = (
    "小计",
    {
        "测算单位": "team",
        "类别": "category",
        "分组": "path",
        "序号": "number",
        "印刷小计": "stated",
        "备注": "note",
    },
)
STAFFING = (
    "人员配置",
    {
        "测算单位": "team",
        "分组": "group",
        "机构名称": "name",
        "在编人数": "on_roll",
        "在编参加执法人数": "on_roll_enforcing",
        "借调人员": "seconded",
        "借调参加执法人数": "seconded_enforcing",
        "备注": "note",
    },
)
PLAN_UNITS = (
    "计划单位数",
    {"检查类型": "kind", "行业": "sector", "户数": "units", "次数": "visits", "备注": "note"},
)
WINDOWS = (
    "检查时间",
    {"行业": "sector", "行号": "rows", "每户次数": "visits", "季度": "quarters", "备注": "note"},
)
STAFFING_TOTAL_ROW = "合计"
YES = {"是", "true", "True", "1", "yes"}
INSTRUCTIONS = (
    "工作日测算录入表（格式说明见 docs/workday-sheet.md）",
    "1. 「基本信息」填年度、规则包（如 shanxi）和编制单位；“印刷…”各项填原稿印刷的数字，供审查核对，可不填。",
    "2. 「测算单位」每行一个测算单位（局机关、执法支队等）："
    "标识（英文或拼音缩写）、名称、执法人员数、在册人数。",
    "3. 「测算明细」每行一个测算项目：类别填 监督检查 / 其他执法 / 非执法；户数×次数×组数×人数×天数×月数，"
    "未填的因子按 1 计；天数可带小数（如 2.5）；只有总量的填“总量”并在备注说明。",
    "4. 「分组」写所属科室或小标题，多级用 / 分隔（如 实施行政许可/煤矿行政许可）；"
    "「小计」填各分组印刷的小计。",
    "5. 「人员配置」「计划单位数」「检查时间」可选：填写后审查会核对人员合计、占比口径和季度安排。",
)
