//! The standard pipeline: every stage newsgraph ships, in order.
//!
//! To add a stage: depend on its crate in this crate's `Cargo.toml`, add it
//! to the list below, and regenerate the golden snapshots
//! (`UPDATE_GOLDEN=1 cargo test -p newsgraph-pipeline --test golden`).

use crate::{BuildError, Pipeline};
use newsgraph_doc::Stage;

/// Which named-entity tagger the standard pipeline runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NerMode {
    /// The averaged perceptron (`newsgraph-ner`): hundreds of thousands of
    /// words a second.
    #[default]
    Fast,
    /// The fine-tuned encoder (`newsgraph-ner-encoder`): more accurate,
    /// about 5,000 words a CPU-second with its int8 backend (AVX-512
    /// VNNI/AMX CPUs), under a thousand on the f32 fallback. Only with the
    /// `accurate` feature (on by default).
    #[cfg(feature = "accurate")]
    Accurate,
}

/// The stages of the standard pipeline, in order.
pub fn stages() -> Vec<Box<dyn Stage>> {
    stages_with(NerMode::Fast)
}

/// The stages of the standard pipeline with the chosen NER tagger.
pub fn stages_with(ner: NerMode) -> Vec<Box<dyn Stage>> {
    let ner: Box<dyn Stage> = match ner {
        NerMode::Fast => Box::new(newsgraph_ner::NerStage::new()),
        #[cfg(feature = "accurate")]
        NerMode::Accurate => Box::new(newsgraph_ner_encoder::AccurateNerStage::new()),
    };
    vec![
        Box::new(newsgraph_segment::ParagraphStage),
        Box::new(newsgraph_boilerplate::BoilerplateStage),
        Box::new(newsgraph_segment::SentenceStage),
        ner,
        Box::new(newsgraph_coref::CorefStage),
        Box::new(newsgraph_quotes::QuoteStage::new()),
        Box::new(newsgraph_geo::GeoStage),
        // After geo, so that counts can be tied to the place of their sentence.
        Box::new(newsgraph_measure::MeasureStage),
    ]
}

/// The standard pipeline, checked.
pub fn standard() -> Result<Pipeline, BuildError> {
    Pipeline::new(stages())
}

/// The standard pipeline with the chosen NER tagger, checked.
pub fn standard_with(ner: NerMode) -> Result<Pipeline, BuildError> {
    Pipeline::new(stages_with(ner))
}

/// Which quotation tagger the standard pipeline's quotation stage runs
/// (with the rules; see `newsgraph_quotes::TaggerModel`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuotesMode {
    /// The averaged perceptron tagger: the default, chosen on PolNeAR dev.
    #[default]
    Fast,
    /// The tagger on the accurate NER model's encoder
    /// (`models/quotes-encoder`): better on PolNeAR dev than the perceptron
    /// (clearly so for PolNeAR-style attribution, slightly for speech),
    /// and costs about what the accurate NER stage costs per article, far
    /// more than the fast one (see the model card). Only with the
    /// `accurate` feature (on by default).
    #[cfg(feature = "accurate")]
    Accurate,
}

/// The stages of the standard pipeline with the chosen NER and quotation
/// taggers.
pub fn stages_with_quotes(ner: NerMode, quotes: QuotesMode) -> Vec<Box<dyn Stage>> {
    let stages = stages_with(ner);
    match quotes {
        QuotesMode::Fast => stages,
        #[cfg(feature = "accurate")]
        QuotesMode::Accurate => with_encoder_quotes(stages),
    }
}

/// `stages` with the quotation stage running the encoder tagger.
#[cfg(feature = "accurate")]
fn with_encoder_quotes(mut stages: Vec<Box<dyn Stage>>) -> Vec<Box<dyn Stage>> {
    let config = newsgraph_quotes::Config {
        model: newsgraph_quotes::TaggerModel::Encoder,
        ..newsgraph_quotes::Config::default()
    };
    for s in stages.iter_mut() {
        if s.name() == "quotes" {
            *s = Box::new(newsgraph_quotes::QuoteStage::with_config(config.clone()));
        }
    }
    stages
}

/// The standard pipeline with the chosen NER and quotation taggers, checked.
pub fn standard_with_quotes(ner: NerMode, quotes: QuotesMode) -> Result<Pipeline, BuildError> {
    Pipeline::new(stages_with_quotes(ner, quotes))
}
