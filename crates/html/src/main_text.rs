//! Main-text selection and emission.
//!
//! Three linear passes over the arena (parents precede children in it):
//! 1. top-down: mark dropped subtrees (non-text tags, boilerplate tags and
//!    class/id patterns, hidden elements), never dropping an ancestor of a
//!    body container;
//! 2. bottom-up: per block, its text and link characters, classified good
//!    (long, few links) or bad (link-dense); good/bad totals per subtree;
//! 3. choose the container (a body container from the table if it holds
//!    enough of the good text, else the deepest node holding most of it) and
//!    emit its text, one line per block, with the alignment.

use crate::align::{walk_text, Alignment};
use crate::dom::{Dom, NodeId, NodeKind};
use crate::rules::{self, thresholds as th};
use std::ops::Range;

/// A subtree left out of the text, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// Source span of the element's start tag.
    pub source: Range<usize>,
    /// Tag name.
    pub tag: String,
    /// The rule that dropped it.
    pub reason: String,
}

/// What main-text extraction yields.
#[derive(Debug, Clone, Default)]
pub struct MainText {
    /// The text: one paragraph per line, white space collapsed.
    pub text: String,
    /// Text → source byte map.
    pub alignment: Alignment,
    /// Byte spans of the lines of `text`.
    pub paragraphs: Vec<Range<usize>>,
    /// Boilerplate subtrees left out (the topmost of each).
    pub dropped: Vec<Dropped>,
    /// The chosen container's start tag in the source, if any.
    pub container: Option<Range<usize>>,
}

#[derive(Clone, Copy, Default)]
struct Stats {
    /// Non-space characters of the block's own text (not nested blocks).
    chars: usize,
    /// ... of which inside links.
    link_chars: usize,
    /// Good characters in the subtree.
    good: usize,
    /// Bad (link-dense) characters in the subtree.
    bad: usize,
    /// All non-space characters in the subtree (kept text only).
    all: usize,
    /// Link characters in the subtree.
    links: usize,
}

fn lower_attrs(dom: &Dom, id: NodeId) -> (String, String, String) {
    match dom.element(id) {
        Some(e) => (
            e.attr("class")
                .unwrap_or("")
                .to_ascii_lowercase()
                .split_ascii_whitespace()
                .filter(|w| {
                    !rules::IGNORED_CLASS_PREFIXES
                        .iter()
                        .any(|p| w.starts_with(p))
                })
                .collect::<Vec<_>>()
                .join(" "),
            e.attr("id").unwrap_or("").to_ascii_lowercase(),
            e.attr("role").unwrap_or("").to_ascii_lowercase(),
        ),
        None => Default::default(),
    }
}

/// Tags the class/id boilerplate patterns apply to (as trafilatura: not
/// `article`, `main` or `body`, whose classes often name the page template).
const PATTERN_TAGS: &[&str] = &[
    "div", "section", "span", "p", "ul", "ol", "li", "aside", "header", "figure", "form", "table",
    "dl", "nav", "footer", "a", "small", "em", "strong", "b", "i",
];

