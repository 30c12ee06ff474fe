"""Font names written into the documents and their documented LibreOffice stand-ins (docs/business-rules.md §10)."""

import io
import re
import shutil
import warnings
import zipfile
from xml.etree import ElementTree

import pytest

from anjian.documents import fonts


def test_alias_file_maps_every_gb_font_to_its_documented_fallbacks():
    root = ElementTree.parse(fonts.ALIAS_FILE).getroot()
    aliases = {}
    for alias in root.iter("alias"):
        name = alias.find("family").text
        aliases[name] = tuple(f.text for f in alias.find("prefer").iter("family"))
    for name, fallbacks in fonts.FALLBACKS.items():
        assert aliases[name] == fallbacks


def test_documents_name_only_the_fonts_word_and_wps_users_have(plan_bytes):
    xml = b"".join(
        zipfile.ZipFile(io.BytesIO(plan_bytes)).read(n) for n in ("word/styles.xml", "word/document.xml")
    )
    named = set(re.findall(r'w:eastAsia="([^"]+)"', xml.decode()))
    named -= {"zh-CN"}  # w:lang uses the same attribute name
    assert named <= set(fonts.GB_FONTS)
    assert {fonts.FANGSONG, fonts.KAITI, fonts.XIAOBIAOSONG, fonts.HEITI, fonts.SONGTI} <= named


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig (fc-match) not installed")
def test_missing_gb_fonts_resolve_to_a_documented_stand_in_with_a_warning():
    fonts.resolve_fonts.cache_clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            choices = fonts.resolve_fonts()
        except fonts.FontMissingError as exc:
            pytest.skip(f"CJK fonts not installed: {exc}")
    for choice in choices:
        if choice.substituted:
            assert choice.used in fonts.FALLBACKS[choice.requested]
    messages = {str(w.message) for w in caught if issubclass(w.category, fonts.FontFallbackWarning)}
    assert messages == {
        fonts.FONT_FALLBACK.format(requested=c.requested, used=c.used) for c in choices if c.substituted
    }
