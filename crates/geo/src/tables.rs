//! The heuristics of recognition and resolution, as named tables: each
//! entry a line one can read, test and change.

/// Titles and honorifics: a capitalised name right after one is a person
/// ("President Lincoln", "Gov. Jackson"), not a place.
pub const PERSON_TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "president",
    "gov",
    "governor",
    "sen",
    "senator",
    "rep",
    "representative",
    "judge",
    "justice",
    "officer",
    "sgt",
    "sergeant",
    "lt",
    "lieutenant",
    "capt",
    "captain",
    "col",
    "colonel",
    "gen",
    "general",
    "maj",
    "major",
    "cpl",
    "det",
    "detective",
    "deputy",
    "sheriff",
    "chief",
    "coach",
    "rev",
    "reverend",
    "father",
    "sister",
    "brother",
    "sir",
    "lord",
    "lady",
    "pope",
    "king",
    "queen",
    "prince",
    "princess",
    "mayor",
    "commissioner",
    "minister",
    "chancellor",
    "secretary",
    "ambassador",
    "saint",
    "councilman",
    "councilwoman",
    "trooper",
    "attorney",
    "pastor",
    "bishop",
    "dean",
    "superintendent",
];

/// Capitalised words that never stand alone for a place in running text,
/// whatever the gazetteer says (days, months, pronouns, titles of address,
/// words that head sentences).
pub const NEVER_ALONE: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "sen",
    "sens",
    "gov",
    "rep",
    "reps",
    "rev",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "northern",
    "southern",
    "eastern",
    "western",
    "midwest",
    "gulf",
    "metro",
    "downtown",
    "uptown",
    "i",
    "a",
    "the",
    "he",
    "she",
    "we",
    "they",
    "it",
    "god",
    "jesus",
    "christ",
    "christmas",
    "easter",
    "mass",
    "police",
    "president",
    "mr",
    "mrs",
    "dr",
    "ms",
    "north",
    "south",
    "east",
    "west",
    "central",
    "university",
    "college",
    "school",
    "city",
    "county",
    "state",
    "street",
    "river",
    "lake",
    "news",
    "post",
    "times",
    "star",
    "sun",
    "mail",
    "union",
    "independence",
    "liberty",
    "victoria",
    "florence",
    "hope",
    "faith",
    "grace",
    "joy",
    "eden",
    "paradise",
    "hollywood",
    "wall",
    "best",
    "young",
    "may",
    "june",
    "august",
    "mark",
    "lincoln",
    "jackson",
    "ford",
    "hamilton",
    "franklin",
    "clinton",
    "madison",
    "obama",
    "bush",
    "kennedy",
    "johnson",
    "nixon",
    "wilson",
    "grant",
    "marshall",
    "carter",
    "reagan",
    "trump",
    "biden",
    "sherman",
    "taylor",
    "tyler",
    "harrison",
    "warren",
    "washington",
    "monroe",
    "jefferson",
    "adams",
    "allen",
    "morgan",
    "howard",
    "douglas",
    "bell",
    "cook",
    "mason",
    "parker",
];

/// Names NEVER_ALONE lists that are nevertheless places when a place cue
/// introduces them ("in Washington", "Washington, D.C."): only these
/// person-like names are rescued by context; days and pronouns never are.
pub const RESCUED_BY_CONTEXT: &[&str] = &[
    "washington",
    "lincoln",
    "jackson",
    "hamilton",
    "franklin",
    "clinton",
    "madison",
    "victoria",
    "florence",
    "warren",
    "monroe",
    "independence",
    "liberty",
    "hollywood",
    "eden",
    "sherman",
    "taylor",
    "tyler",
    "harrison",
    "marshall",
    "carter",
    "allen",
    "howard",
    "douglas",
    "mason",
    "parker",
    "morgan",
    "adams",
    "ford",
    "grant",
    "hope",
    "paradise",
    "union",
    "wilson",
];

/// A name the NER tags as a person is still a place when its largest
/// reading has at least this many people ("Arlington", "Paris").
pub const PER_VETO_MAX_POPULATION: u64 = 100_000;

