"""The 办法's work categories and supervision kinds, read from the rule pack (`workdays.categories.*`,
`workdays.kinds.*`), and the keyword classifier that maps a sheet's own wording onto them."""

from __future__ import annotations

from dataclasses import dataclass

from anjian.planning.rules import RulePack
from anjian.planning.workdays.model import KIND_LABELS, Category

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"


@dataclass(frozen=True)
class WorkCategory:
    """One 办法 category of other- or non-enforcement work, e.g. ② 实施行政许可."""

    code: str
    category: Category
    order: int
    label: str
    keywords: tuple[str, ...]
    citation: str

    @property
    def title(self) -> str:
        mark = CIRCLED[self.order - 1] if 0 < self.order <= len(CIRCLED) else f"({self.order})"
        return f"{mark} {self.label}"


@dataclass(frozen=True)
class KindRule:
    kind: str
    label: str
    belongs_in: str  # a Category value or "excluded"
    citation: str


def work_categories(pack: RulePack, category: Category) -> tuple[WorkCategory, ...]:
    """The pack's list for `category`, in 办法 order; empty for supervision (which has kinds instead)."""
    found = []
    for code, rule in pack.section(f"workdays.categories.{category.value}").items():
        value = rule.value
        found.append(
            WorkCategory(
                code=code,
                category=category,
                order=int(value["order"]),
                label=str(value["label"]),
                keywords=tuple(str(k) for k in value.get("keywords", [])),
                citation=rule.citation,
            )
        )
    return tuple(sorted(found, key=lambda c: c.order))


def classify(text: str, category: Category, pack: RulePack) -> tuple[str, ...]:
    """Codes of the categories whose keywords occur in `text`, in 办法 order; empty when none matches."""
    return tuple(c.code for c in work_categories(pack, category) if any(k and k in text for k in c.keywords))


def kind_rules(pack: RulePack) -> dict[str, KindRule]:
    rules = {}
    for kind, rule in pack.section("workdays.kinds").items():
        value = rule.value
        rules[kind] = KindRule(
            kind=kind,
            label=str(value.get("label", KIND_LABELS.get(kind, kind))),
            belongs_in=str(value["belongs_in"]),
            citation=rule.citation,
        )
    return rules
