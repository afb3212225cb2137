//! RSS, Atom and JSON Feed entries → [`Article`]s, through `feed-rs`.

use crate::{Article, Origin};
use std::io::Read;

/// A feed that could not be read at all (one bad entry does not make one).
#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    /// Not a feed `feed-rs` understands, or broken beyond repair.
    #[error("not a readable feed: {0}")]
    Parse(#[from] feed_rs::parser::ParseFeedError),
}

/// Reads a whole feed and turns each entry into an article, in feed order.
/// Entries with neither content, summary nor link are skipped.
pub fn read_feed(source: impl Read) -> Result<Vec<Article>, FeedError> {
    let feed = feed_rs::parser::parse(source)?;
    let mut out = Vec::with_capacity(feed.entries.len());
    for entry in feed.entries {
        let link = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or_else(|| entry.links.first())
            .map(|l| l.href.clone());
        let content = entry
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .filter(|b| !b.trim().is_empty());
        let summary_only = content.is_none();
        let html = content
            .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
            .unwrap_or_default();
        if html.trim().is_empty() && link.is_none() {
            continue;
        }
        let published = entry.published;
        out.push(Article {
            url: link,
            title: entry
                .title
                .map(|t| t.content.trim().to_string())
                .filter(|t| !t.is_empty()),
            published: published.map(|d| d.to_rfc3339()),
            modified: entry.updated.map(|d| d.to_rfc3339()),
            authors: entry
                .authors
                .iter()
                .filter_map(|p| p.name.as_deref())
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty())
                .collect(),
            html,
            origin: Origin::Feed {
                entry_id: entry.id,
                summary_only,
            },
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example News</title><link>https://news.example/</link><description>d</description>
<item><title>Bridge reopens</title><link>https://news.example/bridge</link>
<guid>https://news.example/bridge</guid><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
<dc:creator>Jane Doe</dc:creator>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>The bridge reopened on Tuesday.</p><p>Traffic was light.</p>]]></content:encoded></item>
<item><title>Only a summary</title><link>https://news.example/summary</link>
<description>&lt;p&gt;Summary &amp;amp; more.&lt;/p&gt;</description></item>
</channel></rss>"#;

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title><id>urn:x</id><updated>2024-03-06T09:00:00Z</updated>
<entry><title>Storm warning</title><id>urn:storm</id><link rel="alternate" href="https://atom.example/storm"/>
<published>2024-03-05T08:00:00Z</published><updated>2024-03-06T09:00:00Z</updated>
<author><name>John Smith</name></author>
<content type="html">&lt;p&gt;Winds of 100 km/h are expected.&lt;/p&gt;</content></entry></feed>"#;

    const JSON_FEED: &str = r#"{"version":"https://jsonfeed.org/version/1.1","title":"JSON News",
"items":[{"id":"1","url":"https://json.example/1","title":"Harbour expands","content_html":"<p>The harbour will grow.</p>",
"date_published":"2024-03-01T12:00:00Z","authors":[{"name":"Ana Lima"}]}]}"#;

    #[test]
    fn rss_items_prefer_content_over_summary_and_keep_dates_and_authors() {
        let a = read_feed(RSS.as_bytes()).unwrap();
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].title.as_deref(), Some("Bridge reopens"));
        assert_eq!(a[0].url.as_deref(), Some("https://news.example/bridge"));
        assert_eq!(a[0].published.as_deref(), Some("2024-03-05T10:00:00+00:00"));
        assert!(a[0].html.contains("<p>The bridge reopened on Tuesday.</p>"));
        assert_eq!(a[0].authors, vec!["Jane Doe"]);
        assert!(matches!(
            &a[1].origin,
            Origin::Feed {
                summary_only: true,
                ..
            }
        ));
        assert!(a[1].html.contains("Summary"));
    }

    #[test]
    fn atom_keeps_published_and_updated_apart() {
        let a = read_feed(ATOM.as_bytes()).unwrap();
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].published.as_deref(), Some("2024-03-05T08:00:00+00:00"));
        assert_eq!(a[0].modified.as_deref(), Some("2024-03-06T09:00:00+00:00"));
        assert_eq!(a[0].url.as_deref(), Some("https://atom.example/storm"));
        assert!(a[0].html.contains("Winds of 100 km/h"));
    }

    #[test]
    fn json_feed_items_become_articles() {
        let a = read_feed(JSON_FEED.as_bytes()).unwrap();
        assert_eq!(a[0].title.as_deref(), Some("Harbour expands"));
        assert_eq!(a[0].authors, vec!["Ana Lima"]);
        assert!(a[0].html.contains("harbour will grow"));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(read_feed("<html><body>not a feed".as_bytes()).is_err());
        assert!(read_feed(&b"\xff\xfe\x00garbage"[..]).is_err());
    }
}
