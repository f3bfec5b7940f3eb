"""How a key of the config file is declared, and how a wrong value is told.

Every key is one field of a frozen settings dataclass, declared once::

    max_pages: Annotated[Whole, Key("At most this many A4 pages per nomination.", gt=0)] = 1

The type and the :class:`Key`'s bounds are what pydantic checks; the rest of the Key
says what the key means for a coordinator; the field's default is the key's default.  A
section is a settings dataclass, its docstring's first paragraph says what the section is
for.  The loader, the example that ``intake init`` writes and the README's key tables are
all made from these declarations.

A check that pydantic cannot express raises :class:`Invalid` with the message a
coordinator reads; :func:`config_error` turns pydantic's errors into one
:class:`~intake.errors.ConfigError` naming the key, in words of our own.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from annotated_types import Ge, GroupedMetadata, Gt, Le, MinLen
from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    Strict,
    ValidationError,
)
from pydantic_core import CoreSchema, core_schema

from intake.errors import ConfigError

TABLE = ConfigDict(extra="forbid")
"""The pydantic config of every section and table: an unknown key is an error."""


@dataclass(frozen=True, slots=True)
class Key(GroupedMetadata):
    """What a key means, for the example config and the README, and the bounds pydantic
    checks its value against."""

    description: str
    """One line: what the key does, in the coordinator's words."""
    example: object = None
    """The 2017 call's value, where it is not the default (required keys need one)."""
    default_text: str | None = None
    """How the default reads where the value alone says little ("993 for tls, else 143")."""
    problem: str | None = None
    """What is wrong with a value out of bounds, when the bound itself would not say it
    (a pattern, a range with a name)."""
    commented: bool = False
    """The example shows the key commented out: optional, and best left out."""
    gt: int | None = None
    ge: int | None = None
    le: int | None = None
    min_length: int | None = None
    pattern: str | None = None

    def __iter__(self) -> Iterator[object]:
        """The bounds, as pydantic reads them."""
        if self.gt is not None:
            yield Gt(self.gt)
        if self.ge is not None:
            yield Ge(self.ge)
        if self.le is not None:
            yield Le(self.le)
        if self.min_length is not None:
            yield MinLen(self.min_length)
        if self.pattern is not None:
            yield Field(pattern=self.pattern)


class Invalid(ValueError):
    """A value that a check of ours refuses; ``path`` names the key below the one checked."""

    def __init__(self, message: str, *path: str | int):
        super().__init__(message)
        self.path = path


@dataclass(frozen=True, slots=True)
class FromTable:
    """Read a value as the table ``table`` declares, then ``build`` it: for a type that is
    not a settings class (a :class:`~intake.judging.criteria.Criterion`)."""

    table: type
    build: Callable[[Any], Any]

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        schema = handler.generate_schema(self.table)
        return core_schema.no_info_after_validator_function(self.build, schema)


def _not_blank(value: str) -> str:
    if not value.strip():
        raise Invalid("must not be empty")
    return value


def _lower_name(value: str) -> str:
    return _not_blank(value).strip().lower()


Whole = Annotated[int, Strict()]
"""A whole number: ``3``, not ``3.0``, ``"3"`` or ``true``."""
Number = Annotated[float, Strict()]
"""A number: ``2`` or ``2.5``."""
Text = Annotated[str, Strict(), AfterValidator(_not_blank)]
"""Text that is not empty, kept as written."""
HostName = Annotated[str, Strict(), AfterValidator(_lower_name)]
"""A host name or identifier, compared in lower case."""


# --- reading the declarations ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Declared:
    """One key as declared: its name, type, constraints, meaning and default."""

    name: str
    type: Any
    """The type without ``Annotated[...]`` and without ``| None``."""
    key: Key
    default: object
    """The default value, or :data:`REQUIRED`."""
    table: type | None
    """For an array of tables: the class that declares one table."""

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    @property
    def example(self) -> object:
        """The value the example config shows: the 2017 call's, else the default."""
        return self.default if self.key.example is None else self.key.example


REQUIRED = object()
"""The default of a key that has none."""


@dataclass(frozen=True, slots=True)
class Section:
    """A table of the config file: ``[name]``, declared by a settings class."""

    name: str
    cls: type
    doc: str


def sections(root: type) -> tuple[Section, ...]:
    """The sections of the file whose top level ``root`` declares, in declaration order."""
    found = []
    hints = typing.get_type_hints(root)
    for item in dataclasses.fields(root):
        base, _ = _unwrap(hints[item.name])
        if dataclasses.is_dataclass(base):
            found.append(Section(item.name, base, section_doc(base)))  # type: ignore[arg-type]
    return tuple(found)


def section_doc(cls: type) -> str:
    """The first paragraph of a settings class's docstring, on one line."""
    first = (cls.__doc__ or "").strip().split("\n\n")[0]
    return " ".join(first.split())


def keys_of(cls: type) -> tuple[Declared, ...]:
    """The keys a settings class declares, in declaration order."""
    hints = typing.get_type_hints(cls, include_extras=True)
    declared = []
    for item in dataclasses.fields(cls):
        base, metadata = _unwrap(hints[item.name])
        keys = [m for m in metadata if isinstance(m, Key)]
        if not keys:
            continue
        if item.default is not dataclasses.MISSING:
            default: object = item.default
        elif item.default_factory is not dataclasses.MISSING:
            default = item.default_factory()
        else:
            default = REQUIRED
        declared.append(
            Declared(
                name=item.name,
                type=base,
                key=keys[0],
                default=default,
                table=_table_of(base),
            )
        )
    return tuple(declared)