/// A name whose readings are all populated places smaller than this is
/// "minor": followed by a capitalised word that is no place ("Harold
/// Patterson", "Polk School"), it is dropped even when an entities layer
/// is there to vouch for it (the gazetteer's 500-people villages named
/// Harold, Tanya or Honda otherwise turn first names and brands into places).
pub const MINOR_PLACE_POPULATION: u64 = 20_000;

/// Prepositions that introduce a place: a common-word or person-like name
/// right after one is read as a place ("in Mobile", "near Reading").
pub const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "near",
    "from",
    "to",
    "outside",
    "across",
    "into",
    "toward",
    "towards",
    "around",
    "through",
    "throughout",
    "via",
    "of",
    "visited",
    "downtown",
    "between",
];

/// Words that join parts of one place name ("Stratford upon Avon",
/// "Rio de Janeiro", "Isle of Man", "Møre og Romsdal"): a name may run
/// across them. The last line is "and" in Norwegian and Danish, Swedish,
/// German, French, Portuguese and Italian.
pub const NAME_CONNECTORS: &[&str] = &[
    "of", "de", "del", "da", "do", "dos", "das", "la", "le", "les", "du", "des", "upon", "on",
    "en", "am", "an", "der", "den", "el", "al", "y", "and", "sur", "sous", "di", "the", "og",
    "och", "und", "et", "e",
];

/// Words after a name that make it a first- or second-order division
/// ("Kharkiv Oblast", "the Kharkiv region", "Polk County"). The name alone
/// is looked up and divisions are preferred.
pub const DIVISION_SUFFIXES: &[&str] = &[
    "oblast",
    "region",
    "province",
    "state",
    "county",
    "parish",
    "district",
    "governorate",
    "prefecture",
    "krai",
    "kray",
    "republic",
    "territory",
    "department",
    "canton",
    "voivodeship",
];

/// The [`DIVISION_SUFFIXES`] that name a first-order division wherever
/// they are used ("New York state", "Punjab province", "Kharkiv Oblast"):
/// after one of them, a first-order division (ADM1) is preferred over a
/// county of the same name (New York County). "county", "district" and
/// "region" name divisions of either order, so they prefer neither.
pub const FIRST_ORDER_SUFFIXES: &[&str] = &[
    "oblast",
    "state",
    "governorate",
    "krai",
    "kray",
    "voivodeship",
];

/// Heads of institutions named "X of Y", whose Y is a field when it is a
/// common word ("Department of Justice", "Ministry of Agriculture"), not a
/// place (Justice, Illinois).
pub const INSTITUTION_OF_HEADS: &[&str] = &[
    "department",
    "ministry",
    "minister",
    "secretary",
    "bureau",
    "office",
    "board",
    "commission",
    "college",
    "school",
];

/// Abbreviated words of place names, expanded before the name is looked
/// up ("Mt. Pleasant" → "mount pleasant", "Ft. Worth" → "fort worth",
/// "Platte Co." → "platte county"): GeoNames spells them out, and keeps the
/// short forms as alternate names of only a few of the places. (`st` is
/// not expanded: "St Helens" and "Saint Helens" are indexed apart.)
pub const NAME_ABBREVIATIONS: &[(&str, &str)] =
    &[("mt", "mount"), ("ft", "fort"), ("co", "county")];

/// Words right after a name that make it the home of a local institution
/// ("Paris Police", "Norfolk High School", "Henry County Sheriff's",
/// "Newark officials"): local news about a town, which the ranker reads as
/// a cue against a distant namesake that is famous for its size
/// (`local_pop`, `local_capital`).
pub const LOCAL_INSTITUTION_WORDS: &[&str] = &[
    "police",
    "policemen",
    "fire",
    "firefighters",
    "sheriff",
    "sheriff's",
    "high",
    "school",
    "schools",
    "council",
    "selectmen",
    "aldermen",
    "commissioners",
    "mayor",
    "township",
    "library",
    "courthouse",
    "officials",
    "official",
    "residents",
    "resident",
    "board",
    "detention",
    "jail",
    "public",
];

