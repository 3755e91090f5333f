#!/usr/bin/python3
"""Writes the page-shape fixtures for article extraction: tests/data/articles/sh-<id>.html, the
main text a careful reader would keep (sh-<id>.expected.txt, one block per line with its
kind in front, "P:" paragraph, "H:" heading, "L:" list item, "R:" table row; headline left out) and shapes.tsv (id, language, phrases that must never reach the cleaned body,
separated by " || "). All text is our own writing.

Run it from anywhere (it writes next to itself):  /usr/bin/python3 tests/data/articles/make_shapes.py

Each page is a shape that real sites have and that costs extraction text (issue 12): nested
layout wrappers whose class names carry boilerplate words (WordPress "tag-..." post classes,
"content-sidebar-wrap", Blogger's "widget Blog", "no-print", "hidden-xs", "l-outer--nav"), an
article split into sibling blocks with boxes between them, a recipe, a service page of
tables and definition lists, and pages whose only long text is a comment section or a cookie
banner. test_extract.c reads them: bag-of-words precision and recall of the cleaned body
against the expected text, the never-phrases, and that no summary starts with a heading or a
list item.
"""
import html
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def esc(s):
    return html.escape(s, quote=False)


def para(lines):
    return "\n".join("<p>%s</p>" % esc(l) for l in lines)


COOKIE_DE = ("Wir und unsere Partner speichern und verwenden Informationen auf Ihrem Gerät, "
             "etwa Cookies, um Inhalte und Anzeigen zu personalisieren, Funktionen für soziale "
             "Medien anzubieten und die Zugriffe auf unsere Website zu analysieren. Mit einem "
             "Klick auf „Zustimmen“ willigen Sie in diese Verarbeitung ein, die Sie jederzeit "
             "in den Einstellungen widerrufen können.")
NAV_DE = ["Startseite", "Lokales", "Politik", "Wirtschaft", "Kultur", "Sport", "Service"]
FOOT_DE = "Impressum · Datenschutz · Barrierefreiheit · Kontakt"


def nav(items, cls="nav"):
    return '<ul class="%s">%s</ul>' % (cls, "".join(
        '<li><a href="/%d">%s</a></li>' % (i, esc(t)) for i, t in enumerate(items)))


def page(lang, title, body, head_extra=""):
    return ('<!DOCTYPE html>\n<html lang="%s"><head><meta charset="utf-8">\n<title>%s</title>\n'
            '<meta property="og:title" content="%s">%s\n<script>window.dataLayer=[];</script>\n'
            '<style>.hidden{display:none}</style>\n</head>\n%s\n</html>\n'
            % (lang, esc(title), html.escape(title), head_extra, body))


SHAPES = []


# Expected lines with their kind, as test_summary.c reads them: "P:" paragraph, "H:" heading,
# "L:" list item, "R:" table row.
def P(lines):
    return ["P:" + x for x in lines]


def H(lines):
    return ["H:" + x for x in lines]


def L(lines):
    return ["L:" + x for x in lines]


def R(lines):
    return ["R:" + x for x in lines]

# 1. WordPress: the article carries "tag-..." and "category-..." classes naming boilerplate
# words, sits in "content-sidebar-wrap", and is followed by a long comment section.
wp_title = "Warum unser Dorfladen jetzt von den Kunden selbst betrieben wird"
wp_body = [
    "Seit dem ersten März gehört der Laden in der Hauptstraße nicht mehr einer Kette, sondern "
    "einer Genossenschaft mit 212 Mitgliedern aus dem Dorf und den beiden Nachbarorten.",
    "Als die Kette im vergangenen Herbst ankündigte, die Filiale zu schließen, war die Sorge "
    "groß: Der nächste Supermarkt liegt elf Kilometer entfernt, und ein Bus fährt nur zweimal "
    "am Tag.",
]
wp_h2 = "So funktioniert die Genossenschaft"
wp_body2 = [
    "Jedes Mitglied hat mindestens einen Anteil zu 250 Euro gezeichnet, zusammen kamen so "
    "knapp 80.000 Euro zusammen, genug für die neue Kühltheke und das erste Warenlager.",
    "Zwei Verkäuferinnen sind fest angestellt, dazu kommen rund dreißig Ehrenamtliche, die "
    "samstags an der Kasse stehen oder die Regale auffüllen.",
]
wp_list = ["Brot und Brötchen kommen jeden Morgen vom Bäcker aus dem Nachbarort",
           "Gemüse liefern drei Höfe aus der Umgebung",
           "Ein Paketschalter und ein kleines Café gehören ebenfalls dazu"]
