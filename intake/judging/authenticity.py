"""Whether the sender's domain is authenticated, as our own receiving server judged it.

Our border server writes its DKIM, SPF and DMARC verdicts into ``Authentication-Results``
header fields (RFC 8601).  Anyone can write such a field into a message before sending
it, so only fields we can attribute to our own servers count:

* a field counts only if its authserv-id (the first item, e.g. ``mx.example.nl``) is one
  of ``trusted_authserv_ids`` (compared case-insensitively);
* fields are read from the top of the header block down, and reading stops at the first
  field that is not trusted (or has no authserv-id): each hop prepends its fields, so
  whatever lies below a foreign field was there before the message reached us.

Why not "above our first ``Received:``": Postfix milters (OpenDKIM, OpenDMARC) and Gmail
write their results *below* their own ``Received:`` field, so counting Received fields
would reject genuine results.  The rule above relies on what RFC 8601 section 5 asks of
a border server: remove fields arriving from outside that claim its own authserv-id.
Postfix with OpenDKIM/OpenDMARC, rspamd and Gmail do; configure it if yours does not.
Exchange Online writes its fields without an authserv-id; they are never trusted here.

``verified`` is true when one of these holds, checked in this order:

1. DMARC passed for the sender's domain (the result's ``header.from`` is that domain,
   or is absent, the result being about this very message);
2. DKIM passed with a signing domain ``d=`` (or the domain of ``i=``) *aligned* with the
   sender's domain: equal to it, or a parent of it with at least two labels
   (``d=gemeente.nl`` vouches for ``mail.gemeente.nl``; ``d=nl`` vouches for nothing);
3. SPF passed for an aligned ``smtp.mailfrom`` domain (same rule).

Alignment is stricter than DMARC's relaxed mode (which compares organisational domains
and so also accepts a signing subdomain): without the public suffix list a parent test
is the safe half of it, and a DMARC pass from our server already covers the rest.

``read_authentication`` never raises: what cannot be read is not trusted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from parsers.headers import Header


@dataclass(frozen=True, slots=True)
class MethodResult:
    """One ``method=result`` of an Authentication-Results field, with its properties."""

    method: str
    """Lower-case method name, version dropped: ``dkim``, ``spf``, ``dmarc``, ``arc``."""
    result: str
    """Lower-case result: ``pass``, ``fail``, ``softfail``, ``none``, ``temperror``."""
    properties: tuple[tuple[str, str], ...] = ()
    """``(ptype.property, value)`` pairs, names lower-cased: ``("header.d", "x.nl")``."""
    reason: str | None = None

    def get(self, name: str) -> str | None:
        return next((value for key, value in self.properties if key == name), None)


@dataclass(frozen=True, slots=True)
class AuthenticationResults:
    """One parsed Authentication-Results field."""

    authserv_id: str | None
    """None when the field has none (Exchange Online) or cannot be read."""
    results: tuple[MethodResult, ...]


@dataclass(frozen=True, slots=True)
class Authentication:
    """What our trusted servers said about the sender's domain, and the conclusion."""

    authserv_id: str | None
    """The trusted authserv-id whose results were read; None when none was trusted."""
    dkim: str | None
    """``pass`` if any signature passed, else the first DKIM result; None if not checked."""
    spf: str | None
    dmarc: str | None
    dkim_domains: tuple[str, ...]
    """Signing domains of the DKIM signatures that passed, in order."""
    spf_domain: str | None
    """The ``smtp.mailfrom`` domain SPF was checked for."""
    verified: bool
    reason: str


_QUOTED = r'"(?:[^"\\]|\\.)*"'
_PAIR = re.compile(
    r"([A-Za-z0-9_-]+(?:\s*/\s*[0-9]+)?(?:\s*\.\s*[A-Za-z0-9_-]+)?)\s*=\s*"
    rf"({_QUOTED}|[^\s;=]+)"
)


