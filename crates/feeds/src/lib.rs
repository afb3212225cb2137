//! Article sources beyond single pages: RSS/Atom/JSON feeds and WARC archives.
//!
//! Key decisions:
//! - Feeds go through `feed-rs`, which reads RSS 0.9–2.0, Atom and JSON Feed
//!   into one model; each entry becomes an [`Article`] whose `html` is the
//!   entry's content, or its summary when there is no content.
//! - WARC is read by a small streaming reader written here ([`warc`]) rather
//!   than the `warc` crate's: that one reads bodies line by line and cannot
//!   find the next record after a damaged one, and "one bad record never stops
//!   the run" is the requirement. Ours reads `Content-Length` bytes and, after
//!   a bad header, scans forward to the next `WARC/` version line. The `warc`
//!   crate's writer builds the test archives, which keeps us honest about
//!   interoperability.
//!
//! Both hand out [`Article`]s carrying HTML; the caller turns that HTML into
//! text with `newsgraph_html::extract`, which keeps the text-to-source alignment.

pub mod feed;
pub mod warc;

pub use feed::{read_feed, FeedError};
pub use warc::{RecordError, WarcArticles, WarcOptions};

/// One article found in a feed or an archive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    /// The article's URL (feed entry link or WARC target URI).
    pub url: Option<String>,
    /// Title, when the source gives one (feeds).
    pub title: Option<String>,
    /// Publication time, RFC 3339, when the source gives one (feeds).
    pub published: Option<String>,
    /// Last update, RFC 3339, kept apart from `published`.
    pub modified: Option<String>,
    /// Author names given by the source.
    pub authors: Vec<String>,
    /// The HTML: feed content or summary, or the decoded WARC payload.
    pub html: String,
    /// Where it came from.
    pub origin: Origin,
}

/// The source of an [`Article`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Origin {
    /// Not set.
    #[default]
    Unknown,
    /// A feed entry.
    Feed {
        /// The entry's id.
        entry_id: String,
        /// Whether `html` is the entry's summary (there was no content).
        summary_only: bool,
    },
    /// A WARC response record.
    Warc {
        /// `WARC-Record-ID`.
        record_id: String,
        /// `WARC-Date`: when the page was fetched (not published).
        fetched: Option<String>,
        /// The charset the payload was decoded from.
        encoding: &'static str,
    },
}
