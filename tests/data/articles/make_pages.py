#!/usr/bin/python3
"""Writes the labelled test pages: tests/data/articles/<id>.html, labels.tsv and
boilerplate.txt, from the articles in articles_de.py, articles_en.py (the set the ranking
weights were chosen on), articles_holdout.py (ids "ho-...", written after the weights, but
two changes were made after looking at them) and articles_blind.py (ids "bl-...", written last
and never used to change anything).

Run it from anywhere (it writes next to itself):  /usr/bin/python3 tests/data/articles/make_pages.py

Each article is wrapped in one of four page layouts that resemble real news sites: a modern
semantic page (header/nav/article/aside/footer), an older div soup with German or English class
names, a blog with "The post ... appeared first on ...", and a page whose boilerplate sits
inside the article body (inline ads, read-also links, newsletter box). Every layout carries a
cookie banner, navigation, a share bar, a newsletter box, advertising, related articles and
reader comments written as full sentences, so that leaking any of them into a summary is
visible. boilerplate.txt lists a marker phrase of each such block, one per line; the summary
tests assert that none of them ever appears in a summary.

labels.tsv: id, language, and the text prefixes of the sentences a careful editor picked
(separated by " || "); a prefix matches the start of a sentence of the cleaned body.
"""
import html
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from articles_de import ARTICLES as DE  # noqa: E402
from articles_en import ARTICLES as EN  # noqa: E402
from articles_holdout import ARTICLES as HOLDOUT  # noqa: E402
from articles_blind import ARTICLES as BLIND  # noqa: E402

BOILER = {
    "de": {
        "nav": ["Startseite", "Politik", "Wirtschaft", "Kultur", "Sport", "Wissen", "Regional"],
        "cookie": "Wir verwenden Cookies und ähnliche Technologien, um Ihnen ein optimales Nutzungserlebnis zu bieten. Mit einem Klick auf „Alle akzeptieren“ stimmen Sie der Verarbeitung Ihrer Daten zu.",
        "cookie_btn": "Alle akzeptieren",
        "share": ["Auf Facebook teilen", "Auf X teilen", "Per WhatsApp senden", "Link kopieren"],
        "newsletter": "Bleiben Sie informiert: Unser Morgen-Newsletter bringt Ihnen die wichtigsten Nachrichten des Tages jeden Morgen kostenlos in Ihr Postfach.",
        "newsletter_btn": "Jetzt zum Newsletter anmelden",
        "ad": "Anzeige: Sparen Sie beim Strom mit unserem Tarifvergleich, jetzt wechseln und bis zu 300 Euro Bonus erhalten.",
        "related_head": "Mehr zum Thema",
        "related": ["Regierung plant neue Entlastungen für Familien", "Wie sich die Inflation auf die Renten auswirkt", "Die wichtigsten Fragen und Antworten zum neuen Gesetz"],
        "related_teaser": "Die Bundesregierung hat sich nach langen Verhandlungen auf ein neues Entlastungspaket geeinigt, das vor allem Familien zugutekommen soll.",
        "comments_head": "Kommentare (3)",
        "comments": [
            "Das ist doch wieder typisch, am Ende zahlen die kleinen Leute die Rechnung für alles.",
            "Ich finde den Artikel sehr ausgewogen und danke der Redaktion für die gründliche Recherche zu diesem Thema.",
            "Wer hat sich das bitte ausgedacht, so etwas hätte man schon vor zehn Jahren anpacken müssen.",
        ],
        "footer": "Impressum · Datenschutz · Kontakt · Alle Rechte vorbehalten",
        "paywall": "Lesen Sie weiter mit unserem Digitalabo: Der erste Monat ist gratis, danach 9,99 Euro monatlich, jederzeit kündbar.",
        "tags_head": "Themen:",
        "byline": "Von Anna Berger",
        "date": "Stand: 14.03.2024, 09:12 Uhr",
        "site": "Nordkurier Online",
        "also_label": "Lesen Sie auch",
    },
    "en": {
        "nav": ["Home", "News", "Business", "Culture", "Sport", "Science", "Local"],
        "cookie": "We use cookies to improve your experience on our website and to show you personalised advertising. By clicking Accept all you agree to the storing of cookies on your device.",
        "cookie_btn": "Accept all",
        "share": ["Share on Facebook", "Share on X", "Share via email", "Copy link"],
        "newsletter": "Get the morning briefing: the day's top stories delivered to your inbox every weekday morning, free of charge.",
        "newsletter_btn": "Sign up for our newsletter",
        "ad": "Advertisement: Refinance today and lower your monthly payments with rates from 3.9 percent, apply in minutes.",
        "related_head": "Related stories",
        "related": ["Government unveils plan to cut energy bills", "What the new rules mean for renters", "Five things we learned from the budget"],
        "related_teaser": "Ministers have announced a package of measures they say will bring down household energy bills by an average of 150 pounds next winter.",
        "comments_head": "Comments (3)",
        "comments": [
            "Same old story, the ordinary taxpayer ends up footing the bill while nothing really changes.",
            "Thanks for a balanced and well researched piece, it is rare to read reporting this careful these days.",
            "Who signed off on this, it should have been sorted out ten years ago when the problem first appeared.",
        ],
        "footer": "About us · Privacy policy · Contact · All rights reserved",
        "paywall": "Continue reading with a digital subscription: your first month is free, then 7.99 a month, cancel anytime.",
        "tags_head": "Topics:",
        "byline": "By Sarah Collins",
        "date": "Published 14 March 2024, 09:12",
        "site": "The Harbour Gazette",
        "also_label": "Read more",
    },
}

