"""Write the labelled inbox of this folder, and labels.toml, from scratch.

    .venv/bin/python tests/data/nominations/make_nominations.py [OUTDIR]

Every message is put together with the standard library's ``email`` package, the way the
named client would have written it, then our border server's trace fields (``Received:``
from ``mx.vng.example`` and, for some, ``Authentication-Results:``) and the delivery
fields (``Return-Path:``, ``Delivered-To:``) are prepended as raw header lines, as an MTA
does.  DOCX attachments are written with python-docx and re-zipped with fixed
timestamps; PDFs are files of ``tests/data/docs/`` as they are, or written by
``documents.py``.

The first thirty messages, their texts and builders are in this file (``FIRST_CASES``);
the rest of the inbox is in the ``inbox_*.py`` modules beside it, each with its own
``CASES``, collected into ``CASES`` below.  The building blocks they share are in
``mailkit.py`` (ids, dates, trace fields, ``Case``), ``clients.py`` (how each mail client
writes a message), ``bodies.py`` (the bodies and quoted text they carry) and
``documents.py`` (attachments).

The output is byte-for-byte reproducible: fixed dates, Message-IDs and MIME boundaries
(derived from the file name with SHA-256), no randomness and no clock.  The labels live
beside each message in its ``Case``; ``labels.toml`` is written from them.  See README.md
for what each file tests and what the labels mean.

People, street addresses, phone numbers and what the texts say about each municipality
are invented.  Municipal domain names and CBS codes are public facts.
"""

from __future__ import annotations

import html
import io
import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from email import message_from_bytes
from email.headerregistry import Address
from email.message import EmailMessage, Message
from email.utils import format_datetime
from pathlib import Path

import docx
import inbox_automatic
import inbox_chains
import inbox_councils
import inbox_criteria
import inbox_deadline
import inbox_followups
import inbox_questions
import inbox_revisions
import inbox_styles
from bodies import EMPTY_P, flowed, outlook_plain, tiny_png, word_html
from clients import (
    gmail_message,
    gmail_trace,
    outlook_message,
    plain_message,
)
from documents import as_word_saves_it
from docx.shared import Mm, Pt
from mailkit import (
    ALL3,
    CALL_MESSAGE_ID,
    CALL_SUBJECT,
    CALL_TEXT,
    COMPAT32,
    DOCS,
    OUR_ADDRESS,
    OUR_MX,
    POLICY,
    Case,
    Hop,
    at,
    auth_results,
    b64id,
    build_all,
    deliver,
    digest,
    dkim_signature,
    dutch_date,
    exchange_hops,
    hexid,
    postfix_date,
    set_boundaries,
)

HERE = Path(__file__).resolve().parent

# --- the texts --------------------------------------------------------------------------

DISCLAIMER_UTRECHT = (
    "Dit bericht is uitsluitend bestemd voor de geadresseerde. Als dit bericht niet voor u "
    "bestemd is, wordt u vriendelijk verzocht dit aan de afzender te melden en het bericht "
    "te verwijderen. De gemeente Utrecht aanvaardt geen aansprakelijkheid voor schade, van "
    "welke aard ook, die verband houdt met risico's verbonden aan het elektronisch "
    "verzenden van berichten."
)
DISCLAIMER_SOEST = (
    "Dit bericht (inclusief eventuele bijlagen) kan vertrouwelijke informatie bevatten en is "
    "uitsluitend bestemd voor de geadresseerde(n). Indien u dit bericht onterecht ontvangt, "
    "wordt u verzocht de inhoud niet te gebruiken, de afzender direct te informeren en het "
    "bericht te vernietigen. Aan dit bericht kunnen geen rechten worden ontleend."
)
DISCLAIMER_NIJMEGEN = (
    "Disclaimer: De informatie in dit e-mailbericht is vertrouwelijk en uitsluitend bestemd "
    "voor de geadresseerde. Openbaarmaking, vermenigvuldiging, verspreiding en/of verstrekking "
    "van deze informatie aan derden is niet toegestaan. De gemeente Nijmegen staat niet in "
    "voor de juiste en volledige overbrenging van de inhoud van een verzonden e-mail."
)
DISCLAIMER_EINDHOVEN = (
    "Deze e-mail en eventuele bijlagen zijn uitsluitend bestemd voor de geadresseerde. "
    "Gebruik van deze informatie door anderen dan de geadresseerde is niet toegestaan. "
    "Gemeente Eindhoven aanvaardt geen aansprakelijkheid voor de inhoud van deze e-mail."
)

UTRECHT_BODY = """\
    Geachte jury,

    Namens het college van burgemeester en wethouders van de gemeente Utrecht dragen wij \
de gemeente Utrechtse Heuvelrug voor als koploper cliëntondersteuning 2017. Als \
buurgemeente en partner in de regio werken wij op verschillende terreinen samen met \
Utrechtse Heuvelrug. Wij zien daarbij van dichtbij hoe deze gemeente cliëntondersteuning \
een volwaardige plaats heeft gegeven in het sociaal domein. Graag lichten wij onze \
voordracht toe aan de hand van de drie criteria.

    # Cliëntondersteuning staat hoog op de agenda
    In Utrechtse Heuvelrug is cliëntondersteuning geen bijzaak. De gemeenteraad heeft in \
het beleidskader Sociaal Domein 2016-2019 vastgelegd dat iedere inwoner met een hulpvraag \
actief wordt gewezen op onafhankelijke cliëntondersteuning, en laat zich jaarlijks \
informeren over het bereik ervan. De Adviesraad Sociaal Domein heeft cliëntondersteuning \
als vast onderwerp op de jaaragenda. Het college betrekt de adviesraad al bij de \
voorbereiding van beleid, niet pas bij de uitkomst.

    # Gezamenlijk en lerend ontwikkelproces
    De gemeente heeft de cliëntondersteuning opnieuw ingericht samen met inwoners, de \
adviesraad, de sociale teams, de welzijnsorganisatie en vrijwillige ouderenadviseurs. In \
alle kernen zijn tafelgesprekken gehouden waarin cliënten vertelden wat zij nodig hadden. \
Die ervaringskennis is direct gebruikt bij het opstellen van de werkafspraken tussen \
professionals en vrijwilligers, en de deelnemers komen jaarlijks terug om te bespreken wat \
er is geleerd.

    # Lerend proces en innovatieve aanpakken
    Signalen van inwoners, mantelzorgers en vrijwilligers worden elk kwartaal besproken in \
een leeroverleg, waarna werkwijzen worden bijgesteld. Utrechtse Heuvelrug zet daarnaast in \
op vernieuwing: er is een cliëntondersteuner voor jongeren rond hun achttiende verjaardag, \
vrijwilligers en professionals werken in vaste koppels, en de cliëntervaring wordt gemeten \
met korte gesprekken na afloop van de ondersteuning. De uitkomsten daarvan zijn in 2016 \
verwerkt in het nieuwe uitvoeringsprogramma.

    Wij zijn ervan overtuigd dat andere gemeenten veel kunnen leren van de aanpak in \
Utrechtse Heuvelrug en bevelen deze voordracht van harte bij u aan.

    Met vriendelijke groet,

    namens het college van burgemeester en wethouders van Utrecht,

    Marieke Bakker
    Beleidsadviseur Maatschappelijke Ondersteuning
    Afdeling Volksgezondheid en Maatschappelijke Ontwikkeling

    [logo]
    Gemeente Utrecht
    Stadsplateau 1 | 3521 AZ Utrecht
    Postbus 16200 | 3500 CE Utrecht
    T 14 030 | M 06 - 12 34 56 78
    www.utrecht.nl
"""

ZEIST_BODY = """\
Beste mensen van de VNG,

Als Adviesraad Sociaal Domein Zeist willen wij graag onze eigen gemeente voordragen als \
koploper cliëntondersteuning. Wij sturen dit vanaf het mailadres van de adviesraad, omdat \
wij onafhankelijk van de gemeente werken.

Waarom Zeist? Om te beginnen staat cliëntondersteuning hier echt op de agenda. De \
wethouder heeft in 2016 toegezegd dat de gemeenteraad ieder half jaar een overzicht krijgt \
van het aantal inwoners dat gebruikmaakt van onafhankelijke cliëntondersteuning, en die \
toezegging is nagekomen. In de raadscommissie is er twee keer uitgebreid over gesproken. \
Ook het cliëntenoverleg Wmo en onze adviesraad bespreken het onderwerp op iedere \
vergadering. Wij hebben vorig jaar een ongevraagd advies gegeven over de bereikbaarheid van \
cliëntondersteuning in de wijken, en dat advies is vrijwel volledig overgenomen.

Daarnaast vinden wij het bijzonder hoe de gemeente het beleid samen met anderen \
ontwikkelt. Bij de nieuwe opdracht voor de cliëntondersteuning zaten cliënten, \
mantelzorgers, professionals van de wijkteams en vrijwilligers van de ouderenbonden vanaf \
het begin aan tafel. Er zijn drie bijeenkomsten geweest in de bibliotheek, waar iedereen \
kon vertellen wat goed ging en wat niet. De opbrengst is teruggekoppeld aan alle \
deelnemers, en je ziet hun inbreng terug in het programma van eisen. Ook de \
ervaringskennis van vrijwilligers is daarbij gebruikt, en dezelfde groep is gevraagd om \
over een jaar samen met de gemeente terug te kijken.

Wij hopen dat de jury Zeist wil meenemen in de selectie. Voor vragen kunt u ons bereiken \
via dit mailadres of telefonisch bij onze voorzitter.

Met vriendelijke groet,

namens de Adviesraad Sociaal Domein Zeist,
Henk van Dijk, voorzitter
06 - 23 45 67 89
"""

VUGHT_BODY = """\
Geachte heer, mevrouw,

Graag dragen wij namens de gemeente Vught de gemeente 's-Hertogenbosch voor als koploper \
cliëntondersteuning. Vught en Den Bosch werken in de regio nauw samen in het sociaal \
domein, en wij zien hoe onze buurgemeente de afgelopen twee jaar stappen heeft gezet die \
navolging verdienen. Onze toelichting per criterium:

1. Cliëntondersteuning staat hoog op de agenda
- De gemeenteraad van 's-Hertogenbosch heeft cliëntondersteuning opgenomen als speerpunt \
in het meerjarenbeleid Maatschappelijke Ondersteuning.
- De Wmo-raad en het cliëntenplatform worden vooraf om advies gevraagd en krijgen \
schriftelijk terug wat er met hun advies is gedaan.
- Twee keer per jaar is er een openbare bijeenkomst waarin de wethouder verantwoording \
aflegt over bereik en kwaliteit.

2. Gezamenlijk en lerend ontwikkelproces
- De werkwijze is ontwikkeld in een werkgroep met cliënten, professionals van de \
wijkteams en vrijwillige cliëntondersteuners.
- Ervaringsdeskundigen denken mee bij het opstellen van folders en brieven.
- Vrijwilligers en beroepskrachten volgen samen scholing en bespreken casussen in \
intervisie.

3. Lerend proces en innovatieve aanpakken
- Signalen uit klachten en keukentafelgesprekken worden per kwartaal verzameld en leiden \
aantoonbaar tot aanpassingen in de werkwijze.
- Den Bosch heeft aparte ondersteuning opgezet voor mensen met een licht verstandelijke \
beperking en voor statushouders.
- De cliëntervaring wordt niet alleen met de verplichte vragenlijst gemeten, maar ook in \
groepsgesprekken; de uitkomsten staan in het jaarverslag en zijn vertaald naar nieuw beleid.

Wij hopen dat u deze voordracht wilt meenemen. Voor een toelichting ben ik uiteraard \
bereikbaar.

Met vriendelijke groet,

Joyce Verhoeven
Beleidsmedewerker Wmo
Gemeente Vught
Postbus 10100, 5260 GA Vught
T (073) 123 45 67
"""

LOCHEM_BODY = """\
    Geachte jury,

    In de bijlage vindt u de voordracht van de gemeente Lochem voor de Koplopers \
Cliëntondersteuning 2017. Wij dragen de gemeente Zutphen voor; de toelichting op de drie \
criteria staat in het document.

    Met vriendelijke groet,

    Anita Wolters
    Secretariaat Sociaal Domein
    Gemeente Lochem
    Postbus 17, 7240 AA Lochem
    T (0573) 12 34 56
"""

WAGENINGEN_BODY = """\
    Geachte heer, mevrouw,

    Bijgevoegd treft u de voordracht aan van het college van burgemeester en wethouders \
van Wageningen voor de Koplopers Cliëntondersteuning.

    Met vriendelijke groet,

    Femke Scholten
    Bestuurssecretariaat
    Gemeente Wageningen
    T (0317) 12 34 56
"""

