"""A compact English lexicon for reading OKR titles.

Words are listed in their base form; ``text.lemmas`` maps inflected forms
(-s, -es, -ed, -ing) back to these, so "integrating", "launched" and
"dashboards" need no entries of their own. The lists name word *classes*
(verbs of delivery, verbs of change, measures, people served…), not phrases
from any example, so the coach keeps working on OKRs it has never seen.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


words = _words  # for word lists kept beside the module that reads them


# Verbs that move a number: the heart of an outcome ("reduce churn").
CHANGE_VERBS = _words("""
    increase decrease reduce grow cut double triple quadruple halve improve raise lower
    lift boost shrink drop expand accelerate shorten lengthen maximize maximise minimize
    minimise eliminate prevent avoid retain maintain sustain reach achieve attain hit exceed
    beat gain earn secure acquire attract convert sign close onboard activate engage recover
    restore strengthen enhance elevate deepen broaden extend stabilize stabilise slash trim
    curb limit contain serve win generate resolve treat retain protect delight feed
    halt reverse multiply scale widen tighten
""")

# Verbs of winning people or customers: what they count is a result, even "40 schools".
ACQUIRE_VERBS = _words("""
    onboard sign acquire win convert retain serve enroll enrol attract activate engage reach
    welcome treat feed help
""")

# Verbs that name a deliverable or an activity whatever follows them: a backlog item.
DELIVERY_VERBS = _words("""
    implement integrate migrate deploy install launch release introduce adopt digitize
    digitise renovate refurbish hire recruit publish write redesign replace upgrade
    refactor rebuild replatform purchase procure buy configure enable host conduct organize
    organise train document draft pilot prototype code finish complete finalize finalise
    schedule attend submit lodge translate localize localise decommission retire sunset deprecate
    refresh revamp overhaul rewrite roll_out set_up go_live stand_up spin_up build_out
    kick_off hand_over sign_off
""")

# Verbs that name a deliverable only when their object is an artefact or nothing
# measurable ("Build a new app" vs "Build trust"; "Ship the billing page" vs "Ship faster";
# "Send the newsletter" vs "Send every worker home safe").
MAKER_VERBS = _words("""
    build create design deliver ship establish define offer provide add open run develop
    automate produce prepare start begin set make_available put hold send
""")
# Maker verbs that bring new things into being: "Ship four new maps", "Build 200 new
# homes" count what was made, whatever the things are called.
CREATION_VERBS = _words("build create design develop ship produce deliver")

# Verbs of upkeep: fine for health metrics (KPIs), rarely inspiring in an objective.
UPKEEP_VERBS = _words("""
    maintain ensure support manage monitor comply continue sustain administer track review
    handle process oversee coordinate facilitate standardize standardise document report
    optimize optimise operationalize operationalise leverage utilize utilise preserve
    uphold stay remain make_sure
""")

# Linking verbs: they describe a state, so a key result led by one is a (vague) outcome,
# not a task ("Make the dashboard better", "Be more innovative").
LINKING_VERBS = _words("be become make keep get feel stay remain seem look")

# Verbs of a true-or-false result ("Pass the audit", "Obtain certification").
BINARY_VERBS = _words("pass obtain achieve get gain earn receive secure attain become be win")
BINARY_NOUNS = _words("""
    certification certificate certified accreditation accredited compliant approval
    approved sign-off award prize licence license patent tender endorsement recognition
    audit inspection exam examination
""")

# Other common verbs, so a title led by one reads as an action (a task when nothing
# in it can be counted: "Prompt for Auto Pay during purchase").
GENERAL_VERBS = _words("""
    help give bring let allow show display prompt remind notify email call answer collect
    capture measure map plan test trial evaluate assess research interview survey
    consolidate centralize centralise unify connect link sync expose simplify streamline fix
    remove clean archive negotiate partner empower inspire transform reimagine modernize
    modernise learn teach educate coach mentor listen share tell explain invite welcome
    celebrate reward recognize recognise fund invest spend save remember store accept pay
    charge bill move turn shift focus lead own drive push pull find discover explore
    understand know see hear love enjoy care mean matter stop end fight tackle address solve
    meet do go take use tailor personalize personalise customize customise clarify align
    unblock unlock label tag check verify validate approve decide choose select match route
    assign dispatch cook repair spark ignite kindle foster nurture champion equip inform
    thrill wow amaze excite surprise
