# German labelled articles (our own writing; places, people and events are invented).
# Body markup, one block per line: "## " heading, "- " list item, "> " blockquote,
# "[fig] " figure caption, "[ad] " advertising inside the body, "[also] " a read-also link
# paragraph, anything else a paragraph. "label" holds the prefixes of the sentences a careful
# editor picks for a 2-3 sentence, at most 400 character summary.

ARTICLES = [
{
"id": "de-bahnstreik", "lang": "de",
"title": "Lokführer legen Güter- und Personenverkehr ab Mittwoch lahm",
"lead": "Die Gewerkschaft der Lokführer hat für Mittwoch einen bundesweiten Streik im Personen- und Güterverkehr angekündigt. Der Ausstand soll um 2 Uhr beginnen und 48 Stunden dauern.",
"body": """Pendler müssen sich damit zum dritten Mal in diesem Winter auf Ausfälle und volle Ersatzbusse einstellen. Die Bahn kündigte einen Notfahrplan an, der etwa ein Fünftel der Fernzüge umfassen soll.
## Streit um die Arbeitszeit
Im Kern geht es um die Forderung, die Wochenarbeitszeit für Schichtarbeiter bei vollem Lohnausgleich von 38 auf 35 Stunden zu senken. Das Unternehmen hält das angesichts des Personalmangels für nicht umsetzbar und bietet stattdessen ein Wahlmodell an.
„Wir haben drei Wochen lang verhandelt und nichts Greifbares bekommen“, sagte Gewerkschaftschef Rainer Kolbe am Montag in Frankfurt. Ein Bahnsprecher nannte den Streik dagegen „unverhältnismäßig und schädlich für Millionen Fahrgäste“.
[ad] Jetzt die BahnCard-Alternative sichern: 25 Prozent Rabatt mit dem Gutschein WINTER25.
## Folgen für die Industrie
Besonders hart trifft der Ausstand den Güterverkehr. Chemie- und Stahlunternehmen warnten, dass schon nach zwei Tagen Lieferketten ins Stocken geraten könnten, weil etwa 1.200 Güterzüge pro Tag ausfallen.
[also] Lesen Sie auch: Was Fahrgäste bei Zugausfällen erstattet bekommen
Fahrgäste, die ihre Reise wegen des Streiks verschieben, können ihr Ticket nach Angaben der Bahn bis zu eine Woche später nutzen. Die Zugbindung für Sparpreise wird aufgehoben.""",
"label": ["Die Gewerkschaft der Lokführer hat für Mittwoch", "Der Ausstand soll um 2 Uhr beginnen"],
},
{
"id": "de-hochwasser", "lang": "de",
"title": "Hochwasser: Moselort Traunbach evakuiert Altstadt",
"lead": "",
"body": """Wegen des rasch steigenden Mosel-Pegels hat die Gemeinde Traunbach in der Nacht zum Sonntag rund 600 Bewohner ihrer Altstadt in Sicherheit gebracht. Der Pegel erreichte am Morgen 8,40 Meter und lag damit fast zwei Meter über der Marke, ab der Keller volllaufen.
Feuerwehr und Technisches Hilfswerk bauten bis in die frühen Morgenstunden mobile Schutzwände am Ufer auf. Die meisten Betroffenen kamen bei Verwandten unter, etwa 80 Menschen übernachteten in der Turnhalle der Grundschule.
## Regen soll nachlassen
Der Deutsche Wetterdienst rechnet damit, dass der Regen im Einzugsgebiet der Mosel am Montag nachlässt. Der Scheitel der Hochwasserwelle wird für Sonntagabend erwartet.
„Wir sind vorbereitet, aber die nächsten zwölf Stunden entscheiden“, sagte Bürgermeisterin Helga Sauer. Sie bat Schaulustige eindringlich, die gesperrten Uferstraßen zu meiden.
[fig] Foto: Helfer füllen Sandsäcke am Moselufer.
Schon im Januar 2021 hatte ein ähnliches Hochwasser in Traunbach Schäden von ca. 4 Mio. Euro verursacht. Seitdem hat der Ort in zusätzliche Pumpen investiert.""",
"label": ["Wegen des rasch steigenden Mosel-Pegels", "Der Pegel erreichte am Morgen 8,40 Meter"],
},
{
"id": "de-mieten", "lang": "de",
"title": "Studie: Mietpreisbremse wirkt in Großstädten kaum",
"lead": "Die Mietpreisbremse hat den Anstieg der Angebotsmieten in den großen Städten nach einer neuen Studie nur wenig gebremst.",
"body": """Das Institut für Stadtforschung in Leipzig wertete dafür rund 7.500 Wohnungsanzeigen aus den Jahren 2019 bis 2024 aus. In Städten mit Bremse stiegen die Neuvertragsmieten im Schnitt um 4,1 Prozent pro Jahr, in vergleichbaren Städten ohne Bremse um 4,4 Prozent.
Die Autoren führen den geringen Unterschied u.a. auf zahlreiche Ausnahmen zurück, z.B. für möblierte Wohnungen und Neubauten. Zudem würden Verstöße selten geahndet, weil Mieter ihre Ansprüche kaum durchsetzten.
## Mieterbund fordert Nachbesserung
Der Mieterbund verlangte, die Ausnahmen für möbliertes Wohnen zu streichen. „Eine Bremse mit so vielen Schlupflöchern ist keine Bremse“, sagte Verbandsdirektorin Petra Lorenz.
Die Wohnungswirtschaft sieht dagegen im Neubau den einzigen Ausweg. Pro Jahr würden in Deutschland ca. 100.000 Wohnungen zu wenig gebaut, erklärte der Verband der Wohnungsunternehmen.
## Wie geht es weiter?
Die Regelung läuft Ende 2025 aus. Ob sie verlängert wird, ist in der Koalition umstritten.""",
"label": ["Die Mietpreisbremse hat den Anstieg", "In Städten mit Bremse stiegen"],
},
{
"id": "de-baecker", "lang": "de",
"title": "Bäckereisterben: Jeder dritte Handwerksbetrieb vor dem Aus",
"lead": "",
"body": """Um halb drei in der Nacht brennt in der Backstube von Markus Feld in Oberwiesen schon Licht. Der 61-Jährige knetet den Teig für 400 Brötchen, so wie er es seit 38 Jahren tut. Einen Nachfolger hat er nicht gefunden.
So wie Feld geht es vielen: Nach einer Umfrage des Bäckerhandwerks wird in den kommenden fünf Jahren fast jeder dritte Handwerksbetrieb schließen, vor allem wegen fehlender Nachfolger und hoher Energiekosten. Seit 2010 ist die Zahl der Bäckereien bereits von rund 15.000 auf knapp 9.000 gesunken.
## Strom frisst die Marge
Die Energiekosten haben sich für viele Betriebe seit 2021 mehr als verdoppelt. Ein Ofen, der die ganze Nacht läuft, kostet Feld inzwischen ca. 2.000 Euro im Monat.
Hinzu kommt der Preisdruck durch Backstationen in Supermärkten, die Brötchen für wenige Cent anbieten. „Da kann ich mit meinem Sauerteig nicht mithalten“, sagt Feld.
## Ausbildung ohne Bewerber
Der Verband will mit einer Kampagne mehr junge Leute für den Beruf gewinnen. Im vergangenen Jahr blieben bundesweit mehr als 2.000 Ausbildungsplätze unbesetzt.""",
"label": ["So wie Feld geht es vielen", "Seit 2010 ist die Zahl der Bäckereien"],
},
{
"id": "de-fussball", "lang": "de",
"title": "Eintracht Sandhagen stürmt an die Tabellenspitze",
"lead": "Eintracht Sandhagen hat am 3. Spieltag der 2. Bundesliga mit einem 4:1 gegen den SV Kaltenbrunn die Tabellenführung übernommen.",
"body": """Vor 18.300 Zuschauern traf Stürmer Jonas Petrić doppelt, die weiteren Tore erzielten Lukas Brandt und Neuzugang Samuel Osei. Für Kaltenbrunn verkürzte Kapitän Felix Hart per Foulelfmeter zwischenzeitlich auf 1:2.
## Frühe Führung
Sandhagen begann druckvoll und ging bereits in der 7. Minute in Führung, als Petrić eine Flanke von Brandt einköpfte. Kaltenbrunn fand erst nach einer halben Stunde ins Spiel.
„Wir haben heute gezeigt, was in dieser Mannschaft steckt“, sagte Trainer Dieter Albrecht nach dem Schlusspfiff. Sein Gegenüber Marco Vogt beklagte individuelle Fehler.
- Tore: 1:0 Petrić (7.), 2:0 Brandt (29.), 2:1 Hart (41., FE), 3:1 Petrić (63.), 4:1 Osei (88.)
- Zuschauer: 18.300
Am kommenden Samstag muss Sandhagen beim Aufsteiger FC Weißenfels antreten.""",
"label": ["Eintracht Sandhagen hat am 3. Spieltag", "Vor 18.300 Zuschauern traf"],
},
{
"id": "de-urteil", "lang": "de",
"title": "BGH: Vermieter dürfen Rauchmelder-Wartung nicht auf Mieter abwälzen",
"lead": "Vermieter dürfen die Kosten für die Wartung von Rauchmeldern nicht ohne Weiteres auf ihre Mieter umlegen. Das hat der Bundesgerichtshof in Karlsruhe am Mittwoch entschieden (Az. VIII ZR 79/23).",
"body": """Geklagt hatte eine Mieterin aus Kassel, deren Vermieter ihr jährlich 23 Euro für die Prüfung der Geräte in Rechnung gestellt hatte. Sie hielt die Kosten für nicht umlagefähig, weil sie nicht im Mietvertrag standen.
Die Richter gaben ihr recht: Die Wartung sei zwar eine Betriebskostenart, müsse aber ausdrücklich vereinbart sein. Eine Klausel, die pauschal auf „sonstige Kosten“ verweise, reiche nicht aus.
## Was Mieter jetzt tun können
Mieter, die solche Posten in ihrer Nebenkostenabrechnung finden, können nach Ansicht des Mieterbunds innerhalb von zwölf Monaten Widerspruch einlegen. Vermieterverbände rechnen mit zahlreichen Rückforderungen.
Das Urteil betrifft nach Schätzungen des Eigentümerverbands ca. 3 Mio. Wohnungen, deren Verträge vor der Einführung der Rauchmelderpflicht geschlossen wurden.""",
"label": ["Vermieter dürfen die Kosten für die Wartung", "Das hat der Bundesgerichtshof in Karlsruhe"],
},
{
"id": "de-insekten", "lang": "de",
"title": "Blühstreifen verdoppeln Zahl der Wildbienen auf Äckern",
"lead": "",
"body": """Blühstreifen am Ackerrand können die Zahl der Wildbienen auf landwirtschaftlichen Flächen mehr als verdoppeln. Zu diesem Ergebnis kommt eine fünfjährige Studie der Universität Hohenheim, die im Fachjournal „Agrarökologie“ erschienen ist.
Die Forscher zählten auf 42 Feldern in Baden-Württemberg regelmäßig Bienen, Schwebfliegen und Schmetterlinge. Auf Äckern mit mindestens sechs Meter breiten Streifen fanden sie im Schnitt 2,3-mal so viele Wildbienen wie auf Vergleichsflächen.
## Ertrag bleibt stabil
Besonders überraschend sei gewesen, dass die Erträge der angrenzenden Rapsfelder nicht sanken, sondern leicht stiegen, sagte Studienleiterin Dr. Miriam Kessler. Die Bestäubung habe sich messbar verbessert.
Landwirte erhalten für Blühstreifen bislang eine Förderung von ca. 700 Euro pro Hektar. Der Bauernverband hält das für zu wenig, um den Flächenverlust auszugleichen.
## Kritik an kurzen Laufzeiten
Naturschützer bemängeln, dass viele Streifen nach einem Jahr wieder umgepflügt werden. Wildbienen bräuchten aber mehrjährige Blühflächen, um Nester anzulegen.""",
"label": ["Blühstreifen am Ackerrand können", "Zu diesem Ergebnis kommt eine fünfjährige Studie"],
},
{
"id": "de-haushalt", "lang": "de",
"title": "Stadtrat Kellerbach beschließt Sparhaushalt – Hallenbad bleibt offen",
"lead": "Der Stadtrat von Kellerbach hat am Donnerstagabend einen Haushalt mit Einsparungen von 6,2 Mio. Euro beschlossen. Das von Schließung bedrohte Hallenbad bleibt nach einem Kompromiss jedoch geöffnet.",
"body": """Für den Etat stimmten 28 der 40 Ratsmitglieder. Die Opposition kritisierte vor allem die Erhöhung der Grundsteuer um 15 Prozent, die Hausbesitzer ab dem 1. Januar zahlen müssen.
## Kompromiss beim Bad
Um das Hallenbad zu retten, werden die Öffnungszeiten gekürzt und die Eintrittspreise um einen Euro angehoben. Ein Förderverein hat zugesagt, jährlich 150.000 Euro für den Betrieb beizusteuern.
Kämmerer Thomas Weinert nannte den Haushalt „schmerzhaft, aber notwendig“. Ohne Einschnitte drohe der Stadt bis 2027 ein Defizit von über 20 Mio. Euro.
Noch muss die Kommunalaufsicht den Haushalt genehmigen. Eine Entscheidung wird für Mitte Februar erwartet.""",
"label": ["Der Stadtrat von Kellerbach hat am Donnerstagabend", "Das von Schließung bedrohte Hallenbad"],
},
{
"id": "de-waermepumpen", "lang": "de",
"title": "Absatz von Wärmepumpen bricht um die Hälfte ein",
"lead": "Die Verkäufe von Wärmepumpen in Deutschland sind im ersten Halbjahr um 52 Prozent eingebrochen.",
"body": """Nach Zahlen des Branchenverbands wurden von Januar bis Juni knapp 90.000 Geräte abgesetzt, nach rund 190.000 im Vorjahreszeitraum. Die Hersteller machen vor allem die monatelange Debatte um das Heizungsgesetz für die Kaufzurückhaltung verantwortlich.
Viele Hausbesitzer warteten ab, welche Förderung es künftig gebe, sagte Verbandspräsident Jörg Bramm. Gleichzeitig seien Gasheizungen im Vorjahr in großer Zahl vorgezogen eingebaut worden.
## Kurzarbeit bei Herstellern
Mehrere Hersteller haben bereits Kurzarbeit angemeldet. Das Wirtschaftsministerium verwies auf die seit Februar geltende Förderung von bis zu 70 Prozent der Kosten.
Energieberater raten, Angebote mehrerer Installateure einzuholen. Die Preise für eine Wärmepumpe samt Einbau liegen derzeit zwischen ca. 25.000 und 40.000 Euro.""",
"label": ["Die Verkäufe von Wärmepumpen in Deutschland", "Nach Zahlen des Branchenverbands wurden"],
},
{
"id": "de-zitat", "lang": "de",
"title": "Kinderärzte warnen vor Engpässen bei Fiebersäften",
"lead": "",
"body": """„Wir erleben gerade den schlimmsten Herbst seit Jahren.“ Mit diesen Worten beschreibt die Berliner Kinderärztin Sabine Roth die Lage in ihrer Praxis.
Der Berufsverband der Kinder- und Jugendärzte warnt vor erneuten Lieferengpässen bei Fiebersäften und Antibiotika für Kinder. Bereits jetzt seien in vielen Apotheken Paracetamol- und Ibuprofen-Säfte kaum noch zu bekommen, teilte der Verband am Dienstag mit.
Gleichzeitig steigt die Zahl der Atemwegsinfekte bei Kindern deutlich an. Das Robert Koch-Institut meldete für die vergangene Woche etwa 1,9 Mio. akute Atemwegserkrankungen bei unter 15-Jährigen.
## Apotheken mischen selbst
Viele Apotheken stellen die Säfte inzwischen selbst her. Das dauert allerdings länger und ist für die Apotheken kaum kostendeckend.
Das Gesundheitsministerium verwies auf ein Gesetz, das Herstellern seit dem Sommer höhere Preise für Kinderarzneimittel erlaubt. Die Wirkung werde sich erst mit Verzögerung zeigen, hieß es.""",
"label": ["Der Berufsverband der Kinder- und Jugendärzte warnt", "Bereits jetzt seien in vielen Apotheken"],
},
{
"id": "de-unfall", "lang": "de",
"title": "Lkw kippt auf A7 um – Vollsperrung bei Hollerstedt",
"lead": "",
"body": """Ein umgestürzter Lastwagen hat am Freitagmorgen auf der A7 bei Hollerstedt für eine stundenlange Vollsperrung in Richtung Süden gesorgt. Der 54 Jahre alte Fahrer wurde leicht verletzt.
Nach Angaben der Polizei kam der mit Getränkekisten beladene Lkw gegen 6.15 Uhr aus bisher ungeklärter Ursache von der Fahrbahn ab und kippte auf die Seite. Hunderte Kisten verteilten sich über alle drei Fahrstreifen.
Die Bergung dauerte bis in den Nachmittag. Der Verkehr staute sich zeitweise auf 15 Kilometern.
Die Polizei sucht Zeugen, die den Unfall beobachtet haben.""",
"label": ["Ein umgestürzter Lastwagen hat am Freitagmorgen", "Der 54 Jahre alte Fahrer"],
},
{
"id": "de-umfrage", "lang": "de",
"title": "Umfrage: Grüne und CDU in Nordhessen gleichauf",
"lead": "Sechs Wochen vor der Kommunalwahl liegen Grüne und CDU im Landkreis Nordhessen-Mitte gleichauf.",
"body": """In einer Umfrage des Instituts Demoskop im Auftrag der Lokalzeitung kommen beide Parteien auf je 27 Prozent. Die SPD erreicht 19 Prozent, die FDP 6 Prozent.
Vor fünf Jahren hatte die CDU noch mit 36 Prozent klar vorn gelegen. Vor allem bei jüngeren Wählern haben die Grünen deutlich zugelegt.
## Verkehr wichtigstes Thema
Als wichtigstes Thema nannten die Befragten den Nahverkehr, gefolgt von der Kinderbetreuung und der Ansiedlung von Gewerbe. Jeder Vierte ist noch unentschieden.
Für die Umfrage wurden vom 2. bis 9. September 1.004 Wahlberechtigte telefonisch und online befragt. Die Fehlertoleranz liegt bei rund drei Prozentpunkten.""",
"label": ["Sechs Wochen vor der Kommunalwahl", "In einer Umfrage des Instituts Demoskop"],
},
]
