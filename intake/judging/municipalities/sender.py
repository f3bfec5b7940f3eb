"""The municipality a sender's e-mail address names, by its domain, or its display name."""

from __future__ import annotations

from datetime import date
from email.utils import parseaddr

from intake.judging.municipalities.letter import read_councils
from intake.judging.municipalities.reader import Reader
from intake.judging.municipalities.register import Match, Register

__all__ = ["FREE_MAIL_DOMAINS", "council_in_name", "sender_municipality"]

_DOMAIN = 0.9
_SUBDOMAIN = 0.85

# fmt: off
FREE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "hotmail.com", "hotmail.nl", "outlook.com",
        "outlook.nl", "live.com", "live.nl", "msn.com", "icloud.com", "me.com", "mac.com",
        "yahoo.com", "yahoo.nl", "aol.com", "gmx.com", "gmx.net", "mail.com", "proton.me",
        "protonmail.com", "ziggo.nl", "upcmail.nl", "chello.nl", "casema.nl", "home.nl",
        "kpnmail.nl", "kpnplanet.nl", "planet.nl", "hetnet.nl", "xs4all.nl", "tele2.nl",
        "online.nl", "telfort.nl", "quicknet.nl", "zeelandnet.nl", "solcon.nl", "caiway.nl",
        "kabelfoon.nl", "onsbrabantnet.nl", "hccnet.nl", "freeler.nl", "wxs.nl", "12move.nl",
    }
)
# fmt: on
"""Providers' domains: a mail from these never names a municipality."""


def _email_domain(address: str) -> str | None:
    _, email = parseaddr(address)
    local, at, domain = email.rpartition("@")
    domain = domain.strip().lower().rstrip(".")
    return domain if at and local and "." in domain else None


def sender_municipality(address: str, register: Register, day: date) -> Match | None:
    """The municipality whose domain sent ``address`` ('Ans <a@wmo.utrecht.nl>' → Utrecht).

    The most specific listed domain wins; a domain listed by several municipalities active on
    ``day`` (a shared service organisation) is ambiguous and gives ``None``, as do free-mail
    domains and domains of municipalities that did not exist on ``day``.
    """
    domain = _email_domain(address)
    if domain is None:
        return None
    labels = domain.split(".")
    parents = [".".join(labels[i:]) for i in range(len(labels) - 1)]
    if any(parent in FREE_MAIL_DOMAINS for parent in parents):
        return None
    for parent in parents:
        found = register.by_domain(parent, day)
        if len(found) > 1:
            return None
        if found:
            confidence = _DOMAIN if parent == domain else _SUBDOMAIN
            return Match(found[0], "sender-domain", confidence, address.strip())
    return None


_COUNCIL_NAME = 0.6
COUNCIL_NAME_REASON = "sender-name"


def council_in_name(name: str, register: Register, day: date) -> Match | None:
    """The municipality of the council a display name names: "Wmo-raad Purmerend",
    "Adviesraad Sociaal Domein Zeist" → that municipality, reason ``sender-name``.

    For mail from free-mail, where the domain says nothing.  A name is a claim anyone can
    write, hence the lower confidence; a person's name, or one naming two municipalities,
    gives ``None``.
    """
    reader = Reader(register, day, name, in_subject=True)
    read_councils(reader, 0, len(reader.text.tokens))
    found = {said.municipality.code: said for said in reader.senders}
    if len(found) != 1:
        return None
    said = next(iter(found.values()))
    return Match(said.municipality, COUNCIL_NAME_REASON, _COUNCIL_NAME, name.strip())