fn is_hidden(dom: &Dom, id: NodeId) -> bool {
    let Some(e) = dom.element(id) else {
        return false;
    };
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    e.attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Whether the element or one of its ancestors has a class/id of [`rules::BOILERPLATE`].
fn named_boilerplate(dom: &Dom, attrs: &[(String, String, String)], mut id: NodeId) -> bool {
    for _ in 0..=th::BODY_CONTAINER_BOILERPLATE_LEVELS {
        if id == Dom::ROOT {
            break;
        }
        if PATTERN_TAGS.contains(&dom.name(id)) {
            let (c, i, r) = &attrs[id];
            if rules::first_match(rules::BOILERPLATE, c, i, r).is_some() {
                return true;
            }
        }
        id = dom.nodes[id].parent;
    }
    false
}

/// Finds the body container: the first element, by table order then document order.
fn body_containers(dom: &Dom, attrs: &[(String, String, String)]) -> Vec<(usize, NodeId)> {
    let mut found = Vec::new();
    for (id, node) in dom.nodes.iter().enumerate() {
        let NodeKind::Element(e) = &node.kind else {
            continue;
        };
        if e.name == "article" {
            found.push((rules::BODY_CONTAINERS.len(), id));
        }
        if e.attr("itemprop")
            .is_some_and(|v| v.eq_ignore_ascii_case("articlebody"))
        {
            found.push((0, id));
            continue;
        }
        if !rules::BODY_CONTAINER_TAGS.contains(&e.name.as_str()) {
            continue;
        }
        let (c, i, r) = &attrs[id];
        // "related-post-content", "sidebar-content", or a "content" div
        // inside related posts: named as boilerplate first.
        if named_boilerplate(dom, attrs, id) {
            continue;
        }
        for (level, table) in rules::BODY_CONTAINERS.iter().enumerate() {
            if rules::first_match(table, c, i, r).is_some() {
                found.push((level, id));
                break;
            }
        }
    }
    found.sort_by_key(|&(level, id)| (level, id));
    found
}

/// Per-block and per-subtree character counts over the kept nodes, and the
/// blocks (and link lists) that are link boilerplate.
fn block_stats(
    dom: &Dom,
    dropped: &[bool],
    owner: &[NodeId],
    in_link: &[bool],
) -> (Vec<Stats>, Vec<bool>) {
    let n = dom.nodes.len();
    let mut st = vec![Stats::default(); n];
    for id in 1..n {
        if dropped[id] {
            continue;
        }
        if let NodeKind::Text(t) = &dom.nodes[id].kind {
            let c = t.text.chars().filter(|c| !c.is_whitespace()).count();
            let o = owner[id];
            st[o].chars += c;
            if in_link[id] {
                st[o].link_chars += c;
            }
        }
    }
    let mut bad_block = vec![false; n];
    for id in 0..n {
        let s = st[id];
        if s.chars == 0 {
            continue;
        }
        let density = s.link_chars as f64 / s.chars as f64;
        if density > th::MAX_LINK_DENSITY {
            st[id].bad += s.chars;
            bad_block[id] = true;
        } else if s.chars - s.link_chars >= th::GOOD_BLOCK_CHARS {
            st[id].good += s.chars - s.link_chars;
        }
        st[id].all += s.chars;
        st[id].links += s.link_chars;
    }
    for id in (1..n).rev() {
        if dropped[id] {
            continue;
        }
        let p = dom.nodes[id].parent;
        let s = st[id];
        st[p].good += s.good;
        st[p].bad += s.bad;
        st[p].all += s.all;
        st[p].links += s.links;
    }
    // Link lists: ul/ol whose text is mostly links are dropped whole.
    for id in 1..n {
        if dropped[id] || !matches!(dom.name(id), "ul" | "ol" | "dl") {
            continue;
        }
        let s = st[id];
        if s.all > 0 && s.links as f64 / s.all as f64 > th::MAX_LIST_LINK_DENSITY {
            bad_block[id] = true;
        }
    }
    (st, bad_block)
}

/// Extracts the main text of a parsed page whose source is `src`.
pub fn main_text(dom: &Dom, src: &str) -> MainText {
    let n = dom.nodes.len();
    let attrs: Vec<(String, String, String)> = (0..n).map(|i| lower_attrs(dom, i)).collect();
    let bodies = body_containers(dom, &attrs);

    let mut protected = vec![false; n];

    let is_block: Vec<bool> = (0..n)
        .map(|i| {
            i == Dom::ROOT
                || dom.element(i).is_some_and(|e| {
                    rules::BLOCK_TAGS.contains(&e.name.as_str())
                        || rules::CELL_TAGS.contains(&e.name.as_str())
                })
        })
        .collect();
    let mut owner = vec![Dom::ROOT; n];
    let mut in_link = vec![false; n];
    for id in 1..n {
        let p = dom.nodes[id].parent;
        owner[id] = if is_block[p] { p } else { owner[p] };
        in_link[id] = in_link[p] || dom.name(p) == "a";
    }

    // Pass 1a: good text with only non-text elements dropped, so that the
    // class/id patterns below never drop a subtree holding most of the page's text.
    let mut dropped = vec![false; n];
    for id in 1..n {
        dropped[id] = dropped[dom.nodes[id].parent]
            || dom
                .element(id)
                .is_some_and(|e| rules::NON_TEXT_TAGS.contains(&e.name.as_str()));
    }
    let (st0, _) = block_stats(dom, &dropped, &owner, &in_link);
    // Ancestors of body containers holding a fair amount of good text are
    // never dropped by patterns (a "content" div inside related posts, or a
    // teaser's "entry", protects nothing).
    for &(_, b) in &bodies {
        if st0[b].good < th::PROTECTING_BODY_MIN_CHARS {
            continue;
        }
        let mut a = b;
        while a != Dom::ROOT && !protected[a] {
            protected[a] = true;
            a = dom.nodes[a].parent;
        }
    }
    let protect_above = (th::PROTECT_SHARE * st0[Dom::ROOT].good as f64).max(1.0);
    for id in 0..n {
        if st0[id].good as f64 >= protect_above {
            protected[id] = true;
        }
    }

    // Pass 1b: dropped subtrees.
    let mut dropped_list = Vec::new();
    for id in 1..n {
        let parent = dom.nodes[id].parent;
        if dropped[parent] {
            dropped[id] = true;
            continue;
        }
        let Some(e) = dom.element(id) else { continue };
        let name = e.name.as_str();
        let reason = if dropped[id] || protected[id] {
            None
        } else if let Some((_, why)) = rules::BOILERPLATE_TAGS.iter().find(|(t, _)| *t == name) {
            Some(format!("tag: {why}"))
        } else if is_hidden(dom, id) {
            Some("hidden".to_string())
        } else if PATTERN_TAGS.contains(&name) {
            let (c, i, r) = &attrs[id];
            rules::first_match(rules::BOILERPLATE, c, i, r)
                .map(|p| format!("class/id: {:?} {:?} {:?}", p.field, p.how, p.pat))
        } else {
            None
        };
        if let Some(reason) = reason {
            dropped[id] = true;
            dropped_list.push(Dropped {
                source: e.span.clone(),
                tag: e.name.clone(),
                reason,
            });
        }
    }

    // Pass 2: block stats.
    let (st, bad_block) = block_stats(dom, &dropped, &owner, &in_link);

    // Pass 3: choose the container.
    let total = st[Dom::ROOT].good;
    let mut chosen = Dom::ROOT;
    if total > 0 {
        // Deepest node holding most of the good text (nodes come after their parents).
        for id in (1..n).rev() {
            if !dropped[id] && is_block[id] && st[id].good as f64 >= th::MAIN_SHARE * total as f64 {
                chosen = id;
                break;
            }
        }
    }
    if let Some(&(_, body)) = bodies
        .iter()
        .find(|&&(_, b)| !dropped[b] && st[b].good >= th::BODY_CONTAINER_MIN_CHARS)
    {
        if st[body].good as f64 >= th::BODY_CONTAINER_MIN_SHARE * st[chosen].good as f64 {
            chosen = body;
        }
    }
    // Climb to parents that add only a little clean text: the headline and
    // standfirst often sit just outside the body container.
    for _ in 0..th::CLIMB_LEVELS {
        let p = dom.nodes[chosen].parent;
        if p == Dom::ROOT || matches!(dom.name(p), "body" | "html") || dropped[p] {
            break;
        }
        let extra = st[p].all.saturating_sub(st[chosen].all);
        let extra_links = st[p].links.saturating_sub(st[chosen].links);
        if extra as f64 > th::CLIMB_MAX_EXTRA_SHARE * st[chosen].all as f64
            || extra_links as f64 > th::CLIMB_MAX_EXTRA_LINKS * extra as f64
        {
            break;
        }
        chosen = p;
    }

    let leads = standfirsts(dom, chosen, &dropped, &st, &attrs);
    let mut out = Emitter::new(src);
    for &lead in &leads {
        emit(dom, lead, &dropped, &bad_block, &owner, &mut out);
    }
    emit(dom, chosen, &dropped, &bad_block, &owner, &mut out);
    out.finish();
    let out = out;
    MainText {
        text: out.text,
        alignment: out.align,
        paragraphs: out.paragraphs,
        dropped: dropped_list,
        container: dom.element(chosen).map(|e| e.span.clone()),
    }
}

/// Main text from a JSON-LD `articleBody` read from the source bytes `src`:
/// one line per paragraph (HTML in the body is parsed, plain text split at
/// line breaks), each line aligned as a whole to `src` (the JSON string
/// escapes make a finer map not worth it).
pub fn from_article_body(body: &str, src: Range<usize>) -> MainText {
    let text = if body.contains('<') && body.contains('>') {
        let dom = Dom::parse(body);
        main_text(&dom, body).text
    } else {
        body.to_string()
    };
    let mut out = MainText::default();
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            continue;
        }
        if !out.text.is_empty() {
            out.text.push('\n');
            out.alignment.push(1, src.end..src.end, false);
        }
        let start = out.text.len();
        out.text.push_str(&line);
        out.alignment.push(line.len(), src.clone(), false);
        out.paragraphs.push(start..out.text.len());
    }
    out
}