""")

# Verbs of method: "Use X to grow Y", "Leverage X to…" put the how before the why.
METHOD_VERBS = _words("use leverage utilize utilise apply employ harness adopt deploy exploit")
PURPOSE_CONNECTORS = _words("to for so")


ALL_VERBS = (
    CHANGE_VERBS
    | DELIVERY_VERBS
    | MAKER_VERBS
    | UPKEEP_VERBS
    | LINKING_VERBS
    | BINARY_VERBS
    | GENERAL_VERBS
    | METHOD_VERBS
)

# Irregular past participles of delivery and maker verbs ("built", "written").
IRREGULAR_PARTICIPLES = _words("built written done run set begun made put bought held shipped sent")


# States that say a deliverable exists ("live in production", "in place").
DELIVERED_STATES = _words("live available ready operational done finished delivered")

# Things a team builds or runs: objects that turn a maker verb into a deliverable.
ARTEFACTS = _words("""
    app application platform system portal website site page screen feature tool tooling
    dashboard api integration module pipeline warehouse database framework program
    programme policy playbook report documentation plan roadmap model version release
    kiosk sensor store shop branch clinic office location campaign course curriculum
    workshop webinar training event gala conference hackathon post article blog newsletter
    video podcast guide handbook manual checklist template prototype pilot mvp sdk library
    plugin extension connector bot chatbot script algorithm wiki faq form flow workflow
    room lobby wing facility machine robot fleet vehicle server cluster network process
    procedure protocol standard support certification accreditation license licence
    contract software hardware infrastructure migration redesign upgrade rollout launch
    repository repo service microservice component widget button banner page
    meeting retrospective retro standup stand-up huddle offsite town-hall
    bar cafe café lounge gym spa restaurant venue showroom menu scheme session

""")

# Places a team opens or enters: counting them counts outputs ("Expand to 3 new cities").
PLACES = _words("""
    city country market region state territory location site store branch clinic office
    school hospital campus depot warehouse outlet restaurant hotel
""")

# Nouns that are measures by themselves, singular or plural ("churn", "lead time").
# Plain plurals ("cancellations", "donors") count too, but only where a verb or a
# number makes them the thing counted; see ``signals.has_metric``.
MEASURES = _words("""
    rate ratio time duration latency speed cost spend price revenue sales profit margin
    income arr mrr gmv ebitda roi nps csat ces churn retention conversion adoption engagement
    usage uptime availability downtime throughput yield scrap waste defect error incident
    accuracy score rating satisfaction share percentage percent number count volume amount
    frequency attendance absenteeism turnover occupancy revpar utilization utilisation
    productivity efficiency capacity backlog traffic wait queue size basket value weight
    emission consumption footprint mortality proficiency graduation literacy completion
    funding uptake coverage kpi sla mttr dau mau wau ltv cac aov resolution response growth
    quota lead-time on-time click-through ctr sign-up signup no-show stockout readmission
    injury accident infection complaint cancellation referral enrollment enrolment
    unemployment inflation gdp loss abandonment activation
""")

# Measures that only count: "the number of features shipped" is still a count of outputs.
COUNT_WORDS = _words("number count amount volume total")

# Comparatives that imply a measure even without a noun ("Deliver faster").
MEASURE_COMPARATIVES = _words("faster quicker sooner cheaper shorter fewer less lower higher")

# Units that make a number a measurement.
UNITS = _words("""
    % percent pct pp bps ms s sec secs min mins h hr hrs hours hour days day weeks week
    months month years year minutes minute seconds second points point km kg tons tonnes
    kwh usd eur gbp k m bn
""")

# Units written glued to a number ("2GB", "5MWh", "3yrs"), besides ``UNITS``. Not "g" or
# "d": "5G" and "3D" name a network and a format far more often than grams or days.
GLUED_UNITS = UNITS | _words("wk wks mo yr yrs kb mb gb tb kw mw gw mwh gwh ml km2 m2")

# Metrics that move with every event, so a team can watch them weekly (leading).
FLOW_MEASURES = _words("""
    time wait latency speed conversion click click-through ctr sign-up signup booking order
    session visit ticket call response check-in throughput error incident defect scrap
    load queue delivery on-time attendance absenteeism no-show cancellation usage active
    dau wau install download meal lead-time resolution cycle
