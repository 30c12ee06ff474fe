"""The plan-settings form: what a bureau decides before compiling (title, basis, draw sizes and offices, files)."""

from __future__ import annotations

import re
from dataclasses import asdict, replace
from pathlib import Path

from django import forms

from anjian.planning.doc_number import check_doc_number
from anjian.planning.workdays.files import load_sheets
from anjian.planning.workdays.inputs import SheetInputError
from anjian.planning.workdays.reader import includes_of, parse_toml
from anjian.plans.config import GeneralSector, PlanConfig
from anjian.plans.sectors import BY_LABEL
from anjian.registry.importing.errors import ImportFileError
from anjian.registry.samples import read_key_arrangement

SECTOR_LABELS = tuple(sorted(BY_LABEL, key=lambda label: BY_LABEL[label].order))
SPLIT_ITEMS = re.compile(r"[，,；;、\n]+")
ITEM = re.compile(r"^\s*(?P<office>.+?)\s*[:：]?\s*(?P<units>\d+)?\s*$")

OFFICES_UNKNOWN = "{sector}：「{office}」不是本局的股室/科室或执法队（本局有：{known}）"
OFFICES_TOO_MANY = "{sector}：各责任单位分配 {given} 户，多于抽取户数 {units} 户"
OFFICES_MISSING = "{sector}：抽取 {units} 户，须写明责任单位"
OFFICES_NEED_UNITS = "{sector}：「{office}」须写明户数（只有最后一个责任单位可以不写，承担其余户数）"
FILE_SUFFIX = "{file}：只支持 {suffixes} 文件"
WORKDAYS_BAD = "工作日测算表有误：{problems}"
ARRANGEMENT_BAD = "重点检查安排表有误：{problems}"
YEAR_RANGE = "年度应在 {low}—{high} 之间"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class PlanSettingsForm(forms.Form):
    year = forms.IntegerField(label="年度")
    title = forms.CharField(label="计划标题", max_length=200)
    doc_number = forms.CharField(
        label="发文字号", max_length=40, required=False, help_text="印发时填写，如：夏应急发〔2025〕6号"
    )
    recipients = forms.CharField(label="主送机关", max_length=300, required=False)
    issue_date = forms.DateField(label="成文日期", required=False)
    basis_docs = forms.CharField(
        label="编制依据", required=False, widget=forms.Textarea(attrs={"rows": 5}), help_text="每行一个文件名称，如：《安全生产法》"
    )  # fmt: skip
    share_base = forms.ChoiceField(
        label="重点/一般占比按", choices=[("visits", "检查次数"), ("workdays", "监督检查工作日")]
    )
    share_decimals = forms.IntegerField(
        label="占比保留小数位数",
        min_value=0,
        max_value=3,
        initial=1,
        required=False,
        help_text="四舍五入；不填为 1",
    )
    required_visits = forms.IntegerField(
        label="应检查户次",
        min_value=0,
        required=False,
        help_text="填写后计算并打印覆盖率；低于 100% 时审查提示",
    )
    general_mode = forms.ChoiceField(
        label="一般检查单位", choices=[("draw", "“双随机”抽取"), ("all", "全部列入（不抽取）")]
    )
    key_arrangement = forms.FileField(
        label="重点检查安排表（.xlsx/.csv，可选）", required=False,
        help_text="列：行业、序号、企业名称、责任单位、配合单位、检查时间、备注；不上传则沿用已有的安排表",
    )  # fmt: skip
    workday_files = MultipleFileField(
        label="工作日测算表（.toml/.xlsx，可多选，可选）", required=False,
        help_text="互相引用（includes）的文件一起上传；不上传则沿用已有的测算表",
    )  # fmt: skip

    def __init__(
        self,
        *args,
        offices: list[str],
        years: tuple[int, int],
        creating: bool,
        doc_prefix: str = "",
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.offices, self.years, self.doc_prefix = offices, years, doc_prefix
        if not creating:
            self.fields["year"].disabled = True
        for i, label in enumerate(SECTOR_LABELS):
            self.fields[f"units_{i}"] = forms.IntegerField(label=label, min_value=0, required=False)
            self.fields[f"offices_{i}"] = forms.CharField(
                label=f"{label}责任单位", required=False, max_length=300
            )

    def sector_rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [(label, self[f"units_{i}"], self[f"offices_{i}"]) for i, label in enumerate(SECTOR_LABELS)]

    def clean_year(self) -> int:
        year, (low, high) = self.cleaned_data["year"], self.years
        if not low <= year <= high:
            raise forms.ValidationError(YEAR_RANGE.format(low=low, high=high))
        return year

    def clean(self) -> dict:
        data = super().clean()
        if data.get("doc_number") and data.get("year"):
            # The same check as `anjian plan configure`: year, the agency's 发文机关代字, serial, 〔〕.
            checked = check_doc_number(data["doc_number"], year=data["year"], prefix=self.doc_prefix)
            for _, message in checked.errors:
                self.add_error("doc_number", message)
            if checked.number and not checked.errors:
                data["doc_number"] = checked.number.text
        sectors = []
        for i, label in enumerate(SECTOR_LABELS):
            units, text = data.get(f"units_{i}") or 0, (data.get(f"offices_{i}") or "").strip()
            if not units:
                continue
            split = self._offices(label, units, text, f"offices_{i}")
            if split is not None:
                sectors.append(GeneralSector(label, units, split))
        data["general"] = tuple(sectors)
        return data

    def _offices(self, sector: str, units: int, text: str, field: str) -> tuple[tuple[str, int], ...] | None:
        """「科室 5，执法支队」→ ((科室, 5), (执法支队, rest)); the last office takes what is left."""
        items = [m for part in SPLIT_ITEMS.split(text) if part.strip() and (m := ITEM.match(part))]
        if not items:
            self.add_error(field, OFFICES_MISSING.format(sector=sector, units=units))
            return None
        split = []
        for n, m in enumerate(items):
            office = m["office"].strip()
            if office not in self.offices:
                known = "、".join(self.offices) or "无"
                self.add_error(field, OFFICES_UNKNOWN.format(sector=sector, office=office, known=known))
                return None
            if m["units"]:
                given = int(m["units"])
            elif n == len(items) - 1:
                given = units - sum(u for _, u in split)
            else:
                self.add_error(field, OFFICES_NEED_UNITS.format(sector=sector, office=office))
                return None
            split.append((office, given))
        if (total := sum(u for _, u in split)) > units:
            self.add_error(field, OFFICES_TOO_MANY.format(sector=sector, given=total, units=units))
            return None
        return tuple(split)

    @classmethod
    def initial_from(cls, year: int, config: PlanConfig) -> dict:
        initial = {
            "year": year, "title": config.title, "doc_number": config.doc_number, "recipients": config.recipients,
            "issue_date": config.issue_date or None, "basis_docs": "\n".join(config.basis_docs),
            "share_base": config.share_base, "general_mode": config.general_mode,
            "share_decimals": config.share_decimals, "required_visits": config.required_visits,
        }  # fmt: skip
        for sector in config.general:
            if sector.stratum in SECTOR_LABELS:
                i = SECTOR_LABELS.index(sector.stratum)
                initial[f"units_{i}"] = sector.units
                initial[f"offices_{i}"] = "，".join(f"{o} {n}" for o, n in sector.offices)
        return initial


def _saved(upload, folder: Path, suffixes: tuple[str, ...]) -> Path:  # an UploadedFile
    name = Path(upload.name).name
    if Path(name).suffix.lower() not in suffixes:
        raise forms.ValidationError(FILE_SUFFIX.format(file=name, suffixes="、".join(suffixes)))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    with path.open("wb") as f:
        for chunk in upload.chunks():
            f.write(chunk)
    return path


def _roots(paths: list[Path]) -> list[Path]:
    """Included files are loaded through the file that includes them; only the others are sheets of the plan."""
    included = {
        (p.parent / name).resolve()
        for p in paths
        if p.suffix.lower() == ".toml"
        for name in includes_of(parse_toml(p.read_text("utf-8"), file=p.name))
    }
    return [p for p in paths if p.resolve() not in included]


def config_from(form: PlanSettingsForm, previous: PlanConfig, folder: Path) -> PlanConfig:
    """The form's decisions over the previous settings; uploaded files are kept in `folder` and checked.

    Raises forms.ValidationError (with the file's own row/field messages) when an uploaded file cannot be used."""
    data = form.cleaned_data
    config = replace(
        previous, title=data["title"], doc_number=data["doc_number"], recipients=data["recipients"],
        issue_date=str(data["issue_date"] or ""), share_base=data["share_base"], general_mode=data["general_mode"],
        share_decimals=1 if data["share_decimals"] is None else data["share_decimals"],
        required_visits=data["required_visits"],
        basis_docs=tuple(line.strip() for line in data["basis_docs"].splitlines() if line.strip()),
        general=data["general"],
    )  # fmt: skip
    if upload := data.get("key_arrangement"):
        path = _saved(upload, folder / "key", (".xlsx", ".csv"))
        try:
            rows = read_key_arrangement(path)
        except ImportFileError as e:
            raise forms.ValidationError(
                ARRANGEMENT_BAD.format(problems="；".join(x.message for x in e.errors))
            ) from e
        config = replace(config, key_arrangement=tuple(asdict(r) for r in rows))
    if uploads := data.get("workday_files"):
        paths = [_saved(u, folder / "workdays", (".toml", ".xlsx")) for u in uploads]
        try:
            roots = _roots(paths)
            load_sheets(roots)
        except SheetInputError as e:
            raise forms.ValidationError(
                WORKDAYS_BAD.format(problems="；".join(p.message for p in e.problems))
            ) from e
        config = replace(config, workday_files=tuple(str(p) for p in roots))
    return config