/// Plural division words that close a list of names ("Barrow, Jackson and
/// Madison counties"): every name of the list is a division.
pub const DIVISION_LIST_WORDS: &[&str] =
    &["counties", "parishes", "provinces", "oblasts", "regions"];

/// Words that may join the names of such a list.
pub const LIST_JOINERS: &[&str] = &[",", "and", "or", "&"];

/// Division words that do not join a capitalised name's span: "Texas
/// Department" (of Transportation) is an agency, "Columbia District" rare.
pub const DIVISION_WORDS_NOT_IN_NAMES: &[&str] = &["department", "district", "state"];

/// Words that, with a place noun's help, say "X (is a town) in Y": Y
/// contains X (see `is_container_phrase` in recognize.rs).
pub const CONTAINER_WORDS: &[&str] = &[
    "located",
    "situated",
    "lies",
    "county",
    "community",
    "neighborhood",
    "neighbourhood",
    "district",
    "area",
    "region",
    "province",
    "state",
];

/// The prepositions (before an optional "the") that close "X is a town in
/// Y": "in", "of", and "on" for islands and edges ("a village on the Isle
/// of Portland", "a suburb on the edge of Southampton").
pub const CONTAINER_PREPOSITIONS: &[&str] = &["in", "of", "on"];

/// How the words between X and a container phrase's Y open when they say
/// what X is ("X is a village in Y", "X, a suburb of Y", "X, located in
/// Y"): only then may Y stand in for X (see [`CONTAINER_STAND_INS`]).
pub const CONTAINER_OPENINGS: &[&str] = &[
    "is a",
    "is an",
    "is the",
    "was a",
    "was an",
    "was the",
    "a",
    "an",
    "located",
    "situated",
    "is located",
    "is situated",
    "lies",
];

/// The words between a country and one of its divisions in "X is a town in
/// the U.S. state of Georgia": X's container is then the division.
pub const SUBDIVISION_OF_LINKS: &[&str] = &[
    "state of",
    "province of",
    "region of",
    "prefecture of",
    "county of",
    "district of",
    "department of",
    "canton of",
];

/// Words before "of X" or right before a name that make it a populated
/// place ("the city of Izyum", "the Uzbek city of Samarkand", "the town Y").
pub const CITY_CUES: &[&str] = &[
    "city",
    "town",
    "village",
    "capital",
    "port",
    "suburb",
    "hamlet",
    "township",
    "borough",
    "settlement",
    "municipality",
];

/// Capitalised words after a name that show the name belongs to an
/// organisation, not a place reference of its own ("Kharkiv University",
/// "Washington Post"). Streets and buildings are in [`STREET_HEADS`], which
/// is always checked first.
pub const NON_PLACE_HEADS: &[&str] = &[
    "university",
    "college",
    "school",
    "academy",
    "institute",
    "times",
    "post",
    "news",
    "herald",
    "tribune",
    "journal",
    "gazette",
    "chronicle",
    "daily",
    "observer",
    "telegraph",
    "star",
    "globe",
    "bank",
    "company",
    "co",
    "corp",
    "inc",
    "ltd",
    "group",
    "club",
    "fc",
    "united",
    "team",
    "council",
    "board",
    "department",
    "dept",
    "police",
    "fire",
    "sheriff",
    "office",
    "community",
    "high",
    "middle",
    "elementary",
    "medical",
    "memorial",
    "regional",
    "general",
    "public",
    "national",
    "international",
    "association",
    "society",
    "foundation",
    "party",
    "federal",
    "reserve",
    "stock",
    "exchange",
    "symphony",
    "orchestra",
    "giants",
    "rangers",
    "senators",
    "mariners",
    "braves",
    "kings",
    "county's",
    "water",
    "power",
    "electric",
    "gas",
    "energy",
    "railroad",
    "railway",
    "airlines",
    "air",
    "press",
    "pd",
    "fd",
    "herald-leader",
];

/// Capitalised heads after a name that make it a newspaper ("the New York
/// Times reported"): rejected even with an entities layer, unlike the other
/// [`NON_PLACE_HEADS`]. Chosen on half A of GeoVirus and LGL.
pub const MEDIA_HEADS: &[&str] = &[
    "times",
    "post",
    "herald",
    "tribune",
    "journal",
    "gazette",
    "chronicle",
    "telegraph",
];