WAGENINGEN_DOCX = [
    ("title", "Voordracht Koplopers Cliëntondersteuning 2017 – gemeente Renkum"),
    ("p", "Aan: de jury Koplopers Cliëntondersteuning"),
    ("p", "Van: het college van burgemeester en wethouders van Wageningen"),
    ("p", "Datum: 31 mei 2017"),
    (
        "p",
        "Het college van Wageningen draagt de gemeente Renkum voor als koploper "
        "cliëntondersteuning. Wij kennen de aanpak van Renkum goed uit het regionale "
        "ambtelijk overleg en zijn er steeds opnieuw van onder de indruk.",
    ),
    ("h", "Cliëntondersteuning op de agenda"),
    (
        "p",
        "In Renkum is onafhankelijke cliëntondersteuning een vast onderdeel van het gesprek "
        "tussen raad, college en adviesraad. De gemeenteraad ontvangt jaarlijks een monitor "
        "met het aantal inwoners dat ondersteuning kreeg, de wachttijden en de tevredenheid. "
        "De Wmo-raad heeft cliëntondersteuning tot een van zijn drie speerpunten voor 2017 "
        "benoemd, en het cliëntenoverleg bespreekt de monitor voordat deze naar de raad "
        "gaat. Het college heeft daarnaast in de kadernota afgesproken dat het budget voor "
        "cliëntondersteuning niet als sluitpost wordt gebruikt.",
    ),
    ("h", "Leren van signalen en vernieuwen"),
    (
        "p",
        "Renkum valt op door de manier waarop signalen worden benut. Iedere "
        "cliëntondersteuner registreert knelpunten die inwoners tegenkomen, bijvoorbeeld "
        "onduidelijke brieven of lange doorlooptijden. Deze signalen worden elk kwartaal "
        "gebundeld en aan het managementteam voorgelegd; in 2016 leidde dat onder meer tot "
        "een nieuwe beschikkingsbrief in eenvoudige taal en tot een vast aanspreekpunt voor "
        "mensen met schulden.",
    ),
    (
        "p",
        "Ook in de aanpak zelf is Renkum vernieuwend. Er is specifieke ondersteuning voor "
        "jonge mantelzorgers en voor inwoners met niet-aangeboren hersenletsel. Inwoners met "
        "vragen op meerdere levensterreinen houden één ondersteuner, die de verbinding legt "
        "tussen zorg, inkomen en wonen. Om de bekendheid te vergroten staat "
        "cliëntondersteuning bovenaan iedere brief van het sociaal team. Tot slot meet Renkum "
        "de cliëntervaring met een korte vragenlijst na afloop en met een jaarlijkse "
        "bijeenkomst voor cliënten; het college vertaalt de uitkomsten naar concrete "
        "aanpassingen in het beleid.",
    ),
    (
        "p",
        "Wij zijn ervan overtuigd dat Renkum een voorbeeld is voor andere gemeenten en "
        "bevelen deze voordracht van harte aan.",
    ),
    ("p", "Namens het college van burgemeester en wethouders van Wageningen,"),
    ("p", "drs. P. Smits, wethouder Zorg en Welzijn"),
]

KROMME_RIJN_HTML = """\
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<style type="text/css">
body { font-family: Verdana, Arial, sans-serif; font-size: 10pt; }
table.criteria { border-collapse: collapse; width: 100%; }
table.criteria td, table.criteria th { border: 1px solid #7f7f7f; padding: 4px 6px; \
vertical-align: top; }
table.criteria th { background-color: #dbe5f1; text-align: left; }
</style>
</head>
<body>
<p>Geachte jury,</p>
<p>De colleges van burgemeester en wethouders van Bunnik, Houten en Wijk bij Duurstede \
dragen gezamenlijk de drie Kromme Rijngemeenten voor als koploper cliëntondersteuning. \
Sinds 2015 hebben wij de cliëntondersteuning samen georganiseerd, met één werkwijze, één \
training voor ondersteuners en één cliëntenpanel. Onze aanpak is alleen als geheel goed te \
beoordelen; daarom dienen wij één gezamenlijke voordracht in voor Bunnik, Houten en Wijk bij \
Duurstede.</p>
<p>In de tabel hieronder lichten wij toe hoe wij aan de drie criteria voldoen.</p>
<table class="criteria">
<tr><th style="width:30%">Criterium</th><th>Onze aanpak</th></tr>
<tr><td>1. Cliënt&shy;ondersteuning staat hoog op de agenda</td>
<td>De drie gemeenteraden bespreken jaarlijks een gezamenlijke monitor \
cliëntondersteuning. De adviesraden sociaal domein van de drie gemeenten vergaderen twee \
keer per jaar samen over dit onderwerp en brengen gezamenlijk advies uit aan de \
colleges.</td></tr>
<tr><td>2. Gezamenlijk en lerend ontwikkelproces</td>
<td>De werkwijze is in 2015 ontworpen door een werkgroep van cliënten, mantelzorgers, \
professionals van de sociale teams en vrijwilligers van de welzijnsorganisatie. Het \
cliëntenpanel, met twintig inwoners uit de drie gemeenten, denkt mee over iedere wijziging \
en beoordeelt elk jaar samen met de professionals wat er beter kan.</td></tr>
<tr><td>3. Lerend proces en innovatieve aanpakken</td>
<td>Signalen van ondersteuners en inwoners worden verzameld in een gezamenlijk \
signalenlogboek en per kwartaal besproken. Nieuw zijn de koppels van een professional en \
een vrijwilliger, de inloopspreekuren in de bibliotheken van de drie gemeenten en het \
meten van de cliëntervaring met een ervaringsgesprek drie maanden na afloop. De uitkomsten \
worden jaarlijks vertaald in een verbeteragenda die de colleges vaststellen.</td></tr>
</table>
<p>Wij nodigen de jury graag uit om kennis te maken met ons cliëntenpanel.</p>
<p>Met vriendelijke groet,</p>
<p>namens de colleges van Bunnik, Houten en Wijk bij Duurstede,</p>
<p>Sanne de Graaf<br>
Regisseur Sociaal Domein<br>
Gemeente Wijk bij Duurstede<br>
Postbus 100, 3960 BC Wijk bij Duurstede<br>
T (0343) 12 34 56</p>
</body>
</html>
"""

BREDA_TEXT = """\
Beste jury,

Hierbij dragen wij, de gemeente Breda, de gemeente Tilburg voor als koploper \
cliëntondersteuning. Wij hebben ons best gedaan om deze voordracht kort te houden, al \
valt er over Tilburg veel meer te vertellen.

Tilburg heeft de cliëntondersteuning de afgelopen twee jaar samen met inwoners opnieuw \
vormgegeven. Cliënten, mantelzorgers, professionals van de wijkteams en vrijwilligers van \
de ouderenbonden hebben in een reeks ontwerpsessies bepaald hoe de ondersteuning eruit \
moet zien. De ervaringskennis van inwoners kreeg daarbij hetzelfde gewicht als de kennis \
van de professionals. Best bijzonder vinden wij dat die groep na de start niet is \
opgeheven: zij komt nog steeds bij elkaar om de uitvoering te volgen.

Ook in het leren van de praktijk doet Tilburg haar uiterste best. Signalen van \
ondersteuners worden maandelijks verzameld en besproken met de beleidsafdeling. Zo bleek \
vorig jaar dat inwoners met schulden vaak pas laat bij een cliëntondersteuner \
terechtkwamen; sindsdien zit er bij iedere intake voor schuldhulp een ondersteuner aan \
tafel. Vernieuwend is verder de inzet van ervaringsdeskundigen als vrijwillig \
cliëntondersteuner, die samen met een professional optrekken, en de aparte ondersteuning \
voor jongeren van 17 tot 23 jaar. De cliëntervaring wordt gemeten met een korte digitale \
vragenlijst en een jaarlijks panelgesprek; de resultaten worden gepubliceerd en vertaald \
naar verbeterpunten.

In de regio wisselen wij graag best practices uit, en de Tilburgse aanpak is er wat ons \
betreft een van. Wij hopen dat de jury dat met ons eens is.

Met vriendelijke groet,

Kees Dekkers
Senior beleidsadviseur Zorg en Welzijn
Gemeente Breda
Postbus 90156, 4800 RH Breda
T 14 076
"""

EINDHOVEN_BODY = """\
    Geachte jury,

    Het college van burgemeester en wethouders van Eindhoven draagt de gemeente Best voor \
als koploper cliëntondersteuning. Best is een van de kleinere gemeenten in onze regio, \
maar laat zien dat ook een kleine organisatie veel kan bereiken. De gemeente Best doet \
echt haar best om iedere inwoner de weg naar onafhankelijke ondersteuning te laten vinden.

    # Op de agenda
    In Best wordt cliëntondersteuning besproken in de raad, in de Wmo-raad en in het \
cliëntenoverleg. De raad heeft in 2016 een initiatiefvoorstel aangenomen om de bekendheid \
van onafhankelijke cliëntondersteuning te vergroten, en de Wmo-raad volgt de uitvoering \
kritisch en met eigen adviezen.

    # Samen ontwikkelen
    De nieuwe werkwijze is ontwikkeld met inwoners, vrijwilligers van het steunpunt \
mantelzorg, de ouderenadviseurs en de professionals van het centrum voor maatschappelijke \
deelname. Ervaringsdeskundigen hebben de gespreksleidraad getest voordat die werd \
ingevoerd, en vrijwilligers en professionals evalueren elk half jaar samen.

    # Leren en vernieuwen
    - Signalen van ondersteuners worden per kwartaal besproken en leiden tot aanpassingen, \
zoals een terugbelgarantie binnen twee werkdagen.
    - Inwoners met vragen over zorg, werk en schulden hebben één vaste ondersteuner.
    - Voor ouders van kinderen met een beperking is er een aparte ondersteuner.
    - De cliëntervaring wordt gemeten met korte gesprekken na afloop; de uitkomsten zijn \
verwerkt in het beleidsplan 2017.

    Wij bevelen Best van harte bij u aan.

    Met vriendelijke groet,

    Lotte Janssen
    Beleidsadviseur Wmo
    Gemeente Eindhoven
    Postbus 90150 | 5600 RB Eindhoven
    T 14 040
"""

AMERSFOORT_BODY = """\
    Goedemiddag,

    Namens de gemeente Amersfoort dragen wij de gemeente Leusden voor als koploper \
cliëntondersteuning.

    Wat ons in Leusden opvalt, is de vernieuwende aanpak. Leusden werkt, net als in \
Amsterdam, met cliëntondersteuners die vast spreekuur houden in wijkcentra en \
bibliotheken, maar heeft dat vertaald naar de schaal van een dorp: de ondersteuner komt \
ook bij mensen thuis en staat eens per maand op de markt. Voor jongeren met een beperking \
die achttien worden is er een aparte ondersteuner, en inwoners met meerdere problemen \
tegelijk hebben één vast aanspreekpunt. Signalen die ondersteuners tegenkomen worden elke \
maand besproken en hebben al tot aanpassingen geleid, zoals kortere brieven en een \
terugbelgarantie. De cliëntervaring wordt gemeten met korte gesprekken na afloop, en de \
uitkomsten zijn in het beleidsplan 2017 verwerkt.

    Anders dan in veel grotere steden, zoals Rotterdam, is de cliëntondersteuning in \
Leusden ondergebracht bij een kleine onafhankelijke stichting. Daarmee is de \
onafhankelijkheid ten opzichte van de gemeente ook voor inwoners zichtbaar.

    Wij hopen dat u deze voordracht wilt meewegen.

    Met vriendelijke groet,

    Jeroen van Leeuwen
    Beleidsmedewerker Sociaal Domein
    Gemeente Amersfoort
    T 14 033
"""

LEEUWARDEN_BODY = """\
    Geachte leden van de jury,

    De gemeente Leeuwarden draagt graag de gemeente Leeuwarderadeel voor als koploper \
cliëntondersteuning.

    Per 1 januari 2018 gaan Leeuwarden, Leeuwarderadeel en een deel van Littenseradiel \
samen verder als één gemeente. Ter voorbereiding op die herindeling hebben wij de \
werkwijzen in het sociaal domein naast elkaar gelegd. Daarbij viel op hoe Leeuwarderadeel, \
met een kleine ambtelijke organisatie, de cliëntondersteuning samen met de eigen inwoners \
heeft opgebouwd. Wij willen die aanpak behouden en zien haar graag erkend.

    # Samen ontwikkeld
    In Leeuwarderadeel is de cliëntondersteuning vormgegeven door een werkgroep waarin \
inwoners die zelf ondersteuning krijgen, mantelzorgers, vrijwilligers uit de dorpen en \
professionals van het gebiedsteam zitting hebben. Vrijwilligers kennen de mensen en hun \
omstandigheden; hun kennis wordt gebruikt bij elke bijstelling van de werkwijze. Twee keer \
per jaar evalueert de werkgroep met de gemeente wat er is geleerd.

    # Leren en vernieuwen
    Signalen die vrijwilligers en professionals in de dorpen opvangen, worden vastgelegd \
en in het gebiedsteam besproken. Zo bleek dat oudere inwoners uit de kleinere dorpen de \
weg naar het gemeentehuis in Stiens moeilijk vinden; daarom houdt de cliëntondersteuner nu \
spreekuur in de dorpshuizen. Professionals en vrijwilligers werken in vaste duo's: de \
professional brengt specialistische kennis in, de vrijwilliger blijft de vertrouwde \
contactpersoon. Ook de cliëntervaring wordt op een eigen manier gemeten: vrijwilligers \
bellen cliënten drie maanden na afloop na en bespreken de uitkomsten met het gebiedsteam. \
Dat heeft geleid tot een eenvoudiger aanvraagformulier en betere voorlichting in het Fries \
en het Nederlands.

    Wij hopen dat de aanpak van Leeuwarderadeel ook voor andere plattelandsgemeenten een \
voorbeeld kan zijn.

    Met vriendelijke groet,

    Sjoukje Hoekstra
    Beleidsadviseur Sociaal Domein
    Gemeente Leeuwarden
    Postbus 21000, 8900 JA Leeuwarden
    T 14 058
"""

