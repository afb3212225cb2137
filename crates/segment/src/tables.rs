//! The named tables the tokenizer and the sentence splitter read. Each entry
//! is one readable line; the rules that use them are in `tokenize.rs` and
//! `sentences.rs`. Entries are case-sensitive unless a table says otherwise.

/// Titles and honorifics written before a name. With their dot they never
/// end a sentence ("Gen. Smith", "Mr. Modi", "Prof. Ng"), because in news
/// they are always followed by the name they qualify.
pub const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mssrs", "Messrs", "Mlle", "Mme", "Dr", "Prof", "Rev", "Hon", "Fr", "Gen",
    "Lt", "Col", "Maj", "Capt", "Cpt", "Cmdr", "Cdr", "Adm", "Sgt", "Cpl", "Pvt", "Brig", "Gov",
    "Sen", "Rep", "Reps", "Sens", "Pres", "Supt", "Insp", "Det", "Amb", "Atty", "Gens", "Drs",
    "Sec", "Secy", "Treas", "Ald", "Mt", "Ft", "Pte",
];

/// Other abbreviations that keep their dot ("Jan.", "Inc.", "etc.", "St.").
/// They can end a sentence: the splitter breaks after one only when the
/// next word is in [`SENTENCE_STARTERS`] (or the text opens a quotation).
pub const ABBREVIATIONS: &[&str] = &[
    // Months and days, as newswire abbreviates them.
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon",
    "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
    // Companies and organisations.
    "Inc", "Jr", "Sr", "Corp", "Ltd", "Co", "Cos", "Bros", "Plc", "Dept", "Univ", "Assn", "Intl",
    "Natl", // US states as AP style abbreviates them.
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky",
    "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa",
    "Tenn", "Va", "Vt", "Wash", "Wis", "Wyo", // Places and addresses.
    "St", "Ave", "Blvd", "Rd", "Sq", "Hwy", // Latin and general.
    "etc", "vs", "al", "approx", "est", "cf", "viz", "ca", "Vol", "vol", "Ed", "eds", "Eds",
];

/// Abbreviations that keep their dot only when a number follows ("No. 10",
/// "pp. 4-7"): elsewhere "No." is the word "no" ending a sentence.
pub const ABBREVIATIONS_BEFORE_NUMBER: &[&str] = &[
    "No", "no", "Nos", "nos", "Art", "art", "Fig", "fig", "p", "pp", "Ch", "ch", "Para", "para",
    "Sect", "sect", "Op", "op", "Nr", "nr",
];

/// Clitics split off a word as their own token, as the Penn Treebank and
/// CoNLL do: "Zelenskyy’s" → "Zelenskyy" "’s", "we'll" → "we" "'ll".
/// Matched case-insensitively on the letters after the apostrophe, when
/// they end the word.
pub const CLITICS: &[&str] = &["s", "re", "ve", "ll", "d", "m"];

/// Words that, capitalised after an ambiguous abbreviation ("U.S.", "Inc.",
/// "Jan."), signal a new sentence: "… in the U.S. The move …". Any other
/// capitalised word after such an abbreviation is taken as a continuation
/// ("U.S. President", "Jan. Smith").
pub const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "My",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Here",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "In",
    "On",
    "At",
    "For",
    "From",
    "With",
    "After",
    "Before",
    "When",
    "While",
    "If",
    "As",
    "Although",
    "Though",
    "However",
    "Meanwhile",
    "Still",
    "Then",
    "Now",
    "Some",
    "Many",
    "Most",
    "Other",
    "Others",
    "Both",
    "All",
    "No",
    "None",
    "One",
    "Two",
    "Three",
    "What",
    "Who",
    "Why",
    "How",
    "Where",
    "Which",
    "Last",
    "Next",
    "Earlier",
    "Later",
    "Also",
    "Officials",
    "Police",
    "According",
    "Since",
    "Despite",
    "During",
    "Under",
    "By",
    "Such",
    "Each",
];

/// Characters that close a sentence-final terminator and stay in the
/// sentence: `…possible.”`, `(…fine.)`. Straight quotes count only when
/// glued to the terminator (no space before them).
pub const CLOSERS: &[char] = &[
    '"', '\'', '”', '’', '»', '›', ')', ']', '}', '」', '』', '）', '】',
];

/// Punctuation after which the splitter never breaks, because it carries
/// the sentence on: "?, she asked", "U.S.: the …". Dashes are not here: a
/// spaced dash after a full stop starts a new segment (a wire sign-off
/// "-- London Newsroom", a bullet).
pub const CONTINUERS: &[char] = &[',', ';', ':', '%', ')', ']', '}'];

/// Dashes. After a quotation that closes a sentence, a spaced dash
/// introduces its attribution (`“…long game.” – Matthew Ingram`) and the
/// sentence goes on.
pub const DASHES: &[char] = &['-', '–', '—', '―', '‒'];

