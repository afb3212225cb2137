//! Geoparsing datasets (../shared/data/geo): LGL, GeoVirus, WikToR.
//!
//! All three give toponyms as character offsets into the article text; the
//! readers turn them into byte offsets. GeoVirus' offsets are one character
//! off in places: every reader re-anchors a gold span on the nearest
//! occurrence of its name within 3 characters, and counts the toponyms it
//! cannot anchor (they are dropped and reported).

use anyhow::{Context, Result};
use std::path::Path;

/// One gold toponym.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldToponym {
    /// Byte offsets into the article text.
    pub start: usize,
    pub end: usize,
    pub lat: f64,
    pub lon: f64,
    /// The GeoNames id, where the dataset gives one (LGL).
    pub geonames_id: Option<u32>,
}

/// One article with its gold toponyms.
#[derive(Debug, Clone)]
pub struct GeoDoc {
    pub id: String,
    pub text: String,
    pub gold: Vec<GoldToponym>,
}

/// A dataset and the number of gold toponyms that could not be anchored.
pub struct GeoSet {
    pub docs: Vec<GeoDoc>,
    pub unanchored: usize,
}

/// Byte offset of character offset `c` (clamped to the text's end).
fn byte_at(text: &str, c: usize) -> usize {
    text.char_indices().nth(c).map_or(text.len(), |(b, _)| b)
}

/// Anchors `name` at character offsets `[s, e)`, or at the nearest
/// occurrence within 3 characters; returns byte offsets.
fn anchor(text: &str, name: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    for d in [0i64, -1, 1, -2, 2, -3, 3] {
        let (cs, ce) = (s as i64 + d, e as i64 + d);
        if cs < 0 {
            continue;
        }
        let (bs, be) = (byte_at(text, cs as usize), byte_at(text, ce as usize));
        if bs <= be && text.get(bs..be).is_some_and(|t| t == name) {
            return Some((bs, be));
        }
    }
    None
}

fn child_text<'a>(node: roxmltree::Node<'a, 'a>, tag: &str) -> Option<&'a str> {
    node.children()
        .find(|c| c.has_tag_name(tag))
        .and_then(|c| c.text())
}

fn num<T: std::str::FromStr>(s: Option<&str>) -> Option<T> {
    s?.trim().parse().ok()
}

/// LGL (`lgl.xml`): articles with toponyms carrying GeoNames ids. Toponyms
/// without coordinates are dropped.
pub fn read_lgl(path: &Path) -> Result<GeoSet> {
    let raw =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let xml = roxmltree::Document::parse(&raw).context("parsing lgl.xml")?;
    let mut set = GeoSet {
        docs: Vec::new(),
        unanchored: 0,
    };
    for art in xml
        .root_element()
        .children()
        .filter(|n| n.has_tag_name("article"))
    {
        let text = child_text(art, "text").unwrap_or("").to_string();
        let mut gold = Vec::new();
        for tp in art.descendants().filter(|n| n.has_tag_name("toponym")) {
            let (Some(s), Some(e), Some(phrase)) = (
                num::<usize>(child_text(tp, "start")),
                num::<usize>(child_text(tp, "end")),
                child_text(tp, "phrase"),
            ) else {
                continue;
            };
            let Some(gaz) = tp.children().find(|c| c.has_tag_name("gaztag")) else {
                continue;
            };
            let (Some(lat), Some(lon)) = (num(child_text(gaz, "lat")), num(child_text(gaz, "lon")))
            else {
                continue;
            };
            match anchor(&text, phrase, s, e) {
                Some((start, end)) => gold.push(GoldToponym {
                    start,
                    end,
                    lat,
                    lon,
                    geonames_id: gaz.attribute("geonameid").and_then(|v| v.parse().ok()),
                }),
                None => set.unanchored += 1,
            }
        }
        set.docs.push(GeoDoc {
            id: art.attribute("docid").unwrap_or("").to_string(),
            text,
            gold,
        });
    }
    Ok(set)
}

/// GeoVirus (`GeoVirus.xml`): Wikinews articles, locations with coordinates.
pub fn read_geovirus(path: &Path) -> Result<GeoSet> {
    let raw =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let xml = roxmltree::Document::parse(&raw).context("parsing GeoVirus.xml")?;
    let mut set = GeoSet {
        docs: Vec::new(),
        unanchored: 0,
    };
    for (i, art) in xml
        .root_element()
        .children()
        .filter(|n| n.has_tag_name("article"))
        .enumerate()
    {
        let text = child_text(art, "text").unwrap_or("").to_string();
        let mut gold = Vec::new();
        for loc in art.descendants().filter(|n| n.has_tag_name("location")) {
            let (Some(name), Some(s), Some(e), Some(lat), Some(lon)) = (
                child_text(loc, "name"),
                num::<usize>(child_text(loc, "start")),
                num::<usize>(child_text(loc, "end")),
                num(child_text(loc, "lat")),
                num(child_text(loc, "lon")),
            ) else {
                continue;
            };
            match anchor(&text, name, s, e) {
                Some((start, end)) => gold.push(GoldToponym {
                    start,
                    end,
                    lat,
                    lon,
                    geonames_id: None,
                }),
                None => set.unanchored += 1,
            }
        }
        gold.sort_by_key(|g| g.start);
        set.docs.push(GeoDoc {
            id: format!("geovirus-{i}"),
            text,
            gold,
        });
    }
    Ok(set)
}

/// WikToR: `texts/N` and line N of `WikToR_gold_eupeg.txt`
/// (`name,,mention,,lat,,lon,,start,,end||` per toponym). Only each
/// article's own place is annotated.
pub fn read_wiktor(dir: &Path) -> Result<GeoSet> {
    let gold_path = dir.join("WikToR_gold_eupeg.txt");
    let raw = std::fs::read_to_string(&gold_path)
        .with_context(|| format!("reading {}", gold_path.display()))?;
    let mut set = GeoSet {
        docs: Vec::new(),
        unanchored: 0,
    };
    for (i, line) in raw.lines().enumerate() {
        let Ok(text) = std::fs::read_to_string(dir.join("texts").join(i.to_string())) else {
            continue;
        };
        let mut gold = Vec::new();
        for item in line.split("||").filter(|s| !s.is_empty()) {
            let f: Vec<&str> = item.split(",,").collect();
            if f.len() < 6 {
                continue;
            }
            let (Some(lat), Some(lon), Some(s), Some(e)) = (
                num(Some(f[2])),
                num(Some(f[3])),
                num(Some(f[4])),
                num(Some(f[5])),
            ) else {
                continue;
            };
            match anchor(&text, f[1], s, e) {
                Some((start, end)) => gold.push(GoldToponym {
                    start,
                    end,
                    lat,
                    lon,
                    geonames_id: None,
                }),
                None => set.unanchored += 1,
            }
        }
        set.docs.push(GeoDoc {
            id: format!("wiktor-{i}"),
            text,
            gold,
        });
    }
    Ok(set)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchor_converts_characters_to_bytes_and_repairs_off_by_one() {
        let text = "Café in Zaïre, near Kinshasa";
        // exact character offsets of "Zaïre"
        assert_eq!(anchor(text, "Zaïre", 8, 13), Some((9, 15)));
        // one character late, as in GeoVirus
        assert_eq!(anchor(text, "Zaïre", 9, 14), Some((9, 15)));
        assert_eq!(anchor(text, "Paris", 8, 13), None);
    }
}
