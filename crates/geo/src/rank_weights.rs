//! The ranker's weights (see `rank.rs`), trained on half A of LGL, GeoVirus and
//! WikToR (each set weighs the same unless `GEO_TRAIN_<SET>` says otherwise). Written by
//! `GEO_TRAIN_LGL=2 GEO_TRAIN_L2=0.01 GEO_TRAIN=crates/geo/src/rank_weights.rs newsgraph-eval geo`
//! (crates/eval/src/geo.rs); do not edit by hand.

/// (feature, weight) on raw feature values.
pub const RANK_WEIGHTS: &[(&str, f64)] = &[
    ("rules", 0.106577),
    ("population", 0.094668),
    ("prior", 0.125588),
    ("is_country", 0.011497),
    ("is_continent", 1.991086),
    ("is_adm1", 0.508772),
    ("is_adm2", 0.777994),
    ("is_pplc", 0.019778),
    ("is_ppla", 0.039475),
    ("is_ppla2", -0.074891),
    ("is_ppl_other", -0.395077),
    ("primary", 1.727279),
    ("division_cue_match", -0.000000),
    ("division_cue_miss", 0.000000),
    ("city_over_division", 0.000000),
    ("city_cue", 0.004474),
    ("demonym_cue", -0.969134),
    ("qualifier", 0.620215),
    ("support", 1.895028),
    ("doc_country", 0.928662),
    ("doc_admin1", 1.372159),
    ("distance", -0.321213),
    ("no_anchor", -0.181979),
    ("admin1_named", 0.351082),
    ("other_admin1_named", -0.531816),
    ("admin2_named", 2.613763),
    ("country_named", 0.267243),
    ("other_country_named", -0.383942),
    ("demonym_country", -0.018814),
    ("pop_rank", -0.541087),
    ("mentions_area", -0.150703),
    ("pop_rel", 0.075344),
    ("is_us", -0.170846),
    ("admin1_named_early", 2.165344),
    ("local_pop", 0.033877),
    ("local_capital", -5.510468),
];
