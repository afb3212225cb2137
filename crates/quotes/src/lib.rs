//! Quotations: who said what, to whom, where and when.
//!
//! Key decision: **rules where conventions are strict, a learned tagger
//! where they run out.** Direct speech in news follows a few typographic
//! and syntactic conventions (`“…,” he said`, `X said: “…”`, quotations
//! over paragraphs that reopen each paragraph and close once); rules read
//! those in one linear pass, are predictable, and a missed verb is a
//! one-line fix in a named table ([`tables`]). Reported speech and
//! PolNeAR's wider attribution (beliefs, plans, paraphrase) vary too much
//! for rules: a span tagger trained on PolNeAR ([`tagger`]) finds them,
//! seeing the rules' output as features. [`TaggerUse`] says how the two
//! combine; the choice was measured on PolNeAR dev per class (direct vs
//! indirect): the rules keep direct and colon quotations, the tagger
//! confirms or replaces reported speech. Speaker coreference stays
//! rule-based ([`speaker`]).
//!
//! - [`marks`]: pairs quotation marks into quoted segments.
//! - [`extract`]: the quotation rules (direct, indirect, mixed).
//! - [`speaker`]: speaker coreference (pronouns, titles and surnames,
//!   descriptions such as "the Indian leader") against the article's
//!   entities; [`speaker::links`] exposes pronoun/description → entity
//!   links for the coref stage.
//! - [`tagger`]: the learned source/cue/content tagger (averaged
//!   perceptron, BIO Viterbi, two passes), embedded from
//!   `models/quotes-tagger`.
//! - [`tagger::boundary`]: named rules that move a decoded cue's or
//!   source's edge to PolNeAR's conventions, read off train gold (the
//!   colon after "said", whole names, a closed bracket, an appositive
//!   between source and cue with its commas); also applied to the rules' own quotations under the
//!   attribution configuration ([`Config::rule_boundaries`]).
//! - [`encoder`]: the same tags from the accurate NER model's encoder with
//!   every layer retrained (`models/quotes-encoder`), opt-in through
//!   [`TaggerModel::Encoder`]: on PolNeAR dev it beats the perceptron
//!   (content F1 0.760 against 0.695 under the attribution configuration,
//!   about even under the default speech one) but costs what the accurate
//!   NER stage costs (about 35 times the fast one), so the perceptron stays
//!   the default.
//! - [`QuoteStage`]: the pipeline stage.
//!
//! Conventions (also PolNeAR's, so evaluation compares like with like):
//! - Content spans include the quotation marks; reported content includes
//!   "that" and stops before the sentence's final punctuation.
//! - A split quotation (`“…,” he said. “…”`) is **one** quotation with
//!   several content spans; so is a quotation over several paragraphs (one
//!   span per paragraph).
//! - The speaker mention includes titles and an appositive that is part
//!   of the subject ("Tim Hess, a developer in Virginia,"); its entity is
//!   the last person name before the first comma.
//! - A whole quoted sentence right after reported speech, in the same
//!   paragraph, is a direct quotation of the same speaker with no cue.
//! - A quotation that opens inside its sentence in lower case, cue after
//!   it (`The plan is “far too costly,” she said`) or a parenthetical cue
//!   before it (`The plan, she said, “is far too costly.”`), takes the
//!   writer's words before the mark as content: it is mixed (PolNeAR's
//!   convention too, counted on train).
//! - Quoted words without a cue (scare quotes, titles) are not quotations,
//!   and boilerplate paragraphs are skipped; nor is a short title-case
//!   title after a possessive (`ABC’s “This Week,”`) even before a cue.
//!
//! Measured with `newsgraph-eval quotes` on PolNeAR dev (see that command
//! for the matching rules and the figures).

#[cfg(feature = "encoder")]
pub mod encoder;
pub mod extract;
pub mod lexicon;
pub mod marks;
pub mod speaker;
pub mod tables;
pub mod tagger;
mod view;

mod stage;

pub use speaker::{links, Link};
pub use stage::QuoteStage;