/// One past the last node of each node's subtree (subtrees are contiguous
/// in the arena, children after their parent), in one backward pass.
fn subtree_ends(dom: &Dom) -> Vec<NodeId> {
    let mut end: Vec<NodeId> = (1..=dom.nodes.len()).collect();
    for id in (0..dom.nodes.len()).rev() {
        if let Some(&last) = dom.nodes[id].children.last() {
            end[id] = end[last];
        }
    }
    end
}

/// Standfirsts placed before the chosen container, outside it: elements
/// matching [`rules::LEAD_CONTAINERS`] among the earlier descendants of its
/// nearest ancestors, with a little clean text. In document order.
fn standfirsts(
    dom: &Dom,
    chosen: NodeId,
    dropped: &[bool],
    st: &[Stats],
    attrs: &[(String, String, String)],
) -> Vec<NodeId> {
    let mut leads = Vec::new();
    let ends = subtree_ends(dom);
    let mut a = chosen;
    let mut from = chosen;
    for _ in 0..th::LEAD_SEARCH_LEVELS {
        if a == Dom::ROOT {
            break;
        }
        a = dom.nodes[a].parent;
        if matches!(dom.name(a), "body" | "html") || a == Dom::ROOT {
            break;
        }
        // Nodes of `a`'s subtree before `from` that are not its ancestors.
        let mut id = a + 1;
        while id < from {
            let end = ends[id];
            if end > from {
                // An ancestor of `from`: look inside it.
                id += 1;
                continue;
            }
            let (c, i, r) = &attrs[id];
            let s = st[id];
            if !dropped[id]
                && dom.element(id).is_some()
                && rules::first_match(rules::LEAD_CONTAINERS, c, i, r).is_some()
                && (th::LEAD_MIN_CHARS..=th::LEAD_MAX_CHARS).contains(&s.all)
                && (s.links as f64) <= th::LEAD_MAX_LINK_SHARE * s.all as f64
            {
                leads.push(id);
                id = end;
            } else {
                id += 1;
            }
        }
        from = a;
    }
    leads.sort_unstable();
    leads
}

