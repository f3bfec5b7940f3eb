import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parsers.html_text import html_to_text

# Written in the style Outlook (Word's HTML) produces: head with Office XML in
# conditional comments, MsoNormal paragraphs, <o:p>, empty paragraphs as blank lines,
# a Word list, a table, a SafeLinks link, a signature logo and the reply header block.
OUTLOOK = """\
<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=us-ascii">
<meta name=Generator content="Microsoft Word 15 (filtered medium)">
<!--[if !mso]><style>v\\:* {behavior:url(#default#VML);}</style><![endif]-->
<style><!--
/* Font Definitions */
@font-face {font-family:"Cambria Math"; panose-1:2 4 5 3 5 4 6 3 2 4;}
p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; font-size:11.0pt;}
--></style><!--[if gte mso 9]><xml>
<o:shapedefaults v:ext="edit" spidmax="1026" />
</xml><![endif]-->
</head>
<body lang=NL link="#0563C1" vlink="#954F72" style='word-wrap:break-word'>
<div class=WordSection1>
<p class=MsoNormal>Beste jury,<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>Hierbij dragen wij <b>Jan de Vries</b> voor als
koploper cli&euml;ntondersteuning. Zijn verdiensten:<o:p></o:p></p>
<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>\
<![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>&middot;\
<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span>\
<![endif]>Opzet van het wijkteam<o:p></o:p></p>
<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>\
<![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>&middot;\
<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span>\
<![endif]>Training van 40 vrijwilligers<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0>
<tr><td width=200 valign=top><p class=MsoNormal>Gemeente<o:p></o:p></p></td>
<td width=200 valign=top><p class=MsoNormal>Voorbeeld<o:p></o:p></p></td></tr>
<tr><td width=200 valign=top><p class=MsoNormal>Inwoners<o:p></o:p></p></td>
<td width=200 valign=top><p class=MsoNormal>45.000<o:p></o:p></p></td></tr>
</table>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>Meer informatie: <a href="https://eur01.safelinks.protection.outlook.com/\
?url=https%3A%2F%2Fwww.voorbeeld.nl%2Fwijkteam&amp;data=05%7C01&amp;reserved=0">onze website</a>.\
<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>Met vriendelijke groet,<o:p></o:p></p>
<p class=MsoNormal>Piet Jansen<o:p></o:p></p>
<p class=MsoNormal><img width=120 height=40 id="Afbeelding_x0020_1" src="cid:image001.png@01DA"
alt="Afbeelding met tekst, Lettertype, logo Automatisch gegenereerde beschrijving"><o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'>
<p class=MsoNormal><b>Van:</b> Co&ouml;rdinator &lt;prijs@example.org&gt; <br>
<b>Verzonden:</b> maandag 3 juni 2024 10:00<br><b>Aan:</b> Piet Jansen &lt;p@voorbeeld.nl&gt;<br>
<b>Onderwerp:</b> Oproep voordrachten<o:p></o:p></p>
</div>
</div>
</body>
</html>
"""

OUTLOOK_TEXT = """\
Beste jury,

Hierbij dragen wij Jan de Vries voor als koploper cliëntondersteuning. Zijn verdiensten:
- Opzet van het wijkteam
- Training van 40 vrijwilligers

Gemeente | Voorbeeld
Inwoners | 45.000

Meer informatie: onze website (https://www.voorbeeld.nl/wijkteam).

Met vriendelijke groet,
Piet Jansen

Van: Coördinator <prijs@example.org>
Verzonden: maandag 3 juni 2024 10:00
Aan: Piet Jansen <p@voorbeeld.nl>
Onderwerp: Oproep voordrachten"""

# In the style of Gmail: a div per line, <div><br></div> for a blank line, a
# signature after "-- " and the quoted message in a gmail_quote block.
GMAIL = """\
<div dir="ltr"><div>Hoi,</div><div><br></div><div>Onze voordracht:&nbsp;Marieke Bos heeft \
de <i>inloop</i> opgezet.</div><div><br></div><div>Groet,</div><div>Karin<br clear="all"></div>\
<div><br></div><span class="gmail_signature_prefix">-- </span><br><div dir="ltr" \
class="gmail_signature" data-smartmail="gmail_signature">Karin Smit<br>Gemeente Voorbeeld</div>\
</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">Op ma 3 jun 2024 om 10:00 \
schreef Prijs &lt;<a href="mailto:prijs@example.org">prijs@example.org</a>&gt;:<br></div>\
<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid \
rgb(204,204,204);padding-left:1ex"><div dir="ltr">Stuur uw voordracht v&oacute;&oacute;r 1 juli.\
</div></blockquote></div>
"""

