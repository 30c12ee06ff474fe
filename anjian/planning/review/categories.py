"""Category checks: items filed under the wrong 办法 category (surprise/undercover checks booked as other
enforcement, specialist entries as supervision), local lines that map to no category, categories not costed,
and gaps in the printed numbering."""

from __future__ import annotations

import re

from anjian.planning.review.findings import Finding, Severity, at_category, at_item
from anjian.planning.rules import RulePack
from anjian.planning.workdays.categories import classify, kind_rules, work_categories
from anjian.planning.workdays.compute import SheetResult
from anjian.planning.workdays.model import CATEGORY_LABELS, Category, LineItem, Team, number_text

KIND_MISFILED = "{kind}的 {days} 天记入了{found}，按规则应记入{belongs}"
KIND_EXCLUDED = "{kind}的 {days} 天不应纳入工作日测算"
KEYWORD_MISFILED = "“{label}” {days} 天记入了{found}，但{what}属于{belongs_short}，应记入{belongs}"
CATEGORY_SWAPPED = "“{label}” {days} 天印在{found}下，但办法把“{what}”列为{belongs}，应记入{belongs}"
CATEGORY_LABELS_SWAPPED = "{team}的“其他执法工作日”与“非执法工作日”两类标题印反了：{oe} 项其他执法实为非执法，{ne} 项非执法实为其他执法"
OTHER_CATEGORY = {
    Category.OTHER_ENFORCEMENT: Category.NON_ENFORCEMENT,
    Category.NON_ENFORCEMENT: Category.OTHER_ENFORCEMENT,
}
CATEGORY_UNMAPPED = (
    "“{label}” {days} 天不属于办法所列任何一类{category}，请归入某一类或说明理由（本地增列项目）"
)
CATEGORY_UNKNOWN_CODE = "类别代码 {code} 不在规则包 {pack} 的{category}清单中"
CATEGORY_NOT_COSTED = "办法所列{category}类别中，本表未测算：{missing}"
NUMBERING_GAP = "{category}的编号从 {before} 跳到 {after}，缺第 {missing} 项"
BELONGS_SHORT = {"supervision": "监督检查", "other_enforcement": "其他执法", "non_enforcement": "非执法"}


def _days(item: LineItem) -> str:
    return number_text(item.result)


def _category_label(value: str) -> str:
    try:
        return CATEGORY_LABELS[Category(value)]
    except ValueError:
        return value


def check_kinds(result: SheetResult, pack: RulePack) -> list[Finding]:
    """Supervision-kind lines whose kind the pack files elsewhere (e.g. Shanxi mine specialists)."""
    rules = kind_rules(pack)
    found = []
    for t in result.teams:
        for item in t.team.items:
            rule = rules.get(item.kind)
            if rule is None or rule.belongs_in == item.category.value:
                continue
            found.append(
                Finding(
                    "kind_excluded" if rule.belongs_in == "excluded" else "kind_misfiled",
                    Severity.WARNING,
                    at_item(t.team, item),
                    (KIND_EXCLUDED if rule.belongs_in == "excluded" else KIND_MISFILED).format(
                        kind=rule.label,
                        days=_days(item),
                        found=CATEGORY_LABELS[item.category],
                        belongs=_category_label(rule.belongs_in),
                    ),
                    rule.citation,
                )
            )
    return found


def _keyword_misfiled(pack: RulePack, team: Team, item: LineItem) -> Finding | None:
    text = f"{item.label} {item.text}"
    for rule in pack.section("review.misfiled").values():
        v = rule.value
        if v["found_in"] == item.category.value and any(k in text for k in v["keywords"]):
            return Finding(
                "keyword_misfiled",
                Severity.WARNING,
                at_item(team, item),
                KEYWORD_MISFILED.format(
                    label=item.label,
                    days=_days(item),
                    found=CATEGORY_LABELS[item.category],
                    what=v["label"],
                    belongs_short=BELONGS_SHORT.get(v["belongs_in"], v["belongs_in"]),
                    belongs=_category_label(v["belongs_in"]),
                ),
                rule.citation,
            )
    return None


def _codes(pack: RulePack, item: LineItem) -> tuple[str, ...]:
    return item.codes or classify(f"{item.label} {item.text}", item.category, pack)