wp_body3 = [
    "Nach dem ersten Monat zieht der Vorstand eine vorsichtige Bilanz: Der Umsatz liege etwas "
    "über dem Plan, vor allem ältere Kundinnen und Kunden kämen nun wieder regelmäßig.",
]
wp_comments = [
    "Ich wohne seit vierzig Jahren im Dorf und finde es großartig, dass wir den Laden jetzt "
    "selbst in der Hand haben, auch wenn die Preise etwas höher sind als in der Stadt.",
    "Schöner Bericht, aber die Öffnungszeiten am Nachmittag sind für Berufstätige leider "
    "immer noch zu knapp bemessen, da sollte die Genossenschaft dringend nachbessern.",
    "Wir haben zwei Anteile gezeichnet und helfen jeden zweiten Samstag an der Kasse mit, "
    "das macht richtig Spaß und man trifft die Nachbarn wieder öfter als früher.",
    "Hoffentlich hält das Ehrenamt auf Dauer durch, in unserem Nachbardorf ist ein ähnliches "
    "Projekt nach drei Jahren leider wieder eingeschlafen, weil sich niemand mehr fand.",
]
wp = page("de-DE", wp_title + " – Dorfblog Lindenau", """
<body class="post-template-default single single-post postid-812 tag-kommentar">
<div class="site-container"><header class="site-header"><div class="title-area"><p class="site-title"><a href="/">Dorfblog Lindenau</a></p></div>
<nav class="nav-primary">%s</nav></header>
<div class="site-inner"><div class="content-sidebar-wrap">
<main class="content">
<article class="post-812 post type-post status-publish format-standard has-post-thumbnail category-werbung tag-kommentar tag-social-media tag-sidebar entry">
<header class="entry-header"><h1 class="entry-title">%s</h1>
<p class="entry-meta">Von Redaktion · 4. April 2024</p></header>
<div class="entry-content">
%s
<h2>%s</h2>
%s
<ul>%s</ul>
%s
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Teilen mit:</h3><ul><li><a href="#">Facebook</a></li><li><a href="#">WhatsApp</a></li><li><a href="#">E-Mail</a></li></ul></div>
<p class="share-note">Jemand möchte mit dir gerne den Beitrag „%s“ teilen.</p>
<p class="post-date-note">Der Beitrag wurde am 4. April 2024 um 18:30 Uhr veröffentlicht.</p>
</div>
<footer class="entry-footer"><p class="entry-meta">Kategorie: <a href="/c">Allgemein</a> Schlagwörter: <a href="/t1">Kommentar</a>, <a href="/t2">Social Media</a></p></footer>
</article>
<div id="comments" class="comments-area"><h2 class="comments-title">4 Kommentare</h2><ol class="comment-list">%s</ol></div>
</main>
<aside class="sidebar sidebar-primary widget-area"><section class="widget widget_recent_entries"><h3 class="widgettitle">Neueste Beiträge</h3><ul><li><a href="/a">Sommerfest im Juli</a></li><li><a href="/b">Neue Bank am Teich</a></li></ul></section>
<section class="widget widget_text"><div class="textwidget"><p>Der Dorfblog wird ehrenamtlich von Bürgerinnen und Bürgern aus Lindenau geschrieben, Hinweise nehmen wir gerne per E-Mail entgegen.</p></div></section></aside>
</div></div>
<footer class="site-footer"><p>%s</p></footer></div>
<div id="cookie-notice" class="cookie-notice-container"><p>%s</p><a href="#">Zustimmen</a></div>
</body>""" % (nav(NAV_DE, "menu genesis-nav-menu"), esc(wp_title), para(wp_body), esc(wp_h2),
              para(wp_body2), "".join("<li>%s</li>" % esc(x) for x in wp_list), para(wp_body3),
              esc(wp_title),
              "".join('<li class="comment"><article class="comment-body"><footer class="comment-meta">'
                      '<b class="fn">Leser %d</b></footer><div class="comment-content"><p>%s</p></div>'
                      '<div class="reply"><a href="#">Antworten</a></div></article></li>' % (i, esc(c))
                      for i, c in enumerate(wp_comments)),
              esc(FOOT_DE), esc(COOKIE_DE)))
