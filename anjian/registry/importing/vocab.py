"""The words bureaus write in their tables, mapped to the registry's stored values.

Each `Vocabulary` accepts the model's own Chinese label, the stored value, and the common synonyms seen in the
seed tables (the three real plans of docs/business-rules.md); matching ignores blanks and a trailing 企业/单位/行业/类.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from anjian.registry.models import Industry, Level, OperatingStatus, RiskFact, StdGrade
from anjian.registry.models import Office as OfficeModel
from anjian.registry.models import Officer as OfficerModel

_NOISE = re.compile(r"[\s\u3000\u00a0]+")
_SUFFIX = re.compile(r"(企业|单位|行业|领域|类)$")


def _key(word: str) -> str:
    return _NOISE.sub("", word).replace("(", "（").replace(")", "）").lower()


@dataclass(frozen=True)
class Vocabulary:
    """Label → (stored value, implied sub-sector or '')."""

    name: str
    entries: Mapping[str, tuple[str, str]]
    shown: tuple[str, ...]  # what the error message lists as accepted

    @classmethod
    def build(cls, name: str, groups: Iterable[tuple[str, str, Iterable[str]]]) -> Vocabulary:
        """`groups`: (value, sub_sector, words); the first word of each group is shown in messages."""
        entries: dict[str, tuple[str, str]] = {}
        shown: list[str] = []
        for value, sub_sector, words in groups:
            words = list(words)
            if words and words[0] not in shown:
                shown.append(words[0])
            for word in [value, *words]:
                entries[_key(word)] = (str(value), sub_sector)  # plain str, not the TextChoices member
        return cls(name, entries, tuple(shown))

    def lookup(self, word: str) -> tuple[str, str] | None:
        key = _key(word)
        if key in self.entries:
            return self.entries[key]
        stripped = _SUFFIX.sub("", key)
        return self.entries.get(stripped) if stripped else None

    @property
    def choices(self) -> str:
        return "、".join(self.shown)


def _with_labels(choices: type, extra: Mapping[str, Iterable[str]]) -> list[tuple[str, str, list[str]]]:
    return [(value, "", [label, *extra.get(value, ())]) for value, label in choices.choices]


INDUSTRY = Vocabulary.build(
    "industry",
    [
        (Industry.COAL_MINE, "", ["煤矿", "煤矿企业", "煤炭", "煤矿山", "煤炭开采", "矿井"]),
        (
            Industry.COAL_PROCESSING,
            "",
            [
                "洗选煤",
                "洗煤厂",
                "洗选煤及配煤型煤",
                "洗选煤企业",
                "洗煤",
                "选煤厂",
                "洗（选）煤",
                "配煤型煤",
                "煤炭加工",
                "洗选煤及配煤型煤加工",
            ],
        ),
        (Industry.NONCOAL_MINE, "", ["非煤矿山", "非煤", "金属非金属矿山", "金属非金属"]),
        (Industry.NONCOAL_MINE, "尾矿库", ["尾矿库"]),
        (
            Industry.HAZCHEM,
            "",
            [
                "危险化学品",
                "危化",
                "危化品",
                "危险化学品、民爆",
                "危化民爆",
                "化工",
                "危险化学品生产",
                "危险化学品经营",
                "燃气",
            ],
        ),
        (Industry.HAZCHEM, "加油站", ["加油站"]),
        (Industry.HAZCHEM, "油库", ["油库"]),
        (Industry.CIVIL_EXPLOSIVES, "", ["民爆", "民用爆炸物品", "民爆物品", "民爆生产", "民爆经营"]),
        (Industry.PHARMA, "", ["医药", "制药", "医药生产", "医药化工"]),
        (Industry.METALLURGY_TRADE, "", ["冶金工贸", "工贸", "冶金、工贸"]),
        *[
            (Industry.METALLURGY_TRADE, sub, [sub])
            for sub in ("冶金", "有色", "建材", "机械", "轻工", "纺织", "烟草", "商贸")
        ],
        (Industry.TRAINING_BODY, "", ["培训机构", "安全生产培训机构", "安全培训机构", "培训"]),
        (Industry.ASSESSMENT_BODY, "", ["评价机构", "安全评价机构", "安全评价", "中介机构", "技术服务机构"]),
        (Industry.OTHER, "", ["其他", "其它"]),
        *_with_labels(Industry, {}),
    ],
)

LEVEL = Vocabulary.build(
    "level",
    _with_labels(
        Level,
        {
            Level.PROVINCE: ["省", "省管", "省直管", "省属"],
            Level.CITY: ["市", "市管", "市直管", "市级直管"],
            Level.COUNTY: ["县", "县管", "县级监管", "区", "县（市、区）", "县区"],
        },
    ),
)

STD_GRADE = Vocabulary.build(
    "std_grade",
    _with_labels(
        StdGrade,
        {
            StdGrade.FIRST: ["1", "1级", "一级达标"],
            StdGrade.SECOND: ["2", "2级", "二级达标"],
            StdGrade.THIRD: ["3", "3级", "三级达标"],
            StdGrade.NONE: ["无", "未达标", "未评级", "-"],
        },
    ),
)

OPERATING_STATUS = Vocabulary.build(
    "operating_status",
    _with_labels(
        OperatingStatus,
        {
            OperatingStatus.NORMAL: ["正常", "生产", "在产", "正常经营"],
            OperatingStatus.SUSPENDED: ["停产停业", "停工"],
            OperatingStatus.CLOSED: ["关闭", "注销", "关停"],
        },
    ),
)

FACT_KIND = Vocabulary.build(
    "fact_kind",
    _with_labels(
        RiskFact.Kind,
        {
            RiskFact.Kind.FATAL_ACCIDENT: ["死亡事故", "亡人事故", "生产安全死亡事故", "事故"],
            RiskFact.Kind.MAJOR_HAZARD_FOUND: ["重大事故隐患", "重大隐患", "发现重大事故隐患"],
            RiskFact.Kind.JOINT_PUNISHMENT: ["失信联合惩戒", "联合惩戒", "失信惩戒"],
            RiskFact.Kind.DIRECTLY_MANAGED: ["市直管", "省直管", "直管煤矿", "市直管煤矿"],
            RiskFact.Kind.SOE: ["央企", "省属企业", "央企省属", "驻吕梁央企、省属企业"],
            RiskFact.Kind.SHUTDOWN_ORDERED: ["责令停产", "督导停产", "停产矿井"],
            RiskFact.Kind.STD_OR_RISK_FAIL: ["标准化未达标", "风险管控不到位", "隐患排查治理不到位"],
        },
    ),
)

OFFICE_KIND = Vocabulary.build(
    "office_kind",
    [
        (OfficeModel.Kind.LEADERSHIP, "", ["局领导", "领导", "局领导班子", "领导班子"]),
        (OfficeModel.Kind.OFFICE, "", ["科室", "股室", "处室", "内设机构", "股室/科室"]),
        (
            OfficeModel.Kind.ENFORCEMENT_TEAM,
            "",
            ["执法支队", "执法大队", "执法队", "综合行政执法队", "执法分队", "执法大队/支队"],
        ),
        (OfficeModel.Kind.OTHER, "", ["其他", "其它"]),
    ],
)

EMPLOYMENT = Vocabulary.build(
    "employment",
    _with_labels(
        OfficerModel.Employment,
        {
            OfficerModel.Employment.ON_ROLL: ["在册", "正式", "编制内"],
            OfficerModel.Employment.SECONDED: ["抽调", "借用", "借调人员"],
        },
    ),
)

EXCLUSION = Vocabulary.build(
    "exclusion",
    [
        (OfficerModel.Exclusion.POSTED_AWAY, "", ["下乡", "驻村", "下派", "帮扶"]),
        (OfficerModel.Exclusion.UNCERTIFIED, "", ["未取证", "无执法证", "未取得执法证"]),
        (OfficerModel.Exclusion.OTHER, "", ["其他", "其它"]),
    ],
)
