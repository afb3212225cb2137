//! Bytes → UTF-8 for HTML pages: BOM, `<meta charset>` / `http-equiv`
//! within the first [`PRESCAN_BYTES`], an outside hint, then chardetng.

use encoding_rs::Encoding;

/// How many leading bytes are searched for a `<meta>` charset (as browsers do).
pub const PRESCAN_BYTES: usize = 4096;

/// Finds a charset label declared in the page's first bytes.
pub fn sniff_meta(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        from = i;
        while i < lower.len()
            && (lower[i] == b' ' || lower[i] == b'=' || lower[i] == b'"' || lower[i] == b'\'')
        {
            i += 1;
        }
        let start = i;
        while i < lower.len()
            && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_' | b':' | b'.'))
        {
            i += 1;
        }
        if let Some(enc) = Encoding::for_label(&lower[start..i]) {
            // A page that says UTF-16 in ASCII bytes is not UTF-16 (HTML spec).
            return Some(
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    encoding_rs::UTF_8
                } else {
                    enc
                },
            );
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Decodes `bytes`, returning the text and the encoding's name.
pub fn decode(bytes: &[u8], hint: Option<&str>) -> (String, &'static str) {
    let enc = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| sniff_meta(bytes))
        .or_else(|| hint.and_then(|h| Encoding::for_label(h.trim().as_bytes())))
        .unwrap_or_else(|| {
            if std::str::from_utf8(bytes).is_ok() {
                encoding_rs::UTF_8
            } else {
                let mut det = chardetng::EncodingDetector::new();
                det.feed(bytes, true);
                det.guess(None, true)
            }
        });
    let (text, used, _) = enc.decode(bytes);
    (text.into_owned(), used.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_wins_over_detection() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9</body></html>";
        let (text, enc) = decode(page, None);
        assert_eq!(enc, "windows-1252");
        assert!(text.contains("café"));
    }

    #[test]
    fn http_equiv_and_bom_are_read() {
        let page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">\xe4";
        assert_eq!(decode(page, None).1, "windows-1252");
        let bom = b"\xef\xbb\xbfhello";
        assert_eq!(decode(bom, Some("latin1")), ("hello".to_string(), "UTF-8"));
    }

    #[test]
    fn undeclared_latin1_is_detected() {
        let latin: Vec<u8> = "<p>Grüße aus München, schöne Straße</p>"
            .chars()
            .map(|c| c as u32 as u8)
            .collect();
        let (text, _) = decode(&latin, None);
        assert!(text.contains("München"));
    }
}
