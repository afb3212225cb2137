//! A small arena DOM built from html5gum's tokens, keeping source byte spans.
//!
//! Why not html5ever's tree builder: it drops source positions, and the
//! text↔source alignment is the point of this crate. html5gum is a WHATWG
//! tokenizer that reports byte spans; the tree is built here with the few
//! tag-soup rules that matter for text (void elements, implicit `</p>`,
//! `</li>`, `</td>`..., end tags that close up to their match). Each node is
//! visited a bounded number of times: building is linear in the tokens
//! (end-tag matching looks at most [`MAX_END_TAG_SEARCH`] open elements deep).

use crate::rules;
use html5gum::{DefaultEmitter, Token, Tokenizer};
use std::ops::Range;

/// Index of a node in [`Dom::nodes`].
pub type NodeId = usize;

/// How far up the open-element stack an end tag looks for its start tag;
/// past that it is ignored (keeps stray end tags from costing O(depth)).
pub const MAX_END_TAG_SEARCH: usize = 64;

/// Deepest nesting kept; deeper start tags are flattened into their parent
/// (hostile pages nest thousands of unclosed tags).
pub const MAX_DEPTH: usize = 512;

/// An element's name and attributes.
#[derive(Debug, Clone, Default)]
pub struct Element {
    /// Lower-case tag name.
    pub name: String,
    /// Attributes in source order of their names (html5gum keeps a sorted map).
    pub attrs: Vec<(String, String)>,
    /// Byte span of the start tag in the source.
    pub span: Range<usize>,
}

impl Element {
    /// The value of attribute `name` (lower case), if present.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A run of character data: its decoded text and the source bytes it came from.
#[derive(Debug, Clone, Default)]
pub struct Text {
    /// Decoded text (entities resolved, CR LF normalised).
    pub text: String,
    /// Source bytes, `source[src]` is the raw markup of the text.
    pub src: Range<usize>,
}

/// What a node is.
#[derive(Debug, Clone)]
pub enum NodeKind {
    /// The root.
    Document,
    /// An element.
    Element(Element),
    /// Character data.
    Text(Text),
}

/// A node of the arena.
#[derive(Debug, Clone)]
pub struct Node {
    /// Parent node (the root is its own parent).
    pub parent: NodeId,
    /// Children in document order.
    pub children: Vec<NodeId>,
    /// What the node is.
    pub kind: NodeKind,
}

/// The parsed page.
#[derive(Debug, Clone)]
pub struct Dom {
    /// All nodes; `nodes[0]` is the root, and every node comes after its parent.
    pub nodes: Vec<Node>,
}

impl Dom {
    /// The root node.
    pub const ROOT: NodeId = 0;