# Marker phrases of each boilerplate block: none may ever appear in a summary.
def markers(b):
    return [b["cookie"][:40], b["newsletter"][:40], b["ad"][:40], b["related_teaser"][:40],
            b["paywall"][:40], b["footer"][:20]] + [c[:40] for c in b["comments"]] + \
           [r for r in b["related"]] + b["share"][:2]


def esc(s):
    return html.escape(s, quote=True)


def body_html(art, b, layout):
    """The article's blocks as HTML, with body-internal boilerplate for layout 3."""
    out = []
    lines = art["body"].split("\n")
    for i, line in enumerate(lines):
        if line.startswith("## "):
            out.append("<h2>%s</h2>" % esc(line[3:]))
        elif line.startswith("- "):
            # consecutive list items share one list
            if out and out[-1] == "</ul>":
                out.pop()
            else:
                out.append('<ul class="facts">')
            out.append("<li>%s</li>" % esc(line[2:]))
            out.append("</ul>")
        elif line.startswith("> "):
            out.append("<blockquote><p>%s</p></blockquote>" % esc(line[2:]))
        elif line.startswith("[fig] "):
            out.append('<figure><img src="/img/%s.jpg" alt=""><figcaption>%s</figcaption></figure>'
                       % (art["id"], esc(line[6:])))
        elif line.startswith("[ad] "):
            cls = ["ad-container", "werbung-inline", "sponsored-slot", "adslot"][layout]
            out.append('<div class="%s"><span>%s</span><p>%s</p></div>'
                       % (cls, "Anzeige" if art["lang"] == "de" else "Advertisement", esc(line[5:])))
        elif line.startswith("[also] "):
            if layout == 3:
                # plain paragraph with a link: only the cleaner can catch it
                out.append('<p><strong>%s:</strong> <a href="/artikel/%d">%s</a></p>'
                           % (esc(b["also_label"]), i, esc(line[7:].split(": ", 1)[-1])))
            else:
                out.append('<div class="related-inline"><a href="/a/%d">%s</a></div>' % (i, esc(line[7:])))
        else:
            out.append("<p>%s</p>" % esc(line))
        if layout == 3 and i == 2:
            out.append('<div class="box"><p>%s</p><a class="button" href="/nl">%s</a></div>'
                       % (esc(b["newsletter"]), esc(b["newsletter_btn"])))
    return "\n".join(out)


