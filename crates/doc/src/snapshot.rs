//! Readable one-line-per-item renderings of layers, for golden snapshot
//! files (`[120..134) SENT "…"`). Tests compare these; evaluation does not.

use crate::*;

/// The label part of an item's snapshot line: everything between the span
/// and the quoted text.
pub trait Describe {
    fn describe(&self) -> String;
}

/// A layer rendered as snapshot lines.
pub trait SnapshotLayer {
    fn snapshot_lines(&self, text: &str) -> Vec<String>;
}

/// `[start..end) LABEL "text"`, with the text's newlines and quotes escaped
/// so each item stays on one line.
pub fn line(span: Span, label: &str, text: &str) -> String {
    let slice = text.get(span.start..span.end).unwrap_or("<invalid span>");
    format!("{span} {label} {slice:?}")
}

impl<T: HasSpan + Describe> SnapshotLayer for Vec<T> {
    fn snapshot_lines(&self, text: &str) -> Vec<String> {
        self.iter()
            .map(|item| line(item.span(), &item.describe(), text))
            .collect()
    }
}

impl SnapshotLayer for EntityLayer {
    fn snapshot_lines(&self, text: &str) -> Vec<String> {
        let mut out: Vec<String> = self
            .mentions
            .iter()
            .map(|m| line(m.span, &m.describe(), text))
            .collect();
        for e in &self.entities {
            let attrs: Vec<String> = e
                .attributes
                .iter()
                .map(|a| format!("{}={}", a.key, a.value))
                .collect();
            out.push(format!(
                "ENTITY {} {} {:?} mentions={} {}",
                e.id.0,
                e.label.as_str(),
                e.canonical,
                e.mentions.len(),
                attrs.join(" ")
            ));
        }
        out
    }
}

impl Describe for Paragraph {
    fn describe(&self) -> String {
        "PARA".into()
    }
}

impl Describe for Sentence {
    fn describe(&self) -> String {
        format!("SENT p{}", self.paragraph.0)
    }
}

impl Describe for Token {
    fn describe(&self) -> String {
        match self.kind {
            TokenKind::Word => "WORD",
            TokenKind::Number => "NUM",
            TokenKind::Punct => "PUNCT",
            TokenKind::Symbol => "SYM",
        }
        .into()
    }
}

impl Describe for Boilerplate {
    fn describe(&self) -> String {
        format!("BOILERPLATE {:?} rule={}", self.kind, self.rule)
    }
}

impl Describe for Mention {
    fn describe(&self) -> String {
        let entity = self
            .entity
            .map(|e| format!(" e{}", e.0))
            .unwrap_or_default();
        format!("{} {:?}{entity}", self.label.as_str(), self.kind)
    }
}

impl Describe for Quote {
    fn describe(&self) -> String {
        let span = |s: &Option<Span>| s.map(|s| s.to_string()).unwrap_or_else(|| "-".into());
        let content: Vec<String> = self.content.iter().map(|c| c.to_string()).collect();
        let mut s = format!(
            "QUOTE {:?} content={} cue={} speaker={}",
            self.kind,
            content.join("+"),
            span(&self.cue),
            span(&self.speaker)
        );
        if let Some(name) = &self.speaker_name {
            s.push_str(&format!(" by={name:?}"));
        }
        if let Some(e) = self.speaker_entity {
            s.push_str(&format!(" e{}", e.0));
        }
        for (k, v) in [
            ("to", &self.addressee),
            ("channel", &self.channel),
            ("time", &self.time),
        ] {
            if let Some(v) = v {
                s.push_str(&format!(" {k}={v}"));
            }
        }
        s
    }
}

impl Describe for Place {
    fn describe(&self) -> String {
        let metonymy = match (self.metonymy, self.within) {
            (true, true) => " metonymy within",
            (true, false) => " metonymy",
            (false, true) => " within",
            (false, false) => "",
        };
        match &self.resolved {
            Some(g) => format!(
                "PLACE {} {:?} {} {} {:.2},{:.2}{metonymy}",
                g.geonames_id, g.name, g.feature_code, g.country, g.lat, g.lon
            ),
            None => format!("PLACE unresolved{metonymy}"),
        }
    }
}

impl Describe for Quantity {
    fn describe(&self) -> String {
        let mut s = format!("QUANTITY {:?}..{:?}", self.low, self.high);
        for (k, v) in [
            ("qualifier", &self.qualifier),
            ("unit", &self.unit),
            ("category", &self.category),
        ] {
            if let Some(v) = v {
                s.push_str(&format!(" {k}={v}"));
            }
        }
        if let Some(c) = self.counted {
            s.push_str(&format!(" counted={c}"));
        }
        if let Some(p) = self.place {
            s.push_str(&format!(" place={p}"));
        }
        s
    }
}

impl Describe for TimeExpr {
    fn describe(&self) -> String {
        let mut s = format!("TIMEX {}", self.timex_type);
        if let Some(v) = &self.value {
            s.push_str(&format!(" value={v}"));
        }
        if let Some(m) = &self.modifier {
            s.push_str(&format!(" mod={m}"));
        }
        s
    }
}