SHAPES.append(("wordpress", "de", wp, P(wp_body) + H([wp_h2]) + P(wp_body2) + L(wp_list) + P(wp_body3),
               [wp_comments[0][:40], wp_comments[3][:40], "Jemand möchte mit dir",
                "Der Beitrag wurde am", "Neueste Beiträge", "Der Dorfblog wird ehrenamtlich",
                COOKIE_DE[:40], "Teilen mit"]))

# 2. Blogger: the posts live inside "widget Blog"; the post text is lines broken by <br>.
bl_title = "Zwei Tage auf dem Rennsteig"
bl_lines = [
    "Am Samstagmorgen sind wir in Hörschel gestartet, bei Nebel und acht Grad, aber mit "
    "bester Laune und viel zu schweren Rucksäcken.",
    "Der erste Abschnitt führt steil bergauf durch Buchenwald, und schon nach einer Stunde "
    "haben wir die erste Pause an einer Schutzhütte eingelegt.",
    "Übernachtet haben wir in einer kleinen Pension in Ruhla, deren Wirtin uns abends noch "
    "Thüringer Klöße mit Rotkraut auf den Tisch gestellt hat.",
    "Am zweiten Tag wurde das Wetter besser, und vom Großen Inselsberg aus konnten wir weit "
    "über das Thüringer Becken schauen, bevor es wieder bergab ging.",
]
bl = page("de", bl_title + " | Unterwegs mit Rucksack", """
<body><div class="content-outer"><div class="region-inner header-inner"><div class="section" id="header"><div class="widget Header" id="Header1"><h1><a href="/">Unterwegs mit Rucksack</a></h1></div></div></div>
<div class="main-outer"><div class="columns fauxcolumns"><div class="column-center-outer"><div class="main section" id="main">
<div class="widget Blog" id="Blog1"><div class="blog-posts hfeed">
<div class="date-outer"><h2 class="date-header"><span>Sonntag, 12. Mai 2024</span></h2>
<div class="post-outer"><div class="post hentry"><h3 class="post-title entry-title">%s</h3>
<div class="post-header"><div class="post-header-line-1"></div></div>
<div class="post-body entry-content" id="post-body-1">%s<br /><br /><div class="separator"><a href="/img.jpg"><img src="/img.jpg"></a></div></div>
<div class="post-footer"><div class="post-footer-line post-footer-line-1"><span class="post-author vcard">Eingestellt von Jana</span> <span class="post-comment-link"><a href="#">2 Kommentare</a></span></div>
<div class="post-share-buttons goog-inline-block"><a class="share-button" href="#">Diesen Post per E-Mail versenden</a><a class="share-button" href="#">BlogThis!</a></div></div>
</div></div></div></div>
<div class="blog-pager" id="blog-pager"><a href="/older">Ältere Posts</a> <a href="/">Startseite</a></div></div></div></div>
<div class="column-right-outer"><div class="sidebar section" id="sidebar-right-1"><div class="widget HTML" id="HTML1"><h2 class="title">Über mich</h2><div class="widget-content">Ich wandere, seit ich laufen kann, und schreibe hier über Touren in Thüringen und im Harz.</div></div>
<div class="widget BlogArchive" id="BlogArchive1"><h2>Blog-Archiv</h2><ul><li><a href="/2024">2024 (12)</a></li><li><a href="/2023">2023 (31)</a></li></ul></div></div></div>
</div></div></div></body>""" % (esc(bl_title), "<br />".join(esc(x) for x in bl_lines)))
SHAPES.append(("blogger", "de", bl, P(bl_lines),
               ["Ich wandere, seit ich laufen kann", "Blog-Archiv", "Ältere Posts",
                "Diesen Post per E-Mail"]))

