//! Every word list and pattern the quotation rules use, one readable line
//! per entry. A missing speech verb, title or channel is a one-line fix
//! here, with no change to the rules in [`crate::extract`].
//!
//! All entries are lowercase; lookups lowercase the token first.

/// How a speech verb attaches what was said and to whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    /// Can introduce or follow a direct quotation (`said: “…”`,
    /// `“…,” he said`).
    pub direct: bool,
    /// Can take a reported clause (`said that …`, `says Russia will …`).
    pub indirect: bool,
    /// The verb's object is the addressee (`told Mr Modi that …`). With
    /// `Required`, indirect speech needs the addressee before the clause.
    pub addressee: Addressee,
}

/// Whether a speech verb's object names the addressee.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Addressee {
    /// `said to X`: only through "to".
    ViaTo,
    /// `told X`, `asked X`: the object, when there is one.
    Object,
    /// `told X that …`: indirect speech needs the object first.
    Required,
}

const SAY: Frame = Frame {
    direct: true,
    indirect: true,
    addressee: Addressee::ViaTo,
};
const TELL: Frame = Frame {
    direct: true,
    indirect: true,
    addressee: Addressee::Required,
};
const ASK: Frame = Frame {
    direct: true,
    indirect: true,
    addressee: Addressee::Object,
};
/// Verbs that introduce a direct quotation but rarely a reported clause
/// ("he added: …" is fine, "he smiled that …" is not English).
const DIRECT_ONLY: Frame = Frame {
    direct: true,
    indirect: false,
    addressee: Addressee::ViaTo,
};

/// Speech verbs, by inflected form. The cue of a quotation is one of these
/// (plus any auxiliaries and adverbs before it, see [`CUE_PREFIX`]).
pub const SPEECH_VERBS: &[(&str, Frame)] = &[
    ("say", SAY),
    ("says", SAY),
    ("said", SAY),
    ("saying", SAY),
    ("tell", TELL),
    ("tells", TELL),
    ("told", TELL),
    ("telling", TELL),
    ("add", SAY),
    ("adds", SAY),
    ("added", SAY),
    ("adding", SAY),
    ("ask", ASK),
    ("asks", ASK),
    ("asked", ASK),
    ("asking", ASK),
    ("write", SAY),
    ("writes", SAY),
    ("wrote", SAY),
    ("writing", SAY),
    ("tweet", SAY),
    ("tweets", SAY),
    ("tweeted", SAY),
    ("post", SAY),
    ("posted", SAY),
    ("claim", SAY),
    ("claims", SAY),
    ("claimed", SAY),
    ("claiming", SAY),
    ("insist", SAY),
    ("insists", SAY),
    ("insisted", SAY),
    ("argue", SAY),
    ("argues", SAY),
    ("argued", SAY),
    ("arguing", SAY),
    ("explain", SAY),
    ("explains", SAY),
    ("explained", SAY),
    ("explaining", SAY),
    ("note", SAY),
    ("notes", SAY),
    ("noted", SAY),
    ("noting", SAY),
    ("state", SAY),
    ("states", SAY),
    ("stated", SAY),
    ("announce", SAY),
    ("announces", SAY),
    ("announced", SAY),
    ("declare", SAY),
    ("declares", SAY),
    ("declared", SAY),
    ("admit", SAY),
    ("admits", SAY),
    ("admitted", SAY),
    ("acknowledge", SAY),
    ("acknowledges", SAY),
    ("acknowledged", SAY),
    ("confirm", SAY),
    ("confirms", SAY),
    ("confirmed", SAY),
    ("deny", SAY),
    ("denies", SAY),
    ("denied", SAY),
    ("suggest", SAY),
    ("suggests", SAY),
    ("suggested", SAY),
    ("stress", SAY),
    ("stresses", SAY),
    ("stressed", SAY),
    ("emphasise", SAY),
    ("emphasised", SAY),
    ("emphasize", SAY),
    ("emphasized", SAY),
    ("warn", ASK),
    ("warns", ASK),
    ("warned", ASK),
    ("warning", ASK),
    ("promise", SAY),
    ("promises", SAY),
    ("promised", SAY),
    ("vow", SAY),
    ("vows", SAY),
    ("vowed", SAY),
    ("pledge", SAY),
    ("pledges", SAY),
    ("pledged", SAY),
    ("predict", SAY),
    ("predicts", SAY),
    ("predicted", SAY),
    ("report", SAY),
    ("reports", SAY),
    ("reported", SAY),
    ("reveal", SAY),
    ("reveals", SAY),
    ("revealed", SAY),
    ("recall", SAY),
    ("recalls", SAY),
    ("recalled", SAY),
    ("respond", SAY),
    ("responds", SAY),
    ("responded", SAY),
    ("reply", SAY),
    ("replies", SAY),
    ("replied", SAY),
    ("remark", SAY),
    ("remarked", SAY),
    ("complain", SAY),
    ("complains", SAY),
    ("complained", SAY),
    ("concede", SAY),
    ("concedes", SAY),
    ("conceded", SAY),
    ("conclude", SAY),
    ("concluded", SAY),
    ("contend", SAY),
    ("contends", SAY),
    ("contended", SAY),
    ("maintain", SAY),
    ("maintains", SAY),
    ("maintained", SAY),
    ("assert", SAY),
    ("asserts", SAY),
    ("asserted", SAY),
    ("allege", SAY),
    ("alleges", SAY),
    ("alleged", SAY),
    ("assure", TELL),
    ("assures", TELL),
    ("assured", TELL),
    ("inform", TELL),
    ("informs", TELL),
    ("informed", TELL),
    ("remind", TELL),
    ("reminds", TELL),
    ("reminded", TELL),
    ("urge", ASK),
    ("urges", ASK),
    ("urged", ASK),
    ("continue", DIRECT_ONLY),
    ("continued", DIRECT_ONLY),
    ("continues", DIRECT_ONLY),
    ("exclaimed", DIRECT_ONLY),
    ("shouted", DIRECT_ONLY),
    ("joked", SAY),
    ("quipped", DIRECT_ONLY),
    ("wondered", DIRECT_ONLY),
    ("mused", DIRECT_ONLY),
    ("demand", SAY),
    ("demands", SAY),
    ("demanded", SAY),
    ("boast", SAY),
    ("boasts", SAY),
    ("boasted", SAY),
    ("scolded", DIRECT_ONLY),
    ("yell", DIRECT_ONLY),
    ("yells", DIRECT_ONLY),
    ("yelled", DIRECT_ONLY),
    ("shout", DIRECT_ONLY),
    ("shouts", DIRECT_ONLY),
    ("chant", DIRECT_ONLY),
    ("chanted", DIRECT_ONLY),
    ("chanting", DIRECT_ONLY),
    ("comment", SAY),
    ("commented", SAY),
    ("tweeting", SAY),
    ("sings", DIRECT_ONLY),
    ("sang", DIRECT_ONLY),
    ("cried", DIRECT_ONLY),
    ("asserting", SAY),
    ("declaring", SAY),
    ("insisting", SAY),
];

