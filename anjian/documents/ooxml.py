"""Small WordprocessingML edits python-docx has no API for, inserted in schema order so Word opens them."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.parfmt import CT_PPr

# ECMA-376 order of pPr children (python-docx keeps this list private).
_PPR_ORDER = (
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def insert_in_order(parent, el, successors) -> None:
    """Insert `el` before the first child whose tag is in `successors` (or append)."""
    names = {qn(t) for t in successors}
    for child in parent:
        if child.tag in names:
            child.addprevious(el)
            return
    parent.append(el)


def ppr_child(ppr: CT_PPr, tag: str):
    """The `tag` child of a paragraph's pPr (e.g. "w:snapToGrid"), created in schema order if absent."""
    found = ppr.find(qn(tag))
    if found is not None:
        return found
    el = OxmlElement(tag)
    insert_in_order(ppr, el, _PPR_ORDER[_PPR_ORDER.index(tag) + 1 :])
    return el


def no_snap_to_grid(ppr: CT_PPr) -> None:
    """Let a paragraph keep its own line height inside a section with a document grid."""
    ppr_child(ppr, "w:snapToGrid").set(qn("w:val"), "0")


def paragraph_border(ppr: CT_PPr, side: str, *, color: str, size_eighths: int, space_pt: int = 1) -> None:
    """A line on one side ('top' / 'bottom') of a paragraph, e.g. the red separator under the 发文字号."""
    pbdr = ppr_child(ppr, "w:pBdr")
    edge = pbdr.find(qn(f"w:{side}"))
    if edge is None:
        edge = OxmlElement(f"w:{side}")
        # pBdr children order: top, left, bottom, right, between, bar.
        order = ["w:top", "w:left", "w:bottom", "w:right", "w:between", "w:bar"]
        insert_in_order(pbdr, edge, order[order.index(f"w:{side}") + 1 :])
    edge.set(qn("w:val"), "single")
    edge.set(qn("w:sz"), str(size_eighths))
    edge.set(qn("w:space"), str(space_pt))
    edge.set(qn("w:color"), color)


_TBLPR_ORDER = (
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
)


def tbl_pr_child(tbl_pr, tag: str):
    """The `tag` child of a table's tblPr, replaced by a fresh element at its schema position."""
    for old in tbl_pr.findall(qn(tag)):
        tbl_pr.remove(old)
    el = OxmlElement(tag)
    insert_in_order(tbl_pr, el, _TBLPR_ORDER[_TBLPR_ORDER.index(tag) + 1 :])
    return el