HARLINGEN_TEXT = """\
Geachte heer/mevrouw,

Hierbij draagt de gemeente Harlingen de gemeente Sudwest Fryslan voor als koploper \
clientondersteuning.

Sudwest Fryslan is een grote plattelandsgemeente met veel kleine kernen. Toch weet de \
gemeente inwoners goed te bereiken. Wij lichten dat kort toe.

1) Clientondersteuning staat hoog op de agenda. De gemeenteraad heeft in 2016 een \
werkbezoek afgelegd bij de clientondersteuners en bespreekt jaarlijks een rapportage over \
bereik en wachttijden. De Wmo-raad heeft het onderwerp als vast agendapunt.

2) Gezamenlijk ontwikkeld. De werkwijze is in 2015 uitgewerkt met clienten, dorpsbelangen, \
professionals en vrijwillige ouderenadviseurs. Hun ervaringen zijn gebundeld in een \
handreiking die nog steeds wordt gebruikt en elk jaar samen wordt bijgewerkt.

3) Lerend en vernieuwend. Signalen uit de kernen worden per kwartaal besproken en leiden \
tot aanpassingen. Zo is er een mobiel spreekuur gekomen dat met een bus langs de dorpen \
gaat. Voor mensen met een verstandelijke beperking is er een aparte ondersteuner. De \
gemeente vraagt clienten na afloop naar hun ervaring en rapporteert daarover aan de raad, \
met concrete verbeterpunten voor het beleid.

Wij bevelen Sudwest Fryslan van harte aan.

Met vriendelijke groet,

namens het college van burgemeester en wethouders van Harlingen,

R. Visser
Beleidsmedewerker Wmo
Gemeente Harlingen
Postbus 10000, 8860 HA Harlingen
tel. (0517) 12 34 56
"""

NIJMEGEN_BODY = """\
    Geachte jury,

    De gemeente Nijmegen draagt zichzelf voor als koploper cliëntondersteuning. Een \
voordracht van jezelf voelt misschien wat onbescheiden, maar wij denken dat onze \
ervaringen van de afgelopen jaren andere gemeenten kunnen helpen. Daarom doen wij toch mee.

    # Samen met inwoners ontwikkeld
    Sinds 2015 ontwikkelen wij de cliëntondersteuning samen met cliënten, mantelzorgers, de \
sociale wijkteams, het steunpunt mantelzorg en een groot aantal vrijwilligers. In \
ontwikkeltafels per wijk bespreken zij wat er beter kan. Die ervaringskennis is de basis \
geweest voor onze huidige werkwijze, waarin een inwoner zelf kiest of hij ondersteuning \
wil van een beroepskracht, een vrijwilliger of een ervaringsdeskundige.

    # Leren van signalen
    Elke ondersteuner kan knelpunten melden met een eenvoudig signalenformulier. Het team \
beleid bespreekt deze signalen maandelijks met de uitvoering. In 2016 leidde dat tot \
zestien aanpassingen, van kortere wachttijden bij de toegang tot brieven die in \
begrijpelijke taal zijn herschreven.

    # Vernieuwende aanpakken
    - cliëntondersteuning voor specifieke groepen: dak- en thuislozen, jongeren met \
schulden en inwoners met psychische problemen;
    - integrale ondersteuning over zorg, werk, inkomen en wonen heen, met één vast \
contactpersoon;
    - vaste koppels van professionals en vrijwilligers die samen scholing volgen;
    - een onafhankelijke positie van de ondersteuners, met een eigen klachtenregeling;
    - voorlichting in wijkcentra, gebedshuizen en bij de voedselbank om de bekendheid te \
vergroten;
    - meting van de cliëntervaring met korte interviews door ervaringsdeskundigen, waarvan \
de uitkomsten in het jaarlijkse beleidsplan worden verwerkt.

    Wij laten de jury graag zien hoe dit in de praktijk werkt.

    Met vriendelijke groet,

    Hans Peters
    Programmamanager Sociaal Domein
    Gemeente Nijmegen
    Korte Nieuwstraat 6 | Postbus 9105 | 6500 HG Nijmegen
    T 14 024 | M 06 - 34 56 78 90
"""

APELDOORN_ORIGINAL = """\
Geachte heer, mevrouw,

De Cliëntenraad Apeldoorn wil de gemeente Apeldoorn voordragen als koploper \
cliëntondersteuning. Wij zijn een onafhankelijke raad van inwoners die zelf gebruikmaken \
van ondersteuning of mantelzorger zijn.

Cliëntondersteuning staat in Apeldoorn echt op de agenda. Wij worden als cliëntenraad bij \
ieder beleidsvoorstel over de Wmo en de Participatiewet vooraf om advies gevraagd, en \
cliëntondersteuning is een vast onderdeel van ons overleg met de wethouder. De \
gemeenteraad heeft in maart een themabijeenkomst gehouden over onafhankelijke \
cliëntondersteuning, waar ook cliënten zelf hun verhaal konden doen.

Daarnaast durft Apeldoorn te vernieuwen. De gemeente heeft ondersteuning opgezet voor \
groepen die vaak buiten beeld blijven, zoals laaggeletterden en ouders van kinderen met \
een beperking. Er wordt gewerkt met een signalenkaart: elke melding van een cliënt of \
ondersteuner over iets dat niet goed loopt, wordt verzameld, en twee keer per jaar horen \
wij wat ermee is gedaan. Zo is het keukentafelgesprek aangepast, zodat inwoners vooraf \
een folder over cliëntondersteuning krijgen. De ervaringen van cliënten worden jaarlijks \
gemeten, niet alleen met de landelijke vragenlijst maar ook met een eigen panel van \
cliënten. De uitkomsten worden besproken in de raad en omgezet in beleid.

Wij hopen dat de jury Apeldoorn als koploper wil erkennen.

Met vriendelijke groet,

namens de Cliëntenraad Apeldoorn,
Gerrit Brouwer, secretaris
"""

APELDOORN_COVER = """\
Beste collega's,

Hieronder stuur ik de voordracht door die de Cliëntenraad Apeldoorn bij ons heeft \
ingediend. De cliëntenraad had het mailadres van de oproep niet; wij sturen de voordracht \
daarom namens hen door. De tekst is ongewijzigd.

Met vriendelijke groet,

Ingrid Mulder
Team Beleid Maatschappelijke Ondersteuning
Gemeente Apeldoorn
T 14 055
"""


LOSSER_BODY = """\
    Geachte heer, mevrouw,

    Naar aanleiding van uw onderstaande oproep draagt de gemeente Losser de gemeente \
Enschede voor als koploper cliëntondersteuning.

    Wij werken in Twente op veel terreinen met Enschede op en zien dat cliëntondersteuning \
daar een vaste plaats heeft in het bestuurlijke gesprek. De gemeenteraad van Enschede \
heeft cliëntondersteuning benoemd als een van de prioriteiten in het coalitieprogramma en \
laat zich ieder jaar uitgebreid informeren. De Wmo-raad heeft een eigen werkgroep \
cliëntondersteuning, die gevraagd en ongevraagd adviseert en daarover in gesprek gaat met \
de wethouder.

    Ook vernieuwt Enschede. Er is een aparte cliëntondersteuner voor mensen met een \
migratieachtergrond, die de taal van de cliënt spreekt, en een vast aanspreekpunt voor \
inwoners met problemen op meerdere terreinen tegelijk. Signalen uit de praktijk worden per \
kwartaal bij elkaar gebracht en leiden tot aanpassingen in de werkwijze. De cliëntervaring \
wordt gemeten met een jaarlijkse enquête én met verdiepende gesprekken, en de resultaten \
worden vertaald naar nieuwe afspraken met de uitvoerende organisaties.

    Wij vertrouwen erop dat u deze voordracht wilt meenemen.

    Met vriendelijke groet,

    Wilma Oude Luttikhuis
    Beleidsmedewerker Sociaal Domein
    Gemeente Losser
    Postbus 90, 7580 AB Losser
    T (053) 123 45 67
"""

HAARLEM_BODY = """\
    Geachte jury,

    Op het laatste moment, maar met volle overtuiging: de gemeente Haarlem draagt de \
gemeente Heemstede voor als koploper cliëntondersteuning.

    In Heemstede staat cliëntondersteuning nadrukkelijk op de agenda. De raad heeft er in \
2016 een aparte informatiebijeenkomst aan gewijd, de Wmo-raad bespreekt het in elke \
vergadering, en het cliëntenoverleg heeft een eigen contactpersoon bij de gemeente voor \
alle vragen over ondersteuning.

    Minstens zo belangrijk is de manier waarop Heemstede het beleid ontwikkelt. Cliënten, \
mantelzorgers, professionals van het Wmo-loket en vrijwilligers van de welzijnsorganisatie \
hebben samen de werkwijze bepaald, in een reeks bijeenkomsten in het raadhuis. Die groep \
komt twee keer per jaar terug om te bespreken wat er is geleerd, en de ervaringskennis van \
vrijwilligers weegt daarbij net zo zwaar als die van professionals.

    Wij hopen dat de jury deze voordracht nog op tijd heeft ontvangen.

    Met vriendelijke groet,

    Eva Vermeulen
    Beleidsadviseur Wmo
    Gemeente Haarlem
    Postbus 511, 2003 PB Haarlem
    T 14 023
"""

DELFT_TEXT = """\
Beste jury,

Vanaf onderweg nog snel onze voordracht. De gemeente Delft draagt de gemeente Leiden voor \
als koploper cliëntondersteuning.

Leiden heeft cliëntondersteuning hoog op de agenda staan. De gemeenteraad heeft er een \
motie over aangenomen en krijgt elk half jaar een voortgangsrapportage, de adviesraad \
sociaal domein volgt het onderwerp nauwgezet, en de wethouder bespreekt het periodiek met \
het cliëntenplatform. Dat platform heeft cliëntondersteuning bovendien tot een van zijn \
speerpunten voor dit jaar gekozen.

Daarnaast is Leiden vernieuwend. Er zijn cliëntondersteuners voor studenten met een \
beperking en voor statushouders, en inwoners met schulden krijgen één vaste ondersteuner \
die ook de contacten met andere loketten onderhoudt. Vrijwilligers en beroepskrachten \
werken daarbij in vaste koppels. Signalen van ondersteuners worden per \
kwartaal verzameld en besproken. De cliëntervaring wordt gemeten en de resultaten worden \
jaarlijks vertaald in concrete verbeterpunten in het beleid.

Een uitgebreidere toelichting sturen wij graag na als de jury dat wenst.

Met vriendelijke groet,
Mark de Jong
Gemeente Delft

Verzonden vanaf mijn iPhone
"""

MEDEMBLIK_BODY = """\
    Geachte heer, mevrouw,

    De gemeente Medemblik draagt de gemeente Stede Broec voor als koploper \
cliëntondersteuning.

    Stede Broec heeft in de afgelopen twee jaar laten zien dat je cliëntondersteuning het \
beste samen met de inwoners zelf kunt opbouwen. De gemeente heeft een ontwikkelgroep \
ingesteld met cliënten, mantelzorgers, vrijwilligers van de ouderenbond en professionals \
van het sociaal team en de welzijnsstichting. Deze groep heeft de informatie over \
cliëntondersteuning herschreven, de spreekuren opnieuw ingericht en een training voor \
vrijwillige ondersteuners ontwikkeld die nu samen met beroepskrachten wordt gegeven. De \
ervaringen van cliënten zijn daarbij steeds het uitgangspunt geweest, en wat de groep \
leert, wordt gedeeld met de buurgemeenten in West-Friesland. Nieuwe ideeën worden \
eerst in de ontwikkelgroep besproken en uitgeprobeerd, en pas daarna breed ingevoerd.

    Wij zien deze aanpak als een voorbeeld voor andere kleinere gemeenten.

    Met vriendelijke groet,

    Anouk Schouten
    Beleidsmedewerker Maatschappelijke Ondersteuning
    Gemeente Medemblik
    T (0227) 12 34 56
"""

GRONINGEN_TEXT = """\
Geachte jury,

Excuses dat deze voordracht u pas na 17.00 uur bereikt: door een storing in ons \
documentsysteem konden wij de tekst vanmiddag niet eerder laten accorderen. Wij hopen dat \
u de voordracht toch wilt meenemen.

De gemeente Groningen draagt de gemeente Haren voor als koploper cliëntondersteuning.

Haren heeft cliëntondersteuning stevig verankerd. Het onderwerp staat twee keer per jaar \
op de agenda van de gemeenteraad, de Wmo-adviesraad heeft er in 2016 een uitgebreid advies \
over uitgebracht en het cliëntenoverleg wordt bij iedere wijziging betrokken.

De werkwijze is in Haren samen met inwoners, professionals en vrijwilligers ontwikkeld. In \
een serie bijeenkomsten in de dorpen hebben cliënten en mantelzorgers verteld wat zij \
nodig hebben; professionals van het Wmo-loket en vrijwilligers van de ouderenadvisering \
hebben daar samen een werkwijze van gemaakt, die zij jaarlijks met elkaar evalueren.

Tot slot leert Haren van de praktijk. Signalen van cliënten worden verzameld en leiden tot \
concrete aanpassingen, er is specifieke ondersteuning voor mensen met dementie en hun \
mantelzorgers, en de cliëntervaring wordt elk jaar gemeten en besproken met de \
adviesraad, waarna het beleid wordt bijgesteld.

Met vriendelijke groet,

Rob Smit
Beleidsadviseur Zorg
Gemeente Groningen
Postbus 30026, 9700 RM Groningen
T 14 050
"""