# 3. A long read split into sibling text blocks, with a picture (caption and credit), an
# info box, an advertisement and a "Lesen Sie auch" teaser between them; layout wrappers
# named "l-outer--nav", "hidden-xs" and "no-print".
sp_title = "Wie eine Kleinstadt ihr Hallenbad rettete"
sp_blocks = [
    ["Das Hallenbad von Ebersfeld sollte eigentlich im Sommer 2022 für immer schließen: Die "
     "Sanierung hätte nach einer ersten Schätzung knapp neun Millionen Euro gekostet.",
     "Doch dann gründete sich ein Förderverein, der innerhalb eines Jahres mehr als 1.400 "
     "Mitglieder gewann und die Stadt zu einem neuen Gutachten drängte."],
    ["Das zweite Gutachten kam zu einem anderen Ergebnis: Wenn die Technik schrittweise "
     "erneuert werde, reichten zunächst 3,2 Millionen Euro, verteilt auf fünf Jahre.",
     "Der Stadtrat stimmte im Frühjahr 2023 mit knapper Mehrheit zu, unter der Bedingung, "
     "dass der Verein jedes Jahr mindestens 100.000 Euro an Spenden beisteuert."],
    ["Inzwischen sind Dach und Lüftung erneuert, im Herbst folgt die Filteranlage.",
     "Schulen und Vereine nutzen das Becken wieder an sechs Tagen in der Woche, und am "
     "Wochenende ist das Bad oft schon am Vormittag voll."],
]
sp_heads = ["Ein zweites Gutachten", "Was bisher geschafft ist"]
sp = page("de", sp_title, """
<body><div class="l-outer l-outer--nav"><div class="l-container"><div class="hidden-xs"><div class="no-print">
<nav class="main-nav" role="navigation">%s</nav>
<main class="l-main"><div class="c-article-wrapper">
<h1 class="c-article__title">%s</h1>
<div class="c-article__meta">Von Tobias Lenz · 22.05.2024, 06:00 Uhr · 4 Min. Lesezeit</div>
<div class="c-text">%s</div>
<figure class="c-figure"><img src="/bad.jpg"><figcaption class="c-figure__caption">Das Becken des Hallenbads nach der Wiedereröffnung. Foto: Stadt Ebersfeld</figcaption></figure>
<h2 class="c-subhead">%s</h2>
<div class="c-text">%s</div>
<div class="c-infobox c-teaser--related"><p class="c-infobox__label">Lesen Sie auch</p><a href="/x"><p>Freibad in Nordheim bleibt auch diesen Sommer geschlossen, weil Personal fehlt</p></a></div>
<div class="ad-container"><div class="ad-label">Anzeige</div><p>Jetzt Stromtarife vergleichen und bis zu 400 Euro im Jahr sparen, ganz ohne Risiko.</p></div>
<h2 class="c-subhead">%s</h2>
<div class="c-text">%s</div>
<div class="c-newsletter-box"><p>Der Newsletter für die Region: Jeden Freitag die wichtigsten Nachrichten aus Ebersfeld kostenlos in Ihrem Postfach.</p><a href="#">Jetzt anmelden</a></div>
</div></main>
<footer class="l-footer"><p>%s</p></footer></div></div></div></div></body>""" % (
    nav(NAV_DE), esc(sp_title), para(sp_blocks[0]), esc(sp_heads[0]), para(sp_blocks[1]),
    esc(sp_heads[1]), para(sp_blocks[2]), esc(FOOT_DE)))
SHAPES.append(("split", "de", sp, P(sp_blocks[0]) + H([sp_heads[0]]) + P(sp_blocks[1]) +
               H([sp_heads[1]]) + P(sp_blocks[2]),
               ["Freibad in Nordheim", "Jetzt Stromtarife", "Der Newsletter für die Region",
                "Das Becken des Hallenbads", "Foto: Stadt", "4 Min. Lesezeit"]))

# 4. A recipe: intro, ingredients (short list items), steps, a nutrition table, reviews.
rc_title = "Rhabarberkuchen mit Streuseln"
rc_intro = [
    "Sobald im Frühjahr der erste Rhabarber auf dem Markt liegt, backen wir diesen Kuchen: "
    "saftig, säuerlich und mit einer dicken Schicht Butterstreusel.",
    "Der Teig ist ein einfacher Rührteig, der sich auch ohne Küchenmaschine in zehn Minuten "
    "zubereiten lässt.",
]
rc_ing_head = "Zutaten für ein Blech"
rc_ing = ["800 g Rhabarber", "250 g weiche Butter", "200 g Zucker", "4 Eier", "400 g Mehl",
          "1 Päckchen Backpulver", "100 ml Milch"]
rc_steps_head = "Zubereitung"
rc_steps = [
    "Den Rhabarber waschen, putzen und in zwei Zentimeter lange Stücke schneiden.",
    "Butter und Zucker cremig rühren, dann die Eier einzeln unterrühren.",
    "Mehl und Backpulver mischen und abwechselnd mit der Milch unter die Masse rühren.",
    "Den Teig auf ein gefettetes Blech streichen, Rhabarber und Streusel darauf verteilen "
    "und bei 180 Grad etwa 40 Minuten backen.",
]
rc_table_head = "Nährwerte pro Stück"
rc_rows = [("Kalorien", "310 kcal"), ("Eiweiß", "4 g"), ("Fett", "14 g"),
           ("Kohlenhydrate", "41 g")]
