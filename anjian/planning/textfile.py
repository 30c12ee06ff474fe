"""Decoding the text files bureaus hand us (TOML, CSV): UTF-8 with or without BOM, UTF-16 with a BOM, or
GB18030 (GBK) as saved by Chinese Excel/WPS and Notepad. Anything else is refused with a Chinese sentence."""

from __future__ import annotations

import codecs
import re
import tomllib
from collections.abc import Callable
from typing import Any

TEXT_UNDECODABLE = (
    "{file}：无法识别文件的文字编码（应为 UTF-8、UTF-16 或 GBK/GB18030），请用记事本或 WPS 另存为 UTF-8"
)
TEXT_BINARY = "{file}：不是文本文件（含有二进制内容），请确认选对了文件"

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class TextFileError(ValueError):
    """The bytes are not text we can read (encoding, TOML syntax); the message is Chinese and names the file."""


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 saved without a BOM: every other byte of ASCII text is NUL."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    for zeros, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros > half * 0.3:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def decode_text(data: bytes, *, file: str) -> tuple[str, str]:
    """(text, encoding name) of `data`; raises TextFileError (Chinese, naming `file`) when no accepted
    encoding reads it. A BOM decides; NUL bytes mean UTF-16 without a BOM; then UTF-8, then GB18030."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as e:
                raise TextFileError(TEXT_UNDECODABLE.format(file=file)) from e
    if b"\x00" in data:  # UTF-16 without a BOM, or not text at all
        text16 = _bomless_utf16(data)
        if text16 is None or "\x00" in text16:
            raise TextFileError(TEXT_BINARY.format(file=file))
        return text16, "utf-16"
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise TextFileError(TEXT_UNDECODABLE.format(file=file))


TOML_SYNTAX = "{file} 第 {line} 行第 {column} 列：TOML 格式错误（{reason}）"
TOML_SYNTAX_NO_PLACE = "{file}：TOML 格式错误（{reason}）"
_TOML_REASONS = (
    ("Expected '=' after a key", "键后面应有等号 ="),
    ("Expected ']' at the end of a table", "表名后缺少 ]"),
    ("Expected ']]' at the end of an array", "数组表名后缺少 ]]"),
    ("Expected newline or end of document", "一行只能写一项，值后面应换行"),
    ("Expected", "缺少应有的符号"),
    ("Cannot declare", "同一个表声明了两次"),
    ("Cannot overwrite a value", "同一个键写了两次"),
    ("Cannot mutate immutable namespace", "不能修改已写定的值"),
    ("Cannot redefine namespace", "同一个表声明了两次"),
    ("Duplicate inline table key", "行内表中同一个键写了两次"),
    ("Escaped character", "转义字符无效"),
    ("Found invalid character", "有无效字符"),
    ("Illegal character", "字符串中有不允许的控制字符"),
    ("Invalid date or datetime", "日期或时间无效"),
    ("Invalid hex value", "十六进制值无效"),
    ("Invalid initial character for a key part", "键名的首字符无效（中文键名须用英文引号括起）"),
    ("Invalid statement", "无法识别的语句"),
    ("Invalid value", "值无效（文字须用英文双引号括起）"),
    ("Unclosed array", "方括号 [ 没有闭合"),
    ("Unclosed inline table", "花括号 { 没有闭合"),
    ("Unescaped '\\'", "字符串中的反斜杠 \\ 须写作 \\\\"),
    ("Unterminated string", "引号没有闭合"),
)


def toml_error_text(error: Exception, *, file: str) -> str:
    """A tomllib.TOMLDecodeError as a Chinese sentence with the file, line and column."""
    text = str(error)
    reason = next((zh for en, zh in _TOML_REASONS if text.startswith(en)), "无法解析")
    place = re.search(r"\(at line (\d+), column (\d+)\)", text)
    if place:
        return TOML_SYNTAX.format(file=file, line=place[1], column=place[2], reason=reason)
    return TOML_SYNTAX_NO_PLACE.format(file=file, reason=reason)


def read_toml_text(data: bytes, *, file: str, parse_float: Callable[[str], Any] = float) -> dict[str, Any]:
    """Bytes of a TOML file → mapping; encodings as `decode_text`; every failure a TextFileError in Chinese."""
    text, _ = decode_text(data, file=file)
    try:
        return tomllib.loads(text, parse_float=parse_float)
    except tomllib.TOMLDecodeError as e:
        raise TextFileError(toml_error_text(e, file=file)) from None
