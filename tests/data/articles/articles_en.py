# English labelled articles (our own writing; places, people and events are invented).
# Markup as in articles_de.py.

ARTICLES = [
{
"id": "en-housing-vote", "lang": "en",
"title": "Marlow council approves 1,200 affordable homes on former rail yard",
"lead": "Marlow city council voted 9-2 on Tuesday night to approve 1,200 affordable homes on the site of the former Eastgate rail yard, ending a four-year planning dispute.",
"body": """The scheme, led by the non-profit Harbour Homes Trust, will set rents at no more than 60 percent of the local market rate. Construction is due to start next spring and the first 300 flats should be ready by 2027.
## Neighbours split
Residents of the neighbouring Albion Road estate had warned that the development would overload schools and the already crowded No. 14 bus route. The council attached conditions requiring a new primary school and two extra buses per hour.
"This is the biggest single step we have taken on housing in a generation," said council leader Priya Mehta. Councillor Tom Barrow, who voted against, said the plan was "rushed through without a proper transport study."
[ad] Sponsored: Find your dream home today with Keystone Mortgages. Apply now.
The trust will finance the project through a mix of government grants and a loan of about $310 million. Officials expect the first tenants to be selected from the city's waiting list, which now holds more than 8,000 households.""",
"label": ["Marlow city council voted 9-2", "The scheme, led by the non-profit"],
},
{
"id": "en-storm", "lang": "en",
"title": "Storm leaves 140,000 homes without power across the north-west",
"lead": "",
"body": """About 140,000 homes were without electricity on Sunday after Storm Ilse brought gusts of up to 90 mph to the north-west overnight. Engineers warned that some rural customers might not be reconnected until Tuesday.
The storm brought down hundreds of trees, blocking roads and damaging overhead lines. Two ferry routes were cancelled and the main coastal railway was closed between Carrick and Dunmore.
## Schools closed
More than 200 schools said they would stay shut on Monday. The regional authority opened warming centres in six towns for people without heating.
"Our crews are working around the clock, but the damage is extensive," said Helen Fraser of the network operator. She urged people to stay away from fallen cables.
The weather service said winds would ease on Sunday evening, but issued a yellow warning for heavy rain on Monday.""",
"label": ["About 140,000 homes were without electricity", "Engineers warned that some rural customers"],
},
{
"id": "en-fisherman", "lang": "en",
"title": "Small boats, empty nets: inshore fishing fleet shrinks by a third",
"lead": "",
"body": """Jim Carew has been setting lobster pots off the headland at Porthallow since he was fifteen. Most mornings now, he is the only boat leaving the harbour.
Britain's inshore fishing fleet has shrunk by almost a third in a decade, according to figures published on Thursday by the Marine Management Office. The number of active vessels under ten metres fell from 2,900 in 2014 to just under 2,000 last year.
Fishermen blame rising fuel prices, falling catches and quota rules that they say favour large trawlers. The report also found that the average age of skippers has risen to 58.
## A way of life
"When I started there were fourteen boats here," Carew said. "My son went to work on the wind farms, and I don't blame him."
The government said it would review the allocation of quota to small boats next year. Fishing organisations called the review overdue.""",
"label": ["Britain's inshore fishing fleet has shrunk", "The number of active vessels under ten metres"],
},
{
"id": "en-layoffs", "lang": "en",
"title": "Veltrix to cut 4,000 jobs as cloud growth slows",
"lead": "Software maker Veltrix Inc. said on Wednesday it would cut about 4,000 jobs, or 9 percent of its workforce, as growth in its cloud business slowed for a third straight quarter.",
"body": """The company, based in Austin, Texas, said most of the cuts would fall on sales and administrative roles in the U.S. and Europe. It expects to record charges of $350 million to $400 million, mostly for severance.
Chief Executive Dana Whitfield said in a memo to staff that the company had "hired ahead of demand" during the pandemic. Revenue in the cloud division rose 11 percent in the latest quarter, down from 27 percent a year earlier.
## Shares rise
Investors welcomed the move, sending Veltrix shares up 6 percent in after-hours trading. Analysts at Brandt & Co. said the cuts would lift margins by about two percentage points.
The layoffs follow similar announcements by several large U.S. technology companies this year.""",
"label": ["Software maker Veltrix Inc. said on Wednesday", "The company, based in Austin, Texas, said"],
},
{
"id": "en-court", "lang": "en",
"title": "State supreme court strikes down school funding formula",
"lead": "",
"body": """The state supreme court ruled on Friday that the way the state funds its public schools is unconstitutional, ordering lawmakers to devise a new formula within 18 months. The 5-2 decision is a victory for a coalition of 31 rural school districts that sued in 2019.
Writing for the majority, Justice Ellen Ross said the current system "leaves children in poorer districts with a fraction of the resources" available elsewhere. Spending per pupil varies from about $9,000 to more than $21,000 across the state.
In a dissent, Justice Mark D. Hollis argued that the court was overstepping its role and that funding decisions belonged to the legislature.
## Budget battle ahead
Governor Alan Pryce said he would call a special session in the spring. Legislative leaders estimated that equalising funding could cost up to $1.2 billion a year.
Lawyers for the districts said they would return to court if the deadline was missed.""",
"label": ["The state supreme court ruled on Friday", "The 5-2 decision is a victory"],
},
{
"id": "en-bees", "lang": "en",
"title": "City parks found to host more bee species than farmland",
"lead": "Urban parks can support a wider range of wild bee species than nearby farmland, according to a study published on Monday.",
"body": """Researchers from the University of Northfield recorded 112 bee species across 30 city parks, compared with 71 species on 30 farms in the surrounding countryside. The team surveyed each site six times a year between 2020 and 2023.
The difference was largest for solitary ground-nesting bees, which benefited from patches of bare soil and unmown grass in parks. Farmland sites with hedgerows scored better than open fields.
"Cities are not ecological deserts," said lead author Dr. Amara Okafor. "With a few simple changes to mowing, they can become refuges."
## Mowing less
Several councils have already cut back on mowing in parks and road verges. Critics say the untidy look is unpopular with some residents.
The authors cautioned that honeybee hives, increasingly common on city rooftops, could compete with wild bees for food.""",
"label": ["Urban parks can support a wider range", "Researchers from the University of Northfield recorded"],
},
{
"id": "en-mayor", "lang": "en",
"title": "Reyes wins Brookfield mayoral race by 412 votes",
"lead": "",
"body": """Former teacher Carmen Reyes has been elected mayor of Brookfield, defeating two-term incumbent Gary Dunn by 412 votes. Final results released on Thursday gave Reyes 50.6 percent of the vote to Dunn's 49.4 percent.
Dunn conceded in a brief statement and congratulated his rival. Turnout was 38 percent, the highest for a mayoral election in the city in two decades.
## Campaign on transit
Reyes campaigned on expanding bus services and freezing fares for two years. She also promised an independent audit of the city's troubled water department.
"People told us they wanted a city that works for those who keep it running," Reyes told supporters at a community hall on Main St. on Thursday evening.
She will be sworn in on Jan. 2.""",
"label": ["Former teacher Carmen Reyes has been elected", "Final results released on Thursday"],
},
{
"id": "en-rail-strike", "lang": "en",
"title": "Rail workers announce three days of strikes in pay dispute",
"lead": "Rail workers will strike for three days next week after talks over pay and working conditions collapsed, their union said on Monday.",
"body": """The walkouts on Tuesday, Thursday and Saturday are expected to halt most services on the national network. Operators advised passengers to travel only if necessary.
The union is demanding a pay rise of 8 percent to match inflation over the past two years. Employers have offered 4.5 percent, tied to changes in rostering that the union says would mean more weekend work.
## Passengers face disruption
Commuter groups said the strikes would hit shift workers and students hardest. Tickets for affected days can be used the day before or up to two days after.
A spokesman for the employers said the offer was "fair and affordable" and urged the union to put it to a vote of its members.""",
"label": ["Rail workers will strike for three days", "The walkouts on Tuesday, Thursday and Saturday"],
},
{
"id": "en-waiting-lists", "lang": "en",
"title": "Hospital waiting list hits record 7.8 million",
"lead": "",
"body": """The number of people waiting for routine hospital treatment has risen to a record 7.8 million, official figures showed on Thursday. Almost 390,000 patients have been waiting for more than a year.
Hospital leaders said strikes, staff shortages and a winter surge in flu admissions had all slowed progress. The health service had aimed to eliminate waits of more than 65 weeks by March.
The figures also showed that ambulance response times for heart attacks and strokes averaged 42 minutes in December, against a target of 18 minutes.
## Government response
The health secretary said the government was investing in new diagnostic centres and would publish a plan to cut waits for cancer care. Opposition parties called the figures "a national scandal".
Patient groups said people waiting longest were often in pain and unable to work.""",
"label": ["The number of people waiting for routine hospital treatment", "Almost 390,000 patients have been waiting"],
},
{
"id": "en-marathon", "lang": "en",
"title": "Kiprono breaks course record at Lakeside Marathon",
"lead": "Kenya's Daniel Kiprono broke the Lakeside Marathon course record on Sunday, finishing in 2 hours 4 minutes and 12 seconds.",
"body": """The 24-year-old pulled away from a group of four runners after 35 kilometres and crossed the line 48 seconds ahead of Ethiopia's Tesfaye Bekele. The previous record of 2:05:03 had stood since 2016.
In the women's race, Britain's Laura Quinn won her first major marathon in 2:21:40.
## Ideal conditions
Cool temperatures and little wind helped produce fast times across the field. Organisers said a record 38,000 runners started the race.
"I wanted to run my own race and the legs were good at the end," Kiprono said.""",
"label": ["Kenya's Daniel Kiprono broke the Lakeside Marathon", "The 24-year-old pulled away"],
},
{
"id": "en-quote-open", "lang": "en",
"title": "Coastal towns ask for help as erosion swallows roads",
"lead": "",
"body": """"We are losing a metre of cliff every year, and the road goes next." That is how parish councillor Ruth Ingram describes the situation in the village of Eastwick.
Eleven coastal councils have written to the government asking for emergency funding to protect roads and homes threatened by erosion. In a joint letter published on Wednesday, they estimate that 1,700 homes could be lost to the sea by 2050.
The councils say current rules allow them to spend money on sea defences only where the benefits outweigh the costs, which rules out many small communities.
## Moving people inland
Some councils have begun buying homes at risk and helping residents move inland. Campaigners say compensation is far below the value the homes had before the threat became clear.
The environment department said it was reviewing its coastal strategy and would respond to the letter in due course.""",
"label": ["Eleven coastal councils have written to the government", "In a joint letter published on Wednesday"],
},
]
