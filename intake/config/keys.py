"""How a key of the config file is declared, read and checked, and how a wrong value is told.

Every key is one field of a frozen settings dataclass, declared once::

    max_pages: Annotated[Whole, Key("At most this many A4 pages per nomination.", gt=0)] = 1

The type and the :class:`Key`'s bounds say which values :func:`read_settings` accepts;
the rest of the Key says what the key means for a coordinator; the field's default is the
key's default.  A section is a settings dataclass, its docstring's first paragraph says
what the section is for.  The loader, the example that ``intake init`` writes and the
README's key tables are all made from these declarations.

The types a key may have are those of TOML: ``str``, ``int`` (:data:`Whole`), ``float``
(:data:`Number`, which takes a whole number too), ``bool``, a ``Literal`` of choices, a
``tuple`` for an array and a settings dataclass for a table; ``X | None`` for a key that
may be left out with nothing in its place.  A :class:`Check` reads a value further (text
that must not be blank, a time zone, a path beside the config file); :class:`FromTable`
reads an array of tables into values of another class.  Checks that tie keys together are
in the settings' ``__post_init__``.  Each raises :class:`Invalid` with the message a
coordinator reads, and :func:`read_settings` names the key and the file.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar
from zoneinfo import ZoneInfo

from intake.errors import ConfigError

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Key:
    """What a key means, for the example config and the README, and the bounds its value
    is checked against."""

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
    """A regular expression the whole text matches."""


class Invalid(ValueError):
    """A value that a check refuses; ``path`` names the key below the one checked."""

    def __init__(self, message: str, *path: str | int):
        super().__init__(message)
        self.path = path


@dataclass(frozen=True, slots=True)
class Check:
    """Read a value further once its type is checked, before its bounds are:
    ``function(value)`` returns what the settings hold, or raises :class:`Invalid`.  For a
    type TOML has not (a time zone, a date-time given as text, a path), it reads the value
    as written."""

    function: Callable[..., Any]
    beside_config: bool = False
    """``function(value, folder)`` takes the config file's folder too, for a path relative
    to it; the key's default, when not None, is read so as well."""


@dataclass(frozen=True, slots=True)
class FromTable:
    """Read a value as the table ``table`` declares, then ``build`` it: for a type that is
    not a settings class (a :class:`~intake.judging.criteria.Criterion`)."""

    table: type
    build: Callable[[Any], Any]


def _not_blank(value: str) -> str:
    if not value.strip():
        raise Invalid("must not be empty")
    return value


def _lower_name(value: str) -> str:
    return _not_blank(value).strip().lower()


Whole = int
"""A whole number: ``3``, not ``3.0``, ``"3"`` or ``true``."""
Number = float
"""A number: ``2`` or ``2.5``."""
Text = Annotated[str, Check(_not_blank)]
"""Text that is not empty, kept as written."""
HostName = Annotated[str, Check(_lower_name)]
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


# --- reading a file by the declarations -----------------------------------------------

_TOML_TYPES: dict[Any, tuple[Any, str]] = {
    str: (str, "text"),
    int: (int, "a whole number"),
    float: ((int, float), "a number"),
    bool: (bool, "true or false"),
    tuple: ((list, tuple), "an array"),
}
"""What a type is read from, and what it is called in a message."""


def read_settings(cls: type[T], document: Mapping[str, Any], *, source: str, folder: Path) -> T:
    """``document``, a parsed TOML file, read as the settings class ``cls`` declares it.

    Relative paths in it are relative to ``folder``.  A wrong, unknown or missing key
    raises :class:`~intake.errors.ConfigError` naming the dotted key and the file ``source``.
    """
    try:
        return _table(cls, document, folder)
    except Invalid as exc:
        raise ConfigError(str(exc), key=dotted(exc.path) or None, source=source) from exc


def _readable(cls: type) -> dict[str, tuple[Any, dataclasses.Field[Any]]]:
    """The keys and sections a settings class declares: their types and their fields."""
    hints = typing.get_type_hints(cls, include_extras=True)
    readable = {}
    for item in dataclasses.fields(cls):
        base, metadata = _unwrap(hints[item.name])
        if dataclasses.is_dataclass(base) or any(isinstance(m, Key) for m in metadata):
            readable[item.name] = (hints[item.name], item)
    return readable