/// Looks up a speech verb's frame by its lowercase form.
pub fn speech_verb(lower: &str) -> Option<Frame> {
    // Looked up for nearly every token: a map built once, not a scan.
    static MAP: std::sync::OnceLock<std::collections::HashMap<&'static str, Frame>> =
        std::sync::OnceLock::new();
    MAP.get_or_init(|| SPEECH_VERBS.iter().copied().collect())
        .get(lower)
        .copied()
}

/// Words that may stand between the subject and the speech verb and belong
/// to the cue: auxiliaries and the adverbs news writers put there ("has
/// repeatedly said", "is once again questioning", "also told").
pub const CUE_PREFIX: &[&str] = &[
    "is",
    "was",
    "are",
    "were",
    "has",
    "have",
    "had",
    "will",
    "would",
    "did",
    "does",
    "do",
    "'s",
    "’s",
    "also",
    "later",
    "earlier",
    "previously",
    "repeatedly",
    "again",
    "once",
    "then",
    "now",
    "reportedly",
    "recently",
    "publicly",
    "privately",
    "quickly",
    "simply",
    "further",
    "separately",
    "been",
    "being",
    "just",
    "already",
    "often",
    "frequently",
    "twice",
    "still",
    "even",
    "never",
    "not",
    "n't",
    "flatly",
    "strongly",
];