""")

# Words that say how often something is measured ("weekly", "per day", "a month").
FREQUENT_CADENCE = _words("daily weekly hourly realtime real-time week-over-week day-to-day")
FREQUENT_PERIODS = _words("day week hour shift")
SLOW_CADENCE = _words("monthly quarterly annual annually yearly year-over-year")
SLOW_PERIODS = _words("month quarter year")
PER = _words("per a each every")

# Number words (not "one": it is mostly an article, "the one place to…").
NUMBER_WORDS = _words("""
    zero two three four five six seven eight nine ten eleven twelve fifteen twenty thirty
    forty fifty sixty seventy eighty ninety hundred thousand million billion dozen
""")
MULTIPLIER_WORDS = _words(
    "double triple quadruple halve half twice thrice twofold threefold fourfold tenfold"
)
# Fractions that state an amount after "by" ("by a quarter", "by two thirds"); alone,
# "quarter" is mostly a period and "third" an ordinal.
FRACTIONS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
FRACTION_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}

# Words before a number that make it a name, not a quantity ("line 3", "SOC 2").
IDENTIFIER_HEADS = _words("""
    line level phase tier type version v grade step stage wave release room gate floor
    building ward route channel region zone plant site model class category section
    series gen generation mark
""")

# Prepositions that end the object of a verb ("Offer discount | for users").
PREPOSITIONS = _words("""
    for in on at to into onto with within without across by from via through during
    until before after under over above below among between per towards toward against
""")

# Method connectors: what follows them is *how*, which belongs in initiatives.
HOW_CONNECTORS = _words("through via using leveraging utilizing utilising thanks")

# People an objective can serve: naming them is what makes an objective inspire.
PEOPLE = _words("""
    customer user patient student learner guest shopper buyer member citizen resident
    people person everyone everybody family child children kid parent teacher nurse
    doctor clinician employee developer driver rider traveller traveler passenger donor
    volunteer community neighbour neighbor fan reader player client farmer worker visitor
    diner hire owner business merchant seller listener viewer caregiver carer athlete
    audience tenant homeowner borrower saver investor subscriber mother father baby
    senior elder veteran
""")

# Words of aspiration and experience (what an inspiring objective promises).
ASPIRATIONS = _words("""
    convenient effortless easy easier easiest simple simpler simplest simplify fast faster
    fastest instant instantly painless stress-free delight delightful delighted joy joyful
    love loved lovable happy happier healthy healthier safe safer safest trusted trust
    proud best great amazing smooth reliable predictable fun welcoming home sooner every
    never always confident confidently thrive flourish empower inspire win go-to favorite
    favourite beloved clean fair free accessible affordable calm effortlessly wow
    unforgettable seamless magical brilliant remarkable exceptional world's heroes
    worth worthwhile meaningful valued glad enjoyable welcome belong hopeful curious
    passion wonder curiosity pride
""")

# Pains an objective can promise to take away ("less painful", "without the hassle").
PAINS = _words("""
    pain painful stress stressful hassle frustration frustrating tedious daunting confusing
    anxiety anxious worry worrying annoying disruptive scary awkward
""")
RELIEVERS = _words("less no never without fewer nothing not")

# Buzzwords and vague management words: not plain language.
JARGON = _words("""
    leverage synergy synergies holistic operationalize operationalise optimize optimise
    optimization optimisation paradigm ecosystem enablement scalable scalability robust
    best-in-class world-class cutting-edge next-gen next-generation end-to-end omnichannel
    frictionless actionable stakeholder stakeholders deliverable deliverables bandwidth
    value-add monetize monetise incentivize incentivise verticals utilize utilise
    mission-critical disrupt disruptive solutioning learnings alignment visibility
    infrastructure framework capabilities capability touchpoint touchpoints proactive
    go-to-market north-star kpi kpis roi
""")

# Scopes no single team controls: key results about them are hard to attribute.
UNCONTROLLABLE = _words("""
    economy economic gdp inflation unemployment national nationwide countrywide worldwide
    global-economy industry-wide weather election elections legislation regulators
