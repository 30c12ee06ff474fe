"""How a plan groups enterprises into sectors: strata of the draw, key-unit tables and their headings (as in the Lüliang 2024 plan)."""

from dataclasses import dataclass

from anjian.planning.facts import Industry


@dataclass(frozen=True)
class Sector:
    code: str
    industry: str  # the industry code the workday sheet and review use for this sector
    label: str  # stratum name and general-table heading
    table: str  # key table heading: "{table}重点检查安排表"
    unit_word: str  # 家 / 户 / 座
    entity_word: str = "生产经营单位"
    responsible_label: str = "责任单位"
    has_cooperating_column: bool = True
    order: int = 0


COAL = Sector("coal", "coal_mine", "煤矿", "煤矿企业", "家", order=1)
WASHING = Sector(
    "washing",
    "coal_processing",
    "洗选煤",
    "洗选煤企业",
    "户",
    responsible_label="实施单位",
    has_cooperating_column=False,
    order=2,
)
NONCOAL = Sector(
    "noncoal", "noncoal_mine", "非煤矿山", "非煤矿山企业", "户", responsible_label="实施单位", order=3
)
HAZCHEM = Sector("hazchem", "hazchem", "危险化学品", "危险化学品、民爆企业", "户", order=4)
METALLURGY = Sector("metallurgy", "metallurgy_trade", "冶金工贸", "冶金工贸", "户", order=5)
TRAINING = Sector(
    "training", "training_body", "培训机构", "培训机构", "户", entity_word="安全生产培训机构", order=6
)
ASSESSMENT = Sector(
    "assessment", "assessment_body", "安全评价机构", "安全评价机构", "户", entity_word="安全评价机构", order=7
)
OTHER = Sector("other", "other", "其他", "其他", "户", order=8)

BY_INDUSTRY = {
    Industry.COAL_MINE: COAL,
    Industry.COAL_PROCESSING: WASHING,
    Industry.NONCOAL_MINE: NONCOAL,
    Industry.HAZCHEM: HAZCHEM,
    Industry.CIVIL_EXPLOSIVES: HAZCHEM,
    Industry.PHARMA: HAZCHEM,
    Industry.METALLURGY_TRADE: METALLURGY,
    Industry.TRAINING_BODY: TRAINING,
    Industry.ASSESSMENT_BODY: ASSESSMENT,
    Industry.OTHER: OTHER,
}
BY_CODE = {s.code: s for s in BY_INDUSTRY.values()}
BY_LABEL = {s.label: s for s in BY_INDUSTRY.values()}


def sector_of(industry: str) -> Sector:
    return BY_INDUSTRY[Industry(industry)]
