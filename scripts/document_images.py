"""Rendered pages of the two samples' plan documents for docs/images (first page, first annex page, 版记 page).

Builds both sample bureaus in a throw-away SQLite database, compiles, schedules and exports their plans, renders
each DOCX with LibreOffice as it is shipped and writes docs/images/{lvliang,xia}-{first,annex,imprint}.png.

Run: .venv/bin/python scripts/document_images.py   (needs LibreOffice: scripts/install_libreoffice.sh)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
HOME = tempfile.mkdtemp(prefix="anjian-images-")
os.environ["ANJIAN_HOME"] = HOME
os.environ["ANJIAN_DATABASE_URL"] = f"sqlite:///{HOME}/images.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anjian.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from anjian.documents.previews import sample_previews  # noqa: E402
from anjian.plans import services  # noqa: E402
from anjian.plans.exports import plan_export  # noqa: E402
from anjian.plans.scheduling import plan_schedule  # noqa: E402
from anjian.registry.samples import SAMPLES_DIR, load_sample  # noqa: E402

SAMPLES = (("lvliang-2024", 2024, "lvliang"), ("xia-2025", 2025, "xia"))


def main() -> None:
    call_command("migrate", interactive=False, verbosity=0)
    for name, year, prefix in SAMPLES:
        agency = load_sample(name)
        services.plan_configure(agency=agency, year=year, path=SAMPLES_DIR / name / "plan.toml")
        version = services.plan_compile(agency=agency, year=year, by="文档截图")
        plan_schedule(version=version, time_limit_s=20)
        (docx,) = plan_export(version=version, out_dir=Path(HOME) / prefix, formats=("docx",), final=True)
        for path in sample_previews(docx.read_bytes(), ROOT / "docs" / "images", prefix):
            print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
