"""Correspondence: questions about the call, follow-ups, replies to our acknowledgement, thanks.

None of these is a nomination, although most name a municipality, a "voordracht" or the
criteria.  ``concerns`` names the nomination a mail is about, by thread or by the same
sender; a question about the rules asked before the sender nominated concerns the call.
"""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage

from bodies import outlook_com_quote, quote_lines
from clients import (
    apple_mail_message,
    outlook_com_message,
    outlook_com_trace,
    outlook_message,
    submission_hop,
    thunderbird_message,
)
from mailkit import (
    CALL_MESSAGE_ID,
    CALL_SENT,
    CALL_SUBJECT,
    CALL_TEXT,
    OUR_MX,
    OUR_SENDER,
    Case,
    Hop,
    answer,
    at,
    auth_results,
    deliver,
    dkim_signature,
    earlier,
    exchange_hops,
    hexid,
)

# --- 31: a rules question; the sender nominates later (46) -----------------------------

OSS_QUESTION_SUBJECT = "Vraag: mogen wij een buurgemeente voordragen?"
OSS_SENDER = '"Dinther, Marloes van" <m.vandinther@oss.nl>'
OSS_HOP = Hop("mail.oss.nl", "mail.oss.nl", "203.0.113.12")

OSS_QUESTION = """\
    Geachte heer, mevrouw,

    Wij hebben de oproep voor de Koplopers Cliëntondersteuning met belangstelling gelezen. \
Voordat wij een voordracht opstellen, hebben wij een vraag.

    Mogen wij ook een buurgemeente voordragen? In de oproep staat dat gemeenten een gemeente \
kunnen voordragen, maar niet of dat ook een andere gemeente dan de eigen mag zijn. Wij werken \
in Noordoost-Brabant nauw samen en zien bij een van onze buurgemeenten een aanpak die wij \
graag onder de aandacht brengen.

    Alvast hartelijk dank voor uw antwoord.

    Met vriendelijke groet,

    Marloes van Dinther
    Beleidsadviseur Wmo
    Gemeente Oss
    T (0412) 12 34 56
"""

# Our answer to 31, by hand; 46 replies to it.  It is not in the inbox.
OSS_ANSWER = answer(
    3,
    OSS_QUESTION_SUBJECT,
    at(5, 8, 15, 31, 12),
    """\
Beste mevrouw Van Dinther,

Dank voor uw vraag. U kunt ook een andere gemeente dan uw eigen gemeente voordragen, dus ook \
een buurgemeente. Wij zien uw voordracht graag tegemoet.

Met vriendelijke groet,

Programmateam Koplopers Cliëntondersteuning
""",
)


def build_oss_question(case: Case) -> bytes:
    sent = at(5, 8, 10, 12, 21)
    message = outlook_message(
        seed=case.file,
        sender=OSS_SENDER,
        subject=OSS_QUESTION_SUBJECT,
        sent=sent,
        message_id=f"<{hexid(case.file, 32)}@OSSEXC01.oss.local>",
        markup=OSS_QUESTION,
    )
    return deliver(
        message,
        received=case.received,
        hop=OSS_HOP,
        seed=case.file,
        return_path="m.vandinther@oss.nl",
        sender_trace=exchange_hops("OSSEXC01", "oss.local", sent, "15.1.845.34"),
    )


# --- 32, 42: a council asks until when; later thanks for our answer --------------------

THOLEN_SENDER = "Wmo-raad Tholen <wmoraad.tholen@hotmail.com>"
THOLEN_SUBJECT = "Tot hoe laat kunnen we insturen?"
THOLEN_MAILBOX = "AM5PR0701MB2658"
HOTMAIL_HOP = Hop(
    "EUR01-VE1-obe.outbound.protection.outlook.com",
    "mail-ve1eur01olkn0817.outbound.protection.outlook.com",
    "203.0.113.81",
)

