"""How a key of the config file is declared, read and checked, and how a wrong value is told.

Every key is one field of a frozen settings dataclass, declared once::

    max_pages: Annotated[Whole, Key(N_("At most this many A4 pages per nomination."), gt=0)] = 1

The type and the :class:`Key`'s bounds say which values :func:`read_settings` accepts;
the rest of the Key says what the key means for a coordinator; the field's default is the
key's default.  A section is a settings dataclass; its class attribute ``about`` says
what the section is for.  The loader, the example that ``intake init`` writes and the
README's key tables are all made from these declarations.  The texts of a Key and a
section are English, marked for the catalog with :func:`~intake.language.N_`, and
translated when they are written out: in the reader's language for ``intake init``, in
English for the README.

The types a key may have are those of TOML: ``str``, ``int`` (:data:`Whole`), ``float``
(:data:`Number`, which takes a whole number too), ``bool``, a ``Literal`` of choices, a
``tuple`` for an array and a settings dataclass for a table; ``X | None`` for a key that
may be left out with nothing in its place.  A :class:`Check` reads a value further (text
that must not be blank, a time zone, a path beside the config file); :class:`FromTable`
reads an array of tables into values of another class.  Checks that tie keys together are
in the settings' ``__post_init__``.  Each raises :class:`Invalid` with the message a
coordinator reads (a marked English text and its values, told in the reader's language),
and :func:`read_settings` names the key and the file.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import math
import re
import tomllib
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar
from zoneinfo import ZoneInfo

from intake.errors import ConfigError, Phrase
from intake.language import N_

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Key:
    """What a key means, for the example config and the README, and the bounds its value
    is checked against."""

    description: str
    """One line: what the key does, in the coordinator's words (English, marked ``N_``)."""
    example: object = None
    """The 2017 call's value, where it is not the default (required keys need one)."""
    default_text: str | None = None
    """How the default reads where the value alone says little ("993 for tls, else 143"),
    marked ``N_``; ``{default}`` in it is the default as written."""
    problem: str | None = None
    """What is wrong with a value out of bounds, when the bound itself would not say it
    (a pattern, a range with a name), marked ``N_``."""
    commented: bool = False
    """The example shows the key commented out: optional, and best left out."""
    gt: int | None = None
    ge: int | None = None
    le: int | None = None
    min_length: int | None = None
    pattern: str | None = None
    """A regular expression the whole text matches."""
    name: str | None = None
    """The key's name in the file, where the field's cannot be it (``from``)."""


class Invalid(ValueError):
    """A value that a check refuses: ``message`` is English, marked ``N_``, with ``{name}``
    fields that ``values`` fill (a value that is a text for people is a
    :class:`~intake.errors.Phrase`); ``path`` names the key below the one checked."""

    def __init__(self, message: str, /, *path: str | int, **values: object):
        super().__init__(message.format(**values) if values else message)
        self.message = message
        self.values = values
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
        raise Invalid(N_("must not be empty"))
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
    field: str = ""
    """The settings class's field holding the value (mostly ``name``)."""

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
    description: str
    """What the section is for (English, marked ``N_``)."""


def sections(root: type) -> tuple[Section, ...]:
    """The sections of the file whose top level ``root`` declares, in declaration order."""
    found = []
    hints = typing.get_type_hints(root)
    for item in dataclasses.fields(root):
        base, _ = _unwrap(hints[item.name])
        if dataclasses.is_dataclass(base):
            found.append(Section(item.name, base, about(base)))  # type: ignore[arg-type]
    return tuple(found)


def about(cls: type) -> str:
    """What the table a settings class declares is for: its ``about``, marked ``N_``."""
    text = getattr(cls, "about", None)
    if not isinstance(text, str):
        raise TypeError(f"{cls.__name__} declares no `about` text for its table")
    return text


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
                name=keys[0].name or item.name,
                type=base,
                key=keys[0],
                default=default,
                table=_table_of(base),
                field=item.name,
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
    str: (str, N_("text")),
    int: (int, N_("a whole number")),
    float: ((int, float), N_("a number")),
    bool: (bool, N_("true or false")),
    tuple: ((list, tuple), N_("an array")),
}
"""What a type is read from, and what it is called in a message."""
_A_TABLE = Phrase(N_("a table"))
_AN_ARRAY_OF_TABLES = Phrase(N_("an array of tables"))