def _unwrap(hint: Any) -> tuple[Any, list[Any]]:
    """The type under ``Annotated[...]`` and ``| None``, and the metadata on the way."""
    metadata: list[Any] = []
    while True:
        if typing.get_origin(hint) is Annotated:
            metadata.extend(hint.__metadata__)
            hint = hint.__origin__
        elif _is_optional(hint):
            (hint,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        else:
            return hint, metadata


def _is_optional(hint: Any) -> bool:
    union = typing.get_origin(hint) in (typing.Union, types.UnionType)
    return union and type(None) in typing.get_args(hint)


def _table_of(hint: Any) -> type | None:
    """The class declaring one table of an array of tables (``tuple[Criterion, ...]``)."""
    if typing.get_origin(hint) is not tuple:
        return None
    _, metadata = _unwrap(typing.get_args(hint)[0])
    tables = [m.table for m in metadata if isinstance(m, FromTable)]
    return tables[0] if tables else None


def _declared_at(root: type, loc: tuple[str | int, ...]) -> tuple[Declared | None, type | None]:
    """The key at ``loc`` (None for a section or an item), and the section class there."""
    cls: type | None = root
    declared: Declared | None = None
    for part in loc:
        if isinstance(part, int):
            cls, declared = (declared.table if declared else None), None
            continue
        if cls is None:
            return None, None
        fields = {d.name: d for d in keys_of(cls)}
        found = {s.name: s.cls for s in sections(cls)}
        if part in found:
            cls, declared = found[part], None
        else:
            declared, cls = fields.get(part), None
    return declared, cls


# --- telling what is wrong -------------------------------------------------------------

_EXPECTED = {
    "int_type": "a whole number",
    "float_type": "a number",
    "string_type": "text",
    "bool_type": "true or false",
    "tuple_type": "an array",
    "list_type": "an array",
    "dataclass_type": "a table",
    "dict_type": "a table",
}
_EMPTY = ("too_short", "string_too_short")


def config_error(exc: ValidationError, root: type, source: str | None) -> ConfigError:
    """The first of pydantic's errors, said in our words, naming the key and the file."""
    error = exc.errors(include_url=False)[0]
    loc = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    context = error.get("ctx") or {}
    cause = context.get("error")
    declared, section = _declared_at(root, loc)
    if isinstance(cause, Invalid):
        loc = (*loc, *cause.path)
        message = str(cause)
    elif isinstance(cause, ValueError):
        message = str(cause)
    elif kind == "missing":
        message = f"section [{dotted(loc)}] is missing" if section else "required key is missing"
    elif kind == "unexpected_keyword_argument":
        message = "unknown key (check its spelling)"
    elif kind == "literal_error" and declared is not None:
        choices = ", ".join(toml_value(c) for c in typing.get_args(declared.type))
        message = f"must be one of {choices}, got {shown(value)}"
    elif kind in _EXPECTED:
        message = f"expected {_EXPECTED[kind]}, got {shown(value)}"
    else:
        problem = declared.key.problem if declared else None
        message = problem or _broken_constraint(kind, context)
        if kind not in _EMPTY:
            message += f", got {shown(value)}"
    return ConfigError(message, key=dotted(loc), source=source)


def _broken_constraint(kind: str, context: dict[str, Any]) -> str:
    bound = next(iter(context.values()), None)
    if kind == "greater_than":
        return "must be greater than zero" if bound == 0 else f"must be greater than {bound}"
    if kind == "greater_than_equal":
        return "must be zero or more" if bound == 0 else f"must be {bound} or more"
    if kind in ("less_than_equal", "less_than"):
        return f"must be at most {bound}" if kind == "less_than_equal" else f"must be below {bound}"
    if kind in _EMPTY:
        return "must not be empty"
    return "not a valid value here"


def dotted(loc: tuple[str | int, ...]) -> str:
    """``("campaign", "criteria", 0, "terms")`` → ``campaign.criteria[1].terms``."""
    key = ""
    for part in loc:
        key += f"[{part + 1}]" if isinstance(part, int) else f".{part}" if key else part
    return key


# --- values as TOML ----------------------------------------------------------------------


def toml_value(value: object) -> str:
    """``value`` as it is written in the config file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str | Path | ZoneInfo):
        return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "a table"
    return json.dumps(str(value), ensure_ascii=False)


def shown(value: object, limit: int = 60) -> str:
    """A value from the file as an error message shows it."""
    if isinstance(value, list) and any(isinstance(item, dict) for item in value):
        return "an array of tables"
    text = toml_value(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def phrase(declared: Declared) -> str:
    """What kind of value a key takes, for the README: ``whole number > 0``."""
    words = _kind(declared.type)
    key = declared.key
    if key.ge is not None and key.le is not None:
        return f"{words}, {key.ge} to {key.le}"
    bounds = {">": key.gt, "≥": key.ge, "≤": key.le}
    return " ".join(
        [words, *(f"{sign} {bound}" for sign, bound in bounds.items() if bound is not None)]
    )


def _kind(hint: Any) -> str:
    base, _ = _unwrap(hint)
    if typing.get_origin(base) is Literal:
        *others, last = (f"`{toml_value(choice)}`" for choice in typing.get_args(base))
        return f"{', '.join(others)} or {last}"
    if typing.get_origin(base) is tuple:
        if _table_of(base) is not None:
            return "tables"
        return "array of " + _kind(typing.get_args(base)[0])
    kinds: dict[Any, str] = {
        bool: "true or false",
        int: "whole number",
        float: "number",
        str: "text",
        Path: "file path",
        datetime: "date-time",
        ZoneInfo: "IANA time zone",
    }
    return kinds.get(base, "text")
