"""The DOCX package as the agency issues it: nothing of python-docx's template left behind.

Contract: `finish_package(doc, author=…, on=…)` drops the template's thumbnail, customXml item and
stylesWithEffects part, replaces its app.xml ("Microsoft Macintosh Word", a 2013 template) with our own, and
sets the core properties to the agency and the given day (created = modified = that day, revision 1).
"""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT

APPLICATION = "安监计划"
_DROPPED = (
    RT.THUMBNAIL,
    RT.CUSTOM_XML,
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
)
_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Template></Template><TotalTime>0</TotalTime><Application>{application}</Application>"
    "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><Company>{company}</Company>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>1.0</AppVersion></Properties>"
)


def finish_package(
    doc: DocxDocument, *, author: str, on: dt.date, title: str = "", subject: str = ""
) -> None:
    package = doc.part.package
    for rels in (package.rels, doc.part.rels):
        for r_id, rel in list(rels.items()):
            if rel.reltype in _DROPPED:
                rels.pop(r_id)
    app = package.rels.part_with_reltype(RT.EXTENDED_PROPERTIES)
    app._blob = _APP_XML.format(application=APPLICATION, company=escape(author)).encode()
    props = doc.core_properties
    moment = dt.datetime(on.year, on.month, on.day, tzinfo=dt.UTC)
    props.created = props.modified = moment
    props.author = props.last_modified_by = author
    props.title = title or props.title
    props.subject = subject or props.subject
    props.comments = ""
    props.category = ""
    props.revision = 1
