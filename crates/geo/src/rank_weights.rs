//! The ranker's weights (see `rank.rs`), trained on half A of LGL, GeoVirus and
//! WikToR (each set weighs the same unless `GEO_TRAIN_<SET>` says otherwise). Written by
//! `GEO_TRAIN_LGL=3 GEO_TRAIN_L2=0.01 GEO_TRAIN=crates/geo/src/rank_weights.rs newsgraph-eval geo`
//! (crates/eval/src/geo.rs); do not edit by hand.

/// (feature, weight) on raw feature values.
pub const RANK_WEIGHTS: &[(&str, f64)] = &[
    ("rules", 0.108361),
    ("population", 0.124949),
    ("prior", 0.061215),
    ("is_country", -0.266192),
    ("is_continent", 1.840020),
    ("is_adm1", 0.293291),
    ("is_adm2", 0.757760),
    ("is_pplc", -0.861061),
    ("is_ppla", -0.039990),
    ("is_ppla2", -0.071928),
    ("is_ppl_other", -0.349781),
    ("primary", 1.880858),
    ("division_cue_match", 0.000000),
    ("division_cue_miss", -1.701723),
    ("city_over_division", 0.000000),
    ("city_cue", -0.022815),
    ("demonym_cue", -0.602193),
    ("qualifier", 0.735822),
    ("support", 1.849686),
    ("doc_country", 0.857528),
    ("doc_admin1", 1.881067),
    ("distance", -0.253429),
    ("no_anchor", -0.180583),
    ("admin1_named", 0.577434),
    ("other_admin1_named", -0.478628),
    ("admin2_named", 2.799666),
    ("country_named", 0.177890),
    ("other_country_named", -0.288239),
    ("demonym_country", 0.054472),
    ("pop_rank", -0.540404),
    ("mentions_area", -0.248194),
    ("pop_rel", 0.099497),
    ("is_us", -0.407687),
    ("admin1_named_early", 2.067430),
];