rc_reviews = [
    "Habe den Kuchen am Wochenende gebacken und er war sofort weg, beim nächsten Mal nehme "
    "ich etwas weniger Zucker für die Streusel.",
    "Sehr gelungenes Rezept, ich habe statt Milch Buttermilch genommen und das hat wunderbar "
    "funktioniert, der Boden wurde schön locker.",
]
rc = page("de", rc_title + " – Rezept | Backstube Sommer", """
<body><header id="masthead"><a href="/">Backstube Sommer</a>%s<form class="search"><input name="q"><button>Suchen</button></form></header>
<div id="page" class="site-content"><div class="recipe-wrapper wprm-recipe-container">
<div class="breadcrumbs"><a href="/">Start</a> » <a href="/kuchen">Kuchen</a> » Rhabarberkuchen</div>
<h1>%s</h1>
<div class="recipe-meta"><span>Vorbereitung: 20 Min.</span> <span>Backzeit: 40 Min.</span></div>
<div class="recipe-intro">%s</div>
<div class="recipe-print no-print"><a href="#">Rezept drucken</a> <a href="#">Rezept merken</a></div>
<div class="recipe-ingredients"><h2>%s</h2><ul>%s</ul></div>
<div class="recipe-instructions"><h2>%s</h2><ol>%s</ol></div>
<div class="recipe-nutrition"><h3>%s</h3><table><tbody>%s</tbody></table></div>
<div class="recipe-reviews" id="kommentare"><h2>Bewertungen (2)</h2>%s</div>
</div>
<aside class="widget-area"><div class="widget"><h3>Beliebte Rezepte</h3><ul><li><a href="/1">Käsekuchen vom Blech</a></li><li><a href="/2">Apfelstrudel</a></li></ul></div></aside>
</div><footer><p>%s</p></footer></body>""" % (
    nav(["Kuchen", "Torten", "Brot", "Weihnachten"]), esc(rc_title), para(rc_intro),
    esc(rc_ing_head), "".join("<li>%s</li>" % esc(x) for x in rc_ing), esc(rc_steps_head),
    "".join("<li>%s</li>" % esc(x) for x in rc_steps), esc(rc_table_head),
    "".join("<tr><td>%s</td><td>%s</td></tr>" % (esc(a), esc(b)) for a, b in rc_rows),
    "".join('<div class="review"><p>%s</p></div>' % esc(r) for r in rc_reviews), esc(FOOT_DE)))
SHAPES.append(("recipe", "de", rc, P(rc_intro) + H([rc_ing_head]) + L(rc_ing) + H([rc_steps_head]) +
               L(rc_steps) + H([rc_table_head]) + R(["%s %s" % r for r in rc_rows]),
               ["Habe den Kuchen am Wochenende", "Sehr gelungenes Rezept", "Käsekuchen vom Blech",
                "Rezept drucken", "Bewertungen"]))

# 5. A service page of a town hall: sections of definition lists and a table of opening
# hours, wrapped in "no-print" and "hidden-xs" layout classes.
sv_title = "Personalausweis beantragen"
sv_intro = [
    "Einen Personalausweis beantragen Sie persönlich im Bürgerbüro, auch wenn Sie bereits "
    "einen gültigen Reisepass besitzen.",
    "Bitte vereinbaren Sie vorher online oder telefonisch einen Termin, damit Sie nicht lange "
    "warten müssen.",
]
sv_need_head = "Was Sie mitbringen müssen"
sv_need = ["Ihren bisherigen Ausweis oder Reisepass", "ein aktuelles biometrisches Passfoto",
           "bei Minderjährigen die Zustimmung beider Sorgeberechtigten"]
sv_cost_head = "Gebühren"
sv_cost = [("Personen ab 24 Jahren", "37,00 Euro"), ("Personen unter 24 Jahren", "22,80 Euro")]
sv_hours_head = "Öffnungszeiten des Bürgerbüros"
sv_hours = [("Montag", "8 bis 12 Uhr"), ("Dienstag", "8 bis 12 und 14 bis 18 Uhr"),
            ("Donnerstag", "8 bis 12 Uhr")]
