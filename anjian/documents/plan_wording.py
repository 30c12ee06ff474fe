"""Fixed wording of the plan body where a snapshot brings none: the Lüliang 2024 plan's text, made agency-neutral.

These are document texts (what the 办法 asks a plan to say). They carry no legal time limits or counts: the
placeholders of SAFEGUARDS ({reapproval}, {publication}, {quarterly}, {filing}, {min_officers}) are filled from
the rule pack through the snapshot's `deadlines` (see DEADLINE_KEYS).
"""

# placeholder → rule-pack key of the days and of their kind (working / calendar days); min_officers is a count
DEADLINE_KEYS = {
    "reapproval": "execution.adjustment.reapproval",
    "publication": "execution.penalty.publication",
    "quarterly": "execution.report.quarterly",
    "filing": "execution.adjustment.internal_filing",
}
MIN_OFFICERS_KEY = "schedule.officers.min_per_visit"

OBJECTIVES = (
    "对列入本计划的生产经营单位的监督检查覆盖率达到100%。",
    "全面推行安全生产行政执法公示、全过程记录和重大执法决定法制审核“三项制度”，规范监管执法行为，"
    "避免引发行政复议和行政应诉。",
    "推行“互联网+执法”，推广使用“互联网+监管”系统及“双随机、一公开”监管系统，通过信息化促进执法规范化。",
    "积极发挥执法监督作用，采取执法调研、案卷评查等方式指导监督执法措施，对发现的违法行为查处率达100%，"
    "进而推动企业落实主体责任，减少一般事故，有效防范较大事故，促进安全生产形势持续稳定好转。",
)

MAIN_TASK = (
    "按照职责分工和相关监督检查事项规定，对列入本计划的生产经营单位进行监督检查，发现事故隐患或者违法行为，"
    "依法采取现场处理、行政强制、行政处罚等措施。"
)

KEY_SCOPE_INTRO = "结合工作职责，重点检查单位范围为："
KEY_SCOPE = (
    (
        "安全生产风险等级较高的生产经营单位：",
        (
            "煤矿、洗选煤及配煤型煤加工企业；",
            "金属非金属地下矿山，采场或者排土场边坡高度{slope}以上的露天矿山，建设在大型工矿生产经营单位、大型水源地、"
            "重要铁路和公路、水产基地和大型居民区等重要生产生活设施上游的尾矿库；",
            "涉及重点监管危险化学品、重点监管危险化工工艺和危险化学品重大危险源的生产经营单位；",
            "民爆生产、经营单位；",
            "金属冶炼生产经营单位；",
            "涉爆粉尘生产经营单位；",
            "安全生产标准化未达标的生产经营单位，安全生产风险分级管控和事故隐患排查治理落实不到位的生产经营单位。",
        ),
    ),
    ("近三年发生过造成人员死亡的生产安全事故的生产经营单位；", ()),
    ("纳入安全生产失信行为联合惩戒对象的生产经营单位；", ()),
    ("发现存在重大生产安全事故隐患的生产经营单位；", ()),
    ("试生产或者复工复产的生产经营单位；", ()),
    ("根据安全生产实际需要重点监督检查的安全生产培训机构；", ()),
    ("其他应当纳入重点检查安排的生产经营单位。", ()),
)

# Industries each sub-item of the first KEY_SCOPE item is about; a sub-item whose industries the bureau has none
# of is left out (a district without mines prints no mining scope). () = every bureau.
KEY_SCOPE_INDUSTRIES = (
    ("coal_mine", "coal_processing"),
    ("noncoal_mine",),
    ("hazchem", "pharma"),
    ("civil_explosives",),
    ("metallurgy_trade",),
    ("metallurgy_trade", "hazchem", "pharma", "other"),
    (),
)

GENERAL_SCOPE_INTRO = "结合工作职能，一般检查单位范围为："
GENERAL_SCOPE = (
    "本部门负责监督检查的重点检查单位以外的生产经营单位；",
    "对下级监管部门负责监督检查的生产经营单位进行抽查所涉及的生产经营单位；",
    "其他应当纳入一般检查安排的生产经营单位。",
)

DRAW_JOINT_TEMPLATE = (
    "根据“双随机、一公开”工作要求，在{sectors}等领域开展部门间“双随机、一公开”执法检查。"
    "部门间“双随机、一公开”执法检查工作日不纳入测算范围。"
)
DRAW_INNER_TEMPLATE = (
    "结合工作实际，在{sectors}等领域开展部门内“双随机”执法检查。部门内“双随机”执法检查工作日纳入测算范围。"
)
DRAW_JOINT_SECTORS = (
    ("noncoal_mine", "非煤矿山"),
    ("hazchem", "危险化学品"),
    ("metallurgy_trade", "冶金工贸"),
)
DRAW_INNER_SECTORS = (("coal_mine", "煤矿"), *DRAW_JOINT_SECTORS)
DRAW_JOINT = DRAW_JOINT_TEMPLATE.format(sectors="、".join(label for _, label in DRAW_JOINT_SECTORS))
DRAW_INNER = DRAW_INNER_TEMPLATE.format(sectors="、".join(label for _, label in DRAW_INNER_SECTORS))


def draw_wording(template: str, sectors: tuple[tuple[str, str], ...], industries: tuple[str, ...]) -> str:
    """The draw paragraph naming only the sectors the bureau has (all of them when `industries` is unknown)."""
    present = [label for code, label in sectors if not industries or code in industries]
    return template.format(sectors="、".join(present) or "本部门监管的行业")


SAFEGUARDS = (
    "严格监督检查计划编制。按照《安全生产法》《安全生产年度监督检查计划编制办法》等规定，结合本单位实际，"
    "认真编制监督检查计划，做到“四个必须”：监督检查计划必须报本级人民政府批准；必须按规定报上一级应急管理部门"
    "备案；监督检查计划执行中需要作出重大调整的，必须自作出调整决定之日起{reapproval}内重新履行报批和备案手续；"
    "编制的监督检查计划，必须列出重点检查单位名单。",
    "优化检查方式。采取“四不两直”、验证式、暗查突查和全面推行“双随机、一公开”等方式，严格监督检查计划实施；"
    "科学合理安排专家参与监督检查；检查结束后及时通过“互联网+监管”平台、“互联网+执法”系统录入行政执法行为；"
    "行政许可和行政处罚自作出决定之日起{publication}内对社会进行公示。",
    "严格规范执法程序。监管执法人员执行执法检查任务时，必须由{min_officers}名以上持有效行政执法证件的执法人员共同参加并出示证件，"
    "规范使用执法文书，依法行使自由裁量权，形成执法闭环。所有监督检查必须制定现场检查方案，填写现场检查记录。",
    "推行三项制度。推行安全生产行政执法公示、全过程记录和重大行政执法决定法制审核“三项制度”，"
    "实现执法信息公开透明、执法全过程留痕、执法决定合法有效。",
    "严格执法问责。按照“谁执法、谁负责”的原则，对监督检查中发现的问题依法依规作出行政处理；涉嫌构成犯罪的，"
    "依法向司法机关及时移送，不得以行政处罚代替刑事处罚。把监督检查计划完成情况作为年度目标责任考核的重要内容。",
    "强化督促落实。各科室和执法队伍在每季度结束后{quarterly}内报送检查计划完成情况以及执法检查台账；"
    "年度监督检查计划需要作出重大调整的，自作出调整决定之日起{filing}内备案。",
)
