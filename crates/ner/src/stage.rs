//! The NER pipeline stage.

use crate::demonyms;
use crate::model::{Model, Tagged};
use crate::tags::{chunks, label_of_type};
use crate::titles::{self, TitleKind};
use newsgraph_doc::{
    BoilerplateKind, Diagnostic, Doc, EntityLabel, EntityLayer, Error, LayerKind, Mention,
    MentionKind, Span, Stage,
};

/// Tags each sentence's tokens with the fast model and sets
/// [`LayerKind::Entities`] with one [`Mention`] per name (kind
/// [`MentionKind::Name`], no entity yet: clustering is the coref stage's
/// job).
///
/// The whole article is tagged at once, because the model's document
/// features look at every sentence. Sentences in boilerplate paragraphs are
/// tagged too: a promo line's names ("Sky News", "Zelenskyy") are still
/// names the article shows; only the kinds in [`SKIPPED_BOILERPLATE`] lose
/// their mentions (the Boilerplate layer is read when set, not required).
/// Mentions in headline-case sentences need support from the rest of the
/// article ([`is_headline_case`]). A MISC mention whose text is in the demonym
/// table becomes [`EntityLabel::Demonym`]; titles are kept out of mention
/// spans and make the name after them a person ([`TITLE_RULES`]). `score` is
/// the lowest token confidence of the mention.
pub struct NerStage {
    model: &'static Model,
}

impl NerStage {
    /// The stage with the model embedded in the binary.
    pub fn new() -> NerStage {
        NerStage {
            model: crate::embedded(),
        }
    }

    /// The stage with another model (tests, experiments).
    pub fn with_model(model: &'static Model) -> NerStage {
        NerStage { model }
    }
}

impl Default for NerStage {
    fn default() -> Self {
        NerStage::new()
    }
}

/// Boilerplate kinds whose names are dropped: an "Advertisement" marker or
/// a copyright line names nothing the article is about. Promo headlines,
/// calls to action and credits keep theirs ("Sky News", "Zelenskyy", a
/// photographer).
pub const SKIPPED_BOILERPLATE: &[BoilerplateKind] =
    &[BoilerplateKind::Advertisement, BoilerplateKind::Furniture];

/// A sentence is in headline case ("Wealthy Voters Abandon Republican
/// Party") when at least this many of its words of four or more letters...
pub const HEADLINE_MIN_LONG_WORDS: usize = 4;
/// ...and at least this share of them, start with a capital (but not all
/// in capitals), and it is the article's first sentence (where the headline
/// goes) or capitalises one of [`HEADLINE_FUNCTION_WORDS`] after its first
/// word. A sentence of names in the body ("Vladimir Putin met Narendra Modi
/// in Samarkand.", a results table line) is not one: on CoNLL-2003 dev,
/// where such lines abound, a looser rule cost 2.7 F1.
pub const HEADLINE_CAPITALISED_SHARE: f32 = 0.8;

/// Words that prose writes in lowercase and headline case capitalises.
/// Not "The", "A", "An": names start with them ("The Oval", "The Post").
pub const HEADLINE_FUNCTION_WORDS: &[&str] = &[
    "And", "But", "Or", "Of", "To", "In", "On", "At", "By", "For", "With", "From", "Over", "After",
    "Before", "Into", "As", "Is", "Are", "Was", "Were", "Be", "Has", "Have", "Had", "Will",
    "Would", "Could", "Says", "Said", "Not", "Its", "Their", "His", "Her",
];

/// Whether the words of a sentence are in headline case (see
/// [`HEADLINE_MIN_LONG_WORDS`]); `first` when it is the article's first
/// sentence.
pub fn is_headline_case(words: &[&str], first: bool) -> bool {
    let long: Vec<&&str> = words
        .iter()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let caps = long
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    let mostly_caps = long.len() >= HEADLINE_MIN_LONG_WORDS
        && caps as f32 >= HEADLINE_CAPITALISED_SHARE * long.len() as f32;
    // All-caps headlines are left to the tagger, which learnt them.
    let shouting = long.iter().all(|w| !w.chars().any(char::is_lowercase));
    let capitalised_function_word = words
        .iter()
        .skip(1)
        .any(|w| HEADLINE_FUNCTION_WORDS.contains(w));
    mostly_caps && !shouting && (first || capitalised_function_word)
}