GMAIL_TEXT = """\
Hoi,

Onze voordracht: Marieke Bos heeft de inloop opgezet.

Groet,
Karin

--
Karin Smit
Gemeente Voorbeeld

Op ma 3 jun 2024 om 10:00 schreef Prijs <prijs@example.org>:

Stuur uw voordracht vóór 1 juli."""


def test_outlook_html_reads_as_outlook_shows_it():
    assert html_to_text(OUTLOOK) == OUTLOOK_TEXT


def test_gmail_html_keeps_lines_blank_lines_and_quote():
    assert html_to_text(GMAIL) == GMAIL_TEXT


def test_paragraphs_and_breaks():
    assert html_to_text("<p>Een</p><p>Twee<br>drie</p>") == "Een\n\nTwee\ndrie"
    assert html_to_text("a<br><br><br><br>b") == "a\n\nb"  # at most one blank line
    assert html_to_text("<h1>Kop</h1>tekst<hr>meer") == "Kop\n\ntekst\n\nmeer"
    assert html_to_text("<blockquote>citaat</blockquote>na") == "citaat\n\nna"


def test_whitespace_collapses_like_a_browser():
    html = "<p>  Veel\n\n   ruimte\t hier &nbsp; <b>vet</b>tekst\u200b </p>"
    assert html_to_text(html) == "Veel ruimte hier vettekst"


def test_entities_are_decoded():
    assert html_to_text("Caf&eacute; &amp; co &#8364;5 &#x263A; &lt;tag&gt;") == (
        "Café & co €5 ☺ <tag>"
    )


def test_unordered_ordered_and_nested_lists():
    html = (
        "Punten:<ul><li>een</li><li>twee<ul><li>twee-a</li></ul></li><li>drie</ul>"
        "<ol start=4><li>vier<li>vijf</ol>klaar"
    )
    assert html_to_text(html) == (
        "Punten:\n\n- een\n- twee\n  - twee-a\n- drie\n\n4. vier\n5. vijf\n\nklaar"
    )


def test_table_rows_with_cells_separated():
    html = (
        "<table><tr><th>Naam</th><th>Rol</th></tr>"
        "<tr><td>Jan</td><td><div>wethouder</div></td></tr>"
        "<tr><td>Els<td>ambtenaar</table>"
        "<table><tr><td>&nbsp;</td><td><img src=logo.png></td><td>Piet</td><td></td></tr></table>"
    )
    assert html_to_text(html) == "Naam | Rol\nJan | wethouder\nEls | ambtenaar\nPiet"


def test_links_keep_their_address_when_it_adds_something():
    html = (
        '<a href="https://www.example.nl/">www.example.nl</a>, '
        '<a href="https://example.nl/voordracht">het formulier</a>, '
        '<a href="mailto:jan@example.nl">Jan</a>, <a href="#boven">boven</a>, '
        '<a href="javascript:void(0)">knop</a>, <a href="https://x.nl"><img src=a.png></a>'
    )
    assert html_to_text(html) == (
        "www.example.nl, het formulier (https://example.nl/voordracht), Jan, boven, knop,"
    )


def test_pre_keeps_its_whitespace():
    html = "<p>Code:</p><pre>  regel 1\n    regel 2</pre><p>na</p>"
    assert html_to_text(html) == "Code:\n\n  regel 1\n    regel 2\n\nna"


def test_images_become_meaningful_alt_text_only():
    html = (
        'Logo: <img src="cid:image001.png" alt="image001.png">'
        '<img alt="Description automatically generated"><img alt="logo">'
        '<img alt="Gemeente Voorbeeld"><img src="x.gif">'
    )
    assert html_to_text(html) == "Logo: Gemeente Voorbeeld"


