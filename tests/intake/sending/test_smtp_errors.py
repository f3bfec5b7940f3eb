"""How each way SMTP can fail is told, and whether it is tried again: passing failures
(4xx, refused, timed out) are, setup mistakes and permanent refusals (5xx) are not. The
real server on loopback covers the common paths (tests/intake/reporting/test_digest.py);
these are the answers a test server is not easily made to give."""

from __future__ import annotations

import smtplib
import socket
import ssl

import pytest

from intake.config import SmtpSettings
from intake.errors import SmtpError, SmtpPassing, SmtpSetupError
from intake.language import Language
from intake.sending.smtp import _told

SETTINGS = SmtpSettings(host="smtp.example.nl", sender="Koplopers <koplopers@vng.example>")
SERVER = "smtp.example.nl:587"
NL = Language("nl")


def told(exc: BaseException) -> SmtpError | SmtpSetupError:
    return _told(exc, SETTINGS, SERVER)


def timed_out_read() -> smtplib.SMTPServerDisconnected:
    try:
        try:
            raise TimeoutError("timed out")
        except OSError as cause:
            # As smtplib raises it: the timeout only as the implicit context.
            raise smtplib.SMTPServerDisconnected(f"Connection unexpectedly closed: {cause}")  # noqa: B904
    except smtplib.SMTPServerDisconnected as exc:
        return exc


@pytest.mark.parametrize(
    ("exc", "kind", "dutch"),
    [
        (smtplib.SMTPSenderRefused(451, b"try later", "koplopers@vng.example"), SmtpPassing,
         "kan nu geen mail aannemen (code 451)"),
        (smtplib.SMTPSenderRefused(553, b"not yours", "koplopers@vng.example"), SmtpError,
         "weigerde de afzender koplopers@vng.example (code 553): controleer smtp.from"),
        (smtplib.SMTPRecipientsRefused({"a@vng.example": (450, b"busy")}), SmtpPassing,
         "kan nu geen mail aannemen voor a@vng.example"),
        (smtplib.SMTPRecipientsRefused({"a@vng.example": (550, b"x"),
                                        "b@vng.example": (450, b"y")}),
         SmtpError, "weigerde de ontvangers a@vng.example, b@vng.example (code 450, 550)"),
        (smtplib.SMTPDataError(554, b"spam"), SmtpError, "weigerde het bericht (code 554)"),
        (smtplib.SMTPDataError(421, b"closing"), SmtpPassing, "(code 421)"),
        (smtplib.SMTPAuthenticationError(535, b"bad"), SmtpError, "weigerde de login"),
        (ConnectionRefusedError(), SmtpPassing, "weigerde de verbinding"),
        (TimeoutError(), SmtpPassing, "gaf geen antwoord binnen de toegestane tijd (30 s)"),
        (timed_out_read(), SmtpPassing, "gaf geen antwoord binnen de toegestane tijd"),
        (smtplib.SMTPServerDisconnected("gone"), SmtpPassing, "is verbroken"),
        (socket.gaierror(socket.EAI_NONAME, "unknown"), SmtpSetupError,
         "er is geen host met de naam smtp.example.nl"),
        (socket.gaierror(socket.EAI_AGAIN, "again"), SmtpPassing, "kon niet worden opgezocht"),
        (ssl.SSLError(1, "wrong version number"), SmtpSetupError, "spreekt geen TLS"),
        (smtplib.SMTPNotSupportedError(), SmtpSetupError, "ondersteunt niet"),
    ],
)  # fmt: skip
def test_each_failure_is_told_and_sorted(exc, kind, dutch):
    found = told(exc)
    assert type(found) is kind
    assert dutch in found.told(NL)
    assert "smtplib" not in found.told(NL) and "Error" not in found.told(NL)


def test_an_untrusted_certificate_names_the_key_to_set():
    exc = ssl.SSLCertVerificationError(1, "certificate verify failed")
    exc.verify_code = 20
    exc.verify_message = "unable to get local issuer certificate"
    found = told(exc)
    assert isinstance(found, SmtpSetupError) and found.key == "smtp.ca_file"
    exc.verify_code = 62
    assert told(exc).key == "smtp.host"  # type: ignore[union-attr]