SOEST_AGENDA_AND_PROCESS = """\
    # Cliëntondersteuning staat hoog op de agenda
    In Baarn is cliëntondersteuning een vast onderwerp in de gemeenteraad. De raad heeft in \
2016 gevraagd om een jaarlijkse rapportage over het gebruik van onafhankelijke \
cliëntondersteuning, die inmiddels voor het eerst is besproken. De Wmo-adviesraad heeft \
cliëntondersteuning tot speerpunt benoemd en wordt vroegtijdig bij beleidswijzigingen \
betrokken.

    # Gezamenlijk en lerend ontwikkelproces
    De gemeente ontwikkelt haar aanpak samen met cliënten, professionals en vrijwilligers. \
In 2016 zijn drie bijeenkomsten gehouden waar inwoners hun ervaringen deelden met \
medewerkers van het sociaal team en vrijwillige cliëntondersteuners. De uitkomsten zijn \
verwerkt in een nieuwe werkwijze, die in een tweede ronde opnieuw met dezelfde deelnemers \
is besproken.
"""

SOEST_INNOVATION = """\
    # Lerend proces en innovatieve aanpakken
    Baarn gebruikt signalen van cliënten en ondersteuners om de dienstverlening te \
verbeteren: ze worden per kwartaal besproken in het sociaal team en met de adviesraad. \
Nieuw is de inzet van ervaringsdeskundigen als vrijwillig cliëntondersteuner, samen met \
een professional, en de speciale ondersteuning voor mantelzorgers van mensen met dementie. \
De cliëntervaring wordt gemeten met een korte vragenlijst en een jaarlijkse bijeenkomst; \
de uitkomsten zijn vertaald in het uitvoeringsprogramma 2017.
"""

SOEST_SIGNATURE = """\
    Met vriendelijke groet,
    namens het college van burgemeester en wethouders van Soest,

    Anne Dijkstra
    Beleidsadviseur Sociaal Domein
    Gemeente Soest
    Postbus 2000, 3760 CA Soest
    T 14 035
"""

SOEST_V1 = (
    """\
    Geachte jury,

    Namens het college van burgemeester en wethouders van Soest dragen wij de gemeente \
Baarn voor als koploper cliëntondersteuning. Soest en Baarn werken in het sociaal domein \
nauw samen, onder meer in de toegang tot ondersteuning. Daardoor kennen wij de aanpak in \
Baarn goed.

"""
    + SOEST_AGENDA_AND_PROCESS
    + """
    Wij hopen dat de jury Baarn in de beoordeling wil meenemen.

"""
    + SOEST_SIGNATURE
)

SOEST_V2 = (
    """\
    Geachte jury,

    Op 30 mei stuurden wij u onze voordracht van de gemeente Baarn. Hierbij ontvangt u een \
aangepaste versie, aangevuld met het derde criterium. Deze versie vervangt de eerdere.

    Namens het college van burgemeester en wethouders van Soest dragen wij de gemeente \
Baarn voor als koploper cliëntondersteuning. Soest en Baarn werken in het sociaal domein \
nauw samen, onder meer in de toegang tot ondersteuning. Daardoor kennen wij de aanpak in \
Baarn goed.

"""
    + SOEST_AGENDA_AND_PROCESS
    + "\n"
    + SOEST_INNOVATION
    + """
    Wij hopen dat de jury Baarn in de beoordeling wil meenemen.

"""
    + SOEST_SIGNATURE
)


def veenendaal_text(revised: bool) -> str:
    volunteers = "24" if revised else "42"
    youth = (
        " Sinds dit jaar is er ook een cliëntondersteuner voor jongeren die achttien worden."
        if revised
        else ""
    )
    intro = (
        "Hierbij een aangepaste versie van onze voordracht van gisteren. Het aantal "
        "vrijwilligers was onjuist (24 in plaats van 42) en wij hebben een zin over de "
        "ondersteuning van jongeren toegevoegd. Deze versie vervangt de vorige.\n\n"
        if revised
        else ""
    )
    return f"""\
Geachte heer, mevrouw,

{intro}De gemeente Veenendaal draagt de gemeente Rhenen voor als koploper \
cliëntondersteuning. Rhenen is een kleine gemeente in de regio Foodvalley, maar heeft een \
aanpak die ook voor grotere gemeenten inspirerend is.

Op de agenda: de gemeenteraad van Rhenen bespreekt ieder jaar de resultaten van de \
cliëntondersteuning, en de adviesraad sociaal domein heeft het onderwerp als vast \
agendapunt. Het college heeft de adviesraad gevraagd mee te schrijven aan de nieuwe \
beleidsnota.

Samen ontwikkelen: de werkwijze is ontwikkeld met cliënten, mantelzorgers, {volunteers} \
vrijwillige cliëntondersteuners en de professionals van het sociaal team. Zij evalueren \
elk half jaar samen wat goed gaat en wat beter kan, en passen de werkwijze daarop aan.

Leren en vernieuwen: signalen uit de praktijk worden maandelijks besproken. Rhenen zet \
vrijwilligers en professionals in koppels in, heeft de ondersteuning ondergebracht bij een \
onafhankelijke stichting en vraagt iedere cliënt na afloop naar zijn ervaring. De \
uitkomsten worden jaarlijks vertaald in verbeterpunten die het college overneemt.{youth}

Met vriendelijke groet,

Sandra van den Berg
Team Beleid Sociaal Domein
Gemeente Veenendaal
Postbus 1100, 3900 BC Veenendaal
T (0318) 12 34 56
"""


OOF_BODY = """\
    Beste afzender,

    Ik ben tot en met dinsdag 6 juni afwezig en heb beperkt toegang tot mijn e-mail. Uw \
bericht wordt niet doorgestuurd. Voor dringende zaken kunt u contact opnemen met Peter de \
Wit via p.dewit@utrecht.nl of via 14 030.

    Met vriendelijke groet,

    Marieke Bakker
    Gemeente Utrecht
"""

ACK_TEXT = """\
Geachte afzender,

Wij hebben uw e-mail "Voordracht gemeente Sudwest Fryslan" ontvangen op donderdag 1 juni \
2017 om 12:30 uur. Uw kenmerk is KCO-0019.

Dit is een automatisch bericht; u hoeft hierop niet te antwoorden.

Programmateam Koplopers Cliëntondersteuning
"""

NEWSLETTER_TEXT = """\
Nieuwsbrief Sociaal Domein Zwolle - mei 2017

Bekijk deze nieuwsbrief in uw browser: https://nieuwsbrief.zwolle.nl/sd/2017-05

CLIËNTONDERSTEUNING DICHTER BIJ HUIS
Vanaf juni houden de onafhankelijke cliëntondersteuners in Zwolle spreekuur in vier \
wijkcentra. U kunt zonder afspraak binnenlopen met vragen over zorg, werk, inkomen of \
wonen. Lees verder: https://nieuwsbrief.zwolle.nl/sd/2017-05/spreekuren

LANDELIJK: KOPLOPERS CLIËNTONDERSTEUNING GEZOCHT
Gemeenten, cliëntenraden en adviesraden kunnen tot 1 juni een gemeente voordragen als \
koploper cliëntondersteuning. Net als Deventer en Kampen kijkt ook Zwolle met belangstelling \
naar de uitkomst. Lees verder: https://nieuwsbrief.zwolle.nl/sd/2017-05/koplopers

AGENDA
8 juni, 19.30 uur: openbare vergadering van de Adviesraad Sociaal Domein, stadhuis Zwolle.
15 juni, 14.00 uur: informatiemiddag mantelzorg, Stadkamer.

U ontvangt deze nieuwsbrief omdat u zich heeft aangemeld via zwolle.nl. Afmelden: \
https://nieuwsbrief.zwolle.nl/afmelden/7f3a9c
Gemeente Zwolle, Postbus 10007, 8000 GA Zwolle
"""

NEWSLETTER_HTML = """\
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" \
"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>Nieuwsbrief Sociaal Domein Zwolle - mei 2017</title>
</head>
<body style="margin:0;padding:0;background-color:#eeeeee;">
<table width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#eeeeee"><tr><td \
align="center">
<table width="600" cellpadding="0" cellspacing="0" border="0" bgcolor="#ffffff">
<tr><td style="padding:8px 20px;font:11px Arial,sans-serif;color:#666666;">\
<a href="https://nieuwsbrief.zwolle.nl/sd/2017-05">Bekijk deze nieuwsbrief in uw \
browser</a></td></tr>
<tr><td style="padding:20px;background-color:#00577b;font:bold 22px Arial,sans-serif;\
color:#ffffff;">Nieuwsbrief Sociaal Domein Zwolle</td></tr>
<tr><td style="padding:20px;font:14px/20px Arial,sans-serif;color:#333333;">
<h2 style="font-size:17px;">Cliëntondersteuning dichter bij huis</h2>
<p>Vanaf juni houden de onafhankelijke cliëntondersteuners in Zwolle spreekuur in vier \
wijkcentra. U kunt zonder afspraak binnenlopen met vragen over zorg, werk, inkomen of \
wonen. <a href="https://nieuwsbrief.zwolle.nl/sd/2017-05/spreekuren">Lees verder</a></p>
<h2 style="font-size:17px;">Landelijk: koplopers cliëntondersteuning gezocht</h2>
<p>Gemeenten, cliëntenraden en adviesraden kunnen tot 1 juni een gemeente voordragen als \
koploper cliëntondersteuning. Net als Deventer en Kampen kijkt ook Zwolle met \
belangstelling naar de uitkomst. \
<a href="https://nieuwsbrief.zwolle.nl/sd/2017-05/koplopers">Lees verder</a></p>
<h2 style="font-size:17px;">Agenda</h2>
<p>8 juni, 19.30 uur: openbare vergadering van de Adviesraad Sociaal Domein, stadhuis \
Zwolle.<br />15 juni, 14.00 uur: informatiemiddag mantelzorg, Stadkamer.</p>
</td></tr>
<tr><td style="padding:20px;font:11px Arial,sans-serif;color:#666666;">U ontvangt deze \
nieuwsbrief omdat u zich heeft aangemeld via zwolle.nl. \
<a href="https://nieuwsbrief.zwolle.nl/afmelden/7f3a9c">Afmelden</a><br />Gemeente \
Zwolle, Postbus 10007, 8000 GA Zwolle</td></tr>
</table>
<img src="https://nieuwsbrief.zwolle.nl/o/7f3a9c/2017-05.gif" width="1" height="1" alt="" />
</td></tr></table>
</body>
</html>
"""

GOES_TEXT = """\
Goedenavond,

Wij zijn als Wmo-raad van de gemeente Goes bezig met een mogelijke voordracht voor de \
Koplopers Cliëntondersteuning. Wij hebben twee vragen:

1. Mag een Wmo-raad zelf een voordracht indienen, of moet dat via het college?
2. Mogen wij onze eigen gemeente voordragen, of ligt het meer voor de hand een andere \
gemeente te kiezen?

Wij willen de voordracht graag eerst in onze vergadering van 24 mei bespreken. Alvast \
bedankt voor uw antwoord.

Met vriendelijke groet,

Marjolein Kosten
secretaris Wmo-raad Goes
"""

EDE_TEXT = """\
Geachte jury,

Hierbij draagt de gemeente Ede zichzelf voor als koploper clientondersteuning.

Clientondersteuning staat in Ede hoog op de agenda. De gemeenteraad bespreekt het \
onderwerp ieder jaar bij de behandeling van de Wmo-verantwoording, de adviesraad sociaal \
domein heeft er een vaste werkgroep voor, en in het clientenoverleg komt het in iedere \
vergadering aan de orde. Het college heeft de raad bovendien toegezegd om elk half jaar te \
rapporteren over het aantal inwoners dat een onafhankelijke clientondersteuner heeft \
gekregen, en over de wachttijden daarvoor. De wethouder gaat daarnaast twee keer per jaar \
met de adviesraad in gesprek over die cijfers.

Ede is een grote gemeente met een stad en veel dorpen. Dat vraagt om een aanpak die overal \
werkt, en wij denken dat die aanpak er is. Graag lichten wij die toe in een gesprek met \
de jury.

Met vriendelijke groet,

Gemeente Ede
Afdeling Maatschappelijke Ontwikkeling
"""

DEBILT_BODY = """\
    Goedemorgen,

    Wij willen graag de gemeente Zeist voordragen als koploper cliëntondersteuning. Zeist \
doet het gewoon heel goed en wij horen van inwoners alleen maar positieve verhalen.

    Groet,

    Petra Hofman
    Gemeente De Bilt
"""


# --- documents ------------------------------------------------------------------------

APP_XML = """\
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
<Template>Normal.dotm</Template><TotalTime>38</TotalTime><Pages>1</Pages>\
<Words>{words}</Words><Characters>{chars}</Characters><Application>Microsoft Office Word\
</Application><DocSecurity>0</DocSecurity><Lines>{lines}</Lines>\
<Paragraphs>{paragraphs}</Paragraphs><ScaleCrop>false</ScaleCrop>\
<Company>Gemeente Wageningen</Company><LinksUpToDate>false</LinksUpToDate>\
<CharactersWithSpaces>{chars_spaces}</CharactersWithSpaces><SharedDoc>false</SharedDoc>\
<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>"""