def test_invisible_parts_are_dropped():
    html = (
        "<html><head><title>Titel</title><style>p {color: red}</style>"
        "<script>var x = 1;</script></head><body>"
        "<!-- commentaar --><!--[if mso]><p>alleen Outlook</p><![endif]-->"
        '<div style="DISPLAY: none !important">preheader</div><span hidden>weg</span>'
        "<template>sjabloon</template><p>zichtbaar</p></body></html>"
    )
    assert html_to_text(html) == "zichtbaar"


def test_downlevel_revealed_content_is_kept():
    html = "<!--[if !mso]><!--><p>voor iedereen</p><!--<![endif]--><![if !vml]>ook<![endif]>"
    assert html_to_text(html) == "voor iedereen\n\nook"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>open <b>vet <i>schuin", "open vet schuin"),
        ("<div><p>a</div>b</p>c", "a\n\nb\n\nc"),
        ("tekst <!-- nooit gesloten <p>weg", "tekst"),
        ("a < b en c > d", "a < b en c > d"),
        ("tekst <b", "tekst"),
        ("<head><meta charset=utf-8><p>zonder body", "zonder body"),
        ("<title>nooit gesloten<p>tekst", "nooit gesloten\n\ntekst"),
        ("voor<script>alert(1)", "voor"),
        ('<a href="x>y">link</a> tekst', "link tekst"),
        ("<p title='nooit gesloten>tekst</p>", "tekst"),
        ("</p>los</div></span>", "los"),
        ("<![<![<![ x", ""),
        ("", ""),
    ],
)
def test_broken_html_still_gives_text(html: str, expected: str):
    assert html_to_text(html) == expected


def _timed(html: str) -> tuple[str, float]:
    started = time.perf_counter()
    text = html_to_text(html)
    return text, time.perf_counter() - started


def test_deep_nesting_is_fast_and_keeps_text():
    text, seconds = _timed("<div>" * 100_000 + "diep" + "</div>" * 100_000 + "na")
    assert text == "diep\nna"
    assert seconds < 30  # a hang guard: quadratic behaviour takes minutes


def test_unclosed_nesting_is_fast():
    text, seconds = _timed("<div><span><table><tr><td><ul><li>x" * 20_000)
    assert text.count("x") == 20_000
    assert seconds < 30  # a hang guard: quadratic behaviour takes minutes


def test_five_megabytes_of_text_is_fast():
    paragraph = "<p>" + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 20 + "</p>\n"
    html = paragraph * (5_000_000 // len(paragraph))
    text, seconds = _timed(html)
    assert len(text.split()) == 160 * (5_000_000 // len(paragraph))
    assert seconds < 30  # a hang guard: quadratic behaviour takes minutes


@pytest.mark.parametrize(
    "unit",
    ["<!--", "<a", "</", "</a", "<!", "<![", "<?", "<a b='", '<a b=">', "<title>", "<", "&#"],
)
def test_constructs_never_closed_do_not_go_quadratic(unit: str):
    # html.parser alone takes minutes on these (it rescans to the end for each one).
    _, seconds = _timed(unit * (400_000 // len(unit)))
    assert seconds < 20  # a hang guard: quadratic behaviour takes minutes


@given(st.text())
def test_never_raises_on_arbitrary_text(html: str):
    assert isinstance(html_to_text(html), str)


_MARKUP = st.sampled_from(
    [
        "<p>", "</p>", "<div>", "</div>", "<br>", "<b>", "</b>", "<ul>", "<li>", "</ul>",
        "<table>", "<tr>", "<td>", "</td>", "</table>", "<pre>", "</pre>", "<!-- c -->",
        '<a href="https://x.nl">', "</a>", "<span style='display:none'>", "</span>",
        "<img alt='plaatje'>", "<o:p>", "&nbsp;", "&amp;", "<head>", "</head>", "<style>x</style>",
    ]
)  # fmt: skip
_TEXT = st.text(st.characters(blacklist_characters="<&§"), max_size=20)


@given(st.lists(st.one_of(_MARKUP, _TEXT)), st.lists(st.one_of(_MARKUP, _TEXT)))
def test_script_content_never_shows(before: list[str], after: list[str]):
    html = "".join(before) + "<script type='text/javascript'>§()</script>" + "".join(after)
    assert "§" not in html_to_text(html)


@given(st.text(alphabet="abc xyz\n\t", max_size=200))
def test_plain_text_is_kept_with_whitespace_collapsed(text: str):
    assert html_to_text(text) == " ".join(text.split())
