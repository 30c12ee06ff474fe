"""The 公文 frame from the plan's data (GB/T 9704 7.2, 7.3.5, 7.4): 版头, 署名 and 成文日期, 版记; drafts marked
草稿; a package with nothing of python-docx's template left."""

import dataclasses
import datetime as dt
import io
import zipfile

from docx import Document

from anjian.documents import styles as S
from anjian.documents.frame import missing_frame_fields
from anjian.documents.plan_docx import DRAFT_MARK, plan_docx


def _paragraphs(doc, style):
    return [p for p in doc.paragraphs if p._p.style == style]


def test_head_has_the_red_issuer_mark_and_the_doc_number_over_a_red_line(plan_document, luliang):
    (mark,) = _paragraphs(plan_document, S.ISSUER_MARK)
    assert mark.text == "吕梁市应急管理局文件"
    (number,) = _paragraphs(plan_document, S.DOC_NUMBER)
    assert number.text == luliang.doc_number
    assert 'w:color="E60012"' in number._p.xml and "<w:bottom " in number._p.xml


def test_signature_and_date_close_the_body_before_the_annexes(plan_document, luliang):
    sig = _paragraphs(plan_document, S.SIGNATURE)
    assert [p.text for p in sig] == ["吕梁市应急管理局", "2024年3月8日"]
    texts = [p.text for p in plan_document.paragraphs]
    assert texts.index("2024年3月8日") < texts.index("附件1")


def test_imprint_on_the_last_page_names_cc_printer_and_print_date(plan_document):
    imprint = [p.text for p in _paragraphs(plan_document, S.IMPRINT) if p.text]
    assert imprint == ["抄送：山西省应急管理厅，吕梁市人民政府。", "吕梁市应急管理局办公室\t2024年3月8日印发"]
    last = plan_document.sections[-1]
    assert last.start_type == 3  # WD_SECTION.EVEN_PAGE: the 版记 falls on an even page
    assert all(not p.text for p in last.footer.paragraphs + last.even_page_footer.paragraphs)


def test_a_plan_without_doc_number_and_dates_is_a_draft_marked_on_its_first_line(luliang):
    bare = dataclasses.replace(luliang, doc_number="", issue_date=None, print_date=None, printing_office="")
    assert missing_frame_fields(bare) == (
        "发文字号（plan.doc_number）",
        "成文日期（plan.issue_date）",
        "印发机关（document.printer）",
        "印发日期（document.print_date）",
    )
    doc = Document(io.BytesIO(plan_docx(dataclasses.replace(bare, draft=True))))
    assert doc.paragraphs[0].text == DRAFT_MARK
    assert not _paragraphs(doc, S.ISSUER_MARK) and not _paragraphs(doc, S.IMPRINT)
    assert missing_frame_fields(luliang) == ()


def test_package_names_the_agency_and_the_export_day_and_keeps_nothing_of_the_template(luliang):
    data = plan_docx(dataclasses.replace(luliang, exported_on=dt.date(2026, 12, 3)))
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert not [n for n in names if "thumbnail" in n or n.startswith("customXml") or "WithEffects" in n]
    app = zipfile.ZipFile(io.BytesIO(data)).read("docProps/app.xml").decode()
    assert "Macintosh" not in app and "Microsoft" not in app and "吕梁市应急管理局" in app
    props = Document(io.BytesIO(data)).core_properties
    assert (props.author, props.last_modified_by) == ("吕梁市应急管理局", "吕梁市应急管理局")
    assert props.created.date() == props.modified.date() == dt.date(2026, 12, 3)