/// Full-width sentence marks of scripts written without spaces: they end a
/// sentence even when the next character follows without a space.
pub const FULL_WIDTH_TERMINATORS: &[char] = &['。', '？', '！', '｡'];

/// Characters that end a sentence by themselves.
pub const TERMINATORS: &[char] = &[
    '.', '?', '!', '…', '‼', '⁇', '⁈', '⁉', '。', '？', '！', '｡',
];

/// Ordinal and decade suffixes that stay on a number: "3rd", "1990s".
pub const NUMBER_SUFFIXES: &[&str] = &["st", "nd", "rd", "th", "s", "am", "pm"];

/// Invisible characters treated as white space: zero-width space, BOM,
/// direction marks, word joiner.
pub const INVISIBLE_SPACES: &[char] = &['\u{200B}', '\u{FEFF}', '\u{200E}', '\u{200F}', '\u{2060}'];

/// Line separators beyond `\n` and `\r`: each starts a new paragraph.
pub const LINE_BREAKS: &[char] = &['\u{000B}', '\u{000C}', '\u{0085}', '\u{2028}', '\u{2029}'];

/// Opening quotation marks: after an ambiguous abbreviation one starts a
/// new sentence ("… in the U.S. “We …"); a bracket does not ("11 a.m.
/// (0800 GMT)").
pub const OPENING_QUOTES: &[char] = &['"', '“', '‘', '«', '„'];

/// Whether `word` is an abbreviation of `table`, as written or in capitals
/// ("ST." in an all-caps headline matches "St").
pub fn is_abbreviation(table: &[&str], word: &str) -> bool {
    contains(table, word)
        || (word.len() >= 2
            && word.bytes().all(|b| b.is_ascii_uppercase())
            && table.iter().any(|t| {
                t.starts_with(|c: char| c.is_ascii_uppercase()) && t.eq_ignore_ascii_case(word)
            }))
}

/// Whether `word` is in `table` (tables are short; a linear scan over
/// `&str`s is faster than hashing for them and runs only on words that are
/// followed by a dot).
pub fn contains(table: &[&str], word: &str) -> bool {
    table.contains(&word)
}

/// Verbs of saying that, after `?”` or `!”` and a capitalised name, show the
/// quotation's sentence goes on: `“Why?” Smith asked.`
pub const ATTRIBUTION_VERBS: &[&str] = &[
    "said",
    "says",
    "asked",
    "asks",
    "shouted",
    "shouts",
    "added",
    "adds",
    "told",
    "tells",
    "wrote",
    "writes",
    "replied",
    "replies",
    "cried",
    "yelled",
    "screamed",
    "explained",
    "insisted",
    "continued",
    "tweeted",
    "posted",
    "exclaimed",
    "demanded",
    "wondered",
    "recalled",
];

/// Characters that open a quotation or a parenthesis: after a terminator
/// they start the next sentence.
pub const OPENERS: &[char] = &[
    '"', '\'', '“', '‘', '«', '‹', '(', '[', '{', '„', '‚', '「', '『', '（', '【',
];

/// Punctuation characters (Unicode category P) that the tokenizer labels
/// [`TokenKind::Symbol`](newsgraph_doc::TokenKind::Symbol) instead, because
/// they stand for a word or a unit rather than structure: "3.5%", "AT&T"
/// when split, "@user", "#tag".
pub const PUNCT_AS_SYMBOL: &[char] = &[
    '%', '‰', '‱', '#', '&', '@', '*', '†', '‡', '§', '¶', '/', '\\', '′', '″',
];

/// How many tokens apart two inline enumeration markers ("1." … "2.") may
/// be for the splitter to read them as a list, not as sentence ends.
pub const ENUMERATION_WINDOW: usize = 30;

/// The most digits an inline enumeration marker has.
pub const ENUMERATION_MAX_DIGITS: usize = 2;

/// Beginnings of URLs kept whole as one token (matched ignoring case).
pub const URL_PREFIXES: &[&str] = &["http://", "https://", "ftp://", "www."];

/// Characters that end a URL besides white space.
pub const LINK_STOPS: &[char] = &['<', '>', '"', '“', '”', '‘', '’', '«', '»', '|'];

/// Credit labels ("Image: Reuters") that start a sentence of their own
/// when a scraped caption runs into them without punctuation.
pub const CREDIT_LABELS: &[&str] = &[
    "Image",
    "Images",
    "Photo",
    "Photos",
    "Picture",
    "Pictures",
    "Pic",
    "Video",
    "Credit",
    "Photograph",
    "Illustration",
    "Source",
];

/// Longest e-mail local part and domain the tokenizer looks at (RFC 5321).
pub const EMAIL_MAX_LOCAL: usize = 64;
/// See [`EMAIL_MAX_LOCAL`].
pub const EMAIL_MAX_DOMAIN: usize = 255;
