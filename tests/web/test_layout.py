"""The workbench's areas keep their own templates under the shared names web/<page>.html: no name twice."""

from collections import Counter
from pathlib import Path

from django.template.loader import get_template

WEB = Path(__file__).resolve().parents[2] / "anjian" / "web"


def template_names() -> list[str]:
    return [p.relative_to(d).as_posix() for d in WEB.glob("**/templates") for p in d.rglob("*.html")]


def test_no_template_name_is_defined_by_two_areas():
    assert [name for name, n in Counter(template_names()).items() if n > 1] == []


def test_every_areas_template_is_found_under_its_name():
    files = {p.relative_to(d).as_posix(): p for d in WEB.glob("**/templates") for p in d.rglob("*.html")}
    assert {
        "web/base.html",
        "web/plan_rules.html",
        "web/exec_base.html",
        "web/import.html",
        "web/login.html",
    } <= set(files)
    for name, path in files.items():
        assert Path(get_template(name).origin.name) == path