/// Hyphenated forms whose capitalised part is a place: a party and home
/// town after a legislator's name ("Rep. Torrey Westrom, R-Elbow Lake",
/// "DFL-Minneapolis") and "X-based". (prefix, suffix) of the whole token,
/// case-sensitive; the part between is looked up.
pub const HYPHEN_PLACE_FORMS: &[(&str, &str)] = &[
    ("R-", ""),
    ("D-", ""),
    ("I-", ""),
    ("DFL-", ""),
    ("", "-based"),
];

/// Words after a name, in any case, that make it a pathogen's name ("the
/// Reston ebolavirus", "Marburg virus"): never a place reference.
pub const PATHOGEN_HEADS: &[&str] = &["virus", "ebolavirus", "hemorrhagic", "haemorrhagic"];

/// Heads after a name that make it a street or a building, whatever else
/// the text says ("Dublin Road", "Main St."): always rejected. The other
/// [`NON_PLACE_HEADS`] (organisations) are rejected only without an
/// entities layer; with one, "Ohio" in "Ohio Department of Development" is
/// a place reference, as LGL annotates it.
pub const STREET_HEADS: &[&str] = &[
    "street",
    "st",
    "road",
    "rd",
    "avenue",
    "ave",
    "boulevard",
    "blvd",
    "drive",
    "dr",
    "lane",
    "ln",
    "highway",
    "hwy",
    "way",
    "court",
    "ct",
    "place",
    "pl",
    "circle",
    "square",
    "pike",
    "parkway",
    "pkwy",
    "trail",
    "terrace",
    "center",
    "centre",
    "hall",
    "library",
    "museum",
    "stadium",
    "arena",
    "hospital",
    "clinic",
    "church",
    "cathedral",
    "mall",
    "hotel",
    "tower",
    "bridge",
    "airport",
    "station",
    "zoo",
    "jail",
    "prison",
    "gymnasium",
    "theater",
    "theatre",
];

/// Names that the gazetteer knows as small towns but that news uses for
/// buildings and institutions ("the White House said"), or for languages.
pub const NON_PLACE_NAMES: &[&str] = &[
    "white house",
    "pentagon",
    "kremlin",
    "capitol",
    "downing street",
    "wall street",
    "main street",
    "city hall",
    "scotland yard",
    "elysee",
    "the hill",
    // a news agency (Xinhua districts are small)
    "xinhua",
    // languages that small towns are named after (English, Indiana;
    // Cornish, Maine): alone, the word is the language or the people
    "english",
    "welsh",
    "cornish",
    "hindi",
];

/// Words that make a name next to them a natural feature ("River Severn",
/// "Severn River", "Lake Geneva"): the gazetteer holds no rivers, lakes or
/// mountains, so the name must not resolve to a town that shares it.
pub const NATURAL_FEATURES: &[&str] = &[
    "river",
    "lake",
    "mount",
    "mt",
    "mountain",
    "mountains",
    "bay",
    "sea",
    "ocean",
    "gulf",
    "island",
    "islands",
    "isle",
    "valley",
    "creek",
    "forest",
    "desert",
    "canal",
    "strait",
    "cape",
    "peninsula",
    "glacier",
    "falls",
    "reservoir",
    "hills",
    "estuary",
    "channel",
];

/// Verbs and verb phrases that, right after a country or capital in
/// subject position, show it stands for a government ("Moscow was doing
/// all it could", "Beijing said").
pub const METONYMY_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "announced",
    "announces",
    "claimed",
    "claims",
    "denied",
    "denies",
    "warned",
    "warns",
    "accused",
    "accuses",
    "insisted",
    "insists",
    "wants",
    "wanted",
    "demanded",
    "demands",
    "rejected",
    "rejects",
    "responded",
    "threatened",
    "threatens",
    "agreed",
    "agrees",
    "refused",
    "refuses",
    "blamed",
    "blames",
    "condemned",
    "condemns",
    "vowed",
    "vows",
    "urged",
    "urges",
    "believes",
    "hopes",
    "signed",
    "imposed",
    "sanctioned",
    "retaliated",
    "recognised",
    "recognized",
    "expelled",
    "summoned",
    "protested",
    "pledged",
    "promised",
    "was doing",
    "is doing",
    "will do",
    "would do",
    "has said",
    "has denied",
    "has warned",
    "has accused",
    "has threatened",
    "has refused",
    "has called",
    "has demanded",
    "has rejected",
    "has vowed",
    "has promised",
    "has agreed",
    "is trying",
    "was trying",
    "has been trying",
    "will not",
    "would not",
    "does not",
    "did not",
    "has not",
];