def read_authentication(
    header: Header, trusted_authserv_ids: Sequence[str], sender_domain: str | None
) -> Authentication:
    """The authentication of ``sender_domain`` by our trusted servers, read from the header."""
    fields = [parse_authentication_results(v) for v in header.all("authentication-results")]
    trusted = {d for d in map(_normal_domain, trusted_authserv_ids) if d}
    accepted, stopped_at = _trusted_top(fields, trusted)
    if not accepted:
        reason = "no Authentication-Results from a trusted server"
        if stopped_at is not None:
            reason += f" (ignored {_describe_id(stopped_at)} and below)"
        return Authentication(None, None, None, None, (), None, False, reason)
    results = tuple(result for field in accepted for result in field.results)
    return _conclude(accepted[0].authserv_id, results, _normal_domain(sender_domain))


def parse_authentication_results(value: str) -> AuthenticationResults:
    """Parse one Authentication-Results field value (RFC 8601); never raises."""
    segments = _split_segments(_without_comments(value))
    if not segments:
        return AuthenticationResults(None, ())
    head = segments[0].split()
    authserv_id: str | None = None
    if head and "=" not in head[0]:
        authserv_id = head[0].strip('"')
        segments = segments[1:]
    results = tuple(r for r in (_method_result(s) for s in segments) if r is not None)
    return AuthenticationResults(authserv_id or None, results)


# --- reading the fields --------------------------------------------------------


def _trusted_top(
    fields: list[AuthenticationResults], trusted: set[str]
) -> tuple[list[AuthenticationResults], AuthenticationResults | None]:
    """The unbroken run of trusted fields from the top, and the field that ended it."""
    accepted: list[AuthenticationResults] = []
    for field in fields:
        if field.authserv_id is None or _normal_domain(field.authserv_id) not in trusted:
            return accepted, field
        accepted.append(field)
    return accepted, None


def _describe_id(field: AuthenticationResults) -> str:
    if field.authserv_id is None:
        return "a field without authserv-id"
    return f"untrusted authserv-id {field.authserv_id[:60]!r}"


# --- parsing one field ---------------------------------------------------------


def _without_comments(value: str) -> str:
    """The value with RFC 5322 comments (nested, escaped) removed, quoted strings kept."""
    out: list[str] = []
    depth = 0
    quoted = False
    escaped = False
    for char in value:
        if escaped:
            escaped = False
            if depth == 0:
                out.append(char)
            continue
        if char == "\\":
            escaped = True
            if depth == 0:
                out.append(char)
        elif quoted:
            quoted = char != '"'
            out.append(char)
        elif char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif depth == 0:
            quoted = char == '"'
            out.append(char)
    return " ".join("".join(out).split())


def _split_segments(value: str) -> list[str]:
    """Split on semicolons outside quoted strings."""
    segments: list[str] = []
    current: list[str] = []
    quoted = False
    for char in value:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            segments.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    segments.append("".join(current).strip())
    return [segment for segment in segments if segment]


def _method_result(segment: str) -> MethodResult | None:
    pairs = [(_name(name), _unquote(value)) for name, value in _PAIR.findall(segment)]
    if not pairs or "." in pairs[0][0]:
        return None
    method, result = pairs[0]
    reason = next((value for name, value in pairs[1:] if name == "reason"), None)
    properties = tuple((name, value) for name, value in pairs[1:] if "." in name)
    return MethodResult(method.split("/")[0], result.lower(), properties, reason)


def _name(text: str) -> str:
    return "".join(text.split()).lower()


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    return value


# --- the conclusion ------------------------------------------------------------


