import time
from email.message import Message
from email.parser import BytesParser
from email.policy import compat32
from email.utils import collapse_rfc2231_value
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parsers.body import forwarded_text, own_text
from parsers.charset import decode
from parsers.html_text import html_to_text
from parsers.model import ProblemCode
from tests.support.paths import CORPUS

EMAIL = CORPUS / "email"

# --- own_text -------------------------------------------------------------

NOMINATION = (
    "Wij dragen Jan de Vries voor als koploper cliëntondersteuning. Hij heeft in onze "
    "gemeente het wijkteam opgezet en veertig vrijwilligers opgeleid."
)


def test_plain_nomination_is_kept_whole_with_its_closing():
    body = f"Beste jury,\n\n{NOMINATION}\n\nMet vriendelijke groet,\nPiet Jansen\nGemeente X\n"
    assert own_text(body) == body.strip()


def test_dutch_gmail_reply_is_cut_at_the_attribution():
    body = (
        f"{NOMINATION}\n\nMet vriendelijke groet,\nPiet\n\n"
        "Op ma 3 jun 2024 om 10:00 schreef Prijs <prijs@example.org>:\n"
        "> Beste gemeente,\n> Stuur uw voordracht voor 1 juli.\n"
    )
    assert own_text(body) == f"{NOMINATION}\n\nMet vriendelijke groet,\nPiet"


def test_english_attribution_wrapped_over_two_lines_is_cut():
    body = (
        f"{NOMINATION}\r\n\r\nOn Mon, Jun 3, 2024 at 10:00 AM Prize Committee <\r\n"
        "prize@example.org> wrote:\r\n\r\n> Please send your nomination.\r\n"
    )
    assert own_text(body) == NOMINATION


def test_thunderbird_and_apple_attributions_are_cut():
    for attribution in (
        "Op 03-06-2024 om 10:00 schreef Prijs:",
        "Op 3 jun. 2024, om 10:00 heeft Prijs <prijs@example.org> het volgende geschreven:",
        "On 6/3/24 10:00, Prize wrote:",
    ):
        body = f"{NOMINATION}\n\n{attribution}\n\nOude tekst van de oproep.\n"
        assert own_text(body) == NOMINATION, attribution


def test_outlook_reply_block_is_cut_dutch_and_english():
    for header in (
        "Van: Prijs <prijs@example.org>\nVerzonden: maandag 3 juni 2024 10:00\n"
        "Aan: Piet <piet@gemeente.nl>\nOnderwerp: Oproep\n",
        "From: Prize <prize@example.org>\nSent: Monday, June 3, 2024 10:00 AM\n"
        "To: Piet\nCc: Els\nSubject: RE: Call\n",
        "*Van:* Prijs\n*Verzonden:* maandag 3 juni 2024 10:00\n*Aan:* Piet\n*Onderwerp:* Oproep\n",
    ):
        body = f"{NOMINATION}\n\nGroet,\nPiet\n\n________________________________\n{header}\nOud."
        assert own_text(body) == f"{NOMINATION}\n\nGroet,\nPiet", header


def test_original_message_reply_is_cut():
    body = (
        f"{NOMINATION}\n\n-----Oorspronkelijk bericht-----\nVan: Prijs [mailto:p@x.org]\n"
        "Verzonden: maandag 3 juni 2024 10:00\nAan: Piet\nOnderwerp: RE: Oproep\n\nOud."
    )
    assert own_text(body) == NOMINATION


def test_forwarded_nomination_under_a_trivial_note_is_kept():
    body = (
        "Zie onderstaand.\n\nGroet,\nKarin\n\n"
        "---------- Forwarded message ---------\n"
        "From: Jan <jan@gemeente.nl>\nDate: Mon, 3 Jun 2024 at 10:00\n"
        "Subject: Voordracht\nTo: Karin <karin@gemeente.nl>, Els <els@gemeente.nl>,\n"
        " Piet <piet@gemeente.nl>\n\n\n"
        f"{NOMINATION}\n\nMet vriendelijke groet,\nJan\n"
    )
    assert own_text(body) == f"{NOMINATION}\n\nMet vriendelijke groet,\nJan"


def test_forwards_in_dutch_from_apple_mail_outlook_and_thunderbird():
    for marker, header in (
        ("Begin doorgestuurd bericht:", "Van: Jan <jan@x.nl>\nOnderwerp: Voordracht\n"),
        ("---------- Doorgestuurd bericht ---------", "Van: Jan <jan@x.nl>\nDatum: 3 juni\n"),
        ("-------- Forwarded Message --------", "Subject: Voordracht\nDate: 3 June\n"),
        ("-----Original Message-----", "From: Jan\nSent: 3 June\nTo: K\nSubject: FW: Voordracht\n"),
    ):
        body = f"FYI\n\n{marker}\n{header}\n{NOMINATION}\n"
        assert own_text(body) == NOMINATION, marker


def test_outlook_forward_block_without_note_is_unwrapped():
    body = (
        "\n\nVan: Jan <jan@x.nl>\nVerzonden: maandag 3 juni 2024 10:00\n"
        f"Aan: Karin\nOnderwerp: FW: Voordracht\n\n{NOMINATION}\n"
    )
    assert own_text(body) == NOMINATION