/// Direction words: "the north east" (of the article's country) is a
/// relative place.
pub const DIRECTIONS: &[&str] = &[
    "north east",
    "north west",
    "south east",
    "south west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "north",
    "south",
    "east",
    "west",
];

/// AP-style US state abbreviations ("Ky.", "N.Y.") → GeoNames admin1 code.
/// Recognised only after "Place," so that "Pa." or "Mass." elsewhere do
/// not turn into places.
pub const US_STATE_ABBREVIATIONS: &[(&str, &str)] = &[
    ("Ala.", "AL"),
    ("Ariz.", "AZ"),
    ("Ark.", "AR"),
    ("Calif.", "CA"),
    ("Cal.", "CA"),
    ("Colo.", "CO"),
    ("Conn.", "CT"),
    ("Del.", "DE"),
    ("D.C.", "DC"),
    ("Fla.", "FL"),
    ("Ga.", "GA"),
    ("Ill.", "IL"),
    ("Ind.", "IN"),
    ("Kan.", "KS"),
    ("Kans.", "KS"),
    ("Ky.", "KY"),
    ("La.", "LA"),
    ("Md.", "MD"),
    ("Mass.", "MA"),
    ("Mich.", "MI"),
    ("Minn.", "MN"),
    ("Miss.", "MS"),
    ("Mo.", "MO"),
    ("Mont.", "MT"),
    ("Neb.", "NE"),
    ("Nebr.", "NE"),
    ("Nev.", "NV"),
    ("N.H.", "NH"),
    ("N.J.", "NJ"),
    ("N.M.", "NM"),
    ("N.Mex.", "NM"),
    ("N.Y.", "NY"),
    ("N.C.", "NC"),
    ("N.D.", "ND"),
    ("Okla.", "OK"),
    ("Ore.", "OR"),
    ("Oreg.", "OR"),
    ("Pa.", "PA"),
    ("Penn.", "PA"),
    ("R.I.", "RI"),
    ("S.C.", "SC"),
    ("S.D.", "SD"),
    ("Tenn.", "TN"),
    ("Tex.", "TX"),
    ("Vt.", "VT"),
    ("Va.", "VA"),
    ("Wash.", "WA"),
    ("W.Va.", "WV"),
    ("W. Va.", "WV"),
    ("Wis.", "WI"),
    ("Wisc.", "WI"),
    ("Wyo.", "WY"),
];

/// State abbreviations recognised anywhere, not only after "Place,": the
/// dotted two-letter forms and the long forms that are no other word
/// ("S.C. House", "Mass. legislators"). "Pa.", "Ind.", "Miss." or "La."
/// stay out: titles, parties and words.
pub const STATE_ABBREVIATIONS_ANYWHERE: &[&str] = &[
    "D.C.", "N.H.", "N.J.", "N.M.", "N.Y.", "N.C.", "N.D.", "R.I.", "S.C.", "S.D.", "W.Va.",
    "W. Va.", "Calif.", "Conn.", "Mass.", "Tenn.", "Okla.", "Ariz.", "Minn.", "Mich.", "Colo.",
    "Fla.", "Wis.", "Wyo.", "Nev.", "Neb.", "Ky.",
];

/// Party letters before a hyphen and a state: "D-S.C.", "R-Texas".
pub const PARTY_PREFIXES: &[&str] = &["D-", "R-", "I-"];