/// What counts as a cue.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Also take the PolNeAR-learned cue lexicon ([`lexicon`]) as cues, and
    /// accept any complement after them. Off by default: that lexicon
    /// includes attitudes and evidence ("hopes", "shows"), not speech.
    pub learned_cues: bool,
    /// A learned form is a cue when at least this share of its train
    /// occurrences were cues …
    pub min_cue_precision: f32,
    /// … and it was a cue at least this often.
    pub min_cue_count: u32,
    /// Whether and how the learned span tagger ([`tagger`]) adds to the
    /// rules.
    pub tagger: TaggerUse,
    /// How the tagger's tags become attributions.
    pub decode: tagger::DecodeOptions,
    /// Which learned tagger runs (when [`Config::tagger`] is not off).
    pub model: TaggerModel,
    /// Also apply the boundary rules ([`tagger::boundary`]) to the rules'
    /// own quotations, so their cues and sources follow PolNeAR's span
    /// conventions too (`said:` takes its colon). Off by default, where the
    /// rules' cue is the speech verb ("said"); on in the attribution
    /// configuration. The tagger's attributions follow them whenever
    /// [`tagger::DecodeOptions::boundaries`] is on.
    pub rule_boundaries: bool,
}

/// Which learned span tagger the stage runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TaggerModel {
    /// The averaged perceptron over hashed features ([`tagger`]): fast,
    /// sees the rules' output as features.
    #[default]
    Perceptron,
    /// The accurate NER model's encoder, retrained
    /// ([`encoder`]): the better tagger on PolNeAR dev, about as costly
    /// per article as the accurate NER stage. Falls back to the perceptron
    /// if its model does not load, or where the crate was built without
    /// its `encoder` feature (on by default).
    Encoder,
    /// Both taggers: the perceptron's attributions, then the encoder's
    /// that overlap none of them ([`extract::union_tagged`]). Costs what
    /// the encoder costs; on PolNeAR dev it loses to the encoder alone
    /// (more recall, much less precision), so it is only an option.
    Both,
}

/// How the learned tagger's attributions combine with the rules'.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TaggerUse {
    /// Rules only.
    #[default]
    Off,
    /// The tagger only (the rules are still its features).
    Only,
    /// The rules' direct quotations, then the tagger's attributions that
    /// do not overlap them.
    Combined,
    /// The rules' direct quotations and those of their other quotations
    /// whose cue the tagger also found, then the tagger's attributions
    /// that do not overlap them.
    Confirmed,
    /// All the rules' quotations, then the tagger's that do not overlap.
    Union,
}

impl Default for Config {
    /// Speech only: the verbs of [`tables::SPEECH_VERBS`]; the tagger
    /// confirms the rules' reported speech and adds the speech attributions
    /// they miss ([`TaggerUse::Confirmed`], chosen on PolNeAR dev).
    fn default() -> Config {
        Config {
            learned_cues: false,
            min_cue_precision: 0.5,
            min_cue_count: 5,
            tagger: TaggerUse::Confirmed,
            decode: tagger::DecodeOptions::default(),
            model: TaggerModel::Perceptron,
            rule_boundaries: false,
        }
    }
}

impl Config {
    /// PolNeAR-style attribution: speech plus the learned cue lexicon, and
    /// every attribution the tagger finds besides the rules' direct
    /// quotations ([`TaggerUse::Combined`]). Thresholds and combination
    /// chosen on PolNeAR dev (content F1 at 50% overlap; see
    /// `newsgraph-eval quotes --attribution`).
    pub fn attribution() -> Config {
        Config {
            learned_cues: true,
            min_cue_precision: 0.3,
            min_cue_count: 3,
            tagger: TaggerUse::Combined,
            rule_boundaries: true,
            ..Config::default()
        }
    }

    /// Whether the rules run the same under both configurations (the
    /// tagger settings aside).
    pub fn same_rules(&self, other: &Config) -> bool {
        self.learned_cues == other.learned_cues
            && self.min_cue_precision == other.min_cue_precision
            && self.min_cue_count == other.min_cue_count
    }
}