def _table(cls: type[T], table: object, folder: Path) -> T:
    """A TOML table read as the settings class ``cls``; a key left out takes its default."""
    if not isinstance(table, Mapping):
        raise Invalid(f"expected a table, got {shown(table)}")
    declared = _readable(cls)
    values = {}
    for name, (hint, item) in declared.items():
        if name in table:
            values[name] = _at(name, _value, hint, table[name], folder)
        elif item.default is dataclasses.MISSING and item.default_factory is dataclasses.MISSING:
            section = dataclasses.is_dataclass(_unwrap(hint)[0])
            missing = f"section [{name}] is missing" if section else "required key is missing"
            raise Invalid(missing, name)
        elif item.default is not None and _beside_config(hint):
            values[name] = _at(name, _value, hint, item.default, folder)
    for name in table:
        if name not in declared:
            raise Invalid("unknown key (check its spelling)", name)
    return cls(**values)


def _value(hint: Any, value: Any, folder: Path) -> Any:
    """A value of the file read as ``hint`` declares it: its type, bounds and checks."""
    base, metadata = _unwrap(hint)
    tables = [m for m in metadata if isinstance(m, FromTable)]
    if tables:
        return tables[0].build(_table(tables[0].table, value, folder))
    if dataclasses.is_dataclass(base):
        return _table(base, value, folder)  # type: ignore[arg-type]
    kind = typing.get_origin(base) or base
    if kind is Literal and value not in typing.get_args(base):
        choices = ", ".join(toml_value(choice) for choice in typing.get_args(base))
        raise Invalid(f"must be one of {choices}, got {shown(value)}")
    if kind in _TOML_TYPES:
        accepted, called = _TOML_TYPES[kind]
        if isinstance(value, bool) != (kind is bool) or not isinstance(value, accepted):
            raise Invalid(f"expected {called}, got {shown(value)}")
        if kind is tuple:
            item = typing.get_args(base)[0]
            value = tuple(_at(number, _value, item, v, folder) for number, v in enumerate(value))
        value = float(value) if kind is float else value
        if kind is float and not math.isfinite(value):
            raise Invalid(f"expected a number, got {shown(value)}")
    for check in (mark for mark in metadata if isinstance(mark, Check)):
        value = check.function(value, folder) if check.beside_config else check.function(value)
    for key in (mark for mark in metadata if isinstance(mark, Key)):
        _within_bounds(key, value)
    return value


def _within_bounds(key: Key, value: Any) -> None:
    if key.gt is not None and value <= key.gt:
        broken = "must be greater than " + ("zero" if key.gt == 0 else str(key.gt))
    elif key.ge is not None and value < key.ge:
        broken = "must be zero or more" if key.ge == 0 else f"must be {key.ge} or more"
    elif key.le is not None and value > key.le:
        broken = f"must be at most {key.le}"
    elif key.pattern is not None and not re.fullmatch(key.pattern, value):
        broken = "not a valid value here"
    elif key.min_length is not None and len(value) < key.min_length:
        raise Invalid(key.problem or "must not be empty")
    else:
        return
    raise Invalid(f"{key.problem or broken}, got {shown(value)}")


def _beside_config(hint: Any) -> bool:
    return any(isinstance(m, Check) and m.beside_config for m in _unwrap(hint)[1])


def _at(part: str | int, read: Callable[..., T], *args: Any) -> T:
    """``read(*args)``; what it refuses is named as below ``part``."""
    try:
        return read(*args)
    except Invalid as exc:
        exc.path = (part, *exc.path)
        raise


def dotted(path: tuple[str | int, ...]) -> str:
    """``("campaign", "criteria", 0, "terms")`` → ``campaign.criteria[1].terms``."""
    key = ""
    for part in path:
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
    limits = ", ".join(f"{sign} {bound}" for sign, bound in bounds.items() if bound is not None)
    return f"{words} {limits}" if limits else words


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
