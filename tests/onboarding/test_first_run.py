"""Done-when of issue 13: two bureaus outside Shanxi onboarded from an empty database through the documented CLI
only (docs/admin-guide.md, first run), compiled, scheduled and exported; figures and document text asserted.

Every expected figure is derived here from the synthetic inputs (tests/onboarding/inputs.py), never typed in.
"""

import datetime as dt
import io
import json
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.utils import timezone
from docx import Document

from .inputs import HEPING, XINAN, supervision_days, write_inputs

YEAR = 2026
SHANXI_WORDS = ("山西", "晋", "吕梁", "夏县", "运城", "文水", "file 00", "domain.md")
MINE_WORDS = ("煤矿", "非煤矿山", "尾矿库", "洗选煤")
DUPLICATED_NUMBER = re.compile(r"^\s*(\d+\.\d+\s|（\d+）\s*（\d+）|\d+\.\s*（[一二三四五六七八九十]+）)")


def run(*args, stdin_answers=None) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def pct(part, whole) -> str:
    return str((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def onboard(bureau, folder, monkeypatch, parent_args):
    files = write_inputs(bureau, folder, YEAR)
    run(
        "agency", "add", "--code", bureau.code, "--name", bureau.name, "--level", bureau.level,
        "--short-name", bureau.short_name, "--region-code", bureau.region, "--doc-prefix", bureau.doc_prefix,
        *parent_args,
    )  # fmt: skip
    answers = iter([f"{bureau.code}_admin", bureau.code])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "Guanli-Yuan-2026")
    run("createadmin")
    for kind in ("offices", "officers", "enterprises"):
        run("import", kind, str(files[kind]), "--agency", bureau.code)
    configured = run(
        "plan", "configure", "--agency", bureau.code, "--year", str(YEAR), "--config", str(files["plan"])
    )
    run("plan", "compile", "--agency", bureau.code, "--year", str(YEAR), "--by", "测试")
    run("plan", "schedule", "--agency", bureau.code, "--year", str(YEAR), "--time-limit", "20")
    shown = json.loads(run("plan", "show", "--agency", bureau.code, "--year", str(YEAR), "--json"))
    out = folder / "out"
    run("plan", "export", "--agency", bureau.code, "--year", str(YEAR), "--out", str(out))
    return shown, out, configured


def docx_text(folder) -> str:
    texts = [xlsx_text(path) for path in sorted(folder.glob("*.xlsx"))]
    for path in sorted(folder.glob("*.docx")):
        doc = Document(str(path))
        texts += [p.text for p in doc.paragraphs]
        texts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(texts)


def xlsx_text(path) -> str:
    book = openpyxl.load_workbook(path, read_only=True)
    return "\n".join(
        str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v
    )


@pytest.mark.slow
def test_two_bureaus_outside_shanxi_onboard_compile_schedule_and_export_from_an_empty_database(
    db, tmp_path, monkeypatch
):
    # Compiled in December of the year before: certificates are judged on the plan year's dates, not today's.
    real_localdate = timezone.localdate
    monkeypatch.setattr(
        timezone, "localdate", lambda *a: real_localdate(*a) if a else dt.date(YEAR - 1, 12, 1)
    )
    run(
        "agency",
        "add",
        "--code",
        "shenyang",
        "--name",
        "沈阳市应急管理局",
        "--level",
        "city",
        "--province",
        "辽宁省",
    )
    heping, heping_out, _ = onboard(HEPING, tmp_path / "heping", monkeypatch, ["--parent", "shenyang"])
    xinan, xinan_out, configured = onboard(XINAN, tmp_path / "xinan", monkeypatch, ["--province", "河南省"])

    agencies = {a["code"]: a for a in json.loads(run("agency", "list", "--json"))}
    assert agencies["heping"]["pack"] == "liaoning" and agencies["heping"]["province"] == "辽宁省"
    assert agencies["xinan"]["pack"] == "national"

    # District: key and general units and visits as imported, shares on supervision workdays, coverage below 100 %.
    key_days, general_days = supervision_days(HEPING)
    assert (heping["key_units"], heping["key_visits"]) == (len(HEPING.key), len(HEPING.key))
    assert (heping["general_units"], heping["general_visits"]) == (len(HEPING.general), len(HEPING.general))
    planned = len(HEPING.key) + len(HEPING.general)
    assert heping["required_visits"] == HEPING.required_visits and heping["planned_visits"] == planned
    assert heping["coverage_pct"] == pct(planned, HEPING.required_visits)
    assert heping["shares"]["basis"] == "workdays"
    assert heping["shares"]["key_pct"] == pct(key_days, key_days + general_days)
    assert heping["shares"]["general_pct"] == pct(general_days, key_days + general_days)
    codes = {f["code"] for f in heping["findings_list"]}
    assert "coverage_below_required" in codes
    lapsed = [f["message"] for f in heping["findings_list"] if f["code"] == "certificate_expired"]
    assert len(lapsed) == 1
    assert "证件过期" in lapsed[0] and "冯九" in lapsed[0] and "周五" not in lapsed[0]
    assert heping["ruleset"] == "liaoning"
    # Every team of the sheet has its office, with the sheet's officers = certified enforcing officers on record.
    assert not {"staffing_team_missing", "staffing_team_disagrees"} & codes

    # County under the national pack: shares by visits; the ASCII-bracket 发文字号 was normalised with a warning.
    assert xinan["ruleset"] == "national" and xinan["shares"]["basis"] == "visits"
    visits = len(XINAN.key) + len(XINAN.general)
    assert xinan["shares"]["key_pct"] == pct(len(XINAN.key), visits)
    assert xinan["coverage_pct"] == pct(visits, XINAN.required_visits) and "〔〕" in configured

    for bureau, shown, out in ((HEPING, heping, heping_out), (XINAN, xinan, xinan_out)):
        assert shown["schedule"]["visits"] >= shown["key_visits"] + shown["general_visits"], [
            f["message"] for f in shown["findings_list"] if f["source"] == "schedule"
        ]
        text = docx_text(out)
        assert bureau.name in text
        assert "占在册人数的。" not in text  # every team's share of its staff on record is printed
        assert f"覆盖率为{shown['coverage_pct']}%" in text
        assert f"{shown['shares']['key_pct']}%" in text
        leaks = [w for w in SHANXI_WORDS + MINE_WORDS if w in text]
        lines = [line for line in text.splitlines() if any(w in line for w in leaks)]
        assert leaks == [], f"{bureau.name} 的计划文件出现了：{leaks}：{lines}"
        # what a reader trusts: no English word or code, each level's number printed once, no formula cell
        assert re.findall(r"[A-Za-z]{3,}", text) == []
        assert [line for line in text.splitlines() if DUPLICATED_NUMBER.match(line)] == []
        for book in out.glob("*.xlsx"):
            z = zipfile.ZipFile(book)
            assert all(
                "<f>" not in z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")
            )
        assert sorted(p.suffix for p in out.iterdir()) == [".docx", ".xlsx"] or any(out.glob("*.xlsx"))
    assert "沈和应急发〔2026〕3号" in docx_text(heping_out)
    # The enforcement team the sheet names appears in the staffing table with its staff on record (5 people, 3
    # of them in the sheet): the body text says the same.
    staffing = Document(str(next(heping_out.glob("*.docx")))).tables[0]
    rows = {r.cells[1].text: [c.text for c in r.cells] for r in staffing.rows}
    assert rows["执法大队"][
        0
    ] == "执法队伍" and "执法大队安全生产执法岗位在册人员（含抽调人员）5人" in docx_text(heping_out)
    assert "新应急〔2026〕12号" in docx_text(xinan_out)