/// Words that end a subject noun phrase when walking left from a speech
/// verb: conjunctions, subordinators and relative words. ("who" is kept as
/// the speaker itself, see [`RELATIVE_SPEAKERS`].)
pub const SUBJECT_STOPS: &[&str] = &[
    "that", "which", "when", "while", "as", "because", "if", "but", "or", "so", "since",
    "although", "though", "after", "before", "where", "whether", "whom", "whose", "than", "until",
    "unless", "once", "yet", "nor", "and", "is", "was", "are", "were", "be", "been", "has", "have",
    "had", "said", "says", "say", "told", "tells", "to", "in", "on", "at", "with", "without", "by",
    "from", "into", "about", "after", "during", "for", "like", "what", "how", "why",
];

/// Words that open a parenthetical between a named speaker and the cue
/// ("Blunt, after a long pause, said"): the speaker is the name alone.
pub const PARENTHETICAL_OPENERS: &[&str] = &[
    "after", "before", "during", "in", "at", "on", "when", "while", "with", "for",
];

/// Words a speaker after its verb never starts with: "said of Cruz" names
/// the topic, not the speaker.
pub const NOT_SPEAKER_STARTS: &[&str] = &["of"];

/// Relative pronouns that are the speaker mention themselves
/// ("listeners … who said they had misgivings").
pub const RELATIVE_SPEAKERS: &[&str] = &["who"];

/// After a comma, these words start a new clause that is no longer part
/// of the reported content ("says Russia will end it “as soon as
/// possible”, despite …").
pub const CONTENT_BREAKERS: &[&str] = &[
    "despite",
    "which",
    "although",
    "though",
    "while",
    "whereas",
    "as",
    "after",
    "before",
    "amid",
    "according",
    "adding",
    "saying",
    "noting",
    "when",
    "following",
    "even",
    "in",
    "since",
    "prompting",
    "sparking",
];

/// Words that can open a reported clause after the speech verb (besides
/// "that" and any capitalised word): pronouns, determiners, numbers are
/// checked by shape.
pub const CLAUSE_OPENERS: &[&str] = &[
    "that",
    "he",
    "she",
    "they",
    "it",
    "we",
    "i",
    "you",
    "there",
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "our",
    "this",
    "these",
    "those",
    "some",
    "many",
    "most",
    "no",
    "nobody",
    "everyone",
    "everything",
    "nothing",
    "all",
    "if",
    "whether",
    "why",
    "how",
    "what",
    "who",
    "one",
    "both",
    "each",
    "any",
    "several",
    "such",
];

/// Speech-verb forms that are also common nouns ("the state", "a
/// tweet", "United States"). As cues they need a subject right before
/// them: a name, a pronoun, or an auxiliary/adverb of [`CUE_PREFIX`].
pub const NOUN_HOMOGRAPHS: &[&str] = &[
    "state",
    "states",
    "post",
    "posts",
    "posted",
    "tweet",
    "tweets",
    "report",
    "reports",
    "claim",
    "claims",
    "note",
    "notes",
    "promise",
    "promises",
    "pledge",
    "pledges",
    "vow",
    "vows",
    "reply",
    "replies",
    "remark",
    "warning",
    "writing",
    "continue",
    "continues",
    "recall",
    "recalls",
    "stress",
];

/// Verbs of acknowledging the listener's view: in `X told Y that he
/// understood he had concerns`, the pronoun after `he <verb>` is the
/// addressee Y (see `speaker::Resolver`, rule `acknowledged_listener`).
pub const ACKNOWLEDGING_VERBS: &[&str] = &[
    "understood",
    "understands",
    "appreciated",
    "appreciates",
    "recognised",
    "recognized",
    "respected",
    "acknowledged",
];

/// Pronouns that can be the subject right before a homograph cue.
pub const SUBJECT_PRONOUNS: &[&str] =
    &["he", "she", "they", "it", "we", "i", "you", "who", "which"];

/// Words right after a speech verb that are its object, not the start of
/// a reported clause ("said nothing", "asked questions about").
pub const NOT_CLAUSE_OPENERS: &[&str] = &[
    "nothing",
    "something",
    "anything",
    "so",
    "goodbye",
    "hello",
    "yes",
    "sorry",
    "thanks",
    "questions",
    "question",
    "for",
    "about",
    "of",
    "on",
    "in",
    "at",
    "with",
    "by",
    "from",
    "during",
    "after",
    "before",
    "against",
    "over",
    "into",
    "through",
    "under",
    "not",
    "n't",
    "also",
    "later",
    "again",
    "repeatedly",
    "recently",
    "previously",
    "publicly",
];