def read_toml(text: str, *, source: str) -> dict[str, Any]:
    """``text`` parsed as TOML; a syntax error names its line and column in ``source``
    (tomllib's own words go to the log)."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        log.debug("%s is not valid TOML: %s", source, exc)
        line, column = _position(exc, text)
        raise ConfigError(
            N_("not valid TOML at line {line}, column {column}"),
            source=source,
            line=line,
            column=column,
        ) from exc


def _position(exc: tomllib.TOMLDecodeError, text: str) -> tuple[int, int]:
    """The line and column (from 1) where tomllib stopped reading ``text``."""
    line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
    if isinstance(line, int) and isinstance(column, int):
        return line, column
    found = re.search(r"\(at line (\d+), column (\d+)\)$", str(exc))
    if found:
        return int(found[1]), int(found[2])
    return text.count("\n") + 1, len(text) - text.rfind("\n")  # at the end of the text


def read_settings(cls: type[T], document: Mapping[str, Any], *, source: str, folder: Path) -> T:
    """``document``, a parsed TOML file, read as the settings class ``cls`` declares it.

    Relative paths in it are relative to ``folder``.  A wrong, unknown or missing key
    raises :class:`~intake.errors.ConfigError` naming the dotted key and the file ``source``.
    """
    try:
        return _table(cls, document, folder)
    except Invalid as exc:
        key = dotted(exc.path) or None
        raise ConfigError(exc.message, key=key, source=source, **exc.values) from exc


def _readable(cls: type) -> dict[str, tuple[Any, dataclasses.Field[Any]]]:
    """The keys and sections a settings class declares, by their names in the file: their
    types and their fields."""
    hints = typing.get_type_hints(cls, include_extras=True)
    readable = {}
    for item in dataclasses.fields(cls):
        base, metadata = _unwrap(hints[item.name])
        keys = [m for m in metadata if isinstance(m, Key)]
        if dataclasses.is_dataclass(base) or keys:
            name = (keys[0].name if keys else None) or item.name
            readable[name] = (hints[item.name], item)
    return readable


def _table(cls: type[T], table: object, folder: Path) -> T:
    """A TOML table read as the settings class ``cls``; a key left out takes its default."""
    if not isinstance(table, Mapping):
        raise Invalid(N_("expected {expected}, got {got}"), expected=_A_TABLE, got=shown(table))
    declared = _readable(cls)
    values = {}
    for name, (hint, item) in declared.items():
        if name in table:
            values[item.name] = _at(name, _value, hint, table[name], folder)
        elif item.default is dataclasses.MISSING and item.default_factory is dataclasses.MISSING:
            if dataclasses.is_dataclass(_unwrap(hint)[0]):
                raise Invalid(N_("section [{name}] is missing"), name, name=name)
            raise Invalid(N_("required key is missing"), name)
        elif item.default is not None and _beside_config(hint):
            values[item.name] = _at(name, _value, hint, item.default, folder)
    for name in table:
        if name not in declared:
            raise Invalid(N_("unknown key (check its spelling)"), name)
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
        raise Invalid(N_("must be one of {choices}, got {got}"), choices=choices, got=shown(value))
    if kind in _TOML_TYPES:
        accepted, called = _TOML_TYPES[kind]
        if isinstance(value, bool) != (kind is bool) or not isinstance(value, accepted):
            raise Invalid(
                N_("expected {expected}, got {got}"), expected=Phrase(called), got=shown(value)
            )
        if kind is tuple:
            item = typing.get_args(base)[0]
            value = tuple(_at(number, _value, item, v, folder) for number, v in enumerate(value))
        value = float(value) if kind is float else value
        if kind is float and not math.isfinite(value):
            expected = Phrase(_TOML_TYPES[float][1])
            raise Invalid(N_("expected {expected}, got {got}"), expected=expected, got=shown(value))
    for check in (mark for mark in metadata if isinstance(mark, Check)):
        value = check.function(value, folder) if check.beside_config else check.function(value)
    for key in (mark for mark in metadata if isinstance(mark, Key)):
        _within_bounds(key, value)
    return value


def _within_bounds(key: Key, value: Any) -> None:
    if key.gt is not None and value <= key.gt:
        bound = key.gt
        broken = N_("must be greater than {bound}, got {got}")
        if key.gt == 0:
            broken = N_("must be greater than zero, got {got}")
    elif key.ge is not None and value < key.ge:
        bound = key.ge
        broken = N_("must be {bound} or more, got {got}")
        if key.ge == 0:
            broken = N_("must be zero or more, got {got}")
    elif key.le is not None and value > key.le:
        bound, broken = key.le, N_("must be at most {bound}, got {got}")
    elif key.pattern is not None and not re.fullmatch(key.pattern, value):
        bound, broken = None, N_("not a valid value here, got {got}")
    elif key.min_length is not None and len(value) < key.min_length:
        raise Invalid(key.problem or N_("must not be empty"))
    else:
        return
    if key.problem is not None:
        raise Invalid(N_("{problem}, got {got}"), problem=Phrase(key.problem), got=shown(value))
    raise Invalid(broken, got=shown(value), **({} if bound is None else {"bound": bound}))


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
    if isinstance(value, Mapping):
        pairs = (f"{_toml_key(str(name))} = {toml_value(item)}" for name, item in value.items())
        return "{" + ", ".join(pairs) + "}"
    return json.dumps(str(value), ensure_ascii=False)


def _toml_key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else toml_value(name)


def shown(value: object, limit: int = 60) -> str:
    """A value from the file as an error message shows it: as written, cut to ``limit``
    characters; a table, or an array of them, is named (a :class:`Phrase`)."""
    if isinstance(value, Mapping):
        return _A_TABLE
    if isinstance(value, list) and any(isinstance(item, Mapping) for item in value):
        return _AN_ARRAY_OF_TABLES
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