def _swapped(pack: RulePack, team: Team, item: LineItem) -> Finding | None:
    """An item printed under one of 其他执法/非执法 that the 办法's list puts under the other: by its explicit
    codes (all unknown here, known there) or, without codes, by keywords matching only the other list. The
    keyword mapping never moves the item; the finding names the printed and the correct category."""
    other = OTHER_CATEGORY[item.category]
    here = {c.code for c in work_categories(pack, item.category)}
    there = {c.code: c for c in work_categories(pack, other)}
    if item.codes:
        codes = [c for c in item.codes if c in there and c not in here]
        if len(codes) != len(item.codes):
            return None
    else:
        text = f"{item.label} {item.text}"
        if classify(text, item.category, pack):
            return None
        codes = list(classify(text, other, pack))
    if not codes:
        return None
    match = there[codes[0]]
    return Finding(
        "category_swapped",
        Severity.ERROR,
        at_item(team, item),
        CATEGORY_SWAPPED.format(
            label=item.label,
            days=_days(item),
            found=CATEGORY_LABELS[item.category],
            what=match.label,
            belongs=CATEGORY_LABELS[other],
        ),
        match.citation,
    )


def _labels_swapped(team: Team, swapped: list[Finding], items: dict[Category, int]) -> Finding | None:
    """Most items of both categories swapped: the two headings were printed the wrong way round."""
    per = {
        c: sum(1 for f in swapped if getattr(f.where, "category", "") == CATEGORY_LABELS[c])
        for c in OTHER_CATEGORY
    }
    if all(items[c] > 0 and per[c] * 2 > items[c] for c in OTHER_CATEGORY):
        return Finding(
            "category_labels_swapped",
            Severity.ERROR,
            at_category(team, Category.OTHER_ENFORCEMENT),
            CATEGORY_LABELS_SWAPPED.format(
                team=team.name, oe=per[Category.OTHER_ENFORCEMENT], ne=per[Category.NON_ENFORCEMENT]
            ),
        )
    return None


def check_work_categories(result: SheetResult, pack: RulePack) -> list[Finding]:
    found = []
    for t in result.teams:
        team = t.team
        swapped: list[Finding] = []
        counts = {c: sum(1 for i in team.items if i.category == c) for c in OTHER_CATEGORY}
        for category in (Category.OTHER_ENFORCEMENT, Category.NON_ENFORCEMENT):
            known = {c.code: c for c in work_categories(pack, category)}
            used: set[str] = set()
            for item in (i for i in team.items if i.category == category):
                misfiled = _keyword_misfiled(pack, team, item) or _swapped(pack, team, item)
                if misfiled:
                    found.append(misfiled)
                    if misfiled.code == "category_swapped":
                        swapped.append(misfiled)
                    continue
                codes = _codes(pack, item)
                for code in codes:
                    if code not in known:
                        found.append(
                            Finding(
                                "category_unknown_code",
                                Severity.WARNING,
                                at_item(team, item),
                                CATEGORY_UNKNOWN_CODE.format(
                                    code=code, pack=pack.id, category=CATEGORY_LABELS[category]
                                ),
                            )
                        )
                used.update(codes)
                if not codes:
                    found.append(
                        Finding(
                            "category_unmapped",
                            Severity.INFO,
                            at_item(team, item),
                            CATEGORY_UNMAPPED.format(
                                label=item.label, days=_days(item), category=CATEGORY_LABELS[category]
                            ),
                        )
                    )
            missing = [c for code, c in known.items() if code not in used and code != "other"]
            if missing and any(i.category == category for i in team.items):
                titles = "、".join(c.title for c in missing)
                message = CATEGORY_NOT_COSTED.format(category=CATEGORY_LABELS[category], missing=titles)
                where = at_category(team, category)
                found.append(
                    Finding("category_not_costed", Severity.INFO, where, message, missing[0].citation)
                )
        labels = _labels_swapped(team, swapped, counts)
        if labels:
            found.insert(0, labels)
    return found


def _arabic(number: str) -> int | None:
    match = re.fullmatch(r"\s*(\d+)[.、．]?\s*", number)
    return int(match.group(1)) if match else None


def check_numbering(result: SheetResult, pack: RulePack) -> list[Finding]:
    """Gaps in the top-level numbers of each category (declared sections and the lines directly under it)."""
    found = []
    for t in result.teams:
        team = t.team
        for category in Category:
            declared = {s.path[0] for s in team.sections if s.category == category}
            numbers: list[str] = [
                s.number for s in team.sections if s.category == category and len(s.path) == 1
            ]
            numbers += [
                i.number
                for i in team.items
                if i.category == category and (not i.section or i.section[0] not in declared)
            ]
            values = sorted({v for v in map(_arabic, numbers) if v is not None})
            for before, after in zip(values, values[1:], strict=False):
                if after - before > 1:
                    missing = "、".join(str(x) for x in range(before + 1, after))
                    found.append(
                        Finding(
                            "numbering_gap",
                            Severity.INFO,
                            at_category(team, category),
                            NUMBERING_GAP.format(
                                category=CATEGORY_LABELS[category],
                                before=before,
                                after=after,
                                missing=missing,
                            ),
                        )
                    )
    return found