    /// The element at `id`, if it is one.
    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.nodes[id].kind {
            NodeKind::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The tag name at `id` ("" for text and the root).
    pub fn name(&self, id: NodeId) -> &str {
        self.element(id).map(|e| e.name.as_str()).unwrap_or("")
    }

    /// All elements named `name`, in document order.
    pub fn elements_named<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = (NodeId, &'a Element)> + 'a {
        self.nodes
            .iter()
            .enumerate()
            .filter_map(move |(i, n)| match &n.kind {
                NodeKind::Element(e) if e.name == name => Some((i, e)),
                _ => None,
            })
    }

    /// The decoded text under `id`, concatenated without separators.
    pub fn text_content(&self, id: NodeId) -> String {
        let mut out = String::new();
        let mut stack = vec![id];
        while let Some(n) = stack.pop() {
            match &self.nodes[n].kind {
                NodeKind::Text(t) => out.push_str(&t.text),
                _ => stack.extend(self.nodes[n].children.iter().rev()),
            }
        }
        out
    }

    /// Parses `source` into a tree. Never fails: tag soup becomes some tree.
    pub fn parse(source: &str) -> Dom {
        let mut b = Builder {
            nodes: vec![Node {
                parent: 0,
                children: Vec::new(),
                kind: NodeKind::Document,
            }],
            stack: vec![0],
            open: [0; rules::IMPLICITLY_CLOSED.len()],
        };
        let mut emitter = DefaultEmitter::<usize>::new_with_span();
        emitter.naively_switch_states(true);
        let mut tokenizer = Tokenizer::new_with_emitter(source, emitter);
        while let Some(token) = tokenizer.next() {
            let Ok(token) = token;
            match token {
                Token::StartTag(tag) => {
                    let name = lower(&tag.name);
                    // The naive state switch enters raw text after `<title/>` too; in
                    // SVG/MathML a self-closing tag has no content, so undo it there.
                    if tag.self_closing
                        && rules::RAW_TEXT_TAGS.contains(&name.as_str())
                        && b.in_foreign_content()
                    {
                        tokenizer.set_state(html5gum::State::Data);
                    }
                    let attrs = tag
                        .attributes
                        .iter()
                        .map(|(k, v)| (lower(k), String::from_utf8_lossy(&v.value).into_owned()))
                        .collect();
                    let void = tag.self_closing || rules::VOID_ELEMENTS.contains(&name.as_str());
                    b.start(
                        Element {
                            name,
                            attrs,
                            span: tag.span.start..tag.span.end,
                        },
                        void,
                    );
                }
                Token::EndTag(tag) => b.end(&lower(&tag.name)),
                Token::String(s) => {
                    let text = String::from_utf8_lossy(&s.value).into_owned();
                    b.text(text, s.span.start..s.span.end);
                }
                Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
            }
        }
        Dom { nodes: b.nodes }
    }
}

fn lower(s: &[u8]) -> String {
    String::from_utf8_lossy(s).to_ascii_lowercase()
}

struct Builder {
    nodes: Vec<Node>,
    stack: Vec<NodeId>,
    /// How many elements of each [`rules::IMPLICITLY_CLOSED`] name are open,
    /// so that a rule with nothing to close costs no stack walk.
    open: [u32; rules::IMPLICITLY_CLOSED.len()],
}

fn closable(name: &str) -> Option<usize> {
    rules::IMPLICITLY_CLOSED.iter().position(|n| *n == name)
}

impl Builder {
    fn pop_to(&mut self, depth: usize) {
        for &id in &self.stack[depth.min(self.stack.len())..] {
            if let NodeKind::Element(e) = &self.nodes[id].kind {
                if let Some(i) = closable(&e.name) {
                    self.open[i] = self.open[i].saturating_sub(1);
                }
            }
        }
        self.stack.truncate(depth);
    }

    fn is_open(&self, name: &str) -> bool {
        closable(name).is_none_or(|i| self.open[i] > 0)
    }

    fn top(&self) -> NodeId {
        *self.stack.last().unwrap_or(&0)
    }

    fn in_foreign_content(&self) -> bool {
        self.stack.iter().any(|&n| matches!(&self.nodes[n].kind, NodeKind::Element(e) if e.name == "svg" || e.name == "math"))
    }

    fn push(&mut self, kind: NodeKind) -> NodeId {
        let parent = self.top();
        let id = self.nodes.len();
        self.nodes.push(Node {
            parent,
            children: Vec::new(),
            kind,
        });
        self.nodes[parent].children.push(id);
        id
    }

    /// Applies the implicit-close rules of [`rules::IMPLICIT_CLOSE`] for a new `name`.
    fn close_implied_by(&mut self, name: &str) {
        for rule in rules::IMPLICIT_CLOSE {
            if !(rule.opened_by)(name) || !rule.closes.iter().any(|c| self.is_open(c)) {
                continue;
            }
            // Look for an open element the rule closes, stopping at a boundary.
            for depth in (1..self.stack.len()).rev() {
                let open = match &self.nodes[self.stack[depth]].kind {
                    NodeKind::Element(e) => e.name.as_str(),
                    _ => break,
                };
                if rule.closes.contains(&open) {
                    self.pop_to(depth);
                    break;
                }
                if rule.boundaries.contains(&open) || self.stack.len() - depth > MAX_END_TAG_SEARCH
                {
                    break;
                }
            }
        }
    }

    fn start(&mut self, el: Element, void: bool) {
        let name = el.name.clone();
        self.close_implied_by(&name);
        if self.stack.len() >= MAX_DEPTH && !void {
            return;
        }
        let id = self.push(NodeKind::Element(el));
        if !void {
            if let Some(i) = closable(&name) {
                self.open[i] += 1;
            }
            self.stack.push(id);
        }
    }

    fn end(&mut self, name: &str) {
        if name == "br" {
            self.push(NodeKind::Element(Element {
                name: "br".into(),
                ..Default::default()
            }));
            return;
        }
        if name == "p" && !self.is_open("p") {
            // `</p>` with no open `p` stands for an empty paragraph: a break.
            self.push(NodeKind::Element(Element {
                name: "p".into(),
                ..Default::default()
            }));
            return;
        }
        let lowest = self.stack.len().saturating_sub(MAX_END_TAG_SEARCH).max(1);
        for depth in (lowest..self.stack.len()).rev() {
            if let NodeKind::Element(e) = &self.nodes[self.stack[depth]].kind {
                if e.name == name {
                    self.pop_to(depth);
                    return;
                }
            }
        }
    }

    fn text(&mut self, text: String, src: Range<usize>) {
        let parent = self.top();
        if let Some(&last) = self.nodes[parent].children.last() {
            if let NodeKind::Text(t) = &mut self.nodes[last].kind {
                if t.src.end == src.start {
                    t.text.push_str(&text);
                    t.src.end = src.end;
                    return;
                }
            }
        }
        self.push(NodeKind::Text(Text { text, src }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(dom: &Dom, id: NodeId, out: &mut String) {
        match &dom.nodes[id].kind {
            NodeKind::Text(t) => out.push_str(&t.text),
            NodeKind::Element(e) => {
                out.push_str(&format!("<{}>", e.name));
                for &c in &dom.nodes[id].children {
                    outline(dom, c, out);
                }
                out.push_str(&format!("</{}>", e.name));
            }
            NodeKind::Document => {
                for &c in &dom.nodes[id].children {
                    outline(dom, c, out);
                }
            }
        }
    }

    fn show(src: &str) -> String {
        let mut s = String::new();
        outline(&Dom::parse(src), 0, &mut s);
        s
    }

    #[test]
    fn unclosed_paragraphs_and_list_items_close_implicitly() {
        assert_eq!(show("<p>a<p>b<div>c</div>"), "<p>a</p><p>b</p><div>c</div>");
        assert_eq!(
            show("<ul><li>a<li>b</ul>x"),
            "<ul><li>a</li><li>b</li></ul>x"
        );
        assert_eq!(
            show("<table><tr><td>a<td>b<tr><td>c</table>"),
            "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"
        );
    }

    #[test]
    fn stray_end_tags_are_ignored_and_void_elements_have_no_children() {
        assert_eq!(
            show("<div>a</span>b<br>c<img src=x>d</div>"),
            "<div>ab<br></br>c<img></img>d</div>"
        );
    }

    #[test]
    fn body_content_closes_an_unclosed_head() {
        assert_eq!(
            show("<head><title>t</title><meta charset=utf-8><header>h</header><p>x"),
            "<head><title>t</title><meta></meta></head><header>h</header><p>x</p>"
        );
    }

    #[test]
    fn self_closing_title_in_svg_does_not_swallow_the_page() {
        assert_eq!(
            show("<svg><title/><path/></svg><p>text</p>"),
            "<svg><title></title><path></path></svg><p>text</p>"
        );
    }

    #[test]
    fn script_content_is_raw_text_and_entities_are_decoded_with_spans() {
        let src = "<p>a &amp; b<script>if (a<b) x()</script></p>";
        let dom = Dom::parse(src);
        let texts: Vec<_> = dom
            .nodes
            .iter()
            .filter_map(|n| match &n.kind {
                NodeKind::Text(t) => Some((t.text.clone(), &src[t.src.clone()])),
                _ => None,
            })
            .collect();
        assert_eq!(
            texts,
            vec![
                ("a & b".to_string(), "a &amp; b"),
                ("if (a<b) x()".to_string(), "if (a<b) x()")
            ]
        );
    }
}
