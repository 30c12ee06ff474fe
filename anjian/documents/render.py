"""Rendering our DOCX/XLSX to PDF and PNG with LibreOffice and poppler, for checks and previews only.

Contract:
- `soffice_available()` / `poppler_available()` tell whether the tools are installed (tests skip otherwise).
- `docx_to_pdf(data)` converts the DOCX exactly as shipped with `soffice --headless --convert-to pdf`, using
  our fontconfig aliases (fonts.fontconfig_env): what a clerk sees in LibreOffice is what the checks see.
- Every function raises `RenderError` (code `render.failed`) with the tool's message when a tool fails.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from anjian.documents.fonts import fontconfig_env, resolve_fonts

RENDER_FAILED = "渲染失败（{tool}）：{detail}"
SOFFICE_TIMEOUT_S = 180


class RenderError(RuntimeError):
    code = "render.failed"


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def soffice_available() -> bool:
    return soffice_path() is not None


def poppler_available() -> bool:
    return all(shutil.which(t) for t in ("pdffonts", "pdftotext", "pdftoppm", "pdfinfo"))


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
    return office_to_pdf(docx, ".docx")


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
