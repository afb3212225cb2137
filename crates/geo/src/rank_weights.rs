//! The ranker's weights (see `rank.rs`), trained on half A of LGL, GeoVirus and
//! WikToR (each set weighs the same unless GEO_TRAIN_<SET> says otherwise). Written by
//! `GEO_TRAIN_LGL=3 GEO_TRAIN_L2=0.01 GEO_TRAIN=crates/geo/src/rank_weights.rs newsgraph-eval geo`
//! (crates/eval/src/geo.rs); do not edit by hand.

/// (feature, weight) on raw feature values.
pub const RANK_WEIGHTS: &[(&str, f64)] = &[
    ("rules", 0.110380),
    ("population", 0.135283),
    ("prior", 0.002625),
    ("is_country", -0.931509),
    ("is_continent", 1.110297),
    ("is_adm1", -0.858714),
    ("is_adm2", 3.026419),
    ("is_pplc", -1.156480),
    ("is_ppla", -0.355300),
    ("is_ppla2", -0.409565),
    ("is_ppl_other", -0.700795),
    ("primary", 1.575534),
    ("division_cue_match", -0.000000),
    ("division_cue_miss", -1.533810),
    ("city_over_division", 0.000000),
    ("city_cue", 0.035612),
    ("demonym_cue", -0.627218),
    ("qualifier", 0.815258),
    ("support", 1.992790),
    ("doc_country", 0.751363),
    ("doc_admin1", 2.052241),
    ("distance", -0.300419),
    ("no_anchor", -0.427985),
    ("admin1_named", 0.341797),
    ("other_admin1_named", -0.493869),
    ("admin2_named", 3.368301),
    ("country_named", 0.139793),
    ("other_country_named", -0.150691),
    ("demonym_country", 0.048938),
    ("pop_rank", -0.398045),
    ("mentions_area", 0.136346),
    ("pop_rel", 0.183747),
    ("is_us", 0.077403),
    ("admin1_named_early", 1.969922),
];