THOLEN_QUESTION = """\
Goedenavond,

Wij zijn als Wmo-raad nog met onze voordracht bezig. Tot hoe laat kunnen we insturen? In de \
oproep staat 1 juni, maar is dat tot het eind van de dag of tot een bepaald tijdstip? Onze \
vergadering is pas op 1 juni 's middags, dus het wordt krap.

Met vriendelijke groet,
Corrie Verhage
secretaris Wmo-raad Tholen
"""

THOLEN_ANSWER = answer(
    7,
    THOLEN_SUBJECT,
    at(5, 30, 7, 58, 40),
    """\
Beste mevrouw Verhage,

U kunt uw voordracht insturen tot donderdag 1 juni 2017, 17.00 uur. Voordrachten die later \
binnenkomen, kunnen wij helaas niet meer meenemen.

Met vriendelijke groet,

Programmateam Koplopers Cliëntondersteuning
""",
)

THOLEN_THANKS = """\
Goedemorgen,

Dank voor het snelle antwoord! Dan weten we dat we tot 1 juni 17.00 uur de tijd hebben. We \
gaan ons best doen om het op tijd rond te krijgen.

Hartelijke groet,
Corrie Verhage
Wmo-raad Tholen
"""


def tholen_delivery(case: Case, message: EmailMessage, sent: datetime) -> bytes:
    return deliver(
        message,
        received=case.received,
        hop=HOTMAIL_HOP,
        seed=case.file,
        return_path="wmoraad.tholen@hotmail.com",
        our_auth=auth_results(OUR_MX, "hotmail.com", "pass"),
        sender_trace=outlook_com_trace(sent, case.file, "hotmail.com", THOLEN_MAILBOX),
    )


def build_tholen_question(case: Case) -> bytes:
    sent = at(5, 29, 21, 2, 58)
    message = outlook_com_message(
        seed=case.file,
        sender=THOLEN_SENDER,
        subject=THOLEN_SUBJECT,
        sent=sent,
        text=THOLEN_QUESTION,
        mailbox=THOLEN_MAILBOX,
    )
    return tholen_delivery(case, message, sent)


def build_tholen_thanks(case: Case) -> bytes:
    question = earlier("32-tholen-wmoraad-hotmail-deadline-question.eml")
    sent = at(5, 30, 8, 15, 9)
    message = outlook_com_message(
        seed=case.file,
        sender=THOLEN_SENDER,
        subject=THOLEN_ANSWER.subject,
        sent=sent,
        text=THOLEN_THANKS,
        mailbox=THOLEN_MAILBOX,
        in_reply_to=THOLEN_ANSWER.message_id,
        references=f"{question['Message-ID']} {THOLEN_ANSWER.message_id}",
        quoted=outlook_com_quote(
            sender=OUR_SENDER,
            sent=THOLEN_ANSWER.sent,
            subject=THOLEN_ANSWER.subject,
            text=THOLEN_ANSWER.text,
            to=THOLEN_SENDER,
        ),
    )
    return tholen_delivery(case, message, sent)


# --- 33: a question in English ---------------------------------------------------------

HAGUE_QUESTION = """\
    Dear Sir or Madam,

    I work in the international team of the Social Affairs department of the municipality \
of The Hague, and a colleague forwarded your call for nominations to me. I have two \
questions before we decide whether to take part.

    First, may a nomination be written in English? Several members of our client advisory \
board do not read Dutch well, and we would like them to be able to review the text before it \
is sent.

    Second, does the limit of one A4 page include annexes, such as a table with figures or a \
short letter of support from the advisory board?

    Thank you in advance for your reply.

    Kind regards,

    Sarah Whitfield
    Policy Adviser, International Affairs
    Municipality of The Hague
"""


