//! `WarcArticles::from_reader` iterated to the end on arbitrary bytes, plain
//! and (when the first byte is odd) gzip-wrapped. Records may be `Err`; the
//! iterator must not panic and must end.
#![no_main]

use flate2::{write::GzEncoder, Compression};
use libfuzzer_sys::fuzz_target;
use newsgraph_feeds::{WarcArticles, WarcOptions};
use std::io::{Cursor, Write};

/// More records than any input this size can hold; reaching it means the
/// iterator does not end.
const MAX_ITEMS: usize = 100_000;

fn read_all(bytes: Vec<u8>, host: Option<&str>) {
    let options = WarcOptions {
        host: host.map(str::to_string),
    };
    let mut n = 0;
    for item in WarcArticles::from_reader(Cursor::new(bytes), options) {
        std::hint::black_box(&item);
        n += 1;
        assert!(n < MAX_ITEMS, "WARC iterator does not end");
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let host = (mode & 2 != 0).then_some("example.com");
    if mode & 1 == 0 {
        read_all(rest.to_vec(), host);
    } else {
        let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
        gz.write_all(rest).unwrap();
        read_all(gz.finish().unwrap(), host);
    }
});