def test_forward_under_a_real_note_keeps_both():
    note = (
        "Beste jury, hierbij stuur ik de voordracht door die wij vorige week van het "
        "wijkteam ontvingen, met het verzoek hem mee te nemen in de beoordeling."
    )
    body = f"{note}\n\n---------- Doorgestuurd bericht ---------\nVan: Jan <j@x.nl>\n\n{NOMINATION}"
    assert own_text(body) == f"{note}\n\n{NOMINATION}"


def test_reply_under_a_real_text_is_cut_even_if_long_history_follows():
    history = "\n".join(f"> oude regel {n} met tekst" for n in range(200))
    body = f"{NOMINATION}\n\nOn Mon, 3 Jun 2024 10:00, Prize <p@x.org> wrote:\n{history}"
    assert own_text(body) == NOMINATION


def test_bottom_posted_and_inline_replies_keep_the_own_text():
    body = (
        "Op 3 jun 2024 om 10:00 schreef Prijs <prijs@example.org>:\n"
        "> Wie draagt u voor?\n\n"
        f"{NOMINATION}\n\n"
        "> En waarom?\n\n"
        "Om zijn inzet.\n"
    )
    assert own_text(body) == f"{NOMINATION}\n\nOm zijn inzet."


def test_quoted_lines_are_dropped():
    body = f"> Wat is uw voordracht?\n\n{NOMINATION}\n\n> Graag voor 1 juli.\n>> eerder\n"
    assert own_text(body) == NOMINATION


def test_a_body_of_nothing_but_quotes_is_kept_unquoted():
    body = "> " + NOMINATION.replace(". ", ".\n> ")
    assert own_text(body) == NOMINATION.replace(". ", ".\n")


def test_short_reply_above_the_call_keeps_only_the_reply():
    body = (
        "Bijgaand onze voordracht.\n\nGroet,\nPiet\n\n"
        "Op 3 jun 2024 om 10:00 schreef Prijs <prijs@example.org>:\n\n"
        "> Beste gemeente, stuur uw voordracht van maximaal een A4 voor 1 juli naar dit adres.\n"
    )
    assert own_text(body) == "Bijgaand onze voordracht.\n\nGroet,\nPiet"
    empty_reply = "\n\nOp 3 jun 2024 om 10:00 schreef Prijs <prijs@example.org>:\n> Oproep\n"
    assert own_text(empty_reply) == ""


@pytest.mark.parametrize(
    "body",
    [
        f"{NOMINATION}\nVan: de bewoners, voor de bewoners. Dat is zijn motto.\nDank u.",
        f"Het initiatief kwam Van: de buurt zelf.\n{NOMINATION}",
        f"Aan: de jury\nVan: Gemeente Voorbeeld\nOnderwerp: Voordracht\n\n{NOMINATION}",
        f"{NOMINATION}\nOp 12 mei 2023 schreef zij een brief aan de raad:\nmeer zorg dichtbij.",
        f"{NOMINATION}\n\nDenk aan het milieu: zij richtte ook een repaircafé op.",
        f"{NOMINATION}\n-- zie ook de bijlage --\nen nog meer tekst.",
        f"{NOMINATION}\n\nVerzonden met dank aan alle vrijwilligers",
    ],
)
def test_innocent_lines_that_look_like_markers_are_not_cut(body: str):
    assert own_text(body) == body


def test_signature_delimiter_is_cut():
    body = f"{NOMINATION}\n\nGroet,\nPiet\n-- \nPiet Jansen | Gemeente X | 06-12345678\n"
    assert own_text(body) == f"{NOMINATION}\n\nGroet,\nPiet"


def test_bare_double_dash_cuts_only_a_signature_sized_tail():
    body = f"{NOMINATION}\n\n--\nPiet Jansen\nGemeente X\n"
    assert own_text(body) == NOMINATION
    long_tail = "\n".join(f"Alinea {n} van de voordracht." for n in range(20))
    assert own_text(f"{NOMINATION}\n--\n{long_tail}") == f"{NOMINATION}\n--\n{long_tail}"


def test_disclaimer_is_cut_but_the_closing_kept():
    body = (
        f"{NOMINATION}\n\nMet vriendelijke groet,\n\nPiet Jansen\nAdviseur Wmo\n\n"
        "Dit bericht is uitsluitend bestemd voor de geadresseerde. Het kan vertrouwelijke "
        "informatie bevatten. Als u dit bericht onterecht ontvangt, wordt u verzocht de "
        "inhoud niet te gebruiken en de afzender direct te informeren.\n"
        "Denk aan het milieu voordat u deze e-mail print.\n"
    )
    assert own_text(body) == (
        f"{NOMINATION}\n\nMet vriendelijke groet,\n\nPiet Jansen\nAdviseur Wmo"
    )


def test_english_disclaimer_and_device_footer_are_cut():
    body = (
        f"{NOMINATION}\n\nSent from my iPhone\n\nDisclaimer: This e-mail is confidential "
        "and intended solely for the addressee."
    )
    assert own_text(body) == NOMINATION
    assert own_text(f"{NOMINATION}\n\nVerzonden vanaf mijn iPad") == NOMINATION