/// After `A, he said,` these words start the writer's own words, not the
/// rest of what was said ("…, the group said, compared with …").
pub const NOT_CONTINUATIONS: &[&str] = &[
    "compared",
    "in",
    "on",
    "at",
    "with",
    "for",
    "by",
    "from",
    "about",
    "during",
    "after",
    "before",
    "according",
    "than",
    "to",
    "as",
    "who",
    "which",
    "where",
    "when",
];

/// Words that end the object of a learned (non-speech) cue: what follows
/// them is circumstance ("criticized the law during a campaign stop").
pub const OBJECT_ENDERS: &[&str] = &["during", "since", "amid", "following", "despite"];

/// Words right before a quotation mark that make the quoted words a
/// title or a name ("on “Fox News Sunday”", "the “gold standard”").
pub const TITLE_INTRODUCERS: &[&str] = &[
    "on",
    "in",
    "of",
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "at",
    "from",
    "by",
    "titled",
    "entitled",
    "dubbed",
    "called",
    "named",
    "so-called",
];

/// Possessive endings right before a quotation mark: with a short quoted
/// title after them (`Fox News’s “Hannity,”`, `ABC’s “This Week,”`) the
/// quoted words name a programme or a publication, not speech (rule
/// `title_after_possessive`, see [`MAX_TITLE_WORDS`]).
pub const POSSESSIVE_MARKS: &[&str] = &["'s", "’s", "'", "’"];

/// A quoted title after a possessive has at most this many words
/// ("Sunday Morning Futures").
pub const MAX_TITLE_WORDS: usize = 5;

/// Small words a title leaves in lower case ("Face the Nation"); every
/// other word of a quoted title is capitalised.
pub const TITLE_SMALL_WORDS: &[&str] = &[
    "the", "a", "an", "of", "and", "or", "in", "on", "at", "to", "for", "with", "from", "by",
];

/// Tokens that end a lead-in before a quotation (rule `lead_in`): the
/// words before the mark belong to the quoted clause only when no clause
/// boundary stands between them ("Mr Kim’s “execution has been
/// challenged,” Mr Solomon said" holds none; "She smiled: “…”" does).
pub const LEAD_IN_BREAKS: &[&str] = &[":", ";", "—", "–", "-", "--", "―", "(", ")", "[", "]"];

/// A lead-in of more than this many tokens is not joined to the quotation
/// (rule `lead_in`).
pub const MAX_LEAD_IN: usize = 30;

/// Lower-case words after a closing mark that do not go on with the
/// quoted clause (rule `trail_out`): the writer's own clause or
/// circumstance starts there.
pub const TRAIL_OUT_STOPS: &[&str] = &[
    "and",
    "but",
    "or",
    "as",
    "while",
    "when",
    "after",
    "before",
    "because",
    "since",
    "though",
    "although",
    "according",
    "adding",
    "saying",
    "noting",
    "referring",
];

/// Words after which a clause opener does not open a clause but continues
/// an object (guards "told the Russian president" from reading "the" as
/// the start of a reported clause). Only used for addressee frames.
pub const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "these",
    "those",
];

/// Dashes that attribute a quotation paragraph to the name after them
/// (`“…” ― Sonya Herridge`, `“…” -- Mitt Romney`): rule `dash_attribution`.
pub const ATTRIBUTION_DASHES: &[&str] = &["―", "—", "–", "--", "-"];

/// Words in an aside after a speech verb that introduce a new quotation of
/// the same speaker (`“…,” Sanders said, suggesting a few questions,
/// including, “…”`) rather than continue the first.
pub const ASIDE_INTRODUCERS: &[&str] = &[
    "including",
    "suggesting",
    "asking",
    "noting",
    "adding",
    "going",
];

/// Multi-word cues that introduce a source after the cue.
pub const ACCORDING_TO: &[&str] = &["according", "to"];

/// Personal pronouns that can be a speaker, with what they tell about the
/// referent.
pub const PRONOUNS: &[(&str, Gender, Number)] = &[
    ("he", Gender::Male, Number::Singular),
    ("him", Gender::Male, Number::Singular),
    ("his", Gender::Male, Number::Singular),
    ("she", Gender::Female, Number::Singular),
    ("her", Gender::Female, Number::Singular),
    ("they", Gender::Unknown, Number::Plural),
    ("them", Gender::Unknown, Number::Plural),
];

