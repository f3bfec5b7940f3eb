"""The labelled inbox (tests/data/nominations) and how intake's judgements compare with it.

``score(rows)`` takes what ``intake list --json`` gives per file and counts, per
judgement, where intake agrees with the careful human reader who labelled the set:
kind, timeliness, sender's municipality, nominees, which version counts, which
nomination a piece of correspondence concerns, a missing attachment, and each
criterion.  ``report`` prints it; the end-to-end test holds the exact labels.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tests.support.paths import HOLDOUT, NOMINATIONS

Row = Mapping[str, Any]

LABELS: dict[str, dict[str, Any]] = tomllib.loads(
    (NOMINATIONS / "labels.toml").read_text(encoding="utf-8")
)
HOLDOUT_TEXTS: dict[str, dict[str, Any]] = tomllib.loads(HOLDOUT.read_text(encoding="utf-8"))
HOLDOUT_SEEN = frozenset(f"h{n:02d}" for n in range(1, 16))
"""The held-out texts read when rules were written; the others were not."""
CRITERIA = ("agenda", "samenwerking", "innovatie")
KINDS = ("nomination", "correspondence", "auto-reply", "bounce", "bulk", "other")


def expected_status(name: str) -> str | None:
    """Which version counts, as labelled (or as follows from the chain labels)."""
    label = LABELS[name]
    if label["kind"] != "nomination":
        return None
    if "status" in label:
        return str(label["status"])
    if "duplicate_of" in label:
        return "duplicate"
    if "revision_of" in label and not label["on_time"]:
        return "late-revision"
    replaced = any(
        other.get("revision_of") == name and other["on_time"] for other in LABELS.values()
    )
    return "superseded" if replaced else "current"


@dataclass
class Score:
    """Agreement per judgement, the criteria's confusion, and the kinds' confusion."""

    agree: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    differ: dict[str, list[str]] = field(default_factory=dict)
    criteria: dict[str, Counter[str]] = field(default_factory=dict)
    """Per criterion: true/false positives and negatives (tp, fp, fn, tn)."""
    kinds: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(labelled, judged) → count."""

    def check(self, judgement: str, name: str, expected: object, found: object) -> None:
        self.total[judgement] += 1
        if expected == found:
            self.agree[judgement] += 1
        else:
            self.differ.setdefault(judgement, []).append(f"{name}: {found!r} ≠ {expected!r}")

    def rate(self, judgement: str) -> float:
        return self.agree[judgement] / self.total[judgement] if self.total[judgement] else 1.0


def score(rows: Mapping[str, Row]) -> Score:
    """Compare intake's JSON rows (by file name) with the labels."""
    result = Score(criteria={c: Counter() for c in CRITERIA})
    refs = {name: row["ref"] for name, row in rows.items()}
    files = {ref: name for name, ref in refs.items()}
    for name, label in LABELS.items():
        row = rows[name]
        kind = label["kind"]
        result.kinds[(kind, row["kind"] or "unjudged")] += 1
        result.check("kind", name, kind, row["kind"])
        result.check("on time", name, label["on_time"], row["on_time"])
        said = (row["sender"] or {}).get("municipality")
        found = said["code"] if said else None
        result.check("sender municipality", name, label.get("sender_municipality"), found)
        missing = "missing-attachment" in [p["code"] for p in row["problems"]]
        result.check("missing attachment", name, bool(label.get("missing_attachment")), missing)
        if kind == "nomination":
            _nomination(result, name, label, row)
        if kind == "correspondence":
            concerned = files.get(row["concerns"]) if row["concerns"] else None
            result.check("concerns", name, label.get("concerns"), concerned)
    return result


def _nomination(result: Score, name: str, label: Mapping[str, Any], row: Row) -> None:
    result.check("status", name, expected_status(name), row["status"])
    nominees = sorted(n["code"] for n in row["nominees"])
    result.check("nominees", name, sorted(label["nominees"]), nominees)
    judged = {c["id"]: c["met"] for c in row["criteria"]}
    for criterion in CRITERIA:
        expected = criterion in label["criteria_met"]
        found = bool(judged.get(criterion))
        result.check("criteria", name + f" [{criterion}]", expected, found)
        cell = {(True, True): "tp", (False, True): "fp", (True, False): "fn"}
        result.criteria[criterion][cell.get((expected, found), "tn")] += 1


def score_holdout(judged: Mapping[str, Mapping[str, bool]]) -> Score:
    """Compare the criteria met per held-out text (by key) with its labels; agreement is
    counted apart for the texts read when rules were written ("criteria, seen") and the
    others ("criteria, unseen")."""
    result = Score(criteria={c: Counter() for c in CRITERIA})
    for key, label in HOLDOUT_TEXTS.items():
        part = "criteria, seen" if key in HOLDOUT_SEEN else "criteria, unseen"
        for criterion in CRITERIA:
            expected = criterion in label["criteria_met"]
            found = bool(judged[key].get(criterion))
            result.check("criteria", f"{key} [{criterion}]", expected, found)
            result.check(part, f"{key} [{criterion}]", expected, found)
            cell = {(True, True): "tp", (False, True): "fp", (True, False): "fn"}
            result.criteria[criterion][cell.get((expected, found), "tn")] += 1
    result.differ.pop("criteria", None)  # listed by part
    return result


def report(result: Score) -> str:
    lines = ["agreement with the labels:"]
    for judgement in sorted(result.total, key=lambda j: (j != "kind", j)):
        lines.append(
            f"  {judgement:<20} {result.agree[judgement]:>4} of {result.total[judgement]:<4}"
            f" {100 * result.rate(judgement):5.1f} %"
        )
    lines.append("criteria, per criterion:")
    for criterion, counts in result.criteria.items():
        tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        lines.append(
            f"  {criterion:<13} precision {precision:5.2f}  recall {recall:5.2f}"
            f"  (tp {tp}, fp {fp}, fn {fn}, tn {counts['tn']})"
        )
    judged_kinds = [*KINDS, "unjudged"]
    if result.kinds:
        lines.append("kinds: labelled (rows) against judged (columns):")
        lines.append("  " + " " * 15 + "".join(f"{k[:11]:>12}" for k in judged_kinds))
    for labelled in KINDS:
        counts = [result.kinds[(labelled, judged)] for judged in judged_kinds]
        if any(counts):
            lines.append(f"  {labelled:<15}" + "".join(f"{c:>12}" for c in counts))
    for judgement, cases in sorted(result.differ.items()):
        lines.append(f"differ in {judgement}:")
        lines.extend(f"  {case}" for case in cases)
    return "\n".join(lines)
