//! Titles, honorifics and role nouns that stand before a person's name.
//!
//! Convention (CoNLL's): a title is **not** part of a name mention. "President
//! Putin" is the mention "Putin" with the title "President" before it; the
//! coref stage records titles and roles as entity attributes. Every entry is
//! one line of a table so that a missing title is a one-line fix.

/// What sort of word a title is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleKind {
    /// "Mr", "Dr": only ever a title, only capitalised.
    Honorific,
    /// "President", "prime minister": a title when capitalised before a
    /// name, a role noun when lowercase ("Indian prime minister Narendra
    /// Modi").
    Office,
    /// "Gen.", "Colonel".
    Military,
    /// "Pope", "Rev.".
    Religious,
}

/// Titles, as token sequences (a trailing `.` on a token is ignored when
/// matching, so "Gen" also matches "Gen."). Longer entries win.
pub const TITLES: &[(&str, TitleKind)] = &[
    ("Mr", TitleKind::Honorific),
    ("Mrs", TitleKind::Honorific),
    ("Ms", TitleKind::Honorific),
    ("Miss", TitleKind::Honorific),
    ("Mx", TitleKind::Honorific),
    ("Dr", TitleKind::Honorific),
    ("Prof", TitleKind::Honorific),
    ("Professor", TitleKind::Honorific),
    ("Sir", TitleKind::Honorific),
    ("Dame", TitleKind::Honorific),
    ("Lord", TitleKind::Honorific),
    ("Lady", TitleKind::Honorific),
    ("Madam", TitleKind::Honorific),
    ("Messrs", TitleKind::Honorific),
    ("President", TitleKind::Office),
    ("Vice President", TitleKind::Office),
    ("Vice-President", TitleKind::Office),
    ("President-elect", TitleKind::Office),
    ("Prime Minister", TitleKind::Office),
    ("Deputy Prime Minister", TitleKind::Office),
    ("First Minister", TitleKind::Office),
    ("Foreign Minister", TitleKind::Office),
    ("Defence Minister", TitleKind::Office),
    ("Defense Minister", TitleKind::Office),
    ("Finance Minister", TitleKind::Office),
    ("Interior Minister", TitleKind::Office),
    ("Minister", TitleKind::Office),
    ("Chancellor", TitleKind::Office),
    ("Foreign Secretary", TitleKind::Office),
    ("Home Secretary", TitleKind::Office),
    ("Defence Secretary", TitleKind::Office),
    ("Defense Secretary", TitleKind::Office),
    ("Secretary of State", TitleKind::Office),
    ("Secretary-General", TitleKind::Office),
    ("Secretary General", TitleKind::Office),
    ("Secretary", TitleKind::Office),
    ("Senator", TitleKind::Office),
    ("Sen", TitleKind::Office),
    ("Representative", TitleKind::Office),
    ("Rep", TitleKind::Office),
    ("Congressman", TitleKind::Office),
    ("Congresswoman", TitleKind::Office),
    ("Governor", TitleKind::Office),
    ("Gov", TitleKind::Office),
    ("Mayor", TitleKind::Office),
    ("Ambassador", TitleKind::Office),
    ("Speaker", TitleKind::Office),
    ("Judge", TitleKind::Office),
    ("Justice", TitleKind::Office),
    ("Chief Justice", TitleKind::Office),
    ("Attorney General", TitleKind::Office),
    ("Commissioner", TitleKind::Office),
    ("Chairman", TitleKind::Office),
    ("Chairwoman", TitleKind::Office),
    ("Chief Executive", TitleKind::Office),
    ("King", TitleKind::Office),
    ("Queen", TitleKind::Office),
    ("Prince", TitleKind::Office),
    ("Princess", TitleKind::Office),
    ("Emperor", TitleKind::Office),
    ("Sheikh", TitleKind::Office),
    ("Inspector", TitleKind::Office),
    ("Detective", TitleKind::Office),
    ("Officer", TitleKind::Office),
    ("General", TitleKind::Military),
    ("Gen", TitleKind::Military),
    ("Lieutenant General", TitleKind::Military),
    ("Lt Gen", TitleKind::Military),
    ("Major General", TitleKind::Military),
    ("Maj Gen", TitleKind::Military),
    ("Colonel", TitleKind::Military),
    ("Col", TitleKind::Military),
    ("Lieutenant", TitleKind::Military),
    ("Lt", TitleKind::Military),
    ("Captain", TitleKind::Military),
    ("Capt", TitleKind::Military),
    ("Major", TitleKind::Military),
    ("Maj", TitleKind::Military),
    ("Sergeant", TitleKind::Military),
    ("Sgt", TitleKind::Military),
    ("Admiral", TitleKind::Military),
    ("Adm", TitleKind::Military),
    ("Commander", TitleKind::Military),
    ("Marshal", TitleKind::Military),
    ("Field Marshal", TitleKind::Military),
    ("Pope", TitleKind::Religious),
    ("Cardinal", TitleKind::Religious),
    ("Archbishop", TitleKind::Religious),
    ("Bishop", TitleKind::Religious),
    ("Rev", TitleKind::Religious),
    ("Reverend", TitleKind::Religious),
    ("Father", TitleKind::Religious),
    ("Rabbi", TitleKind::Religious),
    ("Imam", TitleKind::Religious),
    ("Ayatollah", TitleKind::Religious),
];

