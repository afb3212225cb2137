//! Places: an embedded GeoNames gazetteer and a toponym resolver.
//!
//! Key decision: **the gazetteer ships inside the binary.** It is built
//! once, by `newsgraph-geo-build` from standard GeoNames dump files
//! (`tools/build-gazetteer/fetch.sh` lays the registry packages out in that
//! form), committed as `data/gazetteer/gazetteer.bin.zst` (~8.8 MB: ~245k
//! places, ~566k Latin-script names), and embedded with `include_bytes!`.
//! It opens lazily, once, on first use ([`Gazetteer::embedded`]). So the
//! engine never downloads anything at run time, results do not depend on
//! a machine's files, and tests run on the real gazetteer offline.
//! Names are looked up through an `fst` map from normalised names
//! ([`gazetteer::normalize`]: transliterated, lower-cased) to postings, so
//! "Izyum" finds GeoNames' "Izium" through its alternate names.
//!
//! Recognition ([`recognize`]) finds capitalised gazetteer names in
//! context and reads cues; resolution ([`resolve`]) scores candidates with
//! priors, cues and article-level coherence, and a small learned ranker
//! ([`rank`], weights in [`rank_weights`]) has the last word within the
//! cues it may not overrule. Rules and cues are the named tables in
//! [`tables`].
//!
//! GeoNames data is CC BY 4.0 (see data/gazetteer/README.md).

pub mod demonyms;
pub mod gazetteer;
pub mod rank;
pub mod rank_weights;
pub mod recognize;
pub mod resolve;
pub mod tables;

pub use demonyms::Demonyms;
pub use gazetteer::Gazetteer;
pub use recognize::{scan, Tok, Toponym};

use newsgraph_doc::{
    Diagnostic, Doc, EntityLayer, GeoRef, LayerKind, Place, Severity, Span, Stage, TokenKind,
};

/// Errors of the geo crate: only a gazetteer that does not open.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("gazetteer: {0}")]
    Format(String),
}

/// One given name for ranker training: its spans, and (place, features)
/// per candidate.
pub type RankedName = (Vec<Span>, Vec<(u32, rank::Features)>);

/// Recognises and resolves the places of a text against one gazetteer.
pub struct Geoparser<'g> {
    gaz: &'g Gazetteer,
    demonyms: Demonyms,
    weights: tables::Weights,
    /// Ranker weights other than the committed ones (training runs).
    ranker: Option<rank::Features>,
}

impl Geoparser<'static> {
    /// The geoparser over the embedded gazetteer, built once.
    #[cfg(feature = "embedded")]
    pub fn embedded() -> &'static Geoparser<'static> {
        static P: std::sync::OnceLock<Geoparser<'static>> = std::sync::OnceLock::new();
        P.get_or_init(|| Geoparser::new(Gazetteer::embedded()))
    }
}

impl<'g> Geoparser<'g> {
    pub fn new(gaz: &'g Gazetteer) -> Geoparser<'g> {
        Geoparser {
            gaz,
            demonyms: Demonyms::new(gaz),
            weights: tables::Weights::DEFAULT,
            ranker: None,
        }
    }

    /// The same parser with other resolver weights (for tuning runs).
    pub fn with_weights(mut self, weights: tables::Weights) -> Geoparser<'g> {
        self.weights = weights;
        self
    }

