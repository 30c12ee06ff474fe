"""Checking the 公文 frame of any DOCX, generated or hand-made (GB/T 9704-2012 7.2, 7.3.5, 7.4).

Contract: `check_frame(data)` reads the paragraphs' text only (so a document made in Word or WPS is judged like
ours) and returns findings with a code, a location and a Chinese message: a 发文字号 in the standard form
(机关代字〔年份〕序号号, no leading zero, no 第), a 发文机关署名 above a 成文日期 written 2025年4月27日 (no
leading zeros) before the annexes, and a 版记 whose last line names the 印发机关 and the 印发日期 followed by 印发.
`check_document(data)` is the page layout (layout.check_docx) and the frame together: what `anjian doc check`
reports.
"""

from __future__ import annotations

import io
import re

from docx import Document

from anjian.documents.layout import LayoutFinding, check_docx

DOC_NUMBER_MISSING = "未找到发文字号（版头应有“机关代字〔年份〕序号号”，如“夏应急发〔2025〕6号”）。"
DOC_NUMBER_FORM = "发文字号“{text}”格式不符：年份应用六角括号〔〕括入，序号不编虚位（不加0）、不加“第”字。"
SIGNATURE_MISSING = "未找到发文机关署名和成文日期（正文或附件说明之后，署名在上、日期在下）。"
DATE_FORM = "成文日期“{text}”格式不符：应以阿拉伯数字写年、月、日，不编虚位，如“2025年4月27日”。"
IMPRINT_MISSING = "未找到版记的印发机关和印发日期（末页“××办公室　2025年4月27日印发”）。"

_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{2,}〔\d{4}〕[1-9]\d*号$")
_LOOKS_LIKE_NUMBER = re.compile(
    r"^[\u4e00-\u9fff]{2,}\s*[〔\[［(（【]\s*\d{4}\s*[〕\]］)）】]\s*第?\s*\d+\s*号$"
)
_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_LOOKS_LIKE_DATE = re.compile(
    r"^[\d〇零一二三四五六七八九十○]{4}年[\d〇零一二三四五六七八九十○]{1,3}月[\d〇零一二三四五六七八九十○]{1,3}日$"
)
_IMPRINT = re.compile(r"\S+\s+\d{4}年[1-9]\d?月[1-9]\d?日印发$")
_ANNEX_LABEL = re.compile(r"^附件\d*$")


def check_frame(data: bytes) -> list[LayoutFinding]:
    doc = Document(io.BytesIO(data))
    texts = [p.text.strip() for p in doc.paragraphs]
    findings: list[LayoutFinding] = []
    head = texts[:12]
    numbers = [t for t in head if _LOOKS_LIKE_NUMBER.match(t.replace(" ", ""))]
    if not numbers:
        findings.append(LayoutFinding("frame.doc_number", "版头", DOC_NUMBER_MISSING))
    for text in numbers:
        if not _DOC_NUMBER.match(text.replace(" ", "")):
            findings.append(LayoutFinding("frame.doc_number", "版头", DOC_NUMBER_FORM.format(text=text)))
    body_end = next((i for i, t in enumerate(texts) if _ANNEX_LABEL.match(t) and i > 0), len(texts))
    dates = [(i, t) for i, t in enumerate(texts[:body_end]) if _LOOKS_LIKE_DATE.match(t.replace(" ", ""))]
    if not dates or not texts[dates[-1][0] - 1]:
        findings.append(LayoutFinding("frame.signature", "落款", SIGNATURE_MISSING))
    for _i, text in dates[-1:]:
        m = _DATE.match(text.replace(" ", ""))
        if m is None or any(part.startswith("0") for part in m.groups()):
            findings.append(LayoutFinding("frame.date", "成文日期", DATE_FORM.format(text=text)))
    if not any(_IMPRINT.search(t) for t in texts[-8:]):
        findings.append(LayoutFinding("frame.imprint", "版记", IMPRINT_MISSING))
    return findings


def check_document(data: bytes) -> list[LayoutFinding]:
    return check_docx(data) + check_frame(data)