/// Iterative document-order walk of `root`, emitting kept text.
fn emit(
    dom: &Dom,
    root: NodeId,
    dropped: &[bool],
    bad_block: &[bool],
    owner: &[NodeId],
    out: &mut Emitter,
) {
    enum Step {
        Enter(NodeId),
        Leave(NodeId),
    }
    let mut stack = vec![Step::Enter(root)];
    let mut pre_depth = 0usize;
    let mut headings: Vec<u8> = Vec::new();
    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(id) => {
                if id != root && dropped[id] {
                    continue;
                }
                match &dom.nodes[id].kind {
                    NodeKind::Text(t) => {
                        if !bad_block[owner[id]] {
                            out.text_node(&t.text, t.src.clone(), pre_depth > 0);
                        }
                    }
                    NodeKind::Element(e) => {
                        let name = e.name.as_str();
                        if matches!(name, "ul" | "ol" | "dl") && bad_block[id] {
                            continue;
                        }
                        if name == "br" || name == "hr" {
                            out.line_break(e.span.start);
                            continue;
                        }
                        if name == "pre" {
                            pre_depth += 1;
                        }
                        if name == "table" {
                            out.table_depth += 1;
                        }
                        if rules::BLOCK_TAGS.contains(&name) {
                            out.line_break(e.span.start);
                            // A paragraph inside a heading is body text, not heading.
                            headings.push(out.heading);
                            out.heading = heading_level(name).unwrap_or(if name == "div" {
                                out.heading
                            } else {
                                0
                            });
                        } else if rules::CELL_TAGS.contains(&name) {
                            out.space(e.span.start);
                        }
                        stack.push(Step::Leave(id));
                        for &c in dom.nodes[id].children.iter().rev() {
                            stack.push(Step::Enter(c));
                        }
                    }
                    NodeKind::Document => {
                        for &c in dom.nodes[id].children.iter().rev() {
                            stack.push(Step::Enter(c));
                        }
                    }
                }
            }
            Step::Leave(id) => {
                let name = dom.name(id);
                if name == "pre" {
                    pre_depth -= 1;
                }
                if name == "table" {
                    out.table_depth = out.table_depth.saturating_sub(1);
                }
                if rules::BLOCK_TAGS.contains(&name) {
                    out.line_break(out.last_source_end);
                    out.heading = headings.pop().unwrap_or(0);
                } else if rules::CELL_TAGS.contains(&name) {
                    out.space(out.last_source_end);
                }
            }
        }
    }
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// One output line under construction or done.
#[derive(Default)]
struct Line {
    text: String,
    /// (text bytes, source range, copied) per pushed piece.
    map: Vec<(usize, Range<usize>, bool)>,
    /// Heading level 1..=6 of the line, 0 for body text.
    heading: u8,
    /// Whether the line is a table row (its numbers are data, not dates).
    in_table: bool,
    /// Source position where the line ended.
    end: usize,
}

