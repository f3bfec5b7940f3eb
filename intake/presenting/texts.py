"""User-facing texts, Dutch by default, English available."""

from __future__ import annotations

from collections.abc import Mapping

DEFAULT_LANGUAGE = "nl"

_TEXTS: Mapping[str, Mapping[str, str]] = {
    # verdicts
    "verdict.on_time": {"nl": "op tijd", "en": "on time"},
    "verdict.late": {"nl": "te laat: {duration}", "en": "late: {duration}"},
    "verdict.unknown": {"nl": "ontvangsttijd onbekend", "en": "receipt time unknown"},
    # receipt sources
    "source.imap-internaldate": {
        "nl": "ontvangsttijd van onze IMAP-server",
        "en": "receipt time from our IMAP server",
    },
    "source.received-header": {
        "nl": "bovenste Received-kop, van onze ontvangende server",
        "en": "topmost Received header, from our receiving server",
    },
    "source.mbox-envelope": {
        "nl": "envelopregel van het mbox-bestand",
        "en": "envelope line of the mbox file",
    },
    "source.maildir-delivery": {
        "nl": "afleverdatum van het Maildir-bestand",
        "en": "delivery time of the Maildir file",
    },
    "source.date-header": {
        "nl": "Date-kop van de afzender: de klok van de afzender",
        "en": "sender's Date header: the sender's clock",
    },
    # problems
    "problem.no-message-id": {
        "nl": "Het bericht heeft geen Message-ID.",
        "en": "The message has no Message-ID.",
    },
    "problem.bad-date-header": {
        "nl": "De Date-kop is onleesbaar: {detail}",
        "en": "The Date header cannot be read: {detail}",
    },
    "problem.bad-received-header": {
        "nl": "De tijd in de bovenste Received-kop is onleesbaar: {detail}",
        "en": "The time in the topmost Received header cannot be read: {detail}",
    },
    "problem.mime-defect": {
        "nl": "Fout in de opbouw van het bericht: {detail}",
        "en": "Malformed message structure: {detail}",
    },
    "problem.receipt-from-sender-clock": {
        "nl": "Geen ontvangsttijd van een server bekend; de Date-kop van de afzender is gebruikt.",
        "en": "No receipt time from a server; the sender's Date header is used.",
    },
    "problem.no-receipt-time": {
        "nl": "De ontvangsttijd kan niet worden vastgesteld; beoordeel de tijdigheid zelf.",
        "en": "The receipt time cannot be established; judge timeliness by hand.",
    },
    "problem.encrypted": {
        "nl": "Versleuteld of met een wachtwoord beveiligd; niet te lezen. {detail}",
        "en": "Encrypted or password-protected; cannot be read. {detail}",
    },
    "problem.corrupt": {
        "nl": "Beschadigd of onvolledig bestand; gelezen wat leesbaar was. {detail}",
        "en": "Damaged or incomplete file; read what could be read. {detail}",
    },
    "problem.unsupported-type": {
        "nl": "Bestandssoort wordt niet gelezen. {detail}",
        "en": "File type is not read. {detail}",
    },
    "problem.too-large": {
        "nl": "Te groot om te lezen. {detail}",
        "en": "Too large to read. {detail}",
    },
    "problem.too-many-pages": {
        "nl": "Te veel pagina's; alleen het begin is gelezen. {detail}",
        "en": "Too many pages; only the beginning was read. {detail}",
    },
    "problem.timed-out": {
        "nl": "Lezen duurde te lang en is afgebroken. {detail}",
        "en": "Reading took too long and was stopped. {detail}",
    },
    "problem.out-of-memory": {
        "nl": "Lezen vroeg te veel geheugen en is afgebroken. {detail}",
        "en": "Reading needed too much memory and was stopped. {detail}",
    },
    "problem.crashed": {
        "nl": "Het lezen mislukte door een fout. {detail}",
        "en": "Reading failed because of an error. {detail}",
    },
    "problem.image-only": {
        "nl": "Alleen beeld (scan of foto), geen tekst: moet door een mens gelezen worden.",
        "en": "Image only (a scan or photo), no text: a person must read it.",
    },
    "problem.empty": {
        "nl": "Leeg: geen tekst gevonden. {detail}",
        "en": "Empty: no text found. {detail}",
    },
    "problem.charset": {
        "nl": "Sommige tekens waren niet te lezen en zijn vervangen. {detail}",
        "en": "Some characters could not be read and were replaced. {detail}",
    },
    "problem.nested-too-deep": {
        "nl": "Te diep genest; niet alles is gelezen. {detail}",
        "en": "Nested too deeply; not everything was read. {detail}",
    },
    "problem.not-a4": {
        "nl": "Het document is niet op A4-formaat. {detail}",
        "en": "The document is not A4 size. {detail}",
    },
    "problem.several-documents": {
        "nl": "Meerdere documenten bijgevoegd; gemeten is het langste. {detail}",
        "en": "Several documents attached; the longest was measured. {detail}",
    },
    "problem.missing-attachment": {
        "nl": "De mail noemt een bijlage, maar er zit er geen bij.",
        "en": "The mail speaks of an attachment, but carries none.",
    },
    "problem.not-as-declared": {
        "nl": "Het bestand is niet wat het zegt te zijn; niet gelezen. {detail}",
        "en": "The file is not what it says it is; not read. {detail}",
    },
    "problem.bad-encoding": {
        "nl": "De codering van de bijlage in de mail is beschadigd. {detail}",
        "en": "The attachment's encoding in the mail is damaged. {detail}",
    },
    "problem.clock-skew": {
        "nl": "Verstuurd om {sent} volgens de klok van de afzender, door ons ontvangen om "
        "{received}.",
        "en": "Sent at {sent} by the sender's clock, received by us at {received}.",
    },
    "problem.no-trusted-received-header": {
        "nl": "Geen Received-kop van onze eigen ontvangende server gevonden. {detail}",
        "en": "No Received header from our own receiving server. {detail}",
    },
    "problem.unknown": {"nl": "Probleem {code}: {detail}", "en": "Problem {code}: {detail}"},
    # listing
    "list.empty": {"nl": "Nog geen berichten gearchiveerd.", "en": "No messages filed yet."},
    "list.columns": {
        "nl": "ref|ontvangen|termijn|lengte|van|onderwerp",
        "en": "ref|received|deadline|length|from|subject",
    },
    "show.ref": {"nl": "Referentie", "en": "Reference"},
    "show.from": {"nl": "Van", "en": "From"},
    "show.subject": {"nl": "Onderwerp", "en": "Subject"},
    "show.message_id": {"nl": "Message-ID", "en": "Message-ID"},
    "show.received": {"nl": "Ontvangen", "en": "Received"},
    "show.deadline": {"nl": "Deadline", "en": "Deadline"},
    "show.verdict": {"nl": "Termijn", "en": "Timeliness"},
    "show.date_header": {"nl": "Date-kop", "en": "Date header"},
    "show.origin": {"nl": "Herkomst", "en": "Origin"},
    "show.size": {"nl": "Grootte", "en": "Size"},
    "show.sha256": {"nl": "SHA-256", "en": "SHA-256"},
    "show.problems": {"nl": "Problemen", "en": "Problems"},
    "show.length": {"nl": "Lengte", "en": "Length"},
    "show.kind": {"nl": "Soort", "en": "Kind"},
    "show.sender": {"nl": "Afzender", "en": "Sender"},
    "show.nominees": {"nl": "Voorgedragen", "en": "Nominated"},
    "show.criteria": {"nl": "Criteria", "en": "Criteria"},
    "show.status": {"nl": "Status", "en": "Status"},
    "show.verified": {"nl": "domein geverifieerd", "en": "domain verified"},
    "show.unverified": {"nl": "domein niet geverifieerd", "en": "domain not verified"},
    "show.met": {"nl": "komt aan bod", "en": "addressed"},
    "show.not_met": {"nl": "niet gevonden", "en": "not found"},
    "show.min_criteria": {
        "nl": "{met} van {total} criteria komen aan bod "
        "(minimaal {minimum}: een hint, geen besluit)",
        "en": "{met} of {total} criteria addressed (at least {minimum}: a hint, not a decision)",
    },
    "kind.nomination": {"nl": "voordracht", "en": "nomination"},
    "kind.correspondence": {
        "nl": "correspondentie (over een voordracht of de oproep)",
        "en": "correspondence (about a nomination or the call)",
    },
    "kind.auto-reply": {"nl": "automatisch antwoord", "en": "automatic reply"},
    "kind.bounce": {"nl": "onbestelbaar-melding", "en": "bounce"},
    "kind.bulk": {"nl": "nieuwsbrief of lijstmail", "en": "newsletter or list mail"},
    "kind.other": {"nl": "overig (leeg of test)", "en": "other (empty or test)"},
    "status.current": {"nl": "geldt", "en": "counts"},
    "status.superseded": {"nl": "vervangen", "en": "superseded"},
    "status.duplicate": {"nl": "dubbel", "en": "duplicate"},
    "status.late-revision": {"nl": "te late herziening", "en": "late revision"},
    "standing.first": {
        "nl": "eerste versie van deze afzender voor deze gemeente",
        "en": "the first version from this sender for this municipality",
    },
    "standing.supersedes": {
        "nl": "vervangt {ref}: zelfde afzender, zelfde gemeente, later en op tijd",
        "en": "supersedes {ref}: same sender, same nominee, later and on time",
    },
    "standing.superseded-by": {
        "nl": "vervangen door {ref}: zelfde afzender, zelfde gemeente, later en op tijd",
        "en": "superseded by {ref}: same sender, same nominee, later and on time",
    },
    "standing.duplicate-of": {
        "nl": "dubbel van {ref}: dezelfde tekst en documenten van dezelfde afzender",
        "en": "duplicate of {ref}: the same text and documents from the same sender",
    },
    "standing.late-revision-of": {
        "nl": "te late herziening van {ref}: na de sluitingstermijn ontvangen, dus {ref} "
        "blijft gelden",
        "en": "late revision of {ref}: received after the deadline, so {ref} still counts",
    },
    "standing.not-substantive": {
        "nl": "vervangt {ref} niet: geen document en geen voordrachtstekst",
        "en": "does not supersede {ref}: no document and no nomination text",
    },
    "standing.no-nominee": {
        "nl": "noemt geen gemeente, dus vervangt niets",
        "en": "names no municipality, so supersedes nothing",
    },
    "show.concerns": {"nl": "Gaat over", "en": "Concerns"},
    "show.correspondence": {"nl": "Correspondentie", "en": "Correspondence"},
    "show.document": {"nl": "Voordracht in", "en": "Nomination in"},
    "show.body": {"nl": "de tekst van de mail", "en": "the mail body"},
    "show.attachments": {"nl": "Bijlagen", "en": "Attachments"},
    "show.not_analysed": {"nl": "(nog niet gelezen)", "en": "(not read yet)"},
    "length.pages": {
        "nl": "{pages} pagina('s), {how}; {words} woorden",
        "en": "{pages} page(s), {how}; {words} words",
    },
    "length.unknown": {"nl": "onbekend; {words} woorden", "en": "unknown; {words} words"},
    "length.counted": {"nl": "geteld", "en": "counted"},
    "length.recorded": {
        "nl": "zoals vastgelegd door het programma",
        "en": "as recorded by the program",
    },
    "length.estimated": {
        "nl": "geschat uit het aantal woorden",
        "en": "estimated from the number of words",
    },
    "length.ok": {
        "nl": "binnen de limiet van {max} pagina('s)",
        "en": "within the limit of {max} page(s)",
    },
    "length.too_long": {
        "nl": "TE LANG: meer dan {max} pagina('s)",
        "en": "TOO LONG: more than {max} page(s)",
    },
    "show.none": {"nl": "(geen)", "en": "(none)"},
    # poll and import summaries
    "poll.summary": {
        "nl": "{filed} nieuw bericht(en) gearchiveerd, {duplicates} al bekend.",
        "en": "{filed} new message(s) filed, {duplicates} already known.",
    },
    "poll.refs": {"nl": "Nieuw: {refs}", "en": "New: {refs}"},
    "reprocess.summary": {
        "nl": "{count} bericht(en) opnieuw gelezen uit de bewaarde mail.",
        "en": "{count} message(s) read again from the stored mail.",
    },
    "poll.failed": {
        "nl": "{count} bericht(en) konden niet worden gearchiveerd (UID {uids}); "
        "de volgende poll probeert het opnieuw.",
        "en": "{count} message(s) could not be filed (UID {uids}); the next poll retries.",
    },
    "poll.vanished": {
        "nl": "{count} bericht(en) verdwenen van de server voordat ze konden worden opgehaald "
        "(UID {uids}).",
        "en": "{count} message(s) vanished from the server before they could be fetched "
        "(UID {uids}).",
    },
    "poll.uidvalidity": {
        "nl": "De map is op de server opnieuw genummerd (UIDVALIDITY); alles is opnieuw "
        "doorzocht zonder dubbele archivering.",
        "en": "The folder was renumbered on the server (UIDVALIDITY); it was rescanned "
        "without filing anything twice.",
    },
    "read.attention": {
        "nl": "{count} bericht(en) vragen aandacht: lezen of beoordelen lukte niet helemaal "
        "({refs}); het probleem staat bij elk bericht (intake show REF).",
        "en": "{count} message(s) need attention: reading or judging did not fully succeed "
        "({refs}); the problem is recorded on each (intake show REF).",
    },
    "migrate.done": {
        "nl": "De database is bijgewerkt (schemaversie {version}).",
        "en": "The database is up to date (schema version {version}).",
    },
    "import.summary": {
        "nl": "{filed} bericht(en) geïmporteerd, {duplicates} al bekend.",
        "en": "{filed} message(s) imported, {duplicates} already known.",
    },
    "import.unreadable": {
        "nl": "Niet gelezen: {path}: {reason}",
        "en": "Not read: {path}: {reason}",
    },
    "init.written": {
        "nl": "Voorbeeldconfiguratie geschreven naar {path}.",
        "en": "Example configuration written to {path}.",
    },
    "init.exists": {
        "nl": "{path} bestaat al; gebruik --force om te overschrijven.",
        "en": "{path} exists already; use --force to overwrite it.",
    },
    "error.config": {"nl": "Configuratiefout: {error}", "en": "Configuration error: {error}"},
    "error.operational": {"nl": "Fout: {error}", "en": "Error: {error}"},
    "error.not_found": {"nl": "Niet gevonden: {ref}", "en": "Not found: {ref}"},
    "error.internal": {
        "nl": "Interne fout ({error}); draai opnieuw met -v voor details.",
        "en": "Internal error ({error}); run again with -v for details.",
    },
    # durations
    "unit.day": {"nl": "d", "en": "d"},
    "unit.hour": {"nl": "u", "en": "h"},
    "unit.minute": {"nl": "min", "en": "min"},
    "unit.second": {"nl": "s", "en": "s"},
}