""")
# Goods and assets whose price a market sets ("fuel prices", "the price of wheat",
# "house prices in the district").
COMMODITIES = _words("""
    fuel diesel petrol gasoline oil crude gas electricity energy wheat corn maize grain
    rice soy soybean sugar coffee cocoa milk cattle timber lumber steel copper aluminium
    aluminum gold silver metal commodity house housing home property land flour barley cotton
""")
# Words that make an outside force the context, not the target: "resilient to the
# weather", "despite inflation", "protect members against fuel prices".
COPING_WORDS = _words("""
    resilient resilience despite against withstand regardless prepared ready adapt cope
    shield insulate whatever prepare through
""")
# Hostile acts that outsiders choose to attempt: a count of them moves with the attackers.
HOSTILE_ACTS = _words("attack cyberattack cyber-attack intrusion break-in burglary ddos phishing")
# What a defender achieves against them: counting those measures the team's own work.
DEFENCE_OUTCOMES = _words("""
    successful succeed block detect stop contain prevent repel mitigate breach land reach
    penetrate thwart foil catch undetected unblocked unnoticed protect defend guard shield
    resist withstand safe click report fall
""")
# Charts and rankings: a place in one depends on everyone else in it.
RANKINGS = _words("chart ranking leaderboard bestseller best-seller top-seller league-table")
RANK_WORDS = _words("rank place position spot")

# Scopes above a team: only the company's own objectives should speak of them.
COMPANY_SCOPE = _words("""
    company company's companywide company-wide organization organization's organisation
    organisation's organization-wide organisation-wide enterprise-wide group-wide
    corporate firm-wide
""")
ORG_NOUNS = _words("""
    company organization organisation business group firm enterprise bank hospital network
    system trust agency council department university school district chain
""")

# Verbs and nouns of ongoing health: thresholds on them are KPIs, not key results.
HEALTH_MEASURES = _words("""
    uptime availability sla latency error errors budget compliance cost costs response
    stockout stockouts injury injuries incident incidents satisfaction csat nps accuracy
    quality safety security defect defects downtime backlog turnover attendance
""")

# Small grammatical classes the signals need.
DETERMINERS = _words("a an the our new their its all every each some any no")
# Words that open a noun phrase; after a title's first word they mark it as a verb.
OBJECT_OPENERS = _words("a an the our their your its my every each")
BE_FORMS = _words("is are be been being was were get gets got")
# Words of ability: "can complete", "able to finish" say what someone can do.
ABILITY = _words("can could able free")
# Nouns and comparatives that turn "N%" into a stated change ("80% reduction", "50% faster").
CHANGE_NOUNS = _words("""
    reduction increase decrease growth cut improvement drop rise lift gain more less fewer
    higher lower faster
""")
# Verbs that open a health-keeping key result ("Keep availability at least 99.9 %").
KEEP_VERBS = _words("keep maintain sustain stay remain hold ensure preserve protect")
# Endings that mark a one-word noun ("safety", "morale", "retention", "leadership").
NOUN_SUFFIXES = (
    "ity", "ty", "ness", "ment", "tion", "sion", "ance", "ence", "ure", "ship", "ism", "ale", "age",
)  # fmt: skip

# Time frames: a number of these after "within", "in their first"… is a window, not a
# target ("within 30 days", "in the first ninety days"); "to ten days" stays a target.
TIME_UNITS = _words("""
    second seconds minute minutes hour hours day days week weeks month months quarter
    quarters year years
""")
FRAME_OPENERS = _words("within in during over for after inside")
FRAME_FILLERS = _words("the a their our your its his her my first next last initial opening")
# "all three lines", "both sites": a number that sizes the scope, not a target.
SCOPE_QUANTIFIERS = _words("all both")
# Words that open an aside between commas (", regardless of where they live,").
ASIDE_OPENERS = _words("""
    regardless whether including especially which whichever who whoever whose where
    wherever when whenever whatever however although though because even
""")

# Conditions of a whole population: no team moves them alone ("child hunger", "obesity").
SOCIETAL_CONDITIONS = _words("""
    hunger poverty homelessness obesity crime illiteracy deprivation malnutrition
    loneliness smoking pollution congestion
""")
# Populations a title can speak for: "the region's obesity rate", "hunger in the city".
POPULATION_SCOPES = _words("""
    region country nation state city town borough county province district continent
    world population society community neighbourhood neighborhood area
