"""Font names of GB/T 9704 documents and what stands in for them when a machine lacks them.

Contract:
- The DOCX always names the fonts that Word/WPS users in Chinese government offices have (`FANGSONG`, `KAITI`,
  `XIAOBIAOSONG`, `HEITI`, `SONGTI`); this never depends on the machine that writes the file.
- Rendering here (LibreOffice → PDF) resolves each name through fontconfig with the alias file shipped in
  `fontconfig/65-anjian-gbt9704.conf`. `FALLBACKS` is the documented substitution, in order of preference; a
  test
  keeps it equal to the alias file.
- `resolve_fonts()` reports, per name, the family that will really draw it. A documented stand-in is a
  `FontFallbackWarning` (code `font.fallback`); no usable family at all is an error (code `font.missing`),
  because
  LibreOffice would then draw boxes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FANGSONG = "仿宋_GB2312"
KAITI = "楷体_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
SONGTI = "宋体"

GB_FONTS = (FANGSONG, KAITI, XIAOBIAOSONG, HEITI, SONGTI)

FALLBACKS: dict[str, tuple[str, ...]] = {
    FANGSONG: ("Noto Serif CJK SC", "AR PL UMing CN"),
    KAITI: ("AR PL UKai CN", "Noto Serif CJK SC"),
    XIAOBIAOSONG: ("Noto Serif CJK SC", "AR PL UMing CN"),
    HEITI: ("Noto Sans CJK SC",),
    SONGTI: ("Noto Serif CJK SC", "AR PL UMing CN"),
}

ALIAS_FILE = Path(__file__).with_name("fontconfig") / "65-anjian-gbt9704.conf"

FONT_FALLBACK = "字体“{requested}”未安装，渲染时以“{used}”代替（见 anjian/documents/fontconfig）。"
FONT_MISSING = (
    "字体“{requested}”及其替代字体（{fallbacks}）均未安装，渲染将出现方框；"
    "请运行 scripts/install_libreoffice.sh。"
)


class FontFallbackWarning(UserWarning):
    """A GB/T 9704 font is drawn with its documented stand-in (code `font.fallback`)."""

    code = "font.fallback"


class FontMissingError(RuntimeError):
    """Neither a GB/T 9704 font nor any documented stand-in is installed (code `font.missing`)."""

    code = "font.missing"


@dataclass(frozen=True)
class FontChoice:
    requested: str
    used: str
    substituted: bool


def fontconfig_env() -> dict[str, str]:
    """Environment for fontconfig clients (fc-match, soffice): the system config plus our aliases."""
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(_fonts_conf())
    return env


@cache
def _fonts_conf() -> Path:
    # A private fonts.conf that includes the system one (with its cache directories) and then our alias file:
    # works without root and without the system-wide copy that scripts/install_libreoffice.sh also makes.
    import tempfile

    folder = Path(tempfile.gettempdir()) / f"anjian-fontconfig-{os.getuid()}"
    folder.mkdir(exist_ok=True)
    conf = folder / "fonts.conf"
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f'  <include ignore_missing="yes">{ALIAS_FILE}</include>\n'
        "</fontconfig>\n"
    )
    if not conf.exists() or conf.read_text(encoding="utf-8") != text:
        conf.write_text(text, encoding="utf-8")
    return conf


def _fc_match(name: str) -> str:
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return ""
    out = subprocess.run(  # noqa: S603 - fixed binary, our own argument
        [fc_match, "-f", "%{family[0]}", name],
        capture_output=True,
        text=True,
        env=fontconfig_env(),
        check=False,
    )
    return out.stdout.strip()


@cache
def resolve_fonts() -> tuple[FontChoice, ...]:
    """The family that draws each GB/T 9704 font here; warns per substitution, raises when one has none."""
    choices = []
    for name in GB_FONTS:
        used = _fc_match(name)
        if used == name:
            choices.append(FontChoice(name, used, substituted=False))
        elif used in FALLBACKS[name]:
            warnings.warn(FONT_FALLBACK.format(requested=name, used=used), FontFallbackWarning, stacklevel=2)
            choices.append(FontChoice(name, used, substituted=True))
        else:
            raise FontMissingError(FONT_MISSING.format(requested=name, fallbacks="、".join(FALLBACKS[name])))
    return tuple(choices)


def rendering_families() -> frozenset[str]:
    """Every family that may legitimately appear in a PDF rendered from our documents."""
    return frozenset(GB_FONTS) | frozenset(f for fs in FALLBACKS.values() for f in fs)
