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
    /// VNNI/AMX CPUs), under a thousand on the f32 fallback.
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