/// Builds lines with white space collapsed, then filters them
/// ([`rules::RELATED_LINE_PREFIXES`], headings with nothing under them) and
/// joins them into the text and its alignment.
struct Emitter<'a> {
    src: &'a str,
    lines: Vec<Line>,
    cur: Line,
    /// Source range of the first white space char of a pending gap.
    pending_space: Option<Range<usize>>,
    /// Current heading level (innermost open h1..h6), 0 outside headings.
    heading: u8,
    /// Open `table` elements.
    table_depth: usize,
    last_source_end: usize,
    text: String,
    align: Alignment,
    paragraphs: Vec<Range<usize>>,
}

impl<'a> Emitter<'a> {
    fn new(src: &'a str) -> Self {
        Emitter {
            src,
            lines: Vec::new(),
            cur: Line::default(),
            pending_space: None,
            heading: 0,
            table_depth: 0,
            last_source_end: 0,
            text: String::new(),
            align: Alignment::default(),
            paragraphs: Vec::new(),
        }
    }

    fn line_break(&mut self, at: usize) {
        self.pending_space = None;
        if !self.cur.text.is_empty() {
            let mut line = std::mem::take(&mut self.cur);
            line.end = at;
            self.lines.push(line);
        }
    }

    fn space(&mut self, at: usize) {
        if !self.cur.text.is_empty() && self.pending_space.is_none() {
            self.pending_space = Some(at..at);
        }
    }

    fn push_char(&mut self, c: char, source: Range<usize>, copied: bool) {
        if self.cur.text.is_empty() {
            self.cur.heading = self.heading;
            self.cur.in_table = self.table_depth > 0;
        }
        if let Some(sp) = self.pending_space.take() {
            let copied = sp.len() == 1 && &self.src[sp.clone()] == " ";
            self.cur.text.push(' ');
            self.cur.map.push((1, sp, copied));
        }
        self.cur.text.push(c);
        self.last_source_end = source.end;
        if let Some(last) = self.cur.map.last_mut() {
            if copied && last.2 && last.1.end == source.start {
                last.0 += c.len_utf8();
                last.1.end = source.end;
                return;
            }
        }
        self.cur.map.push((c.len_utf8(), source, copied));
    }

    fn text_node(&mut self, decoded: &str, src: Range<usize>, pre: bool) {
        let raw = self.src.get(src.clone()).unwrap_or("");
        let base = src.start;
        walk_text(decoded, raw, base, |c, r, copied| {
            if pre && c == '\n' {
                self.line_break(r.start);
            } else if c.is_whitespace() {
                if !self.cur.text.is_empty() && self.pending_space.is_none() {
                    self.pending_space = Some(r);
                }
            } else {
                self.push_char(c, r, copied);
            }
        });
        self.last_source_end = src.end;
    }