/// Grammatical gender, where the text shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
    Unknown,
}

/// Grammatical number of a pronoun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Number {
    Singular,
    Plural,
}

/// Honorifics that show a person's gender ("Mr Putin").
pub const GENDERED_HONORIFICS: &[(&str, Gender)] = &[
    ("mr", Gender::Male),
    ("mr.", Gender::Male),
    ("sir", Gender::Male),
    ("lord", Gender::Male),
    ("king", Gender::Male),
    ("prince", Gender::Male),
    ("mrs", Gender::Female),
    ("mrs.", Gender::Female),
    ("ms", Gender::Female),
    ("ms.", Gender::Female),
    ("miss", Gender::Female),
    ("dame", Gender::Female),
    ("lady", Gender::Female),
    ("queen", Gender::Female),
    ("princess", Gender::Female),
    ("congresswoman", Gender::Female),
    ("congressman", Gender::Male),
    ("chairwoman", Gender::Female),
    ("chairman", Gender::Male),
    ("spokeswoman", Gender::Female),
    ("spokesman", Gender::Male),
];

/// Titles that may stand before a name and are part of a speaker mention
/// ("President Volodymyr Zelenskyy", "Mr Putin"). Lowercase, without dots.
pub const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "vice",
    "prime",
    "minister",
    "chancellor",
    "secretary",
    "senator",
    "sen",
    "representative",
    "rep",
    "governor",
    "gov",
    "mayor",
    "ambassador",
    "speaker",
    "judge",
    "justice",
    "commissioner",
    "chairman",
    "chairwoman",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "general",
    "gen",
    "colonel",
    "col",
    "captain",
    "capt",
    "lt",
    "lieutenant",
    "major",
    "sgt",
    "sergeant",
    "admiral",
    "rev",
    "reverend",
    "congressman",
    "congresswoman",
    "house",
    "foreign",
    "defence",
    "defense",
    "deputy",
    "state",
    "attorney",
    "chief",
    "executive",
    "sheikh",
    "detective",
    "inspector",
    "officer",
];

/// Role nouns a description can be headed by ("the Russian president", "the
/// Indian leader"), multi-word first. Each maps to the role family it
/// matches in an entity's attributes.
pub const ROLE_NOUNS: &[(&str, RoleFamily)] = &[
    ("prime minister", RoleFamily::Government),
    ("foreign minister", RoleFamily::Minister),
    ("defence minister", RoleFamily::Minister),
    ("defense minister", RoleFamily::Minister),
    ("foreign secretary", RoleFamily::Minister),
    ("chief executive", RoleFamily::Executive),
    ("president", RoleFamily::State),
    ("premier", RoleFamily::Government),
    ("chancellor", RoleFamily::Government),
    ("king", RoleFamily::State),
    ("queen", RoleFamily::State),
    ("monarch", RoleFamily::State),
    ("emperor", RoleFamily::State),
    ("leader", RoleFamily::Leader),
    ("minister", RoleFamily::Minister),
    ("secretary", RoleFamily::Minister),
    ("senator", RoleFamily::Legislator),
    ("congressman", RoleFamily::Legislator),
    ("congresswoman", RoleFamily::Legislator),
    ("governor", RoleFamily::Governor),
    ("mayor", RoleFamily::Governor),
    ("spokesman", RoleFamily::Spokesperson),
    ("spokeswoman", RoleFamily::Spokesperson),
    ("spokesperson", RoleFamily::Spokesperson),
    ("ceo", RoleFamily::Executive),
    ("chairman", RoleFamily::Executive),
    ("chairwoman", RoleFamily::Executive),
    ("candidate", RoleFamily::Candidate),
    ("nominee", RoleFamily::Candidate),
    ("ambassador", RoleFamily::Diplomat),
    ("envoy", RoleFamily::Diplomat),
    ("general", RoleFamily::Military),
    ("commander", RoleFamily::Military),
    ("judge", RoleFamily::Judge),
];

/// What sort of position a role noun names. "leader" matches any head of
/// state or government ([`RoleFamily::matches`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleFamily {
    State,
    Government,
    Leader,
    Minister,
    Legislator,
    Governor,
    Spokesperson,
    Executive,
    Candidate,
    Diplomat,
    Military,
    Judge,
}

