"""Reading a rendered PDF back: which font family a PDF font name belongs to, and how many lines and how many
grid characters of width a body page really uses (pdftotext -bbox-layout)."""

from __future__ import annotations

import re
from xml.etree import ElementTree

from anjian.documents import gbt9704 as G
from anjian.documents.fonts import FANGSONG, HEITI, KAITI, SONGTI, XIAOBIAOSONG

# PostScript name prefixes (subset tag removed) → family. Noto CJK collections name every face after their
# first
# (Japanese) member, "NotoSerifCJKjp-…", whatever region LibreOffice picked, so the prefix is what counts.
PS_FAMILIES = (
    ("NotoSerifCJK", "Noto Serif CJK SC"),
    ("NotoSansCJK", "Noto Sans CJK SC"),
    ("UKai", "AR PL UKai CN"),
    ("ARPLUKai", "AR PL UKai CN"),
    ("UMing", "AR PL UMing CN"),
    ("ARPLUMing", "AR PL UMing CN"),
    ("FangSong", FANGSONG),
    ("FZFSK", FANGSONG),
    ("KaiTi", KAITI),
    ("FZXBSJW", XIAOBIAOSONG),
    ("FZXiaoBiaoSong", XIAOBIAOSONG),
    ("SimHei", HEITI),
    ("SimSun", SONGTI),
)
HANGING = "，。、；：？！”’）》"


def family_of(ps_name: str) -> str:
    name = ps_name.split("+", 1)[-1]
    for prefix, family in PS_FAMILIES:
        if name.startswith(prefix):
            return family
    return name


def body_page_metrics(pdf: bytes, page: int) -> tuple[int, float]:
    """(text lines inside the type area, widest line in characters) of one portrait page."""
    from anjian.documents.render import pdf_text

    out = pdf_text(pdf, first=page, last=page, bbox=True)
    # The XHTML head may hold unescaped metadata; only the <doc> element is needed.
    body = out[out.find("<doc>") : out.find("</doc>") + len("</doc>")]
    body = re.sub(r"&(?!amp;|lt;|gt;|quot;|apos;|#)", "&amp;", body)
    root = ElementTree.fromstring(body)  # noqa: S314 - pdftotext's output for a PDF we rendered ourselves
    top = G.MARGIN_TOP_MM * 72 / 25.4 - 2
    bottom = (G.MARGIN_TOP_MM + G.TYPE_AREA_HEIGHT_MM) * 72 / 25.4 + 2
    rows: dict[int, list[float]] = {}
    for line in root.iter("line"):
        y = float(line.get("yMin", 0))
        if top <= y <= bottom:
            key = round(y / 4)  # lines of one row share a baseline within a few points
            x0, x1 = float(line.get("xMin", 0)), float(line.get("xMax", 0))
            text = "".join(w.text or "" for w in line.iter("word"))
            span = rows.setdefault(key, [x0, x1, ""])
            span[0], span[1], span[2] = min(span[0], x0), max(span[1], x1), span[2] + text
    # Width in grid characters (15.79 pt). A full-width punctuation mark that ends a full line hangs into the
    # margin (标点溢出边界, on by default in Word, WPS and LibreOffice for Chinese): it takes no cell.
    widths = []
    for x0, x1, text in rows.values():
        cells = (x1 - x0) / G.CHAR_PITCH_PT
        if text and text[-1] in HANGING and cells > G.CHARS_PER_LINE:
            cells -= 1
        widths.append(cells)
    widest = max(widths, default=0.0)
    return len(rows), round(widest, 2)
