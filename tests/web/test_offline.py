"""The workbench works offline: no template or static file loads anything from another host."""

import re
from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parents[2] / "anjian" / "web"
TEMPLATES = sorted(WEB.glob("**/templates/**/*.html"))
OWN_STATIC = sorted(
    p for p in (WEB / "static").rglob("*") if p.suffix in {".css", ".js"} and "vendor" not in p.parts
)
VENDORED = sorted((WEB / "static" / "web" / "vendor").glob("*.js"))
ANY_URL = re.compile(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", re.I)
# A vendored library may name its home page in a comment; what matters is that it never loads from a host.
LOADING = re.compile(
    r"""(src\s*=|href\s*=|url\(|@import|import\s*\(|fetch\(|\.open\()\s*["']?(https?:)?//""", re.I
)


@pytest.mark.parametrize("path", TEMPLATES + OWN_STATIC, ids=lambda p: p.name)
def test_template_and_own_static_file_has_no_external_url(path):
    assert not ANY_URL.search(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", VENDORED, ids=lambda p: p.name)
def test_vendored_library_loads_nothing_from_another_host(path):
    assert not LOADING.search(path.read_text(encoding="utf-8"))


def test_htmx_and_chart_library_are_vendored_with_their_licences():
    names = {p.name for p in (WEB / "static" / "web" / "vendor").iterdir()}
    assert {"htmx.min.js", "htmx.LICENSE", "chart.umd.min.js", "chart.js.LICENSE.md"} <= names