impl RoleFamily {
    /// Whether a description headed by `self` ("the Indian leader") can
    /// refer to someone whose role is `other` ("prime minister").
    pub fn matches(self, other: RoleFamily) -> bool {
        use RoleFamily::*;
        self == other
            || (self == Leader && matches!(other, State | Government))
            || (other == Leader && matches!(self, State | Government))
    }
}

/// The role family of a role phrase ("prime minister", "President").
pub fn role_family(lower: &str) -> Option<RoleFamily> {
    ROLE_NOUNS
        .iter()
        .find(|(r, _)| *r == lower)
        .map(|(_, f)| *f)
}

/// Adjectives that may stand in a description between the determiner and
/// the role noun without changing who it is ("the former president").
pub const DESCRIPTION_MODIFIERS: &[&str] = &[
    "former",
    "new",
    "top",
    "veteran",
    "embattled",
    "outgoing",
    "incoming",
    "current",
    "then",
    "acting",
    "interim",
    "deputy",
    "vice",
    "chief",
    "foreign",
    "senior",
    "country's",
    "nation's",
    "country’s",
    "nation’s",
];

/// Where something was said: prepositions, then one of [`CHANNELS`] (with
/// an optional determiner between).
pub const CHANNEL_PREPOSITIONS: &[&str] = &["on", "in", "via", "through", "during", "at", "to"];

/// Media and occasions of speech ("on Telegram", "in a statement").
pub const CHANNELS: &[&str] = &[
    "telegram",
    "twitter",
    "facebook",
    "instagram",
    "youtube",
    "tiktok",
    "x",
    "weibo",
    "linkedin",
    "truth social",
    "television",
    "tv",
    "radio",
    "the phone",
    "phone",
    "statement",
    "interview",
    "press conference",
    "news conference",
    "briefing",
    "speech",
    "video",
    "post",
    "tweet",
    "letter",
    "email",
    "podcast",
    "broadcast",
    "address",
    "rally",
    "blog post",
    "op-ed",
    "column",
    "message",
];

/// Day names and relative days that date an utterance ("on Friday
/// afternoon", "yesterday").
pub const DAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
    "tomorrow",
];

/// Parts of a day after a day name ("Friday afternoon").
pub const DAY_PARTS: &[&str] = &["morning", "afternoon", "evening", "night"];

/// Time phrases of two words that date an utterance.
pub const TIME_PHRASES: &[&str] = &[
    "last night",
    "last week",
    "last month",
    "last year",
    "this week",
    "this morning",
    "earlier this",
    "at the time",
    "this month",
];

/// Opening and closing quotation marks. Straight `"` and two apostrophes
/// `''` are decided by context (see [`crate::marks`]).
pub const OPENING_MARKS: &[&str] = &["“", "«", "„", "``"];
/// See [`OPENING_MARKS`].
pub const CLOSING_MARKS: &[&str] = &["”", "»"];
/// Marks that open or close depending on their neighbours.
pub const AMBIGUOUS_MARKS: &[&str] = &["\"", "''"];

/// Whether `w` is in a table of lowercase words.
pub fn is_in(table: &[&str], lower: &str) -> bool {
    table.contains(&lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_lowercase_and_speech_verbs_unique() {
        for (w, _) in SPEECH_VERBS {
            assert_eq!(*w, w.to_lowercase());
            assert_eq!(
                SPEECH_VERBS.iter().filter(|(x, _)| x == w).count(),
                1,
                "{w}"
            );
        }
        for t in [
            SUBJECT_STOPS,
            CONTENT_BREAKERS,
            CLAUSE_OPENERS,
            TITLES,
            CHANNELS,
            DAYS,
        ] {
            for w in t {
                assert_eq!(*w, w.to_lowercase());
            }
        }
    }

    #[test]
    fn leader_matches_heads_of_state_and_government_only() {
        assert!(RoleFamily::Leader.matches(RoleFamily::Government));
        assert!(RoleFamily::Leader.matches(RoleFamily::State));
        assert!(!RoleFamily::Leader.matches(RoleFamily::Spokesperson));
        assert!(!RoleFamily::State.matches(RoleFamily::Government));
    }

    #[test]
    fn told_requires_an_addressee_and_said_does_not() {
        assert_eq!(speech_verb("told").unwrap().addressee, Addressee::Required);
        assert_eq!(speech_verb("said").unwrap().addressee, Addressee::ViaTo);
        assert!(speech_verb("spoke").is_none());
    }
}