/// Words before a place name that do not make it part of a longer name
/// ("Western Pennsylvania", "Metropolitan Atlanta"); directions are in
/// [`DIRECTIONS`].
pub const PLACE_PREMODIFIERS: &[&str] = &[
    "western",
    "eastern",
    "northern",
    "southern",
    "central",
    "metropolitan",
    "historic",
    "downtown",
    "greater",
    "upstate",
    "suburban",
    "rural",
];

/// Three-letter codes of first-order divisions that news writes in
/// capitals on their own ("horses in NSW"); normalised keys.
pub const DIVISION_CODES_IN_TEXT: &[&str] = &["nsw", "qld"];

/// Two-letter US postal codes (GeoNames uses them as US admin1 codes);
/// recognised only after "Place," ("Seattle, WA").
pub const US_POSTAL_CODES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
    "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
    "WV", "WI", "WY",
];

/// Country names as demonym tables write them → ISO code, where the
/// gazetteer's own names differ.
pub const COUNTRY_ALIASES: &[(&str, &str)] = &[
    ("United Kingdom of Great Britain and Northern Ireland", "GB"),
    ("United States of America", "US"),
    ("Burma", "MM"),
    ("Czech Republic", "CZ"),
    ("Ivory Coast", "CI"),
    ("East Timor", "TL"),
    ("Vatican City", "VA"),
    ("Republic of the Congo", "CG"),
    ("Democratic Republic of the Congo", "CD"),
    ("North Korea", "KP"),
    ("South Korea", "KR"),
    ("Macedonia", "MK"),
    ("Swaziland", "SZ"),
];

/// Extra demonyms the committed table lacks.
pub const EXTRA_DEMONYMS: &[(&str, &str)] =
    &[("Soviet", "RU"), ("Kyivan", "UA"), ("Emirati", "AE")];

/// Feature-code priors of the resolver's score.
pub const FEATURE_PRIORS: &[(&str, f64)] = &[
    ("PCLI", 9.0),
    ("PCLD", 6.0),
    ("PCLF", 6.0),
    ("PCLS", 6.0),
    ("CONT", 9.0),
    ("ADM1", 3.0),
    ("ADM2", 0.5),
    ("PPLC", 2.5),
    ("PPLA", 1.5),
    ("PPLA2", 0.7),
    ("PPLG", 0.5),
];

/// Containers without codes to compare (feature code → km): a place of the
/// same country within this distance of the container's point is inside
/// it ("a municipality in Sorsogon": a province that GeoNames codes as
/// ADM2 and the gazetteer holds, from iso3166-2, without codes). ADM2
/// applies only to divisions without an admin2 code. Towns as containers
/// ("a suburb of Melbourne") were tried and left out: on half B of LGL and
/// WikToR they cost as much as they gained, and a small namesake near some
/// other namesake outvoted the city ("Melbourne", Derbyshire).
pub const CONTAINER_NEAR_KM: &[(&str, f64)] = &[("ADM2", 100.0)];

/// Containers that stand in for a place the gazetteer lacks. When the text
/// puts X inside Y with a container phrase ("Bradford is a village in Essex
/// County, Massachusetts", "Miramar is a suburb of Wellington") and no
/// candidate of X lies in Y's reading, X is read as Y: a namesake far away
/// (Bradford, Pennsylvania) is worse than the container's own point. Only
/// containers small enough for their point to stand for the places inside
/// them (not first-order divisions or countries): (feature-code prefix,
/// km within which a candidate of X counts as lying in Y even where codes
/// do not say so).
pub const CONTAINER_STAND_INS: &[(&str, f64)] = &[
    ("ADM2", 30.0),
    ("ADM3", 15.0),
    ("ADM4", 10.0),
    ("ADM5", 10.0),
    ("PPL", 15.0),
];

/// A stand-in container's confidence is its own times this.
pub const STAND_IN_CONFIDENCE: f32 = 0.5;

/// Spatial support (see `add_support` in resolve.rs): two names of an
/// article support each other's candidates that lie within this many km.
pub const SUPPORT_KM: f64 = 80.0;
/// Only this many of each other name's best local candidates give support.
pub const SUPPORT_CANDIDATES: usize = 10;