""")
# Scopes that make a superlative a rank in the market ("the most profitable in the City").
MARKET_SCOPES = POPULATION_SCOPES | _words("market industry sector field")
SUPERLATIVES = _words("""
    most best top leading largest biggest greatest highest safest fastest cheapest strongest
    favourite favorite
""")


# Things a team works through; counting those it closed or shipped counts outputs.
WORK_ITEMS = _words("""
    ticket task story bug issue feature release commit deploy deployment pr merge-request
""")

# Verbs whose participle after such a plural says it was produced ("features shipped").
OUTPUT_VERBS = _words("""
    ship launch release publish deliver build create write produce close fix deploy run
    hold host send post merge make implement develop design add built written held sent
    made
""")
# Work items are also produced by finishing them ("stories completed", "tickets resolved");
# artefacts are not ("courses completed" are what learners achieve).
WORK_DONE_VERBS = OUTPUT_VERBS | _words("complete finish resolve")

# Verbs that, with "down" or "up" ("bring losses down"), move a number like a change verb.
CHANGE_PARTICLES = _words("down up")

# Kinds of unit an organization is made of: several teams named after one ("Ward 3",
# "Ward 7"; "North Depot", "South Depot") make "every ward" reach beyond any one of them.
UNIT_KINDS = _words("""
    ward station depot store shop branch clinic site plant berth school campus line shift
    watch crew squad district office warehouse hub terminal hotel restaurant practice
    library pool centre center yard dock mine pit farm kitchen lab laboratory theatre
    surgery pharmacy outlet market region territory route fleet desk floor wing unit
""")
# Nouns that name a whole organization: "the trust's waiting list", "across the group".
ORG_KINDS = _words("""
    company organization organisation business group firm enterprise bank hospital trust
    agency council university college school charity club airline port authority
    institute foundation association society cooperative co-op federation corporation
    brand chain partnership practice
""")
# Competitors: their figures are theirs to move ("our rival's volume", "competitors' prices").
COMPETITORS = _words("competitor competitors rival rivals competition")
# Regulators and inspectors: what they publish or decide is theirs.
REGULATORS = _words("""
    regulator regulators inspectorate inspector inspectors ombudsman watchdog ofsted cqc
    ofcom ofgem ofwat fca sec fda epa ema mhra
""")
# Prizes, awards and features that outsiders grant: the team can enter, not decide.
PRIZES = _words("""
    award awards prize prizes trophy trophies medal medals accolade accolades cup
    championship championships title vote
""")
# Words that make a figure the whole organization's or the whole market's ("total sales").
TOTAL_WORDS = _words("total overall combined aggregate entire whole")
# Forms a commodity is traded in: "aluminium ingot", "copper cathode", "wheat futures".
BULK_FORMS = _words("ingot ingots cathode cathodes bar bars futures bullion barrel barrels tonne")
# Measures that also count what happens to a whole population ("road accidents in the
# district", "readmissions across the county"): scoped to a place, no team moves them alone.
POPULATION_EVENTS = _words("""
    accident injury infection readmission death crime admission unemployment mortality
    obesity absenteeism turnout
""")
# Weather: no team moves it ("frost days", "rainfall"); a team copes with it.
WEATHER = _words("""
    frost frosts rainfall drought droughts snowfall hail heatwave heatwaves sunshine