def page(art, layout):
    lang = art["lang"]
    b = BOILER[lang]
    title = esc(art["title"])
    lead = art["lead"]
    nav = "".join('<li><a href="/%s">%s</a></li>' % (n.lower(), esc(n)) for n in b["nav"])
    share = "".join('<a href="#" class="share-%d">%s</a>' % (i, esc(s)) for i, s in enumerate(b["share"]))
    related = "".join('<li><a href="/r/%d">%s</a></li>' % (i, esc(r)) for i, r in enumerate(b["related"]))
    comments = "".join('<div class="c"><b>Leser%d</b><p>%s</p></div>' % (i, esc(c)) for i, c in enumerate(b["comments"]))
    body = body_html(art, b, layout)
    head = ('<!DOCTYPE html>\n<html lang="%s">\n<head>\n<meta charset="utf-8">\n<title>%s | %s</title>\n'
            '<meta property="og:title" content="%s">\n<script>window.dataLayer=[];function gtag(){}</script>\n'
            '<style>.cookie{position:fixed}</style>\n</head>\n' % (lang, title, esc(b["site"]), title))
    if layout == 0:  # modern semantic page
        return head + f"""<body>
<div id="cookie-consent" class="consent-layer"><p>{esc(b["cookie"])}</p><button>{esc(b["cookie_btn"])}</button></div>
<header class="site-header"><a class="logo" href="/">{esc(b["site"])}</a><nav><ul>{nav}</ul></nav></header>
<main>
<article>
<header class="article-header"><span class="kicker">{esc(art["id"].split("-")[1].title())}</span><h1>{title}</h1>
<p class="byline">{esc(b["byline"])} · <time>{esc(b["date"])}</time></p>
{'<p class="lead"><strong>' + esc(lead) + '</strong></p>' if lead else ''}
</header>
<div class="share-bar">{share}</div>
<div class="article-body">
{body}
</div>
<footer class="article-footer"><p>{esc(b["tags_head"])} <a href="/t/1">Politik</a>, <a href="/t/2">Gesellschaft</a></p></footer>
</article>
<aside class="related"><h3>{esc(b["related_head"])}</h3><ul>{related}</ul><p>{esc(b["related_teaser"])}</p></aside>
<section id="comments"><h3>{esc(b["comments_head"])}</h3>{comments}</section>
</main>
<div class="newsletter-box"><p>{esc(b["newsletter"])}</p><form><input type="email"><button>{esc(b["newsletter_btn"])}</button></form></div>
<footer class="site-footer"><p>{esc(b["footer"])}</p></footer>
</body>
</html>
"""
    if layout == 1:  # old div soup, no semantic elements
        return head + f"""<body>
<div id="wrapper">
<div class="cookiehinweis"><p>{esc(b["cookie"])}</p><a href="#">{esc(b["cookie_btn"])}</a></div>
<div id="kopf"><img src="/logo.gif" alt="{esc(b["site"])}"><div id="menu"><ul>{nav}</ul></div></div>
<div id="spalten">
<div id="links" class="sidebar"><div class="teaser-box"><h4>{esc(b["related_head"])}</h4><ul>{related}</ul><p>{esc(b["related_teaser"])}</p></div>
<div class="werbung"><p>{esc(b["ad"])}</p></div></div>
<div id="inhalt">
<div class="artikel">
<div class="dachzeile">{esc(art["id"].split("-")[1].title())}</div>
<h1 class="titel">{title}</h1>
<div class="autor">{esc(b["byline"])}</div><div class="datum">{esc(b["date"])}</div>
<div class="social-buttons">{share}</div>
{'<p class="intro"><b>' + esc(lead) + '</b></p>' if lead else ''}
{body}
<div class="paywall-hint"><p>{esc(b["paywall"])}</p></div>
</div>
<div class="kommentare"><h3>{esc(b["comments_head"])}</h3>{comments}</div>
</div>
</div>
<div id="fuss"><div class="newsletter"><p>{esc(b["newsletter"])}</p><a href="#">{esc(b["newsletter_btn"])}</a></div><p>{esc(b["footer"])}</p></div>
</div>
</body>
</html>
"""
    if layout == 2:  # blog, text after the article ("The post ... appeared first on")
        appeared = f'<p>The post <a href="/p">{title}</a> appeared first on <a href="/">{esc(b["site"])}</a>.</p>' \
            if lang == "en" else f'<p>Der Beitrag <a href="/p">{title}</a> erschien zuerst auf <a href="/">{esc(b["site"])}</a>.</p>'
        return head + f"""<body class="single-post has-cookie-notice">
<div id="cookie-notice" role="dialog"><p>{esc(b["cookie"])}</p><button>{esc(b["cookie_btn"])}</button></div>
<div class="site"><div class="site-branding"><p class="site-title">{esc(b["site"])}</p></div>
<div class="main-navigation"><ul>{nav}</ul></div>
<div id="primary" class="content-area">
<div class="post hentry">
<h1 class="entry-title">{title}</h1>
<div class="entry-meta">{esc(b["byline"])} · {esc(b["date"])}</div>
<div class="entry-content">
{'<p>' + esc(lead) + '</p>' if lead else ''}
{body}
{appeared}
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3>{share}</div>
<div class="jp-relatedposts"><h3>{esc(b["related_head"])}</h3><ul>{related}</ul><p>{esc(b["related_teaser"])}</p></div>
</div>
</div>
<div id="disqus_thread"><h3>{esc(b["comments_head"])}</h3>{comments}</div>
</div>
<div id="secondary" class="widget-area"><div class="widget widget_newsletter"><p>{esc(b["newsletter"])}</p><p>{esc(b["newsletter_btn"])}</p></div>
<div class="widget"><p>{esc(b["ad"])}</p></div></div>
<div class="site-info"><p>{esc(b["footer"])}</p></div>
</div>
</body>
</html>
"""
    # layout 3: boilerplate inside the body container (inline newsletter box, read-also paragraph)
    return head + f"""<body>
<div class="consent-banner" data-nosnippet><div><p>{esc(b["cookie"])}</p><button>{esc(b["cookie_btn"])}</button></div></div>
<div class="topbar"><div class="brand">{esc(b["site"])}</div><ul class="navigation">{nav}</ul></div>
<div class="page">
<div class="story">
<h1>{title}</h1>
<div class="meta"><span>{esc(b["byline"])}</span> <span>{esc(b["date"])}</span></div>
<div class="story-body">
{'<p class="teaser-text">' + esc(lead) + '</p>' if lead else ''}
{body}
<p class="tags">{esc(b["tags_head"])} Politik, Wirtschaft, Gesellschaft</p>
</div>
<div class="story-share">{share}</div>
</div>
<div class="more-stories"><h2>{esc(b["related_head"])}</h2><ul>{related}</ul><p>{esc(b["related_teaser"])}</p></div>
<div class="user-comments"><h2>{esc(b["comments_head"])}</h2>{comments}</div>
<div class="ad-leaderboard"><p>{esc(b["ad"])}</p></div>
</div>
<div class="bottom"><p>{esc(b["footer"])}</p></div>
</body>
</html>
"""


def main():
    arts = DE + EN + HOLDOUT + BLIND
    with open(os.path.join(HERE, "labels.tsv"), "w", encoding="utf-8") as lab:
        lab.write("# id\tlang\tsentence prefixes ( || between them); written by make_pages.py\n")
        for i, art in enumerate(arts):
            layout = i % 4
            with open(os.path.join(HERE, art["id"] + ".html"), "w", encoding="utf-8") as f:
                f.write(page(art, layout))
            lab.write("%s\t%s\t%s\n" % (art["id"], art["lang"], " || ".join(art["label"])))
    with open(os.path.join(HERE, "boilerplate.txt"), "w", encoding="utf-8") as f:
        f.write("# marker phrases of page boilerplate that must never reach a summary (make_pages.py)\n")
        for lang in ("de", "en"):
            for m in markers(BOILER[lang]):
                f.write(m + "\n")
    print("wrote %d pages" % len(arts))


if __name__ == "__main__":
    main()
