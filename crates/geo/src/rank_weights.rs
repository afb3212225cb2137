//! The ranker's weights (see `rank.rs`), trained on half A of LGL, GeoVirus and
//! WikToR (each set weighs the same unless `GEO_TRAIN_<SET>` says otherwise). Written by
//! `GEO_TRAIN_LGL=3 GEO_TRAIN_L2=0.01 GEO_TRAIN=crates/geo/src/rank_weights.rs newsgraph-eval geo`
//! (crates/eval/src/geo.rs); do not edit by hand.

/// (feature, weight) on raw feature values.
pub const RANK_WEIGHTS: &[(&str, f64)] = &[
    ("rules", 0.110564),
    ("population", 0.135426),
    ("prior", 0.003221),
    ("is_country", -0.909470),
    ("is_continent", 1.116577),
    ("is_adm1", -0.879589),
    ("is_adm2", 3.028196),
    ("is_pplc", -1.160904),
    ("is_ppla", -0.354333),
    ("is_ppla2", -0.409274),
    ("is_ppl_other", -0.701274),
    ("primary", 1.573240),
    ("division_cue_match", -0.000000),
    ("division_cue_miss", -1.520234),
    ("city_over_division", 0.000000),
    ("city_cue", 0.036140),
    ("demonym_cue", -0.621863),
    ("qualifier", 0.807626),
    ("support", 1.985910),
    ("doc_country", 0.766899),
    ("doc_admin1", 2.052304),
    ("distance", -0.298666),
    ("no_anchor", -0.396003),
    ("admin1_named", 0.341862),
    ("other_admin1_named", -0.499607),
    ("admin2_named", 3.370624),
    ("country_named", 0.144439),
    ("other_country_named", -0.152964),
    ("demonym_country", 0.040272),
    ("pop_rank", -0.396564),
    ("mentions_area", 0.133975),
    ("pop_rel", 0.183941),
    ("is_us", 0.070881),
    ("admin1_named_early", 1.992419),
];