""")
# Words that follow a good and open the clause that says whose purchase it is: "the
# price of diesel we buy", "the price of copper that we pay".
PURCHASE_CLAUSE = _words("we that which they paid bought used")
# The jobs a team's name can say it does, each with the words that name that job in a
# title: a team below the company measured on a job another team's name says it does
# ("Cut billing errors" from Sales, when Billing Operations exists) cannot move it alone.
# Only nouns of a department's job, not of the customers' acts ("purchases", "tickets").
TEAM_FUNCTIONS: dict[str, frozenset[str]] = {
    "billing": _words("billing bill bills billed"),
    "recruitment": _words("recruitment recruiting recruiter recruiters hire hiring hires hired"),
    "payroll": _words("payroll payrolls"),
    "procurement": _words("procurement procure procured procuring purchasing"),
    "fundraising": _words("fundraising fundraiser fundraisers"),
    "marketing": _words("marketing"),
    "maintenance": _words("maintenance"),
    "housekeeping": _words("housekeeping"),
    "catering": _words("catering"),
    "cleaning": _words("cleaning cleanliness"),
    "safeguarding": _words("safeguarding"),
    "security": _words("security"),
    "legal": _words("legal"),
    "dispatch": _words("dispatch dispatching"),
    "scheduling": _words("scheduling"),
    "ticketing": _words("ticketing"),
    "lettings": _words("lettings letting"),
    "pharmacy": _words("pharmacy"),
    "admissions": _words("admissions"),
}
# A team's name word for each job ("Billing Operations" does billing; "Talent Acquisition"
# recruits). A name holds a job only through these words.
FUNCTION_OF_NAME_WORD: dict[str, str] = {
    **{job: job for job in TEAM_FUNCTIONS},
    "recruiting": "recruitment",
    "hiring": "recruitment",
    "talent": "recruitment",
    "invoicing": "billing",
    "purchasing": "procurement",
    "buying": "procurement",
}
# Scope words that span a whole country or the world. After a measure of the team's own
# service ("delivery times nationwide") they say where the team works, not whose figure.
SCOPE_ADVERBS = _words("nationwide countrywide worldwide")
# Measures that count a whole population rather than the team's service when a place
# scopes them ("the number of adults in the county who…"): read with what they count.
COUNT_OF = _words("number share proportion percentage count amount rate")
# Measures that look like the team's service but are a place's ("traffic citywide").
PLACE_MEASURES = _words("traffic")
# Organization nouns that no team is named for: before a measure they name the whole
# organization's figure ("group revenue", "company profit"), possessive or not.
ORG_FIGURE_HOLDERS = _words("""
    company firm organization organisation enterprise corporation
""")
# Small places a shop or a crew can fairly aim to be the best in ("the friendliest shop in
# town"): a superlative there is not a rank in a whole market.
LOCAL_SCOPES = _words("neighbourhood neighborhood town village street area community estate")
# Superlatives of position or size: a rank the whole market decides, even in a small place.
SIZED_RANKS = _words("number top leading largest biggest busiest most-visited")
# A firm's own figures: after another firm's name ("Northwind's prices") they are theirs.
FIRM_FIGURES = _words("price prices revenue sales profit profits volume volumes share arr")
# Verbs of a team's own work: a count of their nouns ("deliveries", "repairs", "calls")
# counts what the team does, wherever it does it.
WORK_VERBS = (
    DELIVERY_VERBS
    | MAKER_VERBS
    | _words("""
    deliver repair collect call answer visit inspect serve treat install fix clean
""")
)
# People a team serves: before a count ("customer visits", "patient complaints") they say
# the count is of the team's own service, not of a place's population.
SERVED_PEOPLE = _words("""
    customer user patient student learner guest shopper buyer member client passenger
    subscriber tenant donor visitor diner reader viewer listener borrower saver
""")
# Company nouns that, bare, are often a kind of thing ("company cars", "corporate
# clients"): they speak for the whole company only before its figures.
BARE_COMPANY_NOUNS = _words("company organization organisation corporate")
# A whole business's financial results ("group revenue", "group profit").
FINANCIAL_RESULTS = _words("revenue profit profits ebitda turnover income margin earnings")
# An organization's own figures beside the measures: "membership of the club".
ORG_FIGURES = _words("membership turnover income donations footfall visitors members")
# Parties outside the organization whose acts a team can ask for but not decide.
# Partners, retailers and distributors are left out: getting them to act is often a
# partnerships or sales team's own work.
OUTSIDE_PARTIES = _words("""
    supplier suppliers vendor vendors council councils government ministers landlord
    landlords chain
""")
# Verbs that ask another party to act: "Get suppliers to…", "Persuade the council to…".
PERSUADE_VERBS = _words("get persuade convince encourage lobby push urge")
# What a team's own work reaches nationally: "national press", "national accounts".
NATIONAL_REACH = _words("""
    press media newspaper tv television radio coverage account customer network rollout
    launch campaign
""")
# Countries and their adjectives: before a country's figure they name the whole country.
COUNTRY_WORDS = _words("""
    uk us usa eu britain british england english scotland scottish wales welsh ireland
    irish europe european america american french german spanish italian dutch
