//! The ranker's weights (see `rank.rs`), trained on half A of LGL, GeoVirus and
//! WikToR (each set weighs the same unless `GEO_TRAIN_<SET>` says otherwise). Written by
//! `GEO_TRAIN_LGL=2 GEO_TRAIN_L2=0.01 GEO_TRAIN=crates/geo/src/rank_weights.rs newsgraph-eval geo`
//! (crates/eval/src/geo.rs); do not edit by hand.

/// (feature, weight) on raw feature values.
pub const RANK_WEIGHTS: &[(&str, f64)] = &[
    ("rules", 0.105878),
    ("population", 0.099995),
    ("prior", 0.103093),
    ("is_country", -0.226254),
    ("is_continent", 1.922519),
    ("is_adm1", 0.380203),
    ("is_adm2", 0.762547),
    ("is_pplc", -0.585475),
    ("is_ppla", 0.124368),
    ("is_ppla2", -0.013548),
    ("is_ppl_other", -0.414858),
    ("primary", 1.763885),
    ("division_cue_match", -0.000000),
    ("division_cue_miss", -1.817725),
    ("city_over_division", 0.000000),
    ("city_cue", -0.012785),
    ("demonym_cue", -0.898988),
    ("qualifier", 0.749239),
    ("support", 1.961170),
    ("doc_country", 0.781406),
    ("doc_admin1", 1.391658),
    ("distance", -0.319633),
    ("no_anchor", -0.490852),
    ("admin1_named", 0.479738),
    ("other_admin1_named", -0.530387),
    ("admin2_named", 2.714371),
    ("country_named", 0.243351),
    ("other_country_named", -0.338525),
    ("demonym_country", 0.036957),
    ("pop_rank", -0.543086),
    ("mentions_area", -0.171681),
    ("pop_rel", 0.079599),
    ("is_us", -0.182604),
    ("admin1_named_early", 2.192169),
];
