# Held-out labelled articles (ids start with "ho-"): written and labelled after the ranking
# weights were chosen on articles_de.py / articles_en.py, and never used to tune them. The
# agreement script reports them separately, as the honest estimate. Markup as in articles_de.py.

ARTICLES = [
{
"id": "ho-de-klinik", "lang": "de",
"title": "Kreisklinik Wendorf schließt Geburtsstation zum Jahresende",
"lead": "",
"body": """WENDORF (lnw) – Die Kreisklinik Wendorf schließt ihre Geburtsstation zum 31. Dezember. Als Grund nannte der Klinikträger am Dienstag den Mangel an Hebammen und Fachärzten, der einen sicheren Betrieb rund um die Uhr nicht mehr zulasse.
Schwangere aus dem Landkreis müssen künftig bis zu 45 Minuten zur nächsten Geburtsklinik in Altenhain fahren. Im vergangenen Jahr kamen in Wendorf 380 Kinder zur Welt.
## Protest vor dem Rathaus
Eine Elterninitiative hat bereits mehr als 6.000 Unterschriften gegen die Schließung gesammelt. „Wer soll das verstehen, dass eine Region dieser Größe keine Geburtshilfe mehr hat?“, fragte Initiatorin Lea Brandes.
Der Landrat kündigte an, mit dem Land über einen Zuschuss zu verhandeln. Große Hoffnungen machte er den Eltern allerdings nicht.
[also] Lesen Sie auch: Wo es in der Region noch Hebammen gibt""",
"label": ["WENDORF (lnw) – Die Kreisklinik Wendorf schließt", "Als Grund nannte der Klinikträger"],
},
{
"id": "ho-de-glasfaser", "lang": "de",
"title": "Glasfaser-Ausbau: Telekom und Stadtwerke teilen sich Leitungen",
"lead": "Die Telekom und die Stadtwerke Brunnhausen wollen beim Glasfaser-Ausbau künftig zusammenarbeiten, statt parallel eigene Leitungen zu verlegen.",
"body": """Nach einer am Mittwoch unterzeichneten Vereinbarung baut jeder Partner in einem Teil der Stadt und vermietet die Leitungen an den anderen. So sollen bis Ende 2026 rund 40.000 Haushalte einen Anschluss erhalten, doppelt so viele wie bisher geplant.
Der doppelte Ausbau hatte in den vergangenen Jahren für Ärger gesorgt, weil manche Straßen innerhalb weniger Monate zweimal aufgerissen wurden. Dies soll sich nun nicht wiederholen.
## Kunden können wählen
Für Kunden ändert sich wenig: Sie können ihren Anbieter weiterhin frei wählen. Die Preise für einen Anschluss mit 500 Megabit pro Sekunde beginnen bei ca. 40 Euro im Monat.
Die Bundesnetzagentur muss der Kooperation noch zustimmen. Wettbewerber hatten in ähnlichen Fällen Bedenken angemeldet.""",
"label": ["Die Telekom und die Stadtwerke Brunnhausen wollen", "So sollen bis Ende 2026 rund 40.000 Haushalte"],
},
{
"id": "ho-de-frage", "lang": "de",
"title": "Wird das Deutschlandticket teurer?",
"lead": "",
"body": """Das Deutschlandticket könnte im kommenden Jahr deutlich mehr kosten. Die Verkehrsminister der Länder beraten am Montag über einen Anstieg des Preises von derzeit 58 auf bis zu 64 Euro im Monat.
Hintergrund ist eine Finanzierungslücke von etwa 800 Mio. Euro, die Bund und Länder bislang nicht schließen konnten. Die Verkehrsunternehmen warnen, dass sie ohne zusätzliches Geld Verbindungen streichen müssten.
Was bedeutet das für Abonnenten? Wer das Ticket im Abo hat, wird nach Angaben der Verkehrsverbünde rechtzeitig über eine Preiserhöhung informiert und kann monatlich kündigen.
## Fahrgastverband warnt
Der Fahrgastverband befürchtet, dass ein höherer Preis viele Kunden abschreckt. Seit dem Start haben nach Branchenangaben rund 13 Mio. Menschen ein Deutschlandticket gekauft.""",
"label": ["Das Deutschlandticket könnte im kommenden Jahr", "Die Verkehrsminister der Länder beraten"],
},
{
"id": "ho-en-bridge", "lang": "en",
"title": "Harlow Bridge to close for two years for repairs",
"lead": "",
"body": """The Harlow Bridge, which carries about 30,000 vehicles a day across the River Tamm, will close to traffic for two years from April so that corroded steel cables can be replaced, the county highways department announced on Wednesday. Pedestrians and cyclists will still be able to cross on a temporary walkway.
Engineers found during an inspection last autumn that several of the bridge's 64 suspension cables had lost up to a fifth of their strength. The repair is expected to cost $240 million.
## Diversions and ferries
Drivers will be diverted over the Kings Road crossing, adding up to 25 minutes to some journeys. The county said it would run a free passenger ferry at peak hours.
Businesses on the north bank said the closure could cost them customers. "Two years is a very long time for a small shop," said Maria Lopez, who runs a bakery near the bridge.""",
"label": ["The Harlow Bridge, which carries about 30,000 vehicles", "Engineers found during an inspection last autumn"],
},
{
"id": "ho-en-library", "lang": "en",
"title": "Libraries to stay open on Sundays after volunteers step in",
"lead": "",
"body": """On a rainy Sunday afternoon, the reading room of the Ashford Street library is full. Children sit on beanbags, and a retired teacher helps two students with their homework.
Six public libraries in Westmere will stay open on Sundays for at least another year after more than 200 volunteers signed up to staff them, the city said on Tuesday. The libraries had been due to close on Sundays from January to save $1.4 million.
The volunteers will run lending desks and reading groups, while paid staff will remain responsible for the buildings and for the computers.
## Unions concerned
The librarians' union said it welcomed the extra opening hours but warned that volunteers should not replace paid jobs in the long term.""",
"label": ["Six public libraries in Westmere will stay open", "The libraries had been due to close"],
},
{
"id": "ho-en-airline", "lang": "en",
"title": "Northway Air cancels 300 flights as pilots walk out",
"lead": "Northway Air cancelled about 300 flights on Friday as pilots began a 24-hour strike over pay, disrupting travel for some 40,000 passengers at the start of the holiday weekend.",
"body": """The airline said most of its domestic and short-haul European flights from its two main hubs were affected. Long-haul services were operating largely as normal.
Pilots are demanding a pay rise of 15 percent over two years. The airline has offered 9 percent and says a bigger increase would threaten jobs.
It is the second strike by the airline's pilots this year. Passengers whose flights are cancelled can rebook free of charge or ask for a refund, the company said.
## Talks planned
Both sides said they were ready to return to talks next week. The transport ministry urged them to reach a deal before the summer season.""",
"label": ["Northway Air cancelled about 300 flights on Friday", "The airline said most of its domestic"],
},
]