/// In a headline-case sentence every word is capitalised, so capitals say
/// nothing and the tagger (trained on lowercase-headline-free Reuters text)
/// finds names in ordinary words ("Stealth Over Health"). A mention there
/// is kept only when the rest of the article supports it: the same name, or
/// one ending with it or (for names of up to three words) ending it
/// ("Hillary Clinton" / "Clinton"), is a mention outside headline-case
/// sentences. `headline_line` says whether the first sentence is a line of
/// its own followed by more text (where a headline stands); otherwise the
/// first sentence is body text like any other.
pub fn drop_unsupported_headline_mentions(
    text: &str,
    sent_tokens: &[Vec<Span>],
    headline_line: bool,
    mentions: &mut Vec<Mention>,
) {
    let headlines: Vec<Span> = sent_tokens
        .iter()
        .enumerate()
        .filter(|(i, spans)| {
            let words: Vec<&str> = spans.iter().map(|s| &text[s.start..s.end]).collect();
            is_headline_case(&words, *i == 0 && headline_line)
        })
        .map(|(_, spans)| spans)
        .map(|spans| Span::new(spans[0].start, spans[spans.len() - 1].end))
        .collect();
    if headlines.is_empty() {
        return;
    }
    let in_headline = |m: &Mention| headlines.iter().any(|h| h.contains(m.span));
    let key =
        |m: &Mention| crate::features::normalise(&text[m.span.start..m.span.end]).to_lowercase();
    let support: Vec<String> = mentions
        .iter()
        .filter(|m| !in_headline(m))
        .map(key)
        .collect();
    // A headline name longer than the body's ("Hillary Clinton" / "Clinton")
    // counts only while it is name-sized.
    const MAX_EXTENDED_WORDS: usize = 3;
    let supported = |k: &str| {
        support.iter().any(|s| {
            s == k
                || s.ends_with(&format!(" {k}"))
                || (k.ends_with(&format!(" {s}")) && k.split(' ').count() <= MAX_EXTENDED_WORDS)
        })
    };
    mentions.retain(|m| !in_headline(m) || supported(&key(m)));
}

/// Named rules that adjust a tagged chunk using the title table
/// ([`crate::titles`]); each returns the new `(start, end, type)` or `None`
/// to leave the chunk alone.
pub const TITLE_RULES: &[(&str, TitleRule)] = &[
    ("title-inside-mention", title_inside_mention),
    ("title-before-mention", title_before_mention),
];

/// A rule over one sentence's token strings and a chunk in it.
pub type TitleRule = fn(&[&str], (usize, usize, usize)) -> Option<(usize, usize, usize)>;

const PER: usize = 0;

/// "Mr Putin" tagged as one chunk: the title leaves the span (CoNLL
/// convention) and the rest is a person. Only honorifics, or chunks already
/// tagged PER, so "General Motors" stays an organisation; and only before a
/// capitalised word, so "Lord 's" (the cricket ground) stays a place.
fn title_inside_mention(
    words: &[&str],
    (a, b, ty): (usize, usize, usize),
) -> Option<(usize, usize, usize)> {
    let t = titles::title_at_start(&words[a..b])?;
    let name_follows = words[a + t.len]
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    (name_follows && (t.kind == TitleKind::Honorific || ty == PER)).then_some((a + t.len, b, PER))
}

/// A short chunk right after a capitalised title ("Mr Modi", "President
/// Zelenskyy") is a person, whatever type the tagger gave it.
fn title_before_mention(
    words: &[&str],
    (a, b, ty): (usize, usize, usize),
) -> Option<(usize, usize, usize)> {
    let t = titles::title_before(&words[..a])?;
    (t.capitalised && ty != PER && b - a <= 3).then_some((a, b, PER))
}

/// Mentions for tagged sentences: `sent_tokens[s]` are the token spans of
/// sentence `s`, `tagged[s]` their tags. Applies [`TITLE_RULES`] and the
/// demonym table.
/// Names whose type the model cannot learn from CoNLL-2003 (Reuters news
/// of 1996): platforms and companies that did not exist then, and that news
/// now names as channels ("speaking on Telegram"). A mention whose text is
/// exactly one of these takes this label, whatever the tagger said.
pub const KNOWN_LABELS: &[(&str, EntityLabel)] = &[
    ("Telegram", EntityLabel::Organization),
    ("Facebook", EntityLabel::Organization),
    ("Twitter", EntityLabel::Organization),
    ("YouTube", EntityLabel::Organization),
    ("Instagram", EntityLabel::Organization),
    ("WhatsApp", EntityLabel::Organization),
    ("TikTok", EntityLabel::Organization),
    ("Google", EntityLabel::Organization),
    ("Reddit", EntityLabel::Organization),
    ("LinkedIn", EntityLabel::Organization),
    ("Snapchat", EntityLabel::Organization),
    ("Truth Social", EntityLabel::Organization),
];

