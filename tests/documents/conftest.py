"""Fixtures for the document tests: the snapshot of the Lüliang 2024 plan and what the writers make of it.

The PDF fixture needs LibreOffice and poppler (scripts/install_libreoffice.sh); without them the tests that
use
it are skipped with that reason.
"""

from __future__ import annotations

import io
import warnings

import pytest
from docx import Document
from openpyxl import load_workbook

from anjian.documents import render
from anjian.documents.fonts import FontFallbackWarning
from anjian.documents.plan_docx import plan_docx
from anjian.documents.tables_xlsx import tables_xlsx
from tests.documents.factories import luliang_snapshot

NEEDS_LIBREOFFICE = "LibreOffice/poppler not installed: run scripts/install_libreoffice.sh"


@pytest.fixture(scope="session")
def luliang():
    return luliang_snapshot()


@pytest.fixture(scope="session")
def plan_bytes(luliang) -> bytes:
    return plan_docx(luliang)


@pytest.fixture(scope="session")
def plan_document(plan_bytes):
    return Document(io.BytesIO(plan_bytes))


@pytest.fixture(scope="session")
def workbook(luliang):
    return load_workbook(io.BytesIO(tables_xlsx(luliang)))


@pytest.fixture(scope="session")
def plan_pdf(plan_bytes) -> bytes:
    if not (render.soffice_available() and render.poppler_available()):
        pytest.skip(NEEDS_LIBREOFFICE)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FontFallbackWarning)  # documented stand-ins; test_fonts checks them
        return render.docx_to_pdf(plan_bytes)