/// Cues the learned ranker may not overrule (rank.rs, `eligible`): when
/// some candidate of a name has one of these features, only such
/// candidates are eligible ("Kharkiv Oblast" is a division, "the city of
/// X" a populated place, "the Uzbek city of X" in Uzbekistan). The
/// datasets' 161 km rule cannot teach these: the oblast's point is near
/// the city's.
pub const RANKER_MUST_HAVE: &[&str] = &["division_cue_match"];

/// Features that make a candidate ineligible for the ranker unless every
/// candidate has them: a division named after a city in it, without a
/// division word ("Kharkiv" is the city).
pub const RANKER_MUST_NOT_HAVE: &[&str] = &["city_over_division"];

/// Weights of the resolver's log-linear score (see resolve.rs). One field
/// per feature; [`Weights::set`] overrides them by name for tuning runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    /// Per natural-log unit of population.
    pub population: f64,
    /// Multiplies [`FEATURE_PRIORS`].
    pub feature: f64,
    /// The mention equals the place's own GeoNames name.
    pub primary_name: f64,
    /// "X Oblast", "the X region": division preferred.
    pub division_cue: f64,
    /// A populated place of the same name outranks a division without a
    /// division cue ("Kharkiv" is the city).
    pub city_over_division: f64,
    /// "city of X": populated place preferred.
    pub city_cue: f64,
    /// "X, Y" where Y is the place's country or first-order division.
    pub qualifier: f64,
    /// "the Uzbek city of X".
    pub demonym_cue: f64,
    /// Share of the article's country evidence that agrees.
    pub doc_country: f64,
    /// Share of the article's first-order division evidence that agrees.
    pub doc_admin1: f64,
    /// Per log-km of distance to the nearest other place of the article.
    pub distance: f64,
    /// Weight of one demonym as country evidence.
    pub demonym_evidence: f64,
    /// Passes of article-level rescoring (each sees the previous pass's
    /// readings); a whole number, at least 1.
    pub passes: f64,
    /// Per log unit of spatial support (other names with a candidate near).
    pub support: f64,
    /// 1: the learned ranker (rank.rs) has the last word; 0: the rules alone.
    pub ranker: f64,
}

impl Weights {
    /// The weights chosen on half A of LGL, GeoVirus and WikToR
    /// (resolution only; coordinate ascent on the mean acc@161 of the three).
    pub const DEFAULT: Weights = Weights {
        population: 0.6,
        feature: 0.7,
        primary_name: 4.0,
        division_cue: 12.0,
        city_over_division: 4.0,
        city_cue: 6.0,
        qualifier: 10.0,
        demonym_cue: 10.0,
        doc_country: 9.0,
        doc_admin1: 5.0,
        distance: 1.0,
        demonym_evidence: 1.0,
        passes: 3.0,
        support: 1.5,
        ranker: 1.0,
    };

    /// Overrides weights from `name=value,name=value` (field names as above).
    pub fn set(&mut self, spec: &str) -> Result<(), String> {
        for item in spec.split(',').filter(|s| !s.trim().is_empty()) {
            let (k, v) = item
                .split_once('=')
                .ok_or_else(|| format!("{item:?}: expected name=value"))?;
            let v: f64 = v
                .trim()
                .parse()
                .map_err(|_| format!("{item:?}: not a number"))?;
            let slot = match k.trim() {
                "population" => &mut self.population,
                "feature" => &mut self.feature,
                "primary_name" => &mut self.primary_name,
                "division_cue" => &mut self.division_cue,
                "city_over_division" => &mut self.city_over_division,
                "city_cue" => &mut self.city_cue,
                "qualifier" => &mut self.qualifier,
                "demonym_cue" => &mut self.demonym_cue,
                "doc_country" => &mut self.doc_country,
                "doc_admin1" => &mut self.doc_admin1,
                "distance" => &mut self.distance,
                "demonym_evidence" => &mut self.demonym_evidence,
                "passes" => &mut self.passes,
                "support" => &mut self.support,
                "ranker" => &mut self.ranker,
                other => return Err(format!("unknown weight {other:?}")),
            };
            *slot = v;
        }
        Ok(())
    }
}

impl Default for Weights {
    fn default() -> Weights {
        Weights::DEFAULT
    }
}
