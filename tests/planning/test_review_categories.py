"""An item printed under 其他执法 that the 办法 lists as 非执法 (or the reverse) is an error naming the item, the
printed and the correct category, also when the two headings are swapped wholesale; keywords never move an item."""

from anjian.planning.review.categories import CATEGORY_LABELS_SWAPPED, CATEGORY_SWAPPED

from .test_review import codes, findings


def item(category, label, lump=10, codes_line=""):
    return f'[[teams.items]]\ncategory = "{category}"\nlabel = "{label}"\nlump = {lump}\n{codes_line}'


def test_duty_printed_under_other_enforcement_is_swapped_naming_item_and_both_categories():
    found = findings(item("other_enforcement", "机关值班", 120), checks=["work_categories"])
    swapped = [f for f in found if f.code == "category_swapped"]
    assert len(swapped) == 1 and swapped[0].severity.value == "error"
    assert swapped[0].message == CATEGORY_SWAPPED.format(
        label="机关值班", days="120", found="其他执法工作日", what="机关值班", belongs="非执法工作日"
    )
    assert swapped[0].where.item.endswith("机关值班") or "机关值班" in swapped[0].where.item


def test_complaints_printed_under_non_enforcement_and_explicit_codes_of_the_other_list_are_swapped():
    body = item("non_enforcement", "核实投诉举报", 30) + item(
        "non_enforcement", "办证窗口", 20, 'codes = ["licensing"]\n'
    )
    found = [f for f in findings(body, checks=["work_categories"]) if f.code == "category_swapped"]
    assert [f.message.split("”")[0].lstrip("“") for f in found] == ["核实投诉举报", "办证窗口"]
    assert all("应记入其他执法工作日" in f.message for f in found)


def test_an_item_matching_its_own_list_is_never_moved_even_if_it_also_matches_the_other():
    # 宣传教育培训 is other enforcement ⑧ although 培训 is also a non-enforcement keyword.
    found = findings(item("other_enforcement", "开展安全生产宣传教育培训", 40), checks=["work_categories"])
    assert "category_swapped" not in codes(found)


def test_whole_headings_printed_the_wrong_way_round_are_one_error_besides_each_item():
    body = (
        item("other_enforcement", "机关值班", 300)
        + item("other_enforcement", "年休假、探亲假", 200)
        + item("non_enforcement", "实施行政许可", 150)
        + item("non_enforcement", "事故调查", 80)
    )
    found = findings(body, checks=["work_categories"])
    assert codes(found).count("category_swapped") == 4
    (labels,) = [f for f in found if f.code == "category_labels_swapped"]
    assert labels.message == CATEGORY_LABELS_SWAPPED.format(team="测试股", oe=2, ne=2)


def test_a_single_misfiled_item_does_not_claim_the_headings_are_swapped():
    body = item("other_enforcement", "机关值班", 30) + item("other_enforcement", "核实投诉举报", 50)
    body += item("non_enforcement", "参加党群活动", 40)
    assert "category_labels_swapped" not in codes(findings(body, checks=["work_categories"]))