def build_hague_question(case: Case) -> bytes:
    sent = at(5, 16, 15, 19, 50)
    message = outlook_message(
        seed=case.file,
        sender='"Whitfield, Sarah" <s.whitfield@denhaag.nl>',
        subject="Question about the call for nominations (Koplopers Cliëntondersteuning)",
        sent=sent,
        message_id=f"<{hexid(case.file, 32)}@DHEXMBX04.denhaag.local>",
        markup=HAGUE_QUESTION,
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mx3.denhaag.nl", "mx3.denhaag.nl", "192.0.2.33"),
        seed=case.file,
        return_path="s.whitfield@denhaag.nl",
        our_auth=auth_results(OUR_MX, "denhaag.nl", "pass"),
        sender_trace=[
            dkim_signature("denhaag.nl", "sel2017", sent, case.file),
            *exchange_hops("DHEXMBX04", "denhaag.local", sent, "15.0.1263.5"),
        ],
    )


# --- 34: a question from Apple Mail ---------------------------------------------------

LELYSTAD_QUESTION = """\
Goedemorgen,

Een korte vraag over de voordracht voor de Koplopers Cliëntondersteuning. Telt een bijlage \
met cijfers mee voor het ene A4? En mogen we een kort filmpje meesturen waarin cliënten zelf \
vertellen over de ondersteuning, of is dat niet de bedoeling?

Groet,

Ruben Kloosterman
Gemeente Lelystad
"""


def build_lelystad_question(case: Case) -> bytes:
    sent = at(5, 22, 11, 40, 52)
    message = apple_mail_message(
        seed=case.file,
        sender="Ruben Kloosterman <r.kloosterman@lelystad.nl>",
        subject="Vraag over de omvang van de voordracht",
        sent=sent,
        text=LELYSTAD_QUESTION,
        domain="lelystad.nl",
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("smtp.lelystad.nl", "smtp.lelystad.nl", "203.0.113.34"),
        seed=case.file,
        return_path="r.kloosterman@lelystad.nl",
        sender_trace=[submission_hop("smtp.lelystad.nl", "10.12.4.87", sent, case.file)],
    )


# --- 35: a question as a reply to the call, which it quotes ---------------------------

WEERT_QUESTION = """\
Geachte heer, mevrouw,

Dank voor uw oproep, die wij via de gemeente ontvingen. Wij hebben er in onze vergadering \
over gesproken en hebben nog twee vragen.

Is er aan het koploperschap ook een budget of een prijs verbonden, of gaat het vooral om het \
delen van ervaringen? En krijgen alle indieners bericht over de uitkomst, ook als hun \
gemeente niet wordt gekozen?

Met vriendelijke groet,

Math Smeets
voorzitter Cliëntenraad Sociaal Domein Weert
"""


def build_weert_question(case: Case) -> bytes:
    sent = at(5, 12, 19, 55, 2)
    attribution = (
        f"Op {CALL_SENT:%d-%m-%y} om {CALL_SENT:%H:%M} schreef Koplopers Cliëntondersteuning:"
    )
    text = WEERT_QUESTION + "\n" + attribution + "\n" + quote_lines(CALL_TEXT, width=70) + "\n"
    message = thunderbird_message(
        seed=case.file,
        sender="Cliëntenraad Sociaal Domein Weert <clientenraad.weert@kpnmail.nl>",
        subject="Re: " + CALL_SUBJECT,
        sent=sent,
        text=text,
        domain="kpnmail.nl",
        in_reply_to=CALL_MESSAGE_ID,
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("smtp.kpnmail.nl", "cpsmtpb-ews07.kpnxchange.com", "203.0.113.35"),
        seed=case.file,
        return_path="clientenraad.weert@kpnmail.nl",
        sender_trace=[submission_hop("smtp.kpnmail.nl", "198.51.100.135", sent, case.file)],
    )


# --- 43: "zie bijlage", and no attachment -----------------------------------------------

HOOGEVEEN_COVER = """\
    Goedemiddag,

    Zie bijlage.

    Met vriendelijke groet,

    Gerda Lubbers
    Beleidsmedewerker Sociaal Domein
    Gemeente Hoogeveen
    T (0528) 12 34 56
"""