/// Lowercase role nouns that describe a person without being a title
/// ("the company's chief executive", "police spokesman"): attribute `role`
/// when they premodify a name or stand in apposition to it. Lowercase
/// offices from [`TITLES`] ("prime minister") are roles too.
pub const ROLES: &[&str] = &[
    "leader",
    "opposition leader",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chief",
    "head",
    "boss",
    "director",
    "founder",
    "co-founder",
    "chief executive",
    "ceo",
    "chairman",
    "coach",
    "manager",
    "striker",
    "captain",
    "journalist",
    "reporter",
    "correspondent",
    "analyst",
    "economist",
    "lawyer",
    "investigator",
    "envoy",
    "diplomat",
    "negotiator",
    "official",
    "lawmaker",
    "politician",
    "candidate",
    "activist",
    "actor",
    "actress",
    "singer",
    "writer",
    "author",
    "player",
    "champion",
    "engineer",
    "chief engineer",
    "scientist",
    "chief scientist",
    "researcher",
    "professor",
    "doctor",
    "teacher",
    "editor",
    "owner",
    "shopkeeper",
    "farmer",
    "resident",
    "commander",
    "general",
];

fn bare(token: &str) -> &str {
    token.strip_suffix('.').unwrap_or(token)
}

/// Whether `tokens` spell `phrase`: same words, ignoring a trailing `.` on
/// each token; case-sensitive when `exact_case`, else case-insensitive.
fn spells(tokens: &[&str], phrase: &str, exact_case: bool) -> bool {
    let mut words = phrase.split(' ');
    for t in tokens {
        let t = bare(t);
        let same = match words.next() {
            Some(w) if exact_case => w == t,
            Some(w) => w.eq_ignore_ascii_case(t),
            None => false,
        };
        if !same {
            return false;
        }
    }
    words.next().is_none()
}

/// A title or role matched in running text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TitleMatch {
    /// How many tokens it covers.
    pub len: usize,
    pub kind: TitleKind,
    /// Capitalised as a title ("President"), rather than a lowercase role
    /// noun ("president").
    pub capitalised: bool,
}

fn matches(tokens: &[&str]) -> Option<TitleMatch> {
    // Every entry starts with a letter: skip punctuation and numbers at once.
    if !tokens.first()?.chars().next()?.is_alphabetic() {
        return None;
    }
    for (phrase, kind) in TITLES {
        if spells(tokens, phrase, true) {
            return Some(TitleMatch {
                len: tokens.len(),
                kind: *kind,
                capitalised: true,
            });
        }
    }
    for (phrase, kind) in TITLES {
        if *kind != TitleKind::Honorific && spells(tokens, phrase, false) {
            let all_lower = tokens.iter().all(|t| !t.chars().any(char::is_uppercase));
            if all_lower {
                return Some(TitleMatch {
                    len: tokens.len(),
                    kind: *kind,
                    capitalised: false,
                });
            }
        }
    }
    if ROLES.iter().any(|r| spells(tokens, r, true)) {
        return Some(TitleMatch {
            len: tokens.len(),
            kind: TitleKind::Office,
            capitalised: false,
        });
    }
    None
}

const MAX_TITLE_TOKENS: usize = 3;

/// The longest title or role ending at the end of `tokens` (the words just
/// before a name).
pub fn title_before(tokens: &[&str]) -> Option<TitleMatch> {
    (1..=MAX_TITLE_TOKENS.min(tokens.len()))
        .rev()
        .find_map(|n| matches(&tokens[tokens.len() - n..]))
}

/// The longest capitalised title at the start of `tokens` (the words of a
/// mention), leaving at least one token after it.
pub fn title_at_start(tokens: &[&str]) -> Option<TitleMatch> {
    (1..=MAX_TITLE_TOKENS.min(tokens.len().saturating_sub(1)))
        .rev()
        .find_map(|n| matches(&tokens[..n]).filter(|m| m.capitalised))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_match_with_or_without_a_full_stop() {
        assert_eq!(title_before(&["said", "Mr"]).unwrap().len, 1);
        assert_eq!(title_before(&["Gen."]).unwrap().kind, TitleKind::Military);
        assert!(title_before(&["the", "Mr."]).unwrap().capitalised);
    }

    #[test]
    fn longest_title_wins_and_lowercase_offices_are_roles() {
        let m = title_before(&["Indian", "prime", "minister"]).unwrap();
        assert_eq!(m.len, 2);
        assert!(!m.capitalised);
        let m = title_before(&["Deputy", "Prime", "Minister"]).unwrap();
        assert_eq!(m.len, 3);
        assert!(m.capitalised);
    }

    #[test]
    fn lowercase_honorifics_and_plain_words_are_not_titles() {
        assert_eq!(title_before(&["mr"]), None);
        assert_eq!(title_before(&["the", "house"]), None);
        assert_eq!(
            title_at_start(&["President"]),
            None,
            "a title alone is left as it is"
        );
        assert_eq!(title_at_start(&["Mr", "Putin"]).unwrap().len, 1);
    }
}
