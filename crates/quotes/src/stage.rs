//! The quotation pipeline stage.

use crate::extract::extract;
use crate::speaker::Resolver;
use crate::view::View;
use crate::Config;
use newsgraph_doc::{Diagnostic, Doc, Error, LayerKind, Stage};

/// Finds quotations and their speakers and sets [`LayerKind::Quotes`].
///
/// Requires paragraphs, sentences, tokens and entities (so it runs after
/// NER and coref); reads boilerplate when a stage set it and skips those
/// paragraphs. Odd quotation marks (a mark never closed, a stray closing
/// mark) come back as warnings.
#[derive(Debug, Clone, Default)]
pub struct QuoteStage {
    pub config: Config,
}

impl QuoteStage {
    pub fn new() -> QuoteStage {
        QuoteStage::default()
    }

    pub fn with_config(config: Config) -> QuoteStage {
        QuoteStage { config }
    }
}

impl Stage for QuoteStage {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn requires(&self) -> &'static [LayerKind] {
        &[
            LayerKind::Paragraphs,
            LayerKind::Sentences,
            LayerKind::Tokens,
            LayerKind::Entities,
        ]
    }
    fn assigns(&self) -> &'static [LayerKind] {
        &[LayerKind::Quotes]
    }
    fn run(&self, doc: &mut Doc) -> Result<Vec<Diagnostic>, Error> {
        let (quotes, problems) = {
            let view = View::new(doc)?;
            let mut resolver = Resolver::new(&view, doc)?;
            let out = extract(&view, &mut resolver, &self.config);
            (out.quotes, out.problems)
        };
        doc.set_quotes(quotes)?;
        Ok(problems
            .into_iter()
            .map(|p| Diagnostic::warning("quotes", p.message).at(p.at))
            .collect())
    }
}