    fn finish(&mut self) {
        let end = self.last_source_end;
        self.line_break(end);
        let lines = std::mem::take(&mut self.lines);
        let keep = keep_lines(&lines);
        let mut prev_end = None;
        for (line, _) in lines.iter().zip(&keep).filter(|(_, k)| **k) {
            if let Some(at) = prev_end {
                self.text.push('\n');
                self.align.push(1, at..at, false);
            }
            let start = self.text.len();
            self.text.push_str(&line.text);
            for (len, r, copied) in &line.map {
                self.align.push(*len, r.clone(), *copied);
            }
            self.paragraphs.push(start..self.text.len());
            prev_end = Some(line.end);
        }
    }
}

/// A lone label ("Release Date:") or a short line of mostly digits (dates,
/// times, phone numbers, reading times).
fn is_label_or_numeric(line: &str, chars: usize) -> bool {
    use rules::thresholds as t;
    if chars <= t::MAX_LABEL_CHARS && line.trim_end().ends_with(rules::LABEL_LINE_END) {
        return true;
    }
    if chars > t::MAX_NUMERIC_LINE_CHARS {
        return false;
    }
    let digits = line.chars().filter(char::is_ascii_digit).count();
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    digits >= t::MIN_NUMERIC_LINE_DIGITS && letters <= t::MAX_NUMERIC_LINE_LETTERS
}

/// Which lines stay: related-content lead-ins go, and so do headings with no
/// body line before the next heading of the same or a higher rank.
fn keep_lines(lines: &[Line]) -> Vec<bool> {
    let mut keep: Vec<bool> = lines
        .iter()
        .map(|l| {
            let chars = l.text.chars().count();
            if chars > rules::thresholds::MAX_NOTICE_CHARS {
                return true;
            }
            let lower = l.text.to_lowercase();
            if rules::NOTICE_LINE_PHRASES.iter().any(|p| lower.contains(p)) {
                return false;
            }
            if chars > rules::thresholds::MAX_LEAD_IN_CHARS {
                return true;
            }
            if !l.in_table && is_label_or_numeric(&l.text, chars) {
                return false;
            }
            let lower = lower.trim_end_matches([':', '.', '!', '…', ' ']);
            !rules::RELATED_LINE_PREFIXES
                .iter()
                .any(|p| lower.starts_with(p))
        })
        .collect();
    // Short body lines before the first long line are labels and kickers
    // (category names, "Nachrichten und Pressemeldungen"), not the article.
    let long = |l: &Line| l.text.chars().count() >= rules::thresholds::GOOD_BLOCK_CHARS;
    if let Some(first_long) = lines.iter().position(long) {
        for (i, l) in lines[..first_long].iter().enumerate() {
            if l.heading == 0
                && !l.in_table
                && l.text.chars().count() <= rules::thresholds::MAX_LEADING_SHORT_CHARS
            {
                keep[i] = false;
            }
        }
    }
    // Short lines after the last long line that do not end a sentence are
    // sign-offs and link labels ("Kathrin Klinkusch", "RIRM", "aja/PAP").
    if let Some(last_long) = lines.iter().rposition(long) {
        for (i, l) in lines.iter().enumerate().skip(last_long + 1) {
            let t = l.text.trim_end();
            if !l.in_table
                && t.chars().count() <= rules::thresholds::MAX_TRAILING_SHORT_CHARS
                && !t.ends_with(rules::SENTENCE_ENDS)
            {
                keep[i] = false;
            }
        }
    }
    // A line repeated verbatim (captions, teasers shown twice) is kept once.
    let mut seen = std::collections::HashSet::new();
    for (i, l) in lines.iter().enumerate() {
        if keep[i] && !seen.insert(l.text.as_str()) {
            keep[i] = false;
        }
    }
    // Walk backwards remembering the rank of the nearest following kept line
    // (7 = body text, 0 = end of text).
    let mut next_rank = 0u8;
    for i in (0..lines.len()).rev() {
        if !keep[i] {
            continue;
        }
        let h = lines[i].heading;
        if h > 0 {
            if next_rank != 7 && next_rank <= h {
                keep[i] = false;
                continue;
            }
            next_rank = h;
        } else {
            next_rank = 7;
        }
    }
    keep
}