pub fn mentions_from_tags(
    text: &str,
    sent_tokens: &[Vec<Span>],
    tagged: &[Vec<Tagged>],
) -> Vec<Mention> {
    let mut out = Vec::new();
    for (spans, tags) in sent_tokens.iter().zip(tagged) {
        let words: Vec<&str> = spans.iter().map(|s| &text[s.start..s.end]).collect();
        let plain: Vec<_> = tags.iter().map(|t| t.tag).collect();
        for chunk in chunks(&plain) {
            let mut chunk = chunk;
            for (_, rule) in TITLE_RULES {
                if let Some(c) = rule(&words, chunk) {
                    chunk = c;
                }
            }
            let (a, b, ty) = chunk;
            let span = Span::new(spans[a].start, spans[b - 1].end);
            let mut label = label_of_type(ty);
            if let Some((_, known)) = KNOWN_LABELS
                .iter()
                .find(|(name, _)| *name == &text[span.start..span.end])
            {
                label = *known;
            }
            if label == EntityLabel::Misc {
                let surface = crate::features::normalise(&text[span.start..span.end]);
                if demonyms::country_of(&surface).is_some() {
                    label = EntityLabel::Demonym;
                }
            }
            let score = tags[a..b].iter().map(|t| t.confidence).fold(1f32, f32::min);
            out.push(Mention {
                span,
                label,
                kind: MentionKind::Name,
                entity: None,
                score: Some(score),
            });
        }
    }
    out
}

/// Runs a tagger over the document's sentences and sets
/// [`LayerKind::Entities`] from its tags, the way every NER stage must: one
/// name mention per chunk ([`mentions_from_tags`]), headline-case mentions
/// kept only with support from the body, `adjust(text, mention)` applied to
/// each mention (a stage's own relabelling), names inside skipped boilerplate dropped.
/// Shared by the fast stage and the accurate encoder stage
/// (`newsgraph-ner-encoder`), so the two differ only in their tagger.
pub fn set_entities_from_tagger(
    doc: &mut Doc,
    tag: impl FnOnce(&[Vec<&str>]) -> Vec<Vec<Tagged>>,
    adjust: impl Fn(&str, &mut Mention),
) -> Result<Vec<Diagnostic>, Error> {
    let text = doc.text();
    let tokens = doc.tokens()?;
    let mut sent_tokens: Vec<Vec<Span>> = Vec::new();
    let mut t = 0;
    for s in doc.sentences()? {
        while t < tokens.len() && tokens[t].span.start < s.span.start {
            t += 1;
        }
        let mut spans = Vec::new();
        while t < tokens.len() && tokens[t].span.end <= s.span.end {
            spans.push(tokens[t].span);
            t += 1;
        }
        if !spans.is_empty() {
            sent_tokens.push(spans);
        }
    }
    let strs: Vec<Vec<&str>> = sent_tokens
        .iter()
        .map(|s| s.iter().map(|sp| &text[sp.start..sp.end]).collect())
        .collect();
    let tagged = tag(&strs);
    let mut mentions = mentions_from_tags(text, &sent_tokens, &tagged);
    let headline_line = match (doc.sentences()?.first(), doc.paragraphs()) {
        (Some(s), Ok(paras)) => paras.len() > 1 && paras.first().is_some_and(|p| p.span == s.span),
        _ => false,
    };
    drop_unsupported_headline_mentions(text, &sent_tokens, headline_line, &mut mentions);
    mentions.iter_mut().for_each(|m| adjust(text, m));
    if doc.has(LayerKind::Boilerplate) {
        let skipped: Vec<Span> = doc
            .boilerplate()?
            .iter()
            .filter(|b| SKIPPED_BOILERPLATE.contains(&b.kind))
            .map(|b| b.span)
            .collect();
        mentions.retain(|m| !skipped.iter().any(|s| s.contains(m.span)));
    }
    doc.set_entities(EntityLayer {
        mentions,
        entities: Vec::new(),
    })?;
    Ok(Vec::new())
}

impl Stage for NerStage {
    fn name(&self) -> &'static str {
        "ner"
    }
    fn requires(&self) -> &'static [LayerKind] {
        &[LayerKind::Sentences, LayerKind::Tokens]
    }
    fn assigns(&self) -> &'static [LayerKind] {
        &[LayerKind::Entities]
    }
    fn run(&self, doc: &mut Doc) -> Result<Vec<Diagnostic>, Error> {
        set_entities_from_tagger(doc, |sents| self.model.tag_document(sents), |_, _| {})
    }
}
