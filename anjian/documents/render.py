"""Rendering our DOCX/XLSX to PDF and PNG with LibreOffice and poppler, for checks and previews only.

Contract:
- `soffice_available()` / `poppler_available()` tell whether the tools are installed (tests skip otherwise).
- `docx_to_pdf(data)` converts with `soffice --headless --convert-to pdf`, using our fontconfig aliases
  (fonts.fontconfig_env) and a *render copy* of the DOCX: LibreOffice puts a 16 pt character into two 15.79 pt
  cells of a "linesAndChars" grid (14 characters a line), whereas Word and WPS narrow the pitch to give 28.
  The
  copy declares a line grid and narrows every character by 0.25 pt instead (28 characters a line, as in Word);
  the shipped DOCX keeps the GB/T 9704 grid untouched.
- Every function raises `RenderError` (code `render.failed`) with the tool's message when a tool fails.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from anjian.documents.fonts import fontconfig_env, resolve_fonts

RENDER_FAILED = "渲染失败（{tool}）：{detail}"
SOFFICE_TIMEOUT_S = 180
# −0.25 pt per character: 16 − 0.25 = 15.75 pt, so 28 characters take 441 pt of the 442.2 pt line.
RENDER_TRACKING_TWIPS = -5


class RenderError(RuntimeError):
    code = "render.failed"


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def soffice_available() -> bool:
    return soffice_path() is not None


def poppler_available() -> bool:
    return all(shutil.which(t) for t in ("pdffonts", "pdftotext", "pdftoppm", "pdfinfo"))


def libreoffice_render_copy(docx: bytes) -> bytes:
    """The DOCX with its character grid expressed the way LibreOffice lays out like Word (see module doc)."""
    src = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = re.sub(rb"<w:docGrid [^>]*/>", _line_grid, data)
            elif item.filename == "word/styles.xml":
                data = _track_normal_style(data)
            dst.writestr(item, data)
    return out.getvalue()


def _line_grid(match: re.Match[bytes]) -> bytes:
    """A linesAndChars docGrid as a plain line grid (same pitch, no character grid)."""
    grid = match.group(0)
    if b'"linesAndChars"' not in grid:
        return grid
    grid = re.sub(rb' w:charSpace="-?\d+"', b"", grid)
    return grid.replace(b'w:type="linesAndChars"', b'w:type="lines"')


def _track_normal_style(styles_xml: bytes) -> bytes:
    start = styles_xml.find(b'w:styleId="Normal"')
    rpr = styles_xml.find(b"<w:rPr>", start)
    if start < 0 or rpr < 0:
        return styles_xml
    spacing = f'<w:spacing w:val="{RENDER_TRACKING_TWIPS}"/>'.encode()
    # rPr children order: rStyle, rFonts, b, …, spacing (after color), w, kern, position, sz: put it before
    # w:sz.
    sz = styles_xml.find(b"<w:sz ", rpr)
    return styles_xml[:sz] + spacing + styles_xml[sz:]


def _run(args: list[str], *, tool: str, timeout: int = 120, env: dict | None = None) -> str:
    try:
        # Fixed tool names (soffice, poppler) and paths we created; no shell.
        done = subprocess.run(  # noqa: S603
            args, capture_output=True, text=True, timeout=timeout, env=env, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RenderError(RENDER_FAILED.format(tool=tool, detail=exc)) from exc
    if done.returncode != 0:
        raise RenderError(RENDER_FAILED.format(tool=tool, detail=done.stderr.strip() or done.returncode))
    return done.stdout


def office_to_pdf(data: bytes, suffix: str) -> bytes:
    """Convert DOCX/XLSX bytes to PDF bytes with LibreOffice (a private profile, so runs never collide)."""
    soffice = soffice_path()
    if soffice is None:
        raise RenderError(RENDER_FAILED.format(tool="soffice", detail="未安装 LibreOffice"))
    resolve_fonts()  # warns about stand-ins, raises when a font would render as boxes
    with tempfile.TemporaryDirectory(prefix="anjian-render-") as tmp:
        folder = Path(tmp)
        source = folder / f"document{suffix}"
        source.write_bytes(data)
        profile = (folder / "profile").as_uri()
        _run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(source),
            ],
            tool="soffice",
            timeout=SOFFICE_TIMEOUT_S,
            env=fontconfig_env(),
        )
        pdf = folder / "document.pdf"
        if not pdf.exists():
            raise RenderError(RENDER_FAILED.format(tool="soffice", detail="未生成 PDF"))
        return pdf.read_bytes()


def docx_to_pdf(docx: bytes) -> bytes:
    return office_to_pdf(libreoffice_render_copy(docx), ".docx")


def _with_pdf(pdf: bytes, args: list[str], tool: str) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        return _run(
            [shutil.which(tool) or tool, *args, f.name, *([] if tool == "pdffonts" else ["-"])], tool=tool
        )


def pdf_page_count(pdf: bytes) -> int:
    info = _pdfinfo(pdf)
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def _pdfinfo(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        return _run([shutil.which("pdfinfo") or "pdfinfo", f.name], tool="pdfinfo")


def pdf_fonts(pdf: bytes) -> list[dict[str, str]]:
    """pdffonts rows: name (subset prefix removed), type, embedded ('yes'/'no')."""
    out = _with_pdf(pdf, [], "pdffonts")
    rows = []
    for line in out.splitlines()[2:]:
        m = re.match(r"^(\S+)\s+(.+?)\s{2,}\S+\s+(yes|no)\s+(yes|no)\s+(yes|no)", line)
        if m:
            rows.append(
                {"name": m.group(1).split("+", 1)[-1], "type": m.group(2).strip(), "embedded": m.group(3)}
            )
    return rows


def pdf_text(
    pdf: bytes, *, first: int | None = None, last: int | None = None, layout: bool = False, bbox: bool = False
) -> str:
    """pdftotext's text of pages first…last (plain, -layout, or -bbox-layout XHTML)."""
    args = (
        (["-f", str(first)] if first else [])
        + (["-l", str(last)] if last else [])
        + (["-layout"] if layout else [])
        + (["-bbox-layout"] if bbox else [])
    )
    return _with_pdf(pdf, args, "pdftotext")


def pdf_page_png(pdf: bytes, page: int, *, dpi: int = 80) -> bytes:
    with tempfile.TemporaryDirectory(prefix="anjian-png-") as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        _run(
            [
                shutil.which("pdftoppm") or "pdftoppm",
                "-r",
                str(dpi),
                "-f",
                str(page),
                "-l",
                str(page),
                "-png",
                "-singlefile",
                str(src),
                str(Path(tmp) / "page"),
            ],
            tool="pdftoppm",
        )
        return (Path(tmp) / "page.png").read_bytes()