def build_hoogeveen_forgotten(case: Case) -> bytes:
    sent = at(6, 1, 16, 40, 49)
    message = outlook_message(
        seed=case.file,
        sender='"Lubbers, Gerda" <g.lubbers@hoogeveen.nl>',
        subject="Voordracht Koplopers Cliëntondersteuning",
        sent=sent,
        message_id=f"<{hexid(case.file, 32)}@HGVEXC01.hoogeveen.local>",
        markup=HOOGEVEEN_COVER,
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail.hoogeveen.nl", "mail.hoogeveen.nl", "203.0.113.43"),
        seed=case.file,
        return_path="g.lubbers@hoogeveen.nl",
        sender_trace=exchange_hops("HGVEXC01", "hoogeveen.local", sent, "15.0.1293.2"),
    )


CASES: tuple[Case, ...] = (
    Case(
        "31-oss-question-neighbour-municipality.eml",
        "correspondence",
        "Gemeente Oss",
        at(5, 8, 10, 12, 40),
        True,
        "'Mogen wij ook een buurgemeente voordragen?' weeks before the deadline. A question "
        "about the rules, asked before Oss nominated (46 replies to our answer): it concerns "
        "the call, not a nomination.",
        build_oss_question,
        sender_municipality="GM0828",
    ),
    Case(
        "32-tholen-wmoraad-hotmail-deadline-question.eml",
        "correspondence",
        "Wmo-raad Tholen",
        at(5, 29, 21, 3, 15),
        True,
        "'Tot hoe laat kunnen we insturen?' from an advisory board on hotmail.com (Outlook.com); "
        "it says it is working on a nomination, but none of theirs arrives.",
        build_tholen_question,
        sender_municipality="GM0716",
        dmarc="pass",
    ),
    Case(
        "33-denhaag-english-question.eml",
        "correspondence",
        "Gemeente Den Haag",
        at(5, 16, 15, 20, 11),
        True,
        "A question in English (may a nomination be in English; do annexes count for the one "
        "page?) from a municipal address; names the criteria's words 'client advisory board'.",
        build_hague_question,
        sender_municipality="GM0518",
        dmarc="pass",
        language="en",
    ),
    Case(
        "34-lelystad-apple-mail-page-limit-question.eml",
        "correspondence",
        "Gemeente Lelystad",
        at(5, 22, 11, 41, 7),
        True,
        "Apple Mail (multipart/alternative, Apple-Mail boundary): does an attachment with "
        "figures count for the one A4, may a video be sent? Mentions a 'bijlage' it does not "
        "claim to carry.",
        build_lelystad_question,
        sender_municipality="GM0995",
    ),
    Case(
        "35-weert-clientenraad-reply-to-call-question.eml",
        "correspondence",
        "Cliëntenraad Sociaal Domein Weert",
        at(5, 12, 19, 55, 30),
        True,
        "A question (is there a prize; will every nominator hear?) as a Thunderbird reply to "
        "the call from kpnmail.nl: In-Reply-To the call, which is quoted below with all three "
        "criteria. Nothing is nominated.",
        build_weert_question,
        sender_municipality="GM0988",
    ),
    Case(
        "42-tholen-wmoraad-thanks-for-answer.eml",
        "correspondence",
        "Wmo-raad Tholen",
        at(5, 30, 8, 15, 22),
        True,
        "'Dank voor het snelle antwoord!' in reply to our answer to 32 (In-Reply-To our "
        "answer, References 32); our answer is quoted. No nomination of Tholen's in the inbox.",
        build_tholen_thanks,
        sender_municipality="GM0716",
        dmarc="pass",
    ),
    Case(
        "43-hoogeveen-zie-bijlage-forgotten.eml",
        "correspondence",
        "Gemeente Hoogeveen",
        at(6, 1, 16, 41, 7),
        True,
        "'Zie bijlage.' and nothing attached, twenty minutes before the deadline; the subject "
        "names no municipality and no resend follows. A cover note whose nomination is "
        "missing, not a nomination.",
        build_hoogeveen_forgotten,
        sender_municipality="GM0118",
        missing_attachment=True,
    ),
)