class Texts:
    """Look up a text by key in one language."""

    def __init__(self, language: str = DEFAULT_LANGUAGE):
        self.language = language if language in ("nl", "en") else DEFAULT_LANGUAGE

    def __call__(self, key: str, **values: object) -> str:
        entry = _TEXTS.get(key)
        if entry is None:
            raise KeyError(f"no text {key!r}")
        return entry[self.language].format(**values)

    def problem(self, code: str, detail: str, values: Mapping[str, str] | None = None) -> str:
        """The sentence for a problem, with its technical detail (or its values) filled in."""
        key = f"problem.{code}"
        if key in _TEXTS:
            return self(key, detail=detail, code=code, **(values or {})).strip()
        return self("problem.unknown", code=code, detail=detail).strip()

    def standing(self, reason: str | None, ref: str | None) -> str | None:
        """Why a nomination stands as it does, in a sentence; None for other mail."""
        return None if reason is None else self(f"standing.{reason}", ref=ref or "?")

    def duration(self, seconds: int) -> str:
        """A late-by figure people read at a glance: ``1 u 5 min``, ``40 s``."""
        days, rest = divmod(seconds, 86400)
        hours, rest = divmod(rest, 3600)
        minutes, secs = divmod(rest, 60)
        parts = []
        for amount, unit in ((days, "day"), (hours, "hour"), (minutes, "minute")):
            if amount:
                parts.append(f"{amount} {self(f'unit.{unit}')}")
        if secs or not parts:
            parts.append(f"{secs} {self('unit.second')}")
        return " ".join(parts[:2]) if days else " ".join(parts)
