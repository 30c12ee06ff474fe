"""The one shape of every import problem, and the Chinese message templates tests import.

Every problem — a bad cell, a missing column, an unreadable file — is a `RowError` with a `code`, the file,
the row (the spreadsheet's own row number; 0 when the whole file is concerned), the column as the file
names it, and a Chinese sentence built from one of the templates below. Warnings have the same shape.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

AT = "{file} 第 {row} 行「{column}」："

IMPORT_REQUIRED = AT + "必填，不能为空"
IMPORT_TOO_LONG = AT + "内容超过 {max_length} 个字符"
IMPORT_USCC_INVALID = AT + "统一社会信用代码「{value}」无效：{problem}"
IMPORT_USCC_CHECK_FAILED = (
    AT + "统一社会信用代码「{value}」未通过校验：{problem}；如确为早期赋码，请在「校验未通过说明」列写明原因"
)
IMPORT_USCC_OVERRIDDEN = (
    AT + "统一社会信用代码「{value}」未通过校验（{problem}），已按校验未通过说明接受：{reason}"
)
IMPORT_USCC_WARNING = AT + "统一社会信用代码「{value}」：{problem}"
# The other agency is not named: a user may not learn which bureau outside their own tree supervises a unit.
IMPORT_USCC_OTHER_AGENCY = (
    AT + "统一社会信用代码「{value}」已由其他部门登记，不能导入本单位（如确属本单位监管，请与上级部门核实）"
)
IMPORT_DUPLICATE = AT + "「{value}」与第 {first_row} 行重复"
IMPORT_DUPLICATE_OTHER_SHEET = AT + "「{value}」与「{other_file}」第 {first_row} 行重复"
IMPORT_DATE_ORDER = AT + "终止日期 {valid_to} 早于起始日期 {valid_from}"
IMPORT_UNKNOWN_INDUSTRY = AT + "无法识别的行业领域「{value}」，可填：{choices}"
IMPORT_UNKNOWN_OFFICE = AT + "本单位没有名为「{value}」的股室/科室/执法队（请先导入股室，或把此名称加为别名）"
IMPORT_UNKNOWN_AGENCY = (
    AT + "「{value}」不是{agency}或其下级应急管理部门（填写部门全称或代号，留空则为{agency}）"
)
IMPORT_BAD_DATE = AT + "无法识别的日期「{value}」，应写作 2024-01-31 或 2024年1月31日"
IMPORT_FUTURE_DATE = AT + "日期 {value} 晚于 {limit}，此处应填已经发生（或一年内确定发生）的日期"
IMPORT_NUMBER_TOO_LARGE = AT + "数值「{value}」超出可记录的范围（最大 {limit}）"
IMPORT_BAD_CLASS = AT + "分类「{value}」应为 A、B、C、D 之一"
IMPORT_BAD_CHOICE = AT + "无法识别的值「{value}」，可填：{choices}"
IMPORT_BAD_QUARTERS = AT + "无法识别的检查时间「{value}」，应写作“第二、四季度”“第一季度”或“全年”"
IMPORT_BAD_BOOL = AT + "应填“是”或“否”，实际为「{value}」"
IMPORT_BAD_NUMBER = AT + "应为非负整数，实际为「{value}」"
IMPORT_BAD_REGION = AT + "行政区划代码应为 6 位数字（GB/T 2260），实际为「{value}」"
IMPORT_UNKNOWN_ENTERPRISE = AT + "本文件和本单位名录中都没有统一社会信用代码或名称为「{value}」的单位"
IMPORT_AMBIGUOUS_ENTERPRISE = AT + "名称「{value}」对应多个单位，请改填统一社会信用代码"
IMPORT_SELF_PARENT = AT + "单位不能以自己为所属煤矿"
IMPORT_CERTIFICATE_TAKEN = AT + "执法证号「{value}」已属于「{agency}」的「{other}」"
IMPORT_CERTIFICATE_REQUIRED = AT + "参加执法的人员须有执法证号（未取证的请填“否”并写明不参加原因）"
IMPORT_EXCLUSION_CONFLICT = AT + "填写了不参加执法原因「{value}」，但「是否参加执法」为“是”"
IMPORT_ALIAS_IS_OTHER_NAME = AT + "别名「{value}」是另一个股室的名称"
IMPORT_INVALID_VALUE = AT + "{problem}"
IMPORT_UNCACHED_FORMULA = (
    AT + "单元格是公式，但文件里没有保存计算结果（由程序生成、未经 Excel/WPS 打开保存的文件常见）；"
    "请在 Excel 或 WPS 中打开并保存后重新导入"
)
IMPORT_MISSING_COLUMN = AT + "缺少必需的列（可用的列名：{synonyms}）"
IMPORT_DUPLICATE_COLUMN = AT + "与「{other}」是同一项内容（{label}），只能保留一列"
IMPORT_COLUMN_IGNORED = AT + "未识别的列，已忽略"
IMPORT_NO_HEADER = "{file}：前 {scan} 行中找不到表头（应含以下列名中的至少两个：{expected}）"
IMPORT_SHEET_SKIPPED = "{file}：没有可识别的表头，已跳过此工作表"
IMPORT_NO_ROWS = "{file}：没有数据行"
IMPORT_UNREADABLE = "{file}：无法读取（{reason}）"
IMPORT_UNSUPPORTED_FORMAT = "{file}：不支持的文件类型「{suffix}」，请使用 .xlsx 或 .csv（WPS/Excel 可另存为）"


@dataclass(frozen=True)
class RowError:
    """One import problem. `row`: the sheet's row number (header row for column problems, 0 for the file)."""

    code: str
    file: str
    row: int
    column: str
    message: str
    sheet: str = ""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def row_error(
    code: str, template: str, *, file: str, row: int, column: str = "", sheet: str = "", **values: object
) -> RowError:
    """Build a RowError whose message is `template` filled with the location and `values`."""
    message = template.format(file=file, row=row, column=column, **values)
    return RowError(code=code, file=file, row=row, column=column, message=message, sheet=sheet)


class ImportFileError(Exception):
    """The file as a whole cannot be read; carries the RowError(s) to report."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("；".join(e.message for e in errors))


def duplicate_error(
    file: str, sheet: str, row: int, column: str, value: str, first_file: str, first_row: int
) -> RowError:
    if first_file == file:
        return row_error(
            "import_duplicate_in_file",
            IMPORT_DUPLICATE,
            file=file,
            row=row,
            column=column,
            sheet=sheet,
            value=value,
            first_row=first_row,
        )
    return row_error(
        "import_duplicate_in_file",
        IMPORT_DUPLICATE_OTHER_SHEET,
        file=file,
        row=row,
        column=column,
        sheet=sheet,
        value=value,
        other_file=first_file,
        first_row=first_row,
    )
