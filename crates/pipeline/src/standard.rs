//! The standard pipeline: every stage newsgraph ships, in order.
//!
//! To add a stage: depend on its crate in this crate's `Cargo.toml`, add it
//! to the list below, and regenerate the golden snapshots
//! (`UPDATE_GOLDEN=1 cargo test -p newsgraph-pipeline --test golden`).

use crate::{BuildError, Pipeline};
use newsgraph_doc::Stage;

/// The stages of the standard pipeline, in order.
pub fn stages() -> Vec<Box<dyn Stage>> {
    vec![
        Box::new(newsgraph_segment::ParagraphStage),
        Box::new(newsgraph_boilerplate::BoilerplateStage),
        Box::new(newsgraph_segment::SentenceStage),
        Box::new(newsgraph_ner::NerStage::new()),
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