    /// The same parser with other ranker weights (for training runs).
    pub fn with_ranker(mut self, weights: rank::Features) -> Geoparser<'g> {
        self.ranker = Some(weights);
        self
    }

    pub fn gazetteer(&self) -> &'g Gazetteer {
        self.gaz
    }

    pub fn demonyms(&self) -> &Demonyms {
        &self.demonyms
    }

    /// Finds and resolves the places of `text`, tokenised as `toks`.
    /// `entities`, when given, adds LOC mentions and vetoes people.
    pub fn parse(&self, text: &str, toks: &[Tok], entities: Option<&EntityLayer>) -> Vec<Place> {
        let tops = recognize::recognize(text, toks, self.gaz, &self.demonyms, entities);
        self.finish(text, toks, tops)
    }

    /// The places of a document as [`GeoStage`] finds them: from its tokens
    /// and entities, without those in boilerplate (when that layer is set),
    /// in text order. The eval calls it with other weights than the stage's.
    pub fn parse_doc(&self, doc: &Doc) -> Result<Vec<Place>, newsgraph_doc::Error> {
        let toks: Vec<Tok> = doc
            .tokens()?
            .iter()
            .map(|t| Tok {
                span: t.span,
                word: matches!(t.kind, TokenKind::Word | TokenKind::Number),
            })
            .collect();
        let mut places = self.parse(doc.text(), &toks, Some(doc.entities()?));
        if doc.has(LayerKind::Boilerplate) {
            let skip: Vec<Span> = doc.boilerplate()?.iter().map(|b| b.span).collect();
            places.retain(|p| !skip.iter().any(|s| s.contains(p.span)));
        }
        places.sort_by_key(|p| (p.span.start, p.span.end));
        Ok(places)
    }

    /// [`Geoparser::parse`] on raw text, tokenised by [`scan`].
    pub fn parse_text(&self, text: &str) -> Vec<Place> {
        self.parse(text, &scan(text), None)
    }

    /// Resolution only: the toponyms are given (gold spans); cues are read
    /// from their context as recognition would.
    pub fn resolve_spans(&self, text: &str, spans: &[Span]) -> Vec<Place> {
        let toks = scan(text);
        let tops = self.given_toponyms(text, &toks, spans);
        let mut places = self.finish(text, &toks, tops);
        places.retain(|p| spans.contains(&p.span));
        places
    }

    /// Resolution only, as [`Geoparser::resolve_spans`], returning for each
    /// given name its spans and its candidates with the ranker's features
    /// (to train the ranker; see rank.rs).
    pub fn rank_groups(&self, text: &str, spans: &[Span]) -> Vec<RankedName> {
        let toks = scan(text);
        let tops = self.given_toponyms(text, &toks, spans);
        let cues = self.cues(text, &toks, &tops);
        let (_, groups) = resolve::resolve_full(
            self.gaz,
            &self.weights,
            self.ranker.as_ref(),
            &tops,
            &cues,
            true,
        );
        groups
            .into_iter()
            .filter_map(|g| {
                let given: Vec<Span> = g
                    .members
                    .iter()
                    .map(|&m| tops[m].span)
                    .filter(|s| spans.contains(s))
                    .collect();
                (!given.is_empty()).then_some((given, g.cands))
            })
            .collect()
    }

    /// The given spans as toponyms, with the other places the text names
    /// as context (not output).
    fn given_toponyms(&self, text: &str, toks: &[Tok], spans: &[Span]) -> Vec<Toponym> {
        let found = recognize::recognize(text, toks, self.gaz, &self.demonyms, None);
        let mut tops = recognize::from_spans(text, toks, self.gaz, &self.demonyms, spans, &found);
        tops.extend(
            found
                .into_iter()
                .filter(|f| f.relative.is_none() && !spans.iter().any(|s| s.overlaps(f.span))),
        );
        tops.sort_by_key(|t| (t.span.start, t.span.end));
        recognize::link_qualifiers(text, &mut tops);
        tops
    }

    fn cues(&self, text: &str, toks: &[Tok], tops: &[Toponym]) -> resolve::ArticleCues {
        resolve::ArticleCues {
            demonym_countries: toks
                .iter()
                .filter(|t| t.word)
                .filter_map(|t| self.demonyms.country(&text[t.span.start..t.span.end]))
                .collect(),
            named: rank::Named::of(self.gaz, tops),
        }
    }

    /// Resolution alone: the places of toponyms already recognised (by
    /// [`recognize::recognize`] on the same text and tokens).
    pub fn resolve_found(&self, text: &str, toks: &[Tok], tops: Vec<Toponym>) -> Vec<Place> {
        self.finish(text, toks, tops)
    }

    fn finish(&self, text: &str, toks: &[Tok], tops: Vec<Toponym>) -> Vec<Place> {
        let cues = self.cues(text, toks, &tops);
        let (resolved, _) = resolve::resolve_full(
            self.gaz,
            &self.weights,
            self.ranker.as_ref(),
            &tops,
            &cues,
            false,
        );
        tops.into_iter()
            .zip(resolved)
            .map(|(t, r)| Place {
                span: t.span,
                mention: t.mention,
                resolved: r.place.map(|p| self.georef(p, r.confidence)),
                metonymy: r.metonymy,
                relative: t.relative,
                within: r.within,
            })
            .collect()
    }

    /// The doc-layer view of a gazetteer place.
    pub fn georef(&self, place: u32, confidence: f32) -> GeoRef {
        let e = self.gaz.place(place);
        GeoRef {
            geonames_id: e.id,
            name: e.name.to_string(),
            feature_code: self.gaz.feature_code(e).to_string(),
            country: e.country_str().to_string(),
            admin1: (!e.admin1.is_empty() && e.admin1 != "00").then(|| e.admin1.to_string()),
            lat: e.lat as f64,
            lon: e.lon as f64,
            confidence,
        }
    }
}

/// The pipeline stage that assigns [`LayerKind::Places`].
///
/// Requires sentences, tokens and entities: the NER stage's LOC mentions
/// add the places the gazetteer rules miss, and its PER mentions veto
/// names that are people ("Jones", "Kristina"). It reads the boilerplate
/// layer when a stage has set it (places in promo lines are skipped).
/// [`Geoparser::parse`] works without entities too (tokens + gazetteer).
#[derive(Default)]
pub struct GeoStage;

#[cfg(feature = "embedded")]
impl Stage for GeoStage {
    fn name(&self) -> &'static str {
        "geo"
    }

    fn requires(&self) -> &'static [LayerKind] {
        &[LayerKind::Sentences, LayerKind::Tokens, LayerKind::Entities]
    }

    fn assigns(&self) -> &'static [LayerKind] {
        &[LayerKind::Places]
    }

    fn run(&self, doc: &mut Doc) -> Result<Vec<Diagnostic>, newsgraph_doc::Error> {
        let places = Geoparser::embedded().parse_doc(doc)?;
        let mut diags = Vec::new();
        for p in places
            .iter()
            .filter(|p| p.resolved.is_none() && p.relative.is_none())
        {
            diags.push(Diagnostic {
                stage: "geo",
                severity: Severity::Info,
                message: format!("no gazetteer entry for {:?}", doc.slice(p.span)),
                span: Some(p.span),
            });
        }
        doc.set_places(places)?;
        Ok(diags)
    }
}
