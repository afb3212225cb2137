//! `newsgraph_extract::decode` on arbitrary bytes and, when it decodes, the
//! standard pipeline on the text: `run` must return `Ok` (an `Err` is a broken
//! invariant) and nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use chrono::NaiveDate;
use newsgraph_doc::{Doc, Meta};
use newsgraph_pipeline::Pipeline;
use std::sync::OnceLock;

/// Built once: the models load in the first call only.
static PIPELINE: OnceLock<Pipeline> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = newsgraph_extract::decode(data, 1 << 20) else {
        return;
    };
    let pipeline = PIPELINE.get_or_init(|| newsgraph_pipeline::standard().expect("standard pipeline builds"));
    // A publication date, so relative dates ("on Friday") get resolved too.
    let meta = Meta {
        published: NaiveDate::from_ymd_opt(2024, 3, 15),
        ..Meta::default()
    };
    let mut doc = Doc::new(decoded.text, meta);
    if let Err(e) = pipeline.run(&mut doc) {
        panic!("pipeline returned Err on decodable input: {e}");
    }
});