def wageningen_docx() -> bytes:
    """A one-page A4 nomination as Word 2016 would save it (python-docx, then re-zipped)."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin = section.bottom_margin = Mm(20)
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(10.5)
    for kind, text in WAGENINGEN_DOCX:
        if kind == "title":
            document.add_heading(text, level=1)
        elif kind == "h":
            document.add_heading(text, level=2)
        else:
            document.add_paragraph(text)
    props = document.core_properties
    props.author = "M. Hendriks"
    props.last_modified_by = "F. Scholten"
    props.title = "Voordracht Koplopers Cliëntondersteuning 2017"
    props.comments = ""
    props.revision = 4
    props.created = datetime(2017, 5, 29, 8, 12)
    props.modified = datetime(2017, 5, 31, 13, 40)
    buffer = io.BytesIO()
    document.save(buffer)

    text = " ".join(t for _, t in WAGENINGEN_DOCX)
    words = len(text.split())
    app = APP_XML.format(
        words=words,
        chars=len(text.replace(" ", "")),
        chars_spaces=len(text),
        lines=len(text) // 95 + len(WAGENINGEN_DOCX),
        paragraphs=len(WAGENINGEN_DOCX),
    )
    return as_word_saves_it(buffer.getvalue(), app)


# --- the cases ------------------------------------------------------------------------


def build_utrecht(case: Case) -> bytes:
    sent = datetime(2017, 5, 29, 8, 14, 5, tzinfo=UTC)
    message = outlook_message(
        seed=case.file,
        sender='"Bakker, Marieke" <m.bakker@utrecht.nl>',
        subject="Voordracht Koplopers Cliëntondersteuning - gemeente Utrechtse Heuvelrug",
        sent=sent,
        message_id=f"<{hexid(case.file, 32)}@EXCH02.gemeente.utrecht.local>",
        markup=UTRECHT_BODY,
        disclaimer=DISCLAIMER_UTRECHT,
        logo=tiny_png((204, 0, 0)),
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail.utrecht.nl", "mail.utrecht.nl", "192.0.2.14"),
        seed=case.file,
        return_path="m.bakker@utrecht.nl",
        our_auth=auth_results(OUR_MX, "utrecht.nl", "pass"),
        sender_trace=[
            dkim_signature("utrecht.nl", "selector1", sent, case.file),
            *exchange_hops("EXCH02", "gemeente.utrecht.local", sent, "15.0.1263.5"),
        ],
    )


def build_zeist(case: Case) -> bytes:
    sent = at(5, 30, 21, 46, 58)
    sender = Address("Adviesraad Sociaal Domein Zeist", addr_spec="asd.zeist@gmail.com")
    message = gmail_message(
        seed=case.file,
        sender=sender,
        subject="voordracht koploper clientondersteuning Zeist",
        sent=sent,
        text=ZEIST_BODY,
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail-wr0-f176.google.com", "mail-wr0-f176.google.com", "209.85.128.176"),
        seed=case.file,
        return_path="asd.zeist@gmail.com",
        our_auth=auth_results(OUR_MX, "gmail.com", "pass"),
        sender_trace=gmail_trace(sent, case.file),
    )


def vught_message(seed: str, sent: datetime) -> EmailMessage:
    return plain_message(
        seed=seed,
        headers=[
            ("From", '"Verhoeven, Joyce" <j.verhoeven@vught.nl>'),
            ("To", f"<{OUR_ADDRESS}>"),
            ("Subject", "Voordracht Den Bosch koploper cliëntondersteuning"),
            ("Date", format_datetime(sent)),
            ("Message-ID", f"<000001d2da0c${hexid(seed, 8, False)}$34fc5c80$@vught.nl>"),
            ("MIME-Version", "1.0"),
            ("X-Mailer", "Microsoft Outlook 14.0"),
            ("Thread-Index", b64id(seed + "/thread", 22)),
            ("Content-Language", "nl"),
        ],
        text=VUGHT_BODY,
    )


def build_vught(case: Case) -> bytes:
    sent = at(5, 31, 14, 2, 49)
    return deliver(
        vught_message(case.file, sent),
        received=case.received,
        hop=Hop("smtp.vught.nl", "smtp.vught.nl", "198.51.100.23"),
        seed=case.file,
        return_path="j.verhoeven@vught.nl",
    )


def build_vught_again(case: Case) -> bytes:
    sent = at(5, 31, 14, 26, 18)
    return deliver(
        vught_message(case.file, sent),
        received=case.received,
        hop=Hop("smtp.vught.nl", "smtp.vught.nl", "198.51.100.23"),
        seed=case.file,
        return_path="j.verhoeven@vught.nl",
    )


def build_lochem(case: Case) -> bytes:
    sent = at(5, 31, 9, 12, 31)
    pdf = (DOCS / "nomination-1page-a4.pdf").read_bytes()
    message = outlook_message(
        seed=case.file,
        sender='"Secretariaat Sociaal Domein" <sociaaldomein@lochem.nl>',
        subject="Nominatie koploper cliëntondersteuning: gemeente Zutphen",
        sent=sent,
        message_id=f"<{hexid(case.file, 32)}@MBX01.lochem.local>",
        markup=LOCHEM_BODY,
        attachments=[(pdf, "application", "pdf", "Nominatie Zutphen - gemeente Lochem.pdf")],
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail.lochem.nl", "mail.lochem.nl", "198.51.100.41"),
        seed=case.file,
        return_path="sociaaldomein@lochem.nl",
        sender_trace=exchange_hops("MBX01", "lochem.local", sent, "15.1.845.34"),
    )


def build_wageningen(case: Case) -> bytes:
    sent = at(5, 31, 16, 5, 12)
    message = outlook_message(
        seed=case.file,
        sender='"Scholten, Femke" <f.scholten@wageningen.nl>',
        subject="Voordracht Koplopers Cliëntondersteuning",
        sent=sent,
        message_id=f"<{hexid(case.file, 32)}@EXC01.wageningen.local>",
        markup=WAGENINGEN_BODY,
        attachments=[
            (
                wageningen_docx(),
                "application",
                "vnd.openxmlformats-officedocument.wordprocessingml.document",
                "Voordracht Koplopers Cliëntondersteuning - Renkum.docx",
            )
        ],
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mx1.wageningen.nl", "mx1.wageningen.nl", "198.51.100.52"),
        seed=case.file,
        return_path="f.scholten@wageningen.nl",
        sender_trace=exchange_hops("EXC01", "wageningen.local", sent, "15.0.1293.2"),
    )


def build_kromme_rijn(case: Case) -> bytes:
    sent = at(5, 26, 16, 39, 51)
    message = EmailMessage(policy=POLICY)
    message["From"] = '"Graaf, Sanne de" <s.degraaf@wijkbijduurstede.nl>'
    message["To"] = OUR_ADDRESS
    message["Cc"] = "wmo@bunnik.nl, wmo@houten.nl"
    message["Subject"] = (
        "Gezamenlijke voordracht Kromme Rijngemeenten: Bunnik, Houten en Wijk bij Duurstede"
    )
    message["Date"] = format_datetime(sent)
    message["Message-ID"] = f"<{hexid(case.file, 24, False)}.{hexid(case.file + 'b', 6)}@wbd.nl>"
    message["MIME-Version"] = "1.0"
    message.set_content(KROMME_RIJN_HTML, subtype="html", charset="utf-8", cte="quoted-printable")
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail.wijkbijduurstede.nl", "mail.wijkbijduurstede.nl", "198.51.100.77"),
        seed=case.file,
        return_path="s.degraaf@wijkbijduurstede.nl",
    )


def build_breda(case: Case) -> bytes:
    sent = at(6, 1, 9, 55, 3)
    notes_id = f"OF{hexid(case.file, 8)}.{hexid(case.file + 'x', 8)}-ONC1258131.0034A1B2"
    message = EmailMessage(policy=POLICY)
    message["To"] = OUR_ADDRESS
    message["MIME-Version"] = "1.0"
    message["Subject"] = "Voordracht Tilburg - koplopers cliëntondersteuning"
    message["X-KeepSent"] = (
        f"{hexid(case.file + 'k', 8)}:{hexid(case.file + 'l', 8)}-C1258131:0034A1B2;"
    )
    message["X-Mailer"] = "IBM Notes Release 9.0.1FP8 April 25, 2017"
    message["Message-ID"] = f"<{notes_id}-C1258131.0034B3C4@breda.nl>"
    message["From"] = "Kees Dekkers <K.Dekkers@breda.nl>"
    message["Date"] = format_datetime(sent)
    message["X-MIMETrack"] = (
        "Serialize by Router on NOTES01/SRV/Breda(Release 9.0.1FP8|April 25, 2017) at "
        "01-06-2017 09:55:04"
    )
    message.set_content(BREDA_TEXT, charset="iso-8859-1", cte="quoted-printable")
    rendered = "<br>\n".join(html.escape(line, quote=False) for line in BREDA_TEXT.split("\n"))
    message.add_alternative(
        f'<font size=2 face="sans-serif">{rendered}</font>\n',
        subtype="html",
        charset="iso-8859-1",
        cte="quoted-printable",
    )
    set_boundaries(message, case.file, "notes")
    return deliver(
        message,
        received=case.received,
        hop=Hop("smtp.breda.nl", "smtp.breda.nl", "198.51.100.90"),
        seed=case.file,
        return_path="K.Dekkers@breda.nl",
    )


def build_eindhoven(case: Case) -> bytes:
    sent = at(5, 30, 13, 21, 40)
    message = outlook_message(
        seed=case.file,
        sender='"Janssen, Lotte" <l.janssen@eindhoven.nl>',
        subject="Voordracht gemeente Best - Koplopers Cliëntondersteuning",
        sent=sent,
        message_id=f"<{hexid(case.file, 32)}@SRVEXC03.gemeente.eindhoven.local>",
        markup=EINDHOVEN_BODY,
        disclaimer=DISCLAIMER_EINDHOVEN,
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail2.eindhoven.nl", "mail2.eindhoven.nl", "192.0.2.61"),
        seed=case.file,
        return_path="l.janssen@eindhoven.nl",
        our_auth=auth_results(OUR_MX, "eindhoven.nl", "pass"),
        sender_trace=[
            dkim_signature("eindhoven.nl", "mail2017", sent, case.file),
            *exchange_hops("SRVEXC03", "gemeente.eindhoven.local", sent, "15.1.669.32"),
        ],
    )


def build_amersfoort(case: Case) -> bytes:
    sent = at(5, 29, 15, 33, 10)
    message = outlook_message(
        seed=case.file,
        sender='"Leeuwen, Jeroen van" <j.van.leeuwen@amersfoort.nl>',
        subject="Voordracht Leusden",
        sent=sent,
        message_id=f"<{hexid(case.file, 32)}@AMFEXC01.amersfoort.local>",
        markup=AMERSFOORT_BODY,
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("smtp2.amersfoort.nl", "smtp2.amersfoort.nl", "198.51.100.101"),
        seed=case.file,
        return_path="j.van.leeuwen@amersfoort.nl",
        sender_trace=exchange_hops("AMFEXC01", "amersfoort.local", sent, "15.0.1263.5"),
    )


def build_leeuwarden(case: Case) -> bytes:
    sent = at(5, 24, 11, 8, 44)
    message = outlook_message(
        seed=case.file,
        sender='"Hoekstra, Sjoukje" <s.hoekstra@leeuwarden.nl>',
        subject="Voordracht koploper cliëntondersteuning: gemeente Leeuwarderadeel",
        sent=sent,
        message_id=f"<{hexid(case.file, 32)}@LWDMBX02.leeuwarden.local>",
        markup=LEEUWARDEN_BODY,
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail.leeuwarden.nl", "mail.leeuwarden.nl", "198.51.100.113"),
        seed=case.file,
        return_path="s.hoekstra@leeuwarden.nl",
        sender_trace=exchange_hops("LWDMBX02", "leeuwarden.local", sent, "15.1.845.34"),
    )


HARLINGEN_MESSAGE_ID = "<002f01d2dac4$5a1e3c20$0e5ab460$@harlingen.nl>"


def build_harlingen(case: Case) -> bytes:
    sent = at(6, 1, 12, 30, 15)
    message = plain_message(
        seed=case.file,
        headers=[
            ("From", '"Wmo-loket Harlingen" <wmo@harlingen.nl>'),
            ("Reply-To", "<wmoloket@harlingen.nl>"),
            ("To", f"<{OUR_ADDRESS}>"),
            ("Subject", "Voordracht gemeente Sudwest Fryslan"),
            ("Date", format_datetime(sent)),
            ("Message-ID", HARLINGEN_MESSAGE_ID),
            ("MIME-Version", "1.0"),
            ("X-Mailer", "Microsoft Office Outlook 12.0"),
            ("Thread-Index", b64id(case.file + "/thread", 22)),
            ("Content-Language", "nl"),
        ],
        text=HARLINGEN_TEXT,
        charset="us-ascii",
        cte="7bit",
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("smtp.harlingen.nl", "smtp.harlingen.nl", "198.51.100.61", tls=False),
        seed=case.file,
        return_path="wmo@harlingen.nl",
    )


def build_nijmegen(case: Case) -> bytes:
    sent = at(5, 31, 10, 47, 22)
    message = outlook_message(
        seed=case.file,
        sender='"Peters, Hans" <h.peters@nijmegen.nl>',
        subject="Voordracht: gemeente Nijmegen als koploper cliëntondersteuning",
        sent=sent,
        message_id=f"<{hexid(case.file, 32)}@NIJEXC11.nijmegen.local>",
        markup=NIJMEGEN_BODY,
        disclaimer=DISCLAIMER_NIJMEGEN,
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mx2.nijmegen.nl", "mx2.nijmegen.nl", "192.0.2.133"),
        seed=case.file,
        return_path="h.peters@nijmegen.nl",
        our_auth=auth_results(OUR_MX, "nijmegen.nl", "pass"),
        sender_trace=[
            dkim_signature("nijmegen.nl", "s2016", sent, case.file),
            *exchange_hops("NIJEXC11", "nijmegen.local", sent, "15.1.845.34"),
        ],
    )


def build_apeldoorn(case: Case) -> bytes:
    sent = at(5, 31, 8, 31, 5)
    original_sent = at(5, 30, 20, 13, 44)
    forward_header = (
        "-------- Doorgestuurd bericht --------\n"
        "Onderwerp: \tVoordracht koploper cliëntondersteuning Apeldoorn\n"
        f"Datum: \t{format_datetime(original_sent)}\n"
        "Van: \tCliëntenraad Apeldoorn <clientenraad.apeldoorn@gmail.com>\n"
        "Aan: \tinfo@apeldoorn.nl\n"
    )
    text = flowed(APELDOORN_COVER + "\n\n" + forward_header + "\n\n\n" + APELDOORN_ORIGINAL)
    message = plain_message(
        seed=case.file,
        headers=[
            ("Subject", "Fwd: Voordracht koploper cliëntondersteuning Apeldoorn"),
            (
                "References",
                f"<CA{b64id(case.file + '/orig', 42).replace('/', '_')}@mail.gmail.com>",
            ),
            ("To", OUR_ADDRESS),
            ("From", "Ingrid Mulder <i.mulder@apeldoorn.nl>"),
            (
                "Message-ID",
                f"<{digest(case.file)[:8]}-{digest(case.file)[8:12]}-4e9a-a1c2-"
                f"{digest(case.file)[12:24]}@apeldoorn.nl>",
            ),
            ("Date", format_datetime(sent)),
            (
                "User-Agent",
                "Mozilla/5.0 (Windows NT 10.0; WOW64; rv:52.0) Gecko/20100101 Thunderbird/52.1.1",
            ),
            ("MIME-Version", "1.0"),
        ],
        text=text + "\n",
        cte="8bit",
        params={"format": "flowed"},
        tail_headers=[("Content-Language", "nl")],
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail.apeldoorn.nl", "mail.apeldoorn.nl", "198.51.100.129"),
        seed=case.file,
        return_path="i.mulder@apeldoorn.nl",
    )


def build_losser(case: Case) -> bytes:
    sent = at(6, 1, 11, 12, 8)
    call_sent = at(5, 2, 14, 5, 0)
    header_plain = (
        f"Van: Koplopers Cliëntondersteuning [mailto:{OUR_ADDRESS}] \n"
        f"Verzonden: {dutch_date(call_sent)}\n"
        f"Aan: Koplopers Cliëntondersteuning <{OUR_ADDRESS}>\n"
        f"Onderwerp: {CALL_SUBJECT}\n\n"
    )
    quoted_plain = header_plain + CALL_TEXT
    call_paragraphs = "\n".join(
        '<p class="MsoNormal">'
        + "<br>\n".join(html.escape(line, quote=False) for line in para.split("\n"))
        + "<o:p></o:p></p>\n"
        + EMPTY_P
        for para in CALL_TEXT.strip("\n").split("\n\n")
    )
    quoted_html = (
        '<div>\n<div style="border:none;border-top:solid #E1E1E1 1.0pt;'
        'padding:3.0pt 0cm 0cm 0cm">\n<p class="MsoNormal"><b><span lang="NL">Van:</span></b>'
        f'<span lang="NL"> Koplopers Cliëntondersteuning [mailto:{OUR_ADDRESS}] <br>\n'
        f"<b>Verzonden:</b> {dutch_date(call_sent)}<br>\n"
        f"<b>Aan:</b> Koplopers Cliëntondersteuning &lt;{OUR_ADDRESS}&gt;<br>\n"
        f"<b>Onderwerp:</b> {html.escape(CALL_SUBJECT)}<o:p></o:p></span></p>\n"
        "</div>\n</div>\n" + EMPTY_P + "\n" + call_paragraphs
    )
    message = outlook_message(
        seed=case.file,
        sender='"Oude Luttikhuis, Wilma" <w.oudeluttikhuis@losser.nl>',
        subject="RE: " + CALL_SUBJECT,
        thread_topic=CALL_SUBJECT,
        sent=sent,
        message_id=f"<{hexid(case.file, 32)}@LOSEXC01.losser.local>",
        markup=LOSSER_BODY,
        in_reply_to=CALL_MESSAGE_ID,
        quoted=(quoted_plain, quoted_html),
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail.losser.nl", "mail.losser.nl", "198.51.100.150"),
        seed=case.file,
        return_path="w.oudeluttikhuis@losser.nl",
        sender_trace=exchange_hops("LOSEXC01", "losser.local", sent, "15.0.1293.2"),
    )


def build_haarlem(case: Case) -> bytes:
    sent = at(6, 1, 16, 59, 31)
    message = outlook_message(
        seed=case.file,
        sender='"Vermeulen, Eva" <evermeulen@haarlem.nl>',
        subject="Voordracht koploper cliëntondersteuning - Heemstede",
        sent=sent,
        message_id=f"<{hexid(case.file, 32)}@HLMEXC02.haarlem.local>",
        markup=HAARLEM_BODY,
        charset="windows-1252",
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail.haarlem.nl", "mail.haarlem.nl", "198.51.100.160"),
        seed=case.file,
        return_path="evermeulen@haarlem.nl",
        sender_trace=exchange_hops("HLMEXC02", "haarlem.local", sent, "15.0.1263.5"),
    )


def build_delft(case: Case) -> bytes:
    sent = at(6, 1, 16, 59, 52)
    token = digest(case.file).upper()
    message = plain_message(
        seed=case.file,
        headers=[
            ("From", "Mark de Jong <m.dejong@delft.nl>"),
            ("Mime-Version", "1.0 (1.0)"),
            ("Subject", "Voordracht Leiden"),
            (
                "Message-Id",
                f"<{token[:8]}-{token[8:12]}-{token[12:16]}-{token[16:20]}-{token[20:32]}"
                "@delft.nl>",
            ),
            ("Date", format_datetime(sent)),
            ("To", OUR_ADDRESS),
            ("X-Mailer", "iPhone Mail (14F89)"),
        ],
        text=DELFT_TEXT,
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail.delft.nl", "mail.delft.nl", "198.51.100.171"),
        seed=case.file,
        return_path="m.dejong@delft.nl",
    )


def build_medemblik(case: Case) -> bytes:
    sent = at(6, 1, 16, 59, 58)
    message = outlook_message(
        seed=case.file,
        sender="Anouk Schouten <a.schouten@medemblik.nl>",
        subject="Voordracht gemeente Stede Broec",
        sent=sent,
        message_id=f"<{hexid(case.file, 8)}.{hexid(case.file + 'm', 6)}%a.schouten@medemblik.nl>",
        markup=MEDEMBLIK_BODY,
    )
    for name in (
        "x-ms-exchange-transport-fromentityheader",
        "x-originating-ip",
        "X-MS-Has-Attach",
        "X-MS-TNEF-Correlator",
        "Accept-Language",
    ):
        del message[name]
    message["User-Agent"] = "Microsoft-MacOutlook/15.34.0.170515"
    set_boundaries(message, case.file, "mac")
    return deliver(
        message,
        received=case.received,
        hop=Hop("smtp.medemblik.nl", "smtp.medemblik.nl", "198.51.100.180"),
        seed=case.file,
        return_path="a.schouten@medemblik.nl",
    )


def build_groningen(case: Case) -> bytes:
    sent = at(6, 1, 18, 2, 50)
    message = plain_message(
        seed=case.file,
        headers=[
            (
                "Message-Id",
                f"<{hexid(case.file, 8)}020000A1000B{hexid(case.file + 'g', 4)}@gwia.groningen.nl>",
            ),
            ("X-Mailer", "Novell GroupWise Internet Agent 14.2.1"),
            ("Date", format_datetime(sent)),
            ("From", '"Rob Smit" <r.smit@groningen.nl>'),
            ("To", f"<{OUR_ADDRESS}>"),
            (
                "Subject",
                "Voordracht Koplopers Cliëntondersteuning: gemeente Haren "
                "(excuses voor de late inzending)",
            ),
            ("Mime-Version", "1.0"),
        ],
        text=GRONINGEN_TEXT,
        charset="iso-8859-1",
        tail_headers=[("Content-Disposition", "inline")],
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("gwia.groningen.nl", "gwia.groningen.nl", "198.51.100.190"),
        seed=case.file,
        return_path="r.smit@groningen.nl",
    )


def soest_message(case: Case, markup: str, subject: str, sent: datetime) -> bytes:
    message = outlook_message(
        seed=case.file,
        sender='"Dijkstra, Anne" <a.dijkstra@soest.nl>',
        subject=subject,
        sent=sent,
        message_id=f"<{hexid(case.file, 32)}@SOEXC01.soest.local>",
        markup=markup,
        disclaimer=DISCLAIMER_SOEST,
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail.soest.nl", "mail.soest.nl", "192.0.2.200"),
        seed=case.file,
        return_path="a.dijkstra@soest.nl",
        our_auth=auth_results(OUR_MX, "soest.nl", "pass"),
        sender_trace=[
            dkim_signature("soest.nl", "default", sent, case.file),
            *exchange_hops("SOEXC01", "soest.local", sent, "15.0.1293.2"),
        ],
    )


SOEST_SUBJECT = "Voordracht gemeente Baarn - Koplopers Cliëntondersteuning"


def build_soest_v1(case: Case) -> bytes:
    return soest_message(case, SOEST_V1, SOEST_SUBJECT, at(5, 30, 11, 2, 1))


def build_soest_v2(case: Case) -> bytes:
    return soest_message(
        case, SOEST_V2, "Aangepaste versie: " + SOEST_SUBJECT, at(6, 1, 10, 41, 38)
    )


def veenendaal_message(case: Case, revised: bool, sent: datetime) -> bytes:
    subject = "Voordracht gemeente Rhenen koploper cliëntondersteuning"
    if revised:
        subject = "Aangepaste versie - " + subject
    message = plain_message(
        seed=case.file,
        headers=[
            ("From", '"Berg, Sandra van den" <s.vandenberg@veenendaal.nl>'),
            ("To", f"<{OUR_ADDRESS}>"),
            ("Subject", subject),
            ("Date", format_datetime(sent)),
            (
                "Message-ID",
                f"<00{hexid(case.file, 4, False)}01d2da1b${hexid(case.file, 8, False)}"
                f"${hexid(case.file + 'v', 8, False)}$@veenendaal.nl>",
            ),
            ("MIME-Version", "1.0"),
            ("X-Mailer", "Microsoft Outlook 15.0"),
            ("Thread-Index", b64id(case.file + "/thread", 22)),
            ("Content-Language", "nl"),
        ],
        text=veenendaal_text(revised),
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("smtp.veenendaal.nl", "smtp.veenendaal.nl", "198.51.100.210"),
        seed=case.file,
        return_path="s.vandenberg@veenendaal.nl",
    )


def build_veenendaal_v1(case: Case) -> bytes:
    return veenendaal_message(case, False, at(5, 31, 15, 20, 30))


def build_veenendaal_v2(case: Case) -> bytes:
    return veenendaal_message(case, True, at(6, 1, 17, 23, 51))


UTRECHT_ACK_ID = "<ack-KCO-0001@vng.example>"


def build_out_of_office(case: Case) -> bytes:
    sent = datetime(2017, 5, 29, 8, 20, 1, tzinfo=UTC)
    subject = (
        "Ontvangstbevestiging: Voordracht Koplopers Cliëntondersteuning - "
        "gemeente Utrechtse Heuvelrug"
    )
    message = EmailMessage(policy=POLICY)
    message["From"] = '"Bakker, Marieke" <m.bakker@utrecht.nl>'
    message["To"] = f"Koplopers Cliëntondersteuning <{OUR_ADDRESS}>"
    message["Subject"] = "Automatisch antwoord: " + subject
    message["Thread-Topic"] = subject
    message["Thread-Index"] = b64id(case.file + "/thread", 27)
    message["Date"] = format_datetime(sent)
    message["Message-ID"] = f"<{hexid(case.file, 32)}@EXCH02.gemeente.utrecht.local>"
    message["References"] = UTRECHT_ACK_ID
    message["In-Reply-To"] = UTRECHT_ACK_ID
    message["Auto-Submitted"] = "auto-generated"
    message["X-MS-Has-Attach"] = ""
    message["X-MS-Exchange-Organization-SCL"] = "-1"
    message["X-MS-TNEF-Correlator"] = ""
    message["x-ms-exchange-parent-message-id"] = UTRECHT_ACK_ID
    message["X-Auto-Response-Suppress"] = "All"
    message["x-ms-exchange-transport-fromentityheader"] = "Hosted"
    message.set_content(outlook_plain(OOF_BODY), charset="utf-8", cte="quoted-printable")
    message.add_alternative(
        word_html(OOF_BODY), subtype="html", charset="utf-8", cte="quoted-printable"
    )
    message["Content-Language"] = "nl-NL"
    set_boundaries(message, case.file, "outlook")
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail.utrecht.nl", "mail.utrecht.nl", "192.0.2.14"),
        seed=case.file,
        return_path="m.bakker@utrecht.nl",
        our_auth=auth_results(OUR_MX, "utrecht.nl", "pass"),
        sender_trace=[
            dkim_signature("utrecht.nl", "selector1", sent, case.file),
            *exchange_hops("EXCH02", "gemeente.utrecht.local", sent, "15.0.1263.5"),
        ],
    )


def build_bounce(case: Case) -> bytes:
    ack_sent = at(6, 1, 12, 31, 7)
    queue_id = "3wdK9x2QzBz1"
    ack = EmailMessage(policy=POLICY)
    ack["Received"] = (
        f"by {OUR_MX} (Postfix, from userid 998) id {queue_id}; {postfix_date(ack_sent)}"
    )
    ack["From"] = f"Koplopers Cliëntondersteuning <{OUR_ADDRESS}>"
    ack["To"] = "wmoloket@harlingen.nl"
    ack["Subject"] = "Ontvangstbevestiging: Voordracht gemeente Sudwest Fryslan"
    ack["Date"] = format_datetime(ack_sent)
    ack["Message-ID"] = "<ack-KCO-0019@vng.example>"
    ack["In-Reply-To"] = HARLINGEN_MESSAGE_ID
    ack["Auto-Submitted"] = "auto-replied"
    ack["MIME-Version"] = "1.0"
    ack.set_content(ACK_TEXT, charset="utf-8", cte="quoted-printable")
    # Postfix writes its report verbatim: build it with compat32, which keeps header
    # values as given (Postfix's space-padded dates), and the returned message as parsed.
    returned_ack = message_from_bytes(ack.as_bytes(policy=POLICY), policy=COMPAT32)

    notification = Message(policy=COMPAT32)
    notification["Content-Description"] = "Notification"
    notification["Content-Type"] = "text/plain; charset=us-ascii"
    notification.set_payload(
        "This is the mail system at host mx.vng.example.\n\n"
        "I'm sorry to have to inform you that your message could not\n"
        "be delivered to one or more recipients. It's attached below.\n\n"
        "For further assistance, please send mail to postmaster.\n\n"
        "If you do so, please include this problem report. You can\n"
        "delete your own text from the attached returned message.\n\n"
        "                   The mail system\n\n"
        "<wmoloket@harlingen.nl>: host mail.harlingen.nl[198.51.100.61] said: 550\n"
        "    5.1.1 <wmoloket@harlingen.nl>: Recipient address rejected: User unknown in\n"
        "    virtual mailbox table (in reply to RCPT TO command)\n"
    )
    per_message = Message(policy=COMPAT32)
    per_message["Reporting-MTA"] = f"dns; {OUR_MX}"
    per_message["X-Postfix-Queue-ID"] = queue_id
    per_message["X-Postfix-Sender"] = f"rfc822; {OUR_ADDRESS}"
    per_message["Arrival-Date"] = postfix_date(ack_sent)
    per_recipient = Message(policy=COMPAT32)
    per_recipient["Final-Recipient"] = "rfc822; wmoloket@harlingen.nl"
    per_recipient["Original-Recipient"] = "rfc822;wmoloket@harlingen.nl"
    per_recipient["Action"] = "failed"
    per_recipient["Status"] = "5.1.1"
    per_recipient["Remote-MTA"] = "dns; mail.harlingen.nl"
    per_recipient["Diagnostic-Code"] = (
        "smtp; 550 5.1.1 <wmoloket@harlingen.nl>: Recipient address rejected: "
        "User unknown in virtual mailbox table"
    )
    status = Message(policy=COMPAT32)
    status["Content-Description"] = "Delivery report"
    status["Content-Type"] = "message/delivery-status"
    status.set_payload([per_message, per_recipient])
    returned = Message(policy=COMPAT32)
    returned["Content-Description"] = "Undelivered Message"
    returned["Content-Type"] = "message/rfc822"
    returned["Content-Transfer-Encoding"] = "8bit"
    returned.set_payload([returned_ack])

    boundary = f"{queue_id}.1496313069/{OUR_MX}"
    top = Message(policy=COMPAT32)
    top["Date"] = postfix_date(case.received)
    top["From"] = f"MAILER-DAEMON@{OUR_MX} (Mail Delivery System)"
    top["Subject"] = "Undelivered Mail Returned to Sender"
    top["To"] = OUR_ADDRESS
    top["Auto-Submitted"] = "auto-replied"
    top["MIME-Version"] = "1.0"
    top["Content-Type"] = f'multipart/report; report-type=delivery-status; boundary="{boundary}"'
    top["Content-Transfer-Encoding"] = "8bit"
    top["Message-Id"] = f"<20170601103109.{queue_id}@{OUR_MX}>"
    top.preamble = "This is a MIME-encapsulated message.\n"
    top.set_payload([notification, status, returned])
    head = (
        "Return-Path: <>\n"
        f"Delivered-To: {OUR_ADDRESS}\n"
        f"Received: by {OUR_MX} (Postfix)\n\tid 3wdKB02rV4z1; {postfix_date(case.received)}\n"
    )
    return head.encode("ascii") + top.as_bytes(policy=COMPAT32)


def build_newsletter(case: Case) -> bytes:
    sent = at(5, 23, 7, 0, 0)
    message = EmailMessage(policy=POLICY)
    message["From"] = '"Gemeente Zwolle" <nieuwsbrief@zwolle.nl>'
    message["To"] = OUR_ADDRESS
    message["Subject"] = "Nieuwsbrief Sociaal Domein Zwolle - mei 2017"
    message["Date"] = format_datetime(sent)
    message["Message-ID"] = f"<sd-2017-05.{hexid(case.file, 12, False)}@nieuwsbrief.zwolle.nl>"
    message["MIME-Version"] = "1.0"
    message["List-Unsubscribe"] = (
        "<https://nieuwsbrief.zwolle.nl/afmelden/7f3a9c>, "
        "<mailto:afmelden-7f3a9c@nieuwsbrief.zwolle.nl?subject=unsubscribe>"
    )
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["List-Id"] = "Nieuwsbrief Sociaal Domein <sociaaldomein.nieuwsbrief.zwolle.nl>"
    message["Precedence"] = "bulk"
    message["X-Campaign-ID"] = "sd-2017-05"
    message.set_content(NEWSLETTER_TEXT, charset="utf-8", cte="quoted-printable")
    message.add_alternative(
        NEWSLETTER_HTML, subtype="html", charset="utf-8", cte="quoted-printable"
    )
    set_boundaries(message, case.file, "plain")
    return deliver(
        message,
        received=case.received,
        hop=Hop("out3.nieuwsbrief.zwolle.nl", "out3.nieuwsbrief.zwolle.nl", "198.51.100.230"),
        seed=case.file,
        return_path="bounce-7f3a9c@nieuwsbrief.zwolle.nl",
    )


def build_test_mail(case: Case) -> bytes:
    sent = at(5, 15, 9, 30, 48)
    message = outlook_message(
        seed=case.file,
        sender='"Kok, Jeroen" <j.kok@houten.nl>',
        subject="test",
        sent=sent,
        message_id=f"<{hexid(case.file, 32)}@HTNEXC01.houten.local>",
        markup="",
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail.houten.nl", "mail.houten.nl", "198.51.100.240"),
        seed=case.file,
        return_path="j.kok@houten.nl",
        sender_trace=exchange_hops("HTNEXC01", "houten.local", sent, "15.0.1263.5"),
    )


def build_goes_question(case: Case) -> bytes:
    sent = at(5, 18, 20, 14, 33)
    sender = Address("Wmo-raad Goes", addr_spec="wmoraad.goes@gmail.com")
    message = gmail_message(
        seed=case.file,
        sender=sender,
        subject="Vraag over voordracht koplopers",
        sent=sent,
        text=GOES_TEXT,
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail-wr0-f193.google.com", "mail-wr0-f193.google.com", "209.85.128.193"),
        seed=case.file,
        return_path="wmoraad.goes@gmail.com",
        sender_trace=gmail_trace(sent, case.file),
    )


def build_ede_forged(case: Case) -> bytes:
    sent = at(6, 1, 14, 44, 40)
    message = plain_message(
        seed=case.file,
        headers=[
            ("Date", format_datetime(sent)),
            ("To", OUR_ADDRESS),
            ("From", '"Gemeente Ede" <wmo@ede.nl>'),
            ("Subject", "Voordracht gemeente Ede"),
            ("Message-ID", f"<{hexid(case.file, 32, False)}@ede.nl>"),
            ("X-Mailer", "PHPMailer 5.2.23 (https://github.com/PHPMailer/PHPMailer)"),
            ("MIME-Version", "1.0"),
        ],
        text=EDE_TEXT,
        charset="us-ascii",
        cte="7bit",
    )
    forged = [
        "Received: from mail.ede.nl (mail.ede.nl [192.0.2.88])\n"
        "\tby mx.vng.example.com (Postfix) with ESMTPS id 3wdM4k1ZHpz9\n"
        f"\tfor <{OUR_ADDRESS}>; {postfix_date(sent)}",
        auth_results("mx.vng.example.com", "ede.nl", "pass"),
    ]
    return deliver(
        message,
        received=case.received,
        hop=Hop("vps2213.hosting.example", "vps2213.hosting.example", "203.0.113.45", tls=False),
        seed=case.file,
        return_path="wmo@ede.nl",
        our_auth=auth_results(OUR_MX, "ede.nl", "fail"),
        sender_trace=forged,
    )


def build_debilt(case: Case) -> bytes:
    sent = at(5, 31, 8, 4, 19)
    message = outlook_message(
        seed=case.file,
        sender='"Hofman, Petra" <p.hofman@debilt.nl>',
        subject="voordracht",
        sent=sent,
        message_id=f"<{hexid(case.file, 32)}@DBEXC01.debilt.local>",
        markup=DEBILT_BODY,
    )
    return deliver(
        message,
        received=case.received,
        hop=Hop("mail.debilt.nl", "mail.debilt.nl", "198.51.100.245"),
        seed=case.file,
        return_path="p.hofman@debilt.nl",
        sender_trace=exchange_hops("DBEXC01", "debilt.local", sent, "15.0.1293.2"),
    )


FIRST_CASES: tuple[Case, ...] = (
    Case(
        "01-utrecht-college-outlook.eml",
        "nomination",
        "Gemeente Utrecht",
        at(5, 29, 10, 14, 22),
        True,
        "Formal letter on behalf of the college van B&W; Outlook/Exchange multipart/alternative "
        "with Word HTML, an inline logo (multipart/related, [cid:...] in the plain part), a "
        "signature with addresses and phone numbers and a legal disclaimer. Date header in "
        "+0000. Sender Utrecht, nominee Utrechtse Heuvelrug: 'Utrecht' must not match.",
        build_utrecht,
        sender_municipality="GM0344",
        nominees=("GM1581",),
        criteria_met=ALL3,
        dmarc="pass",
    ),
    Case(
        "02-zeist-adviesraad-gmail.eml",
        "nomination",
        "Adviesraad Sociaal Domein Zeist",
        at(5, 30, 21, 47, 5),
        True,
        "Advisory board writing from gmail.com, nominating its own municipality; the domain "
        "says nothing about the municipality. Addresses agenda and joint development, not "
        "innovation or the use of signals.",
        build_zeist,
        sender_municipality="GM0355",
        nominees=("GM0355",),
        criteria_met=("agenda", "samenwerking"),
        dmarc="pass",
    ),
    Case(
        "03-vught-den-bosch-bullets.eml",
        "nomination",
        "Gemeente Vught",
        at(5, 31, 14, 3, 11),
        True,
        "Alias: 'Den Bosch' (subject and body) and \"'s-Hertogenbosch\" (body) are one "
        "nominee. Plain text from Outlook 2010 over SMTP, bullet list per criterion.",
        build_vught,
        sender_municipality="GM0865",
        nominees=("GM0796",),
        criteria_met=ALL3,
    ),
    Case(
        "04-lochem-pdf-attachment.eml",
        "nomination",
        "Gemeente Lochem",
        at(5, 31, 9, 12, 45),
        True,
        "Nomination as attached PDF (tests/data/docs/nomination-1page-a4.pdf); the body is a "
        "short covering note that also names the nominee. Criteria are judged on the PDF.",
        build_lochem,
        sender_municipality="GM0262",
        nominees=("GM0301",),
        criteria_met=ALL3,
    ),
    Case(
        "05-wageningen-docx-attachment.eml",
        "nomination",
        "Gemeente Wageningen",
        at(5, 31, 16, 5, 30),
        True,
        "Nomination as attached DOCX (python-docx, A4, Word-like docProps/app.xml with "
        "Pages 1); the body does not name the nominee, only the document does. Agenda and "
        "innovation; no joint development with clients, professionals and volunteers.",
        build_wageningen,
        sender_municipality="GM0289",
        nominees=("GM0274",),
        criteria_met=("agenda", "innovatie"),
    ),
    Case(
        "06-kromme-rijn-joint-html-table.eml",
        "nomination",
        "Gemeente Wijk bij Duurstede (namens Bunnik, Houten en Wijk bij Duurstede)",
        at(5, 26, 16, 40, 2),
        True,
        "Joint regional nomination of three municipalities, the sender being one of them; "
        "HTML only (no text/plain part) with a table per criterion; Cc to the other two.",
        build_kromme_rijn,
        sender_municipality="GM0352",
        nominees=("GM0312", "GM0321", "GM0352"),
        criteria_met=ALL3,
    ),
    Case(
        "07-breda-best-as-word.eml",
        "nomination",
        "Gemeente Breda",
        at(6, 1, 9, 55, 20),
        True,
        "'best' as an ordinary word ('ons best gedaan', sentence-initial 'Best bijzonder', "
        "'haar uiterste best', 'best practices'): the municipality Best is NOT meant. IBM "
        "Notes, ISO-8859-1, mixed-case address. No council/advisory board: no agenda.",
        build_breda,
        sender_municipality="GM0758",
        nominees=("GM0855",),
        criteria_met=("samenwerking", "innovatie"),
    ),
    Case(
        "08-eindhoven-nominates-best.eml",
        "nomination",
        "Gemeente Eindhoven",
        at(5, 30, 13, 21, 58),
        True,
        "The municipality Best IS the nominee ('de gemeente Best'), in the same sentence as "
        "the word ('doet echt haar best'). Outlook Word-HTML with Symbol-font bullets, "
        "disclaimer.",
        build_eindhoven,
        sender_municipality="GM0772",
        nominees=("GM0753",),
        criteria_met=ALL3,
        dmarc="pass",
    ),
    Case(
        "09-amersfoort-passing-mentions.eml",
        "nomination",
        "Gemeente Amersfoort",
        at(5, 29, 15, 33, 27),
        True,
        "Passing mentions that are not nominees: 'net als in Amsterdam', 'grotere steden, "
        "zoals Rotterdam'. Short; only the innovation criterion is addressed.",
        build_amersfoort,
        sender_municipality="GM0307",
        nominees=("GM0327",),
        criteria_met=("innovatie",),
    ),
    Case(
        "10-leeuwarden-nominates-leeuwarderadeel.eml",
        "nomination",
        "Gemeente Leeuwarden",
        at(5, 24, 11, 9, 2),
        True,
        "Nominee Leeuwarderadeel existed on 2017-06-01 (merged into Leeuwarden 2018); "
        "Littenseradiel is mentioned in passing and is not a nominee; 'Leeuwarden' is the "
        "sender.",
        build_leeuwarden,
        sender_municipality="GM0080",
        nominees=("GM0081",),
        criteria_met=("samenwerking", "innovatie"),
    ),
    Case(
        "11-harlingen-sudwest-fryslan-ascii.eml",
        "nomination",
        "Gemeente Harlingen",
        at(6, 1, 12, 30, 41),
        True,
        "Diacritics and hyphen dropped: 'Sudwest Fryslan' for Súdwest-Fryslân; the whole "
        "mail is us-ascii ('clientondersteuning'). Reply-To differs from From (the "
        "acknowledgement to it bounces: 25-postfix-bounce.eml).",
        build_harlingen,
        sender_municipality="GM0072",
        nominees=("GM1900",),
        criteria_met=ALL3,
    ),
    Case(
        "12-nijmegen-self-nomination.eml",
        "nomination",
        "Gemeente Nijmegen",
        at(5, 31, 10, 47, 39),
        True,
        "Self-nomination ('draagt zichzelf voor'). Outlook HTML with bullets and a "
        "disclaimer. No council/advisory board in the text: no agenda.",
        build_nijmegen,
        sender_municipality="GM0268",
        nominees=("GM0268",),
        criteria_met=("samenwerking", "innovatie"),
        dmarc="pass",
    ),
    Case(
        "13-apeldoorn-forwarded.eml",
        "nomination",
        "Cliëntenraad Apeldoorn (doorgestuurd door Gemeente Apeldoorn)",
        at(5, 31, 8, 31, 19),
        True,
        "A client council's nomination forwarded inline by a municipal officer (Thunderbird, "
        "'-------- Doorgestuurd bericht --------', format=flowed). The covering note is "
        "not the nomination; the forwarded text is. Agenda and innovation: being consulted as "
        "a client council is the agenda criterion, not joint development.",
        build_apeldoorn,
        sender_municipality="GM0200",
        nominees=("GM0200",),
        criteria_met=("agenda", "innovatie"),
    ),
    Case(
        "14-losser-reply-quoted.eml",
        "nomination",
        "Gemeente Losser",
        at(6, 1, 11, 12, 30),
        True,
        "Outlook reply ('RE:') to the call, which is quoted below an Outlook 'Van:/Verzonden:' "
        "block and names all three criteria; the reply itself addresses only agenda and "
        "innovation.",
        build_losser,
        sender_municipality="GM0168",
        nominees=("GM0153",),
        criteria_met=("agenda", "innovatie"),
    ),
    Case(
        "15-haarlem-165959.eml",
        "nomination",
        "Gemeente Haarlem",
        at(6, 1, 16, 59, 59),
        True,
        "Received 16:59:59, one second before the deadline. windows-1252 Outlook message.",
        build_haarlem,
        sender_municipality="GM0392",
        nominees=("GM0397",),
        criteria_met=("agenda", "samenwerking"),
    ),
    Case(
        "16-delft-iphone-170000.eml",
        "nomination",
        "Gemeente Delft",
        at(6, 1, 17, 0, 0),
        True,
        "Received exactly 17:00:00: on time. Sent from an iPhone ('Verzonden vanaf mijn "
        "iPhone', 'Mime-Version: 1.0 (1.0)').",
        build_delft,
        sender_municipality="GM0503",
        nominees=("GM0546",),
        criteria_met=("agenda", "innovatie"),
    ),
    Case(
        "17-medemblik-170001.eml",
        "nomination",
        "Gemeente Medemblik",
        at(6, 1, 17, 0, 1),
        False,
        "Received 17:00:01: late by one second, although its Date header says 16:59:58. "
        "Outlook for Mac. Only joint development is addressed; the volunteers' training given "
        "together with professionals is part of that process here, though a generous reader "
        "might credit it to innovation.",
        build_medemblik,
        sender_municipality="GM0420",
        nominees=("GM0532",),
        criteria_met=("samenwerking",),
    ),
    Case(
        "18-groningen-hour-late.eml",
        "nomination",
        "Gemeente Groningen",
        at(6, 1, 18, 3, 12),
        False,
        "About an hour late (18:03:12), apologising for it. GroupWise, ISO-8859-1. Nominee "
        "Haren existed in 2017 (merged into Groningen 2019).",
        build_groningen,
        sender_municipality="GM0014",
        nominees=("GM0017",),
        criteria_met=ALL3,
    ),
    Case(
        "19-soest-first-version.eml",
        "nomination",
        "Gemeente Soest",
        at(5, 30, 11, 2, 17),
        True,
        "First version; superseded by 20-soest-revised-version.eml. Two criteria.",
        build_soest_v1,
        sender_municipality="GM0342",
        nominees=("GM0308",),
        criteria_met=("agenda", "samenwerking"),
        dmarc="pass",
        status="superseded",
    ),
    Case(
        "20-soest-revised-version.eml",
        "nomination",
        "Gemeente Soest",
        at(6, 1, 10, 41, 55),
        True,
        "On-time revision ('Aangepaste versie:'): same sender address, same nominee, adds "
        "the third criterion and says it replaces the version of 30 May.",
        build_soest_v2,
        sender_municipality="GM0342",
        nominees=("GM0308",),
        criteria_met=ALL3,
        revision_of="19-soest-first-version.eml",
        dmarc="pass",
    ),
    Case(
        "21-veenendaal-first-version.eml",
        "nomination",
        "Gemeente Veenendaal",
        at(5, 31, 15, 20, 48),
        True,
        "On-time first version; its revision (22) arrives late, so this one stays the "
        "version that counts.",
        build_veenendaal_v1,
        sender_municipality="GM0345",
        nominees=("GM0340",),
        criteria_met=ALL3,
    ),
    Case(
        "22-veenendaal-late-revision.eml",
        "nomination",
        "Gemeente Veenendaal",
        at(6, 1, 17, 24, 10),
        False,
        "Late revision ('Aangepaste versie -', 17:24:10) of the on-time 21: it corrects a "
        "number and adds a sentence; being late it must not replace 21.",
        build_veenendaal_v2,
        sender_municipality="GM0345",
        nominees=("GM0340",),
        criteria_met=ALL3,
        revision_of="21-veenendaal-first-version.eml",
        status="late-revision",
    ),
    Case(
        "23-vught-duplicate-resend.eml",
        "nomination",
        "Gemeente Vught",
        at(5, 31, 14, 26, 40),
        True,
        "Exact resend of 03: same sender, subject and body bytes; new Message-ID, Date and "
        "Thread-Index.",
        build_vught_again,
        sender_municipality="GM0865",
        nominees=("GM0796",),
        criteria_met=ALL3,
        duplicate_of="03-vught-den-bosch-bullets.eml",
        status="duplicate",
    ),
    Case(
        "24-exchange-out-of-office.eml",
        "auto-reply",
        "Gemeente Utrecht",
        at(5, 29, 10, 20, 3),
        True,
        "Exchange out-of-office reply to our acknowledgement of 01: 'Automatisch antwoord:' "
        "subject, Auto-Submitted: auto-generated, X-Auto-Response-Suppress: All, "
        "In-Reply-To our acknowledgement. Its subject names Utrechtse Heuvelrug.",
        build_out_of_office,
        sender_municipality="GM0344",
        dmarc="pass",
    ),
    Case(
        "25-postfix-bounce.eml",
        "bounce",
        "Mail Delivery System (mx.vng.example)",
        at(6, 1, 12, 31, 9),
        True,
        "Our own Postfix's bounce of the acknowledgement to 11's Reply-To address: "
        "multipart/report; report-type=delivery-status, MAILER-DAEMON, Return-Path: <>, "
        "the returned acknowledgement as message/rfc822 (it names Sudwest Fryslan).",
        build_bounce,
    ),
    Case(
        "26-zwolle-newsletter.eml",
        "bulk",
        "Gemeente Zwolle (nieuwsbrief)",
        at(5, 23, 7, 0, 12),
        True,
        "A municipal newsletter from a municipal domain: List-Unsubscribe (+ One-Click), "
        "List-Id, Precedence: bulk. It talks about the call and names Zwolle, Deventer and "
        "Kampen, but nominates nobody.",
        build_newsletter,
        sender_municipality="GM0193",
    ),
    Case(
        "27-houten-empty-test.eml",
        "other",
        "Gemeente Houten",
        at(5, 15, 9, 31, 2),
        True,
        "Subject 'test', empty body (Outlook: empty text/plain, HTML with only an empty "
        "Word section).",
        build_test_mail,
        sender_municipality="GM0321",
    ),
    Case(
        "28-goes-wmo-raad-question.eml",
        "correspondence",
        "Wmo-raad Goes",
        at(5, 18, 20, 14, 40),
        True,
        "Correspondence: an advisory board (gmail.com) asks whether it may nominate, and "
        "whom; not a nomination although it names 'de gemeente Goes' and talks of a "
        "'voordracht'. Header rules see an ordinary mail. No nomination of Goes follows in "
        "the inbox, so it concerns the call, not a nomination.",
        build_goes_question,
        sender_municipality="GM0664",
    ),
    Case(
        "29-ede-forged-authentication-results.eml",
        "nomination",
        "Gemeente Ede (claimed in From, not authenticated)",
        at(6, 1, 14, 44, 51),
        True,
        "Sent from a hosting VPS with From wmo@ede.nl. Our Authentication-Results "
        "(mx.vng.example) says spf=softfail, dmarc=fail; below it, among the sender's own "
        "fields, a forged one from authserv-id 'mx.vng.example.com' claims pass. "
        "sender_municipality is the claimed one. 'Ede' meant as the municipality (self).",
        build_ede_forged,
        sender_municipality="GM0228",
        nominees=("GM0228",),
        criteria_met=("agenda",),
        dmarc="fail",
    ),
    Case(
        "30-debilt-no-explanation.eml",
        "nomination",
        "Gemeente De Bilt",
        at(5, 31, 8, 4, 37),
        True,
        "A nomination with no explanation along any criterion (about 40 words); a second, "
        "independent nomination of Zeist (see 02).",
        build_debilt,
        sender_municipality="GM0310",
        nominees=("GM0355",),
    ),
)


# The first thirty messages above and the rest of the inbox, in the order of the files.
CASES: tuple[Case, ...] = tuple(
    sorted(
        (
            *FIRST_CASES,
            *inbox_questions.CASES,
            *inbox_followups.CASES,
            *inbox_chains.CASES,
            *inbox_revisions.CASES,
            *inbox_councils.CASES,
            *inbox_styles.CASES,
            *inbox_criteria.CASES,
            *inbox_deadline.CASES,
            *inbox_automatic.CASES,
        ),
        key=lambda case: case.file,
    )
)


# --- output ---------------------------------------------------------------------------


def toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def toml_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(toml_string(v) for v in values) + "]"


def labels_toml(cases: Sequence[Case]) -> str:
    out = [
        "# Labels of the nomination e-mails in this folder: what a careful human reader",
        "# would say about each. Written by make_nominations.py from its CASES; edit there",
        "# and regenerate. Field meanings: README.md.",
        "",
    ]
    for case in cases:
        out.append(f"[{toml_string(case.file)}]")
        out.append(f"kind = {toml_string(case.kind)}")
        out.append(f"sender_organisation = {toml_string(case.sender_organisation)}")
        if case.sender_municipality is not None:
            out.append(f"sender_municipality = {toml_string(case.sender_municipality)}")
        out.append(f"nominees = {toml_list(case.nominees)}")
        out.append(f"criteria_met = {toml_list(case.criteria_met)}")
        out.append(f"received = {toml_string(case.received.isoformat())}")
        out.append(f"on_time = {'true' if case.on_time else 'false'}")
        if case.kind == "nomination":
            out.append(f"status = {toml_string(case.status or 'current')}")
        if case.revision_of is not None:
            out.append(f"revision_of = {toml_string(case.revision_of)}")
        if case.duplicate_of is not None:
            out.append(f"duplicate_of = {toml_string(case.duplicate_of)}")
        if case.concerns is not None:
            out.append(f"concerns = {toml_string(case.concerns)}")
        if case.missing_attachment:
            out.append("missing_attachment = true")
        if case.language is not None:
            out.append(f"language = {toml_string(case.language)}")
        if case.dmarc is not None:
            out.append(f"dmarc = {toml_string(case.dmarc)}")
        out.append(f"notes = {toml_string(case.notes)}")
        out.append("")
    return "\n".join(out)


def write_all(out_dir: Path) -> list[Path]:
    """Write every .eml and labels.toml into ``out_dir``; return the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for file, data in build_all(CASES).items():
        path = out_dir / file
        path.write_bytes(data)
        written.append(path)
    labels = out_dir / "labels.toml"
    labels.write_text(labels_toml(CASES), encoding="utf-8")
    written.append(labels)
    return written


def main(argv: Sequence[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else HERE
    for path in write_all(out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