sv_note = ("Der neue Ausweis liegt in der Regel nach drei bis vier Wochen zur Abholung bereit; "
           "Sie erhalten dann eine Nachricht per Post.")
sv = page("de", sv_title + " - Stadt Ebersfeld", """
<body class="l-body"><div class="l-outer l-outer--nav hidden-print"><div class="skip-links"><a href="#content">Zum Inhalt springen</a></div>
<header class="l-header">%s</header></div>
<div class="l-outer l-outer--content"><div class="row"><div class="col-md-3 hidden-xs hidden-sm"><nav class="subnav">%s</nav></div>
<div class="col-md-9 no-print-margin"><div id="content" class="service-detail">
<h1>%s</h1>
%s
<h2>%s</h2><ul>%s</ul>
<h2>%s</h2><table class="table">%s</table>
<h2>%s</h2><table class="table">%s</table>
<p>%s</p>
<div class="service-contact hidden-xs"><h3>Kontakt</h3><p>Bürgerbüro, Marktplatz 1, 12345 Ebersfeld</p><p>Telefon 01234 5678-0</p></div>
<div class="feedback no-print"><p>War diese Seite hilfreich?</p><button>Ja</button><button>Nein</button></div>
</div></div></div></div>
<footer class="l-footer"><p>%s</p></footer></body>""" % (
    nav(["Rathaus & Service", "Leben in Ebersfeld", "Wirtschaft", "Tourismus"]),
    nav(["Ausweise und Pässe", "Meldewesen", "Führerschein", "Fundbüro"]), esc(sv_title),
    para(sv_intro), esc(sv_need_head), "".join("<li>%s</li>" % esc(x) for x in sv_need),
    esc(sv_cost_head),
    "".join("<tr><td>%s</td><td>%s</td></tr>" % (esc(a), esc(b)) for a, b in sv_cost),
    esc(sv_hours_head),
    "".join("<tr><th>%s</th><td>%s</td></tr>" % (esc(a), esc(b)) for a, b in sv_hours),
    esc(sv_note), esc(FOOT_DE)))
SHAPES.append(("service", "de", sv, P(sv_intro) + H([sv_need_head]) + L(sv_need) + H([sv_cost_head]) +
               R(["%s %s" % r for r in sv_cost]) + H([sv_hours_head]) +
               R(["%s %s" % r for r in sv_hours]) + P([sv_note]),
               ["Zum Inhalt springen", "War diese Seite hilfreich", "Führerschein",
                "Leben in Ebersfeld"]))

# 6. A short notice whose page's only long text is its reader comments.
cm_title = "Ortsdurchfahrt ab Montag gesperrt"
cm_body = [
    "Wegen Kanalarbeiten ist die Ortsdurchfahrt von Tannhausen ab Montag für drei Wochen voll "
    "gesperrt.",
    "Die Umleitung führt über die Kreisstraße nach Oberried und ist ausgeschildert.",
]
cm_comments = [
    "Schon wieder eine Sperrung, das ist jetzt die dritte in diesem Jahr, und jedes Mal "
    "erfahren wir Anwohner es erst aus der Zeitung statt von der Gemeinde selbst, die uns "
    "eigentlich rechtzeitig informieren müsste.",
    "Die Umleitung über Oberried ist für Lastwagen viel zu eng, da wird es an der Brücke "
    "wieder jeden Morgen Stau geben, das hat man doch beim letzten Mal schon gesehen und "
    "nichts daraus gelernt.",
    "Ich finde es gut, dass die Kanäle endlich erneuert werden, bei jedem Starkregen steht "
    "bei uns im Keller das Wasser, und das seit Jahren, also lieber jetzt drei Wochen Umweg "
    "als noch ein nasser Winter.",
    "Weiß jemand, ob die Buslinie 12 in der Zeit trotzdem durch den Ort fährt oder ob die "
    "Haltestelle am Rathaus verlegt wird, meine Mutter ist darauf angewiesen und hat kein "
    "Auto mehr.",
    "Drei Wochen sind optimistisch, bei der letzten Baustelle hieß es auch drei Wochen und am "
    "Ende waren es fast zwei Monate, weil man unter der Straße alte Leitungen gefunden hat.",
]
cm = page("de", cm_title, """
<body><div id="wrapper"><div id="top">%s</div>
<div id="main"><div class="article"><h1>%s</h1><div class="article-body">%s</div></div>
<div id="user-comments" class="user-comments"><h3>Leserkommentare (5)</h3>%s</div></div>
<div id="footer">%s</div></div></body>""" % (
    nav(NAV_DE), esc(cm_title), para(cm_body),
    "".join('<div class="comment-item"><div class="comment-author">Leser %d</div><div class="comment-text">%s</div></div>'
            % (i, esc(c)) for i, c in enumerate(cm_comments)), esc(FOOT_DE)))
