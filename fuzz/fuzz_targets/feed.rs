//! `newsgraph_feeds::read_feed` on arbitrary bytes: an `Err` is fine, a panic is not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(articles) = newsgraph_feeds::read_feed(data) {
        for a in &articles {
            // Touch the fields so nothing is optimised away.
            std::hint::black_box((a.url.as_deref(), a.html.len(), a.authors.len()));
        }
    }
});