""")
# Figures only a whole country (or market) has: "UK butter consumption", "EU demand".
NATIONAL_FIGURES = _words("""
    consumption demand exports imports emissions economy population gdp unemployment
    inflation deficit debt production output
""")
# Round 5 (issue 16). Regulators, like councils and governments, are parties a team can
# ask ("Get the regulator to relax…") but whose decision is theirs.
ASKED_PARTIES = OUTSIDE_PARTIES | REGULATORS
# Weather named by its state and a season: "a dry summer", "a mild, wet winter".
WEATHER_STATES = _words("dry wet hot cold mild sunny rainy snowy stormy frosty windy warm")
SEASONS = _words("summer winter spring autumn monsoon")
# Units a traded good is priced in: "flour costs below £400 a tonne" is the market's price
# per tonne; "flour costs per loaf" measures how much the team uses, which it drives.
BULK_UNITS = _words("""
    tonne tonnes ton tons kg kilo kilogram barrel barrels litre liter gallon bushel ounce
    mwh kwh therm megawatt-hour
""")
# Outsiders who decide a case: what they rule is theirs, whatever the team argues.
DECIDERS = _words("""
    jury juries judge judges court courts tribunal tribunals magistrate magistrates
    arbitrator arbitrators
""")
LEGAL_MATTERS = _words("case cases trial trials appeal appeals hearing hearings lawsuit lawsuits")
VERDICTS = _words("verdict verdicts ruling rulings judgment judgments judgement judgements")
# Verbs of getting a decision others make ("Win the case…", "Secure a verdict").
WINNING_VERBS = _words("win secure obtain get earn land")
# Verbs of moving things along a path: "Move freight through the depot" names a route,
# not a method ("Grow revenue through partnerships").
MOTION_VERBS = _words("move carry route flow guide steer walk ferry transport")
# Verbs of running something that exists: with a quality before the thing ("Run a
# dependable service", "Offer a seamless checkout") the quality is the aim, not the thing.
OPERATE_VERBS = _words("run offer provide operate")
QUALITY_ADJECTIVES = _words("""
    reliable dependable punctual consistent safe safer friendly welcoming trusted seamless
    smooth clean accessible affordable fair convenient predictable frequent on-time
    effortless calm
""")
# Verbs that make a thing become something: "Get the club promoted", "See the trust rated".
CAUSE_VERBS = _words("get see have")
# Words every team name may hold that say nothing of its job ("Team", "Crew", "East").
TEAM_NOUNS = _words("""
    team teams crew crews unit department office group squad service services desk centre
    center north south east west central operations the and of
""")
# Single sites a team can be named for ("Crawley Branch", "Hove Surgery"): such a team
# runs its own place, not the county around it.
SITE_NOUNS = _words("""
    branch store shop depot station practice outlet clinic surgery library pool hotel
    restaurant site yard garage showroom
""")
# Words ending in "-er" before "than" that are no comparative of manner: "no later than
# March" is a deadline, "more staff than" a count, "other than" an exception.
NOT_MANNER = _words("more fewer later earlier other rather over under after never ever")
# Days and months: capitalized, but no place ("across Saturdays", "throughout December").
CALENDAR = _words("""
    monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays
    thursdays fridays saturdays sundays january february march april may june july august
    september october november december christmas easter
""")
# Stretches of time "through" can span ("through the winter", "through peak nights").
STRETCHES_OF_TIME = (
    SEASONS
    | CALENDAR
    | _words("night nights weekend weekends year holidays holiday season peak day days")
)
# A whole business's balances: after the organization's possessive ("the trust's deficit")
# they are the whole organization's, as its financial results are.
BALANCES = _words("deficit surplus debt reserves overspend underspend")
# What others say or know of an organization: "coverage of the trust" is made by the team
# that talks to the press, not the whole organization's figure.
IMAGE_FIGURES = _words("""
    coverage mention mentions awareness perception perceptions reputation visibility profile
    sentiment
""")
# More nouns of a place's people, read only when counting them there ("every adult in the
# region", "the number of pupils in the county"): not people an objective serves, so they
# are kept out of PEOPLE (which makes an objective inspiring).
PLACE_PEOPLE = _words("adult pupil teenager youngster household pensioner smoker motorist")