SHAPES.append(("comments-only", "de", cm, P(cm_body),
               [c[:40] for c in cm_comments] + ["Leserkommentare"]))

# 7. A short notice whose page's only long text is its cookie banner.
ck_title = "Wochenmarkt zieht um"
ck_body = [
    "Der Wochenmarkt findet ab dem 6. Juni nicht mehr auf dem Kirchplatz, sondern auf dem "
    "Parkplatz an der Stadthalle statt.",
]
ck_more = ("Für die Besucherinnen und Besucher mit dem Auto stehen in der Tiefgarage der "
           "Stadthalle in den ersten zwei Stunden kostenlose Parkplätze zur Verfügung.")
ck = page("de", ck_title, """
<body><div class="cmp-wrapper" id="consent-dialog" role="dialog"><div class="cmp-content"><h2>Ihre Privatsphäre ist uns wichtig</h2><p>%s</p><p>%s</p><button>Zustimmen</button><button>Einstellungen</button></div></div>
<div class="page"><div class="header">%s</div>
<div class="content"><h1>%s</h1><p>%s</p><p>%s</p></div>
<div class="footer">%s</div></div></body>""" % (
    esc(COOKIE_DE), esc(COOKIE_DE.replace("Wir und unsere Partner", "Außerdem nutzen wir und Drittanbieter")),
    nav(NAV_DE), esc(ck_title), esc(ck_body[0]), esc(ck_more), esc(FOOT_DE)))
SHAPES.append(("cookie-only", "de", ck, P(ck_body + [ck_more]),
               [COOKIE_DE[:40], "Ihre Privatsphäre ist uns wichtig", "Außerdem nutzen wir"]))

# 8. English: the article text inside a "paywall" wrapper, a short paywall prompt beside it.
pw_title = "Harbour ferry to run on batteries from next spring"
pw_body = [
    "The harbour ferry that links the old town with the island will run on batteries from "
    "next spring, the port authority said on Tuesday.",
    "The conversion of the forty-year-old vessel will cost about 2.3 million pounds, half of "
    "it paid by a national fund for cleaner transport.",
    "Charging points will be installed at both piers, so that the ferry can top up its "
    "batteries during the ten minutes it waits for passengers.",
    "Islanders welcomed the plan but asked for the timetable to stay as it is during the "
    "months of the refit.",
]
pw = page("en-GB", pw_title, """
<body><header class="masthead">%s</header>
<div class="layout"><div class="article-container"><h1 class="headline">%s</h1>
<p class="byline">By Mara Lindqvist</p>
<div class="paywall"><div class="article-body">%s</div></div>
<div class="paywall-prompt"><p>Continue reading with a digital subscription: your first month is free, cancel anytime.</p><a href="#">Subscribe</a></div>
<div class="related-stories"><h3>Related stories</h3><ul><li><a href="/1">Island bus timetable changes in June</a></li><li><a href="/2">New pier lights switched on</a></li></ul></div>
</div></div><footer>%s</footer></body>""" % (
    nav(["Home", "News", "Sport", "Business"]), esc(pw_title), para(pw_body),
    esc("About us · Privacy · Contact")))
SHAPES.append(("paywall", "en", pw, P(pw_body),
               ["Continue reading with a digital", "Island bus timetable", "By Mara Lindqvist"]))


def main():
    with open(os.path.join(HERE, "shapes.tsv"), "w", encoding="utf-8") as tsv:
        tsv.write("# id\tlang\tphrases that must never reach the cleaned body ( || between "
                  "them); written by make_shapes.py\n")
        for name, lang, doc, expected, never in SHAPES:
            with open(os.path.join(HERE, "sh-%s.html" % name), "w", encoding="utf-8") as f:
                f.write(doc)
            with open(os.path.join(HERE, "sh-%s.expected.txt" % name), "w",
                      encoding="utf-8") as f:
                f.write("\n".join(expected) + "\n")
            tsv.write("%s\t%s\t%s\n" % (name, lang, " || ".join(never)))


if __name__ == "__main__":
    main()
