# Blind labelled articles (ids start with "bl-"): written and labelled after every ranking
# change, and not used to change anything afterwards. Their score is the estimate to quote.
# Markup as in articles_de.py.

ARTICLES = [
{
"id": "bl-de-schule", "lang": "de",
"title": "Land stellt 1.200 zusätzliche Lehrkräfte ein",
"lead": "Das Kultusministerium will zum neuen Schuljahr 1.200 zusätzliche Lehrerinnen und Lehrer einstellen, um den Unterrichtsausfall an Grundschulen zu verringern.",
"body": """Die Stellen sollen vor allem an Schulen in ländlichen Regionen entstehen, wo bislang bis zu zehn Prozent des Unterrichts ausfallen. Finanziert werden sie aus Mitteln, die durch geringere Zinsausgaben frei geworden sind.
Kultusministerin Doris Hahn sprach am Donnerstag von einem „wichtigen Signal an Eltern und Kollegien“. Die Lehrergewerkschaft begrüßte die Pläne, bezweifelte aber, dass genügend ausgebildete Bewerber zu finden seien.
## Quereinsteiger gesucht
Das Ministerium setzt deshalb auch auf Quereinsteiger, die berufsbegleitend nachqualifiziert werden. Bereits im vergangenen Jahr kam fast jede fünfte neue Lehrkraft aus einem anderen Beruf.
Die Opposition kritisierte, die Stellen kämen zu spät. Viele Schulen hätten ihre Stundenpläne für das kommende Halbjahr bereits gekürzt.""",
"label": ["Das Kultusministerium will zum neuen Schuljahr", "Die Stellen sollen vor allem an Schulen"],
},
{
"id": "bl-de-brand", "lang": "de",
"title": "Großbrand in Lagerhalle: Feuerwehr warnt vor Rauch",
"lead": "",
"body": """Bei einem Großbrand in einer Lagerhalle im Gewerbegebiet Nord in Hallstedt ist am Samstagabend ein Schaden von mehreren Millionen Euro entstanden. Verletzt wurde nach ersten Erkenntnissen niemand.
Die Feuerwehr war mit rund 150 Einsatzkräften vor Ort. Wegen der starken Rauchentwicklung forderte sie Anwohner in den umliegenden Stadtteilen auf, Fenster und Türen geschlossen zu halten.
In der Halle lagerten nach Angaben der Polizei Kunststoffe und Verpackungsmaterial. Die Brandursache ist noch unklar, ein Gutachter soll die Halle am Montag untersuchen.
Die Löscharbeiten dauerten bis in die Nacht.""",
"label": ["Bei einem Großbrand in einer Lagerhalle", "Verletzt wurde nach ersten Erkenntnissen"],
},
{
"id": "bl-de-reportage", "lang": "de",
"title": "Weniger Wasser im Bodensee: Häfen kämpfen mit Niedrigwasser",
"lead": "",
"body": """Karl Sommer steht auf dem Steg und zeigt auf die Kiesbank, die aus dem Wasser ragt. Vor drei Wochen lag hier noch sein Segelboot, jetzt sitzt es fest.
Der Wasserstand des Bodensees ist in diesem Sommer auf den niedrigsten Stand seit fast zwanzig Jahren gesunken. Am Pegel Konstanz wurden am Montag 2,91 Meter gemessen, rund 60 Zentimeter weniger als im langjährigen Mittel für diese Jahreszeit.
Mehrere Häfen mussten Liegeplätze sperren, einige Fähren fahren nur noch eingeschränkt. Ursache sind der schneearme Winter und die anhaltende Trockenheit.
## Keine schnelle Besserung
Nach Einschätzung der Hochwasserzentrale wird der Pegel in den kommenden Wochen weiter fallen. Erst ergiebige Niederschläge im Herbst könnten die Lage entspannen.""",
"label": ["Der Wasserstand des Bodensees ist in diesem Sommer", "Am Pegel Konstanz wurden am Montag"],
},
{
"id": "bl-de-wirtschaft", "lang": "de",
"title": "Autozulieferer Brehm streicht 900 Stellen",
"lead": "Der Autozulieferer Brehm will bis 2026 rund 900 seiner 4.300 Stellen in Deutschland abbauen.",
"body": """Betroffen sind vor allem die Werke in Siegheim und Laubach, wo Teile für Verbrennungsmotoren gefertigt werden. Das Werk in Laubach soll Ende 2025 ganz geschlossen werden.
Das Unternehmen begründete den Schritt mit der sinkenden Nachfrage nach Komponenten für Diesel- und Benzinmotoren. Der Umsatz war im vergangenen Jahr um 14 Prozent gefallen.
## IG Metall kündigt Widerstand an
Die IG Metall kündigte Widerstand an. „Die Beschäftigten zahlen für Managementfehler der vergangenen Jahre“, sagte Bezirksleiterin Sandra Vogt.
Die Geschäftsführung will betriebsbedingte Kündigungen nach Möglichkeit vermeiden und setzt auf Abfindungen und Altersteilzeit.""",
"label": ["Der Autozulieferer Brehm will bis 2026", "Betroffen sind vor allem die Werke"],
},
{
"id": "bl-en-water", "lang": "en",
"title": "Residents told to boil water after contamination found",
"lead": "",
"body": """About 25,000 residents of Fenwick and nearby villages have been told to boil their tap water before drinking it after traces of E. coli bacteria were found in the supply. The water company said the warning would remain in place for at least 48 hours.
Bottled water is being handed out at three collection points, including the leisure centre on Mill Lane. Schools in the area will remain open.
The company said the contamination was probably caused by a damaged pipe at a pumping station and that repairs were under way. Health officials advised people to boil water for one minute and let it cool before use.
Anyone with stomach symptoms should contact their doctor, they said.""",
"label": ["About 25,000 residents of Fenwick", "The water company said the warning"],
},
{
"id": "bl-en-museum", "lang": "en",
"title": "Stolen painting returned to museum after 30 years",
"lead": "A painting stolen from the Carlton Museum of Art in 1994 has been returned after it was found in the attic of a house in Belgium, the museum said on Monday.",
"body": """The small oil portrait, attributed to a 17th-century Dutch painter, was taken during a break-in along with two other works that are still missing. It was identified by an auction house when the owner's heirs tried to sell it.
Police said the heirs had no idea the painting was stolen and would not face charges. Its value has been estimated at about $2 million.
## Back on display
The museum plans to show the portrait again from next month after minor restoration. "We had almost given up hope," said director Paul Nakamura.
Investigators are still trying to find out how the painting reached Belgium.""",
"label": ["A painting stolen from the Carlton Museum of Art", "It was identified by an auction house"],
},
{
"id": "bl-en-startup", "lang": "en",
"title": "Battery start-up Voltic raises $120 million",
"lead": "",
"body": """When Anna Berg founded Voltic in her garage six years ago, she had one employee and a prototype the size of a shoebox. Today the company has 300 staff and a factory under construction.
Voltic, which develops sodium-based batteries for storing solar power, said on Tuesday it had raised $120 million from investors led by the pension fund Northgate. The money will be used to finish its first factory, which is due to open next year.
Sodium batteries are cheaper than lithium ones and use no cobalt, but store less energy for their weight. That makes them better suited to homes and power grids than to cars, Berg said.
## Competition from China
Several Chinese manufacturers have started mass production of similar batteries. Analysts say Voltic will have to cut costs quickly to compete.""",
"label": ["Voltic, which develops sodium-based batteries", "The money will be used to finish"],
},
{
"id": "bl-en-football", "lang": "en",
"title": "Late penalty sends Rovers into cup final",
"lead": "",
"body": """A penalty in the 89th minute by captain Sam Okoro sent Westbury Rovers into the county cup final with a 2-1 win over Dale Athletic on Wednesday night. Rovers will face holders Port City in the final on May 12.
Athletic had taken the lead through a header by Chris Lyle shortly before half-time. Rovers equalised on the hour when substitute Leon Marsh turned in a cross from the left.
"It was a nervy night, but the lads never stopped believing," Rovers manager Ian Craig said.
A crowd of 6,400 watched the match, a record for the ground.""",
"label": ["A penalty in the 89th minute by captain Sam Okoro", "Rovers will face holders Port City"],
},
]