def _conclude(
    authserv_id: str | None, results: tuple[MethodResult, ...], sender: str | None
) -> Authentication:
    dkim_passes = [r for r in results if r.method == "dkim" and r.result == "pass"]
    dkim_domains = _unique(d for d in (_dkim_domain(r) for r in dkim_passes) if d)
    dkim = _summary(results, "dkim")
    spf_result = _best(results, "spf")
    spf_domain = _spf_domain(spf_result) if spf_result else None
    dmarc_result = _best(results, "dmarc")

    def outcome(verified: bool, reason: str) -> Authentication:
        return Authentication(
            authserv_id=authserv_id,
            dkim=dkim,
            spf=spf_result.result if spf_result else None,
            dmarc=dmarc_result.result if dmarc_result else None,
            dkim_domains=dkim_domains,
            spf_domain=spf_domain,
            verified=verified,
            reason=reason,
        )

    if sender is None:
        return outcome(False, "the sender's domain is unknown")
    if dmarc_result and dmarc_result.result == "pass" and _dmarc_about(dmarc_result, sender):
        return outcome(True, f"dmarc=pass for {sender}")
    aligned = next((d for d in dkim_domains if _aligned(d, sender)), None)
    if aligned is not None:
        return outcome(True, f"dkim=pass with d={aligned}, aligned with {sender}")
    if spf_result and spf_result.result == "pass" and spf_domain and _aligned(spf_domain, sender):
        return outcome(True, f"spf=pass for {spf_domain}, aligned with {sender}")
    return outcome(False, _failure_reason(dmarc_result, dkim, dkim_domains, spf_result, sender))


def _failure_reason(
    dmarc: MethodResult | None,
    dkim: str | None,
    dkim_domains: tuple[str, ...],
    spf: MethodResult | None,
    sender: str,
) -> str:
    parts: list[str] = []
    if dmarc is not None:
        about = _normal_domain(dmarc.get("header.from"))
        parts.append(f"dmarc={dmarc.result}" + (f" for {about}" if about else ""))
    if dkim_domains:
        parts.append(f"dkim=pass only for d={','.join(dkim_domains)}")
    elif dkim is not None:
        parts.append(f"dkim={dkim}")
    if spf is not None:
        domain = _spf_domain(spf)
        parts.append(f"spf={spf.result}" + (f" for {domain}" if domain else ""))
    if not parts:
        return f"no DKIM, SPF or DMARC results for {sender}"
    return f"not aligned with {sender}: " + "; ".join(parts)


def _best(results: tuple[MethodResult, ...], method: str) -> MethodResult | None:
    """The first passing result of a method, else its first result."""
    of_method = [r for r in results if r.method == method]
    return next((r for r in of_method if r.result == "pass"), of_method[0] if of_method else None)


def _summary(results: tuple[MethodResult, ...], method: str) -> str | None:
    best = _best(results, method)
    return best.result if best else None


def _dkim_domain(result: MethodResult) -> str | None:
    domain = result.get("header.d")
    if not domain:
        identity = result.get("header.i") or ""
        domain = identity.rpartition("@")[2] if identity else None
    return _normal_domain(domain)


def _spf_domain(result: MethodResult) -> str | None:
    mailfrom = result.get("smtp.mailfrom") or result.get("smtp.mail")
    return _normal_domain(mailfrom.rpartition("@")[2]) if mailfrom else None


def _dmarc_about(result: MethodResult, sender: str) -> bool:
    header_from = result.get("header.from")
    if header_from is None:
        return True
    return _normal_domain(header_from.rpartition("@")[2]) == sender


def _aligned(domain: str, sender: str) -> bool:
    """``domain`` is the sender's domain or a parent of it (never a bare top-level domain)."""
    return "." in domain and (sender == domain or sender.endswith("." + domain))


def _normal_domain(value: str | None) -> str | None:
    """A domain lower-cased, without trailing dot or local part, as IDNA A-labels."""
    if not value:
        return None
    domain = value.strip().strip("<>").rpartition("@")[2].strip().rstrip(".").lower()
    if not domain:
        return None
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


__all__ = [
    "Authentication",
    "AuthenticationResults",
    "MethodResult",
    "parse_authentication_results",
    "read_authentication",
]
