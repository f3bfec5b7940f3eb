"""Around the deadline: three seconds before, thirty seconds after, and in the evening.

(The deadline's own edges — 16:59:59, 17:00:00 and 17:00:01 — are files 15 to 17; 58, a
late revision, arrives at 17:00:02.)
"""

from __future__ import annotations

from email.headerregistry import Address

from clients import gmail_message, gmail_trace, outlook_message
from mailkit import ALL3, OUR_MX, Case, Hop, at, auth_results, deliver, exchange_hops, hexid

# --- 78: three seconds to spare -------------------------------------------------------

ZOETERMEER_BODY = """\
    Geachte jury,

    Op het nippertje: de gemeente Zoetermeer draagt de gemeente Lansingerland voor als \
koploper cliëntondersteuning.

    Lansingerland heeft haar cliëntondersteuning in 2016 samen met inwoners opnieuw \
vormgegeven. Cliënten, mantelzorgers, vrijwillige ouderenadviseurs en professionals van het \
Centrum voor Jeugd en Gezin en het Wmo-loket hebben in vier sessies de werkwijze bepaald, \
waarbij de ervaringskennis van cliënten het vertrekpunt was. Dezelfde groep kijkt elk half \
jaar samen met de gemeente terug en stelt de werkwijze bij.

    Met vriendelijke groet,

    Samira el Kaddouri
    Beleidsmedewerker Wmo
    Gemeente Zoetermeer
"""


def build_zoetermeer(case: Case) -> bytes:
    sent = at(6, 1, 16, 59, 41)
    message = outlook_message(
        seed=case.file,
        sender='"Kaddouri, Samira el" <s.elkaddouri@zoetermeer.nl>',
        subject="Voordracht Lansingerland",
        sent=sent,
        message_id=f"<{hexid(case.file, 32)}@ZTMEXC03.zoetermeer.local>",
        markup=ZOETERMEER_BODY,
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail.zoetermeer.nl", "mail.zoetermeer.nl", "203.0.113.78"),
        seed=case.file,
        return_path="s.elkaddouri@zoetermeer.nl",
        sender_trace=exchange_hops("ZTMEXC03", "zoetermeer.local", sent, "15.0.1293.2"),
    )


# --- 79: sent before five, received thirty seconds after -----------------------------

VLAARDINGEN_TEXT = """\
Beste jury,

Hopelijk nog net op tijd: de Cliëntenraad Vlaardingen draagt de gemeente Vlaardingen voor \
als koploper cliëntondersteuning.

De gemeenteraad heeft cliëntondersteuning sinds 2016 als vast onderwerp in de jaarlijkse \
verantwoording, en onze cliëntenraad en de Wmo-raad worden bij elke wijziging vooraf gehoord.

De nieuwe werkwijze is gemaakt door cliënten, mantelzorgers, vrijwilligers en de \
professionals van de wijkteams samen, in een werkgroep die nog steeds twee keer per jaar \
bijeenkomt om te kijken wat er beter kan.

Signalen van cliënten worden elk kwartaal besproken; zo zijn de brieven herschreven en is er \
een ondersteuner gekomen voor mensen met psychische problemen. De cliëntervaring wordt ieder \
jaar gemeten en met onze raad besproken, waarna het beleid wordt aangepast.

Met vriendelijke groet,
Fatma Kaya
voorzitter Cliëntenraad Vlaardingen
"""


def build_vlaardingen(case: Case) -> bytes:
    sent = at(6, 1, 16, 59, 44)
    message = gmail_message(
        seed=case.file,
        sender=Address("Cliëntenraad Vlaardingen", addr_spec="clientenraadvlaardingen@gmail.com"),
        subject="Voordracht gemeente Vlaardingen koploper cliëntondersteuning",
        sent=sent,
        text=VLAARDINGEN_TEXT,
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail-wr0-f170.google.com", "mail-wr0-f170.google.com", "209.85.128.170"),
        seed=case.file,
        return_path="clientenraadvlaardingen@gmail.com",
        our_auth=auth_results(OUR_MX, "gmail.com", "pass"),
        sender_trace=gmail_trace(sent, case.file),
    )


# --- 80: in the evening, knowingly late ----------------------------------------------

KAMPEN_BODY = """\
    Geachte jury,

    Wij realiseren ons dat de termijn van 17.00 uur is verstreken. Toch sturen wij u onze \
voordracht, in de hoop dat u hem nog wilt meenemen.

    De gemeente Kampen draagt de gemeente Zwartewaterland voor als koploper \
cliëntondersteuning.

    # Op de agenda
    In Zwartewaterland bespreekt de raad ieder jaar het bereik van de cliëntondersteuning, en \
de Wmo-adviesraad heeft er in 2016 een uitgebreid advies over uitgebracht dat het college \
heeft overgenomen.

    # Vernieuwend
    Signalen uit de kernen Genemuiden, Hasselt en Zwartsluis worden per kwartaal besproken en \
leiden tot aanpassingen. Er is ondersteuning voor gezinnen met een kind met een beperking, en \
de cliëntervaring wordt gemeten en vertaald naar het uitvoeringsprogramma.

    Met vriendelijke groet,

    Henk Dijkhuis
    Beleidsadviseur Sociaal Domein
    Gemeente Kampen
"""


def build_kampen(case: Case) -> bytes:
    sent = at(6, 1, 18, 40, 48)
    message = outlook_message(
        seed=case.file,
        sender='"Dijkhuis, Henk" <h.dijkhuis@kampen.nl>',
        subject="Voordracht gemeente Zwartewaterland (na 17.00 uur)",
        sent=sent,
        message_id=f"<{hexid(case.file, 32)}@KMPEXC01.kampen.local>",
        markup=KAMPEN_BODY,
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail.kampen.nl", "mail.kampen.nl", "203.0.113.80"),
        seed=case.file,
        return_path="h.dijkhuis@kampen.nl",
        sender_trace=exchange_hops("KMPEXC01", "kampen.local", sent, "15.1.845.34"),
    )


CASES: tuple[Case, ...] = (
    Case(
        "78-zoetermeer-165957.eml",
        "nomination",
        "Gemeente Zoetermeer",
        at(6, 1, 16, 59, 57),
        True,
        "Received 16:59:57, three seconds before the deadline ('op het nippertje'). Only "
        "joint development.",
        build_zoetermeer,
        sender_municipality="GM0637",
        nominees=("GM1621",),
        criteria_met=("samenwerking",),
    ),
    Case(
        "79-vlaardingen-clientenraad-gmail-170030.eml",
        "nomination",
        "Cliëntenraad Vlaardingen",
        at(6, 1, 17, 0, 30),
        False,
        "Date header 16:59:44, received 17:00:30: late by thirty seconds although it was "
        "sent in time. A client council on gmail.com nominating its own municipality.",
        build_vlaardingen,
        sender_municipality="GM0622",
        nominees=("GM0622",),
        criteria_met=ALL3,
        dmarc="pass",
    ),
    Case(
        "80-kampen-late-evening.eml",
        "nomination",
        "Gemeente Kampen",
        at(6, 1, 18, 41, 5),
        False,
        "Received 18:41:05, knowingly late ('na 17.00 uur' in the subject). Genemuiden, "
        "Hasselt and Zwartsluis are villages, not municipalities.",
        build_kampen,
        sender_municipality="GM0166",
        nominees=("GM1896",),
        criteria_met=("agenda", "innovatie"),
    ),
)