def test_disclaimer_phrase_followed_by_a_long_text_is_not_cut():
    rest = " ".join(["woord"] * 500)
    body = f"{NOMINATION}\nDisclaimer over de cijfers hieronder.\n{rest}"
    assert own_text(body) == body


def test_nested_forwards_are_unwrapped_and_history_below_cut():
    inner = (
        f"{NOMINATION}\n\nGroet, Jan\n\nOp 1 jun 2024 om 09:00 schreef Prijs <p@x.org>:\n> Oproep\n"
    )
    body = (
        "FYI\n\n---------- Forwarded message ---------\nFrom: A <a@x.nl>\n\n"
        "Zie onder\n\n---------- Forwarded message ---------\nFrom: B <b@x.nl>\n\n" + inner
    )
    assert own_text(body) == f"{NOMINATION}\n\nGroet, Jan"


def test_html_reply_from_gmail_and_outlook_is_cut():
    gmail = (
        f'<div dir="ltr">{NOMINATION}<div><br></div><div>Groet, Piet</div></div><br>'
        '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, Jun 3, 2024 at '
        "10:00\u202fAM Prize &lt;p@x.org&gt; wrote:<br></div><blockquote>Oproep</blockquote></div>"
    )
    assert own_text(html_to_text(gmail)) == f"{NOMINATION}\n\nGroet, Piet"
    outlook = (
        f"<p class=MsoNormal>{NOMINATION}<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p>"
        "<div style='border:none;border-top:solid #E1E1E1 1.0pt'><p class=MsoNormal><b>From:</b>"
        " Prize &lt;p@x.org&gt;<br><b>Sent:</b> Monday, June 3, 2024 10:00<br><b>To:</b> Piet"
        "<br><b>Subject:</b> Call<o:p></o:p></p></div><p class=MsoNormal>Oproep</p>"
    )
    assert own_text(html_to_text(outlook)) == NOMINATION


@given(st.text())
def test_nomination_text_never_raises(body: str):
    assert isinstance(own_text(body), str)


@given(st.text(alphabet="abcdefghij klmnopq\n", max_size=300))
def test_text_without_markers_keeps_every_word(body: str):
    assert own_text(body).split() == body.split()


def test_a_megabyte_of_text_is_fast():
    body = (NOMINATION + "\n") * (1_000_000 // len(NOMINATION))
    started = time.perf_counter()
    assert own_text(body) == body.strip()
    assert time.perf_counter() - started < 20  # a hang guard, not a speed target


# --- the corpus --------------------------------------------------------------------


def _charset(part: Message) -> str | None:
    value = part.get_param("charset")
    if isinstance(value, tuple):
        return collapse_rfc2231_value(value)
    return value if isinstance(value, str) else None


def _read_text_parts(path: Path) -> int:
    message = BytesParser(policy=compat32).parsebytes(path.read_bytes())
    parts = 0
    for part in message.walk():
        content_type = part.get_content_type()
        if content_type not in ("text/plain", "text/html"):
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        text, problems = decode(payload, _charset(part))
        assert all(problem.code == ProblemCode.CHARSET for problem in problems)
        if content_type == "text/html":
            text = html_to_text(text)
        own_text(text)
        parts += 1
    return parts


@pytest.mark.skipif(not EMAIL.is_dir(), reason="the shared corpus is not here")
def test_every_text_part_in_the_corpus_is_read_quickly():
    paths = sorted(path for path in EMAIL.rglob("*") if path.is_file())
    started = time.perf_counter()
    slowest = (0.0, "")
    parts = 0
    for path in paths:
        before = time.perf_counter()
        parts += _read_text_parts(path)
        slowest = max(slowest, (time.perf_counter() - before, str(path.relative_to(EMAIL))))
    total = time.perf_counter() - started
    print(f"\ncorpus: {len(paths)} emails, {parts} text parts in {total:.2f} s; slowest {slowest}")
    assert len(paths) > 500
    assert total < 60
    assert slowest[0] < 10


def test_an_ibm_notes_forward_is_unwrapped_and_its_text_kept_apart():
    body = (
        "Voor de zekerheid stuur ik onze voordracht nogmaals door.\n\n"
        "Met vriendelijke groet,\nWillem\n\n"
        "----- Doorgestuurd door Willem de Kraker/Hulst op 01-06-2017 11:29 -----\n\n"
        "Van:\tWillem de Kraker/Hulst\nAan:\tkoplopers@vng.example\n"
        "Datum:\t29-05-2017 10:19\nOnderwerp:\tVoordracht gemeente Sluis\n\n"
        "Geachte jury,\n\nHulst draagt de gemeente Sluis voor als koploper.\n"
    )
    assert "Doorgestuurd door" not in own_text(body)
    assert (
        forwarded_text(body) == "Geachte jury,\n\nHulst draagt de gemeente Sluis voor als koploper."
    )
    assert forwarded_text("Geen doorgestuurd bericht.") is None
