//! The pipeline: an ordered list of [`Stage`]s, checked once when built.
//!
//! Each stage declares the layers it `requires` and `assigns` (spaCy's
//! component contract). [`Pipeline::new`] walks the list once and refuses an
//! order where a stage reads a layer that no earlier stage assigns, or where
//! two stages assign the same layer. After that, running a document needs no
//! per-document checks beyond the typed layer accessors.

mod standard;

pub use standard::{
    stages, stages_with, stages_with_quotes, standard, standard_with, standard_with_quotes,
    NerMode, QuotesMode,
};

use newsgraph_doc::{Diagnostic, Doc, Error, LayerKind, Stage};
use std::collections::HashMap;

/// Why a list of stages is not a valid pipeline.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum BuildError {
    #[error("stage `{stage}` requires layer `{layer}`, which no earlier stage assigns")]
    MissingRequirement {
        stage: &'static str,
        layer: LayerKind,
    },
    #[error("stage `{stage}` assigns layer `{layer}`, already assigned by `{by}`")]
    AssignedTwice {
        stage: &'static str,
        layer: LayerKind,
        by: &'static str,
    },
}

/// A checked, ordered list of stages.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    /// Checks the order of `stages` once: every requirement is assigned by an
    /// earlier stage, and every layer is assigned by one stage only.
    pub fn new(stages: Vec<Box<dyn Stage>>) -> Result<Pipeline, BuildError> {
        let mut assigned: HashMap<LayerKind, &'static str> = HashMap::new();
        for stage in &stages {
            for &layer in stage.requires() {
                if !assigned.contains_key(&layer) {
                    return Err(BuildError::MissingRequirement {
                        stage: stage.name(),
                        layer,
                    });
                }
            }
            for &layer in stage.assigns() {
                if let Some(by) = assigned.insert(layer, stage.name()) {
                    return Err(BuildError::AssignedTwice {
                        stage: stage.name(),
                        layer,
                        by,
                    });
                }
            }
        }
        Ok(Pipeline { stages })
    }

    /// The names of the stages, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// The layers this pipeline fills.
    pub fn assigns(&self) -> Vec<LayerKind> {
        self.stages
            .iter()
            .flat_map(|s| s.assigns().iter().copied())
            .collect()
    }

    /// Runs every stage on `doc`, collecting their diagnostics.
    ///
    /// An `Err` is a broken invariant inside a stage (a bug), reported for
    /// this document only.
    pub fn run(&self, doc: &mut Doc) -> Result<Vec<Diagnostic>, Error> {
        let mut diagnostics = Vec::new();
        for stage in &self.stages {
            diagnostics.extend(stage.run(doc)?);
        }
        Ok(diagnostics)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_doc::{Meta, Paragraph, Span};

    struct Paras;
    impl Stage for Paras {
        fn name(&self) -> &'static str {
            "paras"
        }
        fn requires(&self) -> &'static [LayerKind] {
            &[]
        }
        fn assigns(&self) -> &'static [LayerKind] {
            &[LayerKind::Paragraphs]
        }
        fn run(&self, doc: &mut Doc) -> Result<Vec<Diagnostic>, Error> {
            let len = doc.text().len();
            doc.set_paragraphs(vec![Paragraph {
                span: Span::new(0, len),
            }])?;
            Ok(vec![])
        }
    }

    struct NeedsTokens;
    impl Stage for NeedsTokens {
        fn name(&self) -> &'static str {
            "needs-tokens"
        }
        fn requires(&self) -> &'static [LayerKind] {
            &[LayerKind::Tokens]
        }
        fn assigns(&self) -> &'static [LayerKind] {
            &[]
        }
        fn run(&self, _: &mut Doc) -> Result<Vec<Diagnostic>, Error> {
            Ok(vec![])
        }
    }

    #[test]
    fn order_with_a_missing_requirement_is_refused_at_build_time() {
        let err = Pipeline::new(vec![Box::new(Paras), Box::new(NeedsTokens)])
            .err()
            .unwrap();
        assert_eq!(
            err,
            BuildError::MissingRequirement {
                stage: "needs-tokens",
                layer: LayerKind::Tokens
            }
        );
    }

    #[test]
    fn a_layer_assigned_twice_is_refused() {
        let err = Pipeline::new(vec![Box::new(Paras), Box::new(Paras)])
            .err()
            .unwrap();
        assert_eq!(
            err,
            BuildError::AssignedTwice {
                stage: "paras",
                layer: LayerKind::Paragraphs,
                by: "paras"
            }
        );
    }

    #[test]
    fn valid_pipeline_runs_its_stages() {
        let p = Pipeline::new(vec![Box::new(Paras)]).unwrap();
        let mut doc = Doc::new("abc", Meta::default());
        p.run(&mut doc).unwrap();
        assert_eq!(doc.paragraphs().unwrap().len(), 1);
    }
}
