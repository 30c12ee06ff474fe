"""`anjian doc check`: our plan passes; python-docx's default document fails, each finding naming its element."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from anjian.documents.frame_check import DOC_NUMBER_FORM, check_document


def _default_docx() -> bytes:
    out = io.BytesIO()
    Document().save(out)
    return out.getvalue()


def test_generated_plan_passes_every_check(plan_bytes):
    assert check_document(plan_bytes) == []


def test_python_docx_default_document_fails_naming_page_grid_font_numbers_and_frame():
    codes = {(f.code, f.location) for f in check_document(_default_docx())}
    assert {
        ("layout.page_size", "section 1"),
        ("layout.margins", "section 1 top"),
        ("layout.grid", "section 1"),
        ("layout.font", "style Normal"),
        ("layout.page_number", "settings"),
        ("frame.doc_number", "版头"),
        ("frame.signature", "落款"),
        ("frame.imprint", "版记"),
    } <= codes


def test_doc_number_in_square_brackets_with_a_leading_zero_is_named(plan_bytes):
    doc = Document(io.BytesIO(plan_bytes))
    for p in doc.paragraphs:
        if p.text == "吕应急发〔2024〕6号":
            for r in p.runs:
                r.text = ""
            p.runs[0].text = "吕应急发[2024]06号"
    out = io.BytesIO()
    doc.save(out)
    messages = [f.message for f in check_document(out.getvalue())]
    assert DOC_NUMBER_FORM.format(text="吕应急发[2024]06号") in messages


def test_command_prints_json_and_exits_non_zero_on_a_violation(tmp_path, capsys, plan_bytes):
    bad = tmp_path / "默认.docx"
    bad.write_bytes(_default_docx())
    with pytest.raises(CommandError) as exc:
        call_command("doc", "check", str(bad), "--json")
    assert exc.value.returncode == 1
    out = json.loads(capsys.readouterr().out)
    assert out["passed"] is False and any(f["code"] == "frame.imprint" for f in out["findings"])
    good = tmp_path / "计划.docx"
    good.write_bytes(plan_bytes)
    call_command("doc", "check", str(good))
    assert "符合 GB/T 9704-2012" in capsys.readouterr().out
