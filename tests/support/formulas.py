"""Evaluate the few spreadsheet formulas intake writes, the way a spreadsheet would.

Enough of the formula language for ``IF``, ``COUNTIF`` (equal to a text), ``COUNTA``,
comparisons, cells and ranges: a test fills in the jury's columns and reads what the
formulas say, so a formula that points at the wrong column fails.
"""

from __future__ import annotations

import re
from typing import Any

from openpyxl.utils import column_index_from_string
from openpyxl.worksheet.worksheet import Worksheet

_TOKENS = re.compile(
    r'\s*(?:(?P<string>"(?:[^"]|"")*")|(?P<range>[A-Z]+[0-9]+:[A-Z]+[0-9]+)'
    r"|(?P<cell>[A-Z]+[0-9]+)(?![A-Z(])|(?P<name>[A-Z]+)(?=\()|(?P<number>[0-9]+)"
    r"|(?P<op>>=|<=|<>|[=<>(),]))"
)


def evaluate(sheet: Worksheet, coordinate: str) -> Any:
    """The value of a cell: its formula evaluated, or what it holds."""
    value = sheet[coordinate].value
    if isinstance(value, str) and value.startswith("=") and sheet[coordinate].data_type == "f":
        return _Formula(sheet, value[1:]).value()
    return value


def _tokens(text: str) -> list[tuple[str, str]]:
    found, position = [], 0
    while position < len(text):
        match = _TOKENS.match(text, position)
        if match is None or match.end() == position:
            raise ValueError(f"cannot read the formula at {text[position:]!r}")
        kind = match.lastgroup
        assert kind is not None
        found.append((kind, match.group(kind)))
        position = match.end()
    return found


class _Formula:
    def __init__(self, sheet: Worksheet, text: str):
        self.sheet = sheet
        self.tokens = _tokens(text)
        self.at = 0

    def value(self) -> Any:
        result = self._comparison()
        if self.at != len(self.tokens):
            raise ValueError(f"left over: {self.tokens[self.at :]}")
        return result

    def _take(self, wanted: str | None = None) -> tuple[str, str]:
        token = self.tokens[self.at]
        if wanted is not None and token[1] != wanted:
            raise ValueError(f"expected {wanted}, got {token}")
        self.at += 1
        return token

    def _comparison(self) -> Any:
        left = self._primary()
        if self.at < len(self.tokens) and self.tokens[self.at][1] in (">=", "<=", "=", "<>"):
            op = self._take()[1]
            right = self._primary()
            left, right = _comparable(left), _comparable(right)
            return {
                ">=": left >= right,
                "<=": left <= right,
                "=": left == right,
                "<>": left != right,
            }[op]
        return left

    def _primary(self) -> Any:
        kind, text = self._take()
        if kind == "string":
            return text[1:-1].replace('""', '"')
        if kind == "number":
            return int(text)
        if kind == "cell":
            return evaluate(self.sheet, text)
        if kind == "range":
            return self._cells(text)
        if kind == "name":
            return self._function(text)
        raise ValueError(f"unexpected {text!r}")

    def _arguments(self) -> list[Any]:
        self._take("(")
        arguments = [self._comparison()]
        while self.tokens[self.at][1] == ",":
            self._take(",")
            arguments.append(self._comparison())
        self._take(")")
        return arguments

    def _function(self, name: str) -> Any:
        arguments = self._arguments()
        if name == "IF":
            condition, yes, no = arguments
            return yes if condition else no
        if name == "COUNTIF":
            cells, wanted = arguments
            return sum(1 for value in cells if value == wanted)
        if name == "COUNTA":
            (cells,) = arguments
            return sum(1 for value in cells if value not in (None, ""))
        raise ValueError(f"unknown function {name}")

    def _cells(self, text: str) -> list[Any]:
        first, last = text.split(":")
        (col1, row1), (col2, row2) = _split(first), _split(last)
        return [
            evaluate(self.sheet, f"{self.sheet.cell(row=row, column=column).column_letter}{row}")
            for row in range(row1, row2 + 1)
            for column in range(col1, col2 + 1)
        ]


def _split(coordinate: str) -> tuple[int, int]:
    letters = coordinate.rstrip("0123456789")
    return column_index_from_string(letters), int(coordinate[len(letters) :])


def _comparable(value: Any) -> Any:
    return 0 if value is None else value
