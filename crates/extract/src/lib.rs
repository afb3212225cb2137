//! Raw bytes → article text.
//!
//! This is the only crate that looks at raw input bytes. It decides, for one
//! article, whether the bytes are text at all and how to decode them, and it
//! says why when they are not. The key decision is the line between "messy
//! but readable" and "refused":
//!
//! - **Decoded, with a warning:** a byte-order mark (UTF-8, UTF-16LE/BE), or
//!   a legacy single- or multi-byte charset (windows-1252, ISO-8859-x,
//!   Shift_JIS, …) guessed by `chardetng` when the bytes hold no valid
//!   multi-byte UTF-8 at all. Nothing is lost: the text is what the author
//!   wrote, and the warning names the charset that was assumed.
//! - **Refused, with an [`InputError`]:** empty or blank input; binary data
//!   (NUL bytes, known file signatures such as gzip or PDF, or many control
//!   characters); *invalid UTF-8*, meaning bytes that are mostly UTF-8 but
//!   hold broken sequences (decoding them any other way would garble the
//!   valid part, and replacing them would silently change the text); input
//!   over the size limit.
//!
//! HTML main-text extraction is not here but in `newsgraph-html`.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use std::fmt;

/// The default largest article accepted, in bytes. News articles are rarely
/// over 200 kB; anything over this is almost surely not one article.
pub const DEFAULT_MAX_BYTES: usize = 10 * 1024 * 1024;

/// Why some bytes are not an article we can read. The message is meant for
/// the user: it names the cause and, where it helps, the byte offset.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum InputError {
    #[error("empty input")]
    Empty,
    #[error("blank input: only white space ({0} bytes)")]
    Blank(usize),
    #[error("binary data, not text: {0}")]
    Binary(String),
    #[error(
        "invalid UTF-8 at byte {offset} ({count} broken sequence(s)); re-encode the file as UTF-8"
    )]
    InvalidUtf8 { offset: usize, count: usize },
    #[error(
        "too large: {size} bytes, over the limit of {limit} bytes (raise it with --max-bytes)"
    )]
    TooLarge { size: usize, limit: usize },
}

impl InputError {
    /// A stable machine-readable name for error records.
    pub fn kind(&self) -> &'static str {
        match self {
            InputError::Empty => "empty",
            InputError::Blank(_) => "blank",
            InputError::Binary(_) => "binary",
            InputError::InvalidUtf8 { .. } => "invalid_utf8",
            InputError::TooLarge { .. } => "too_large",
        }
    }
}

/// Text decoded from bytes, and how.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// The charset the bytes were read as (WHATWG name, e.g. "UTF-8").
    pub encoding: &'static str,
    /// Things the user should know, e.g. that a charset was guessed.
    pub warnings: Vec<String>,
}

/// File signatures of common binary formats, checked at the very start.
/// (name, magic bytes)
const BINARY_SIGNATURES: &[(&str, &[u8])] = &[
    ("gzip", &[0x1f, 0x8b]),
    ("zstd", &[0x28, 0xb5, 0x2f, 0xfd]),
    ("zip", b"PK\x03\x04"),
    ("PDF", b"%PDF-"),
    ("PNG", b"\x89PNG"),
    ("JPEG", &[0xff, 0xd8, 0xff]),
    ("GIF", b"GIF8"),
    ("ELF executable", b"\x7fELF"),
    ("SQLite database", b"SQLite format 3\0"),
];

/// Share of control characters (other than tab, newline, carriage return,
/// form feed) above which text is taken for binary data.
const MAX_CONTROL_RATIO: f64 = 0.01;

/// The checks every input gets before any decoding: not empty, not over
/// the size limit, not a known binary format. HTML pages, which their own
/// crate decodes, go through these too.
pub fn precheck(bytes: &[u8], max_bytes: usize) -> Result<(), InputError> {
    if bytes.is_empty() {
        return Err(InputError::Empty);
    }
    if bytes.len() > max_bytes {
        return Err(InputError::TooLarge {
            size: bytes.len(),
            limit: max_bytes,
        });
    }
    if let Some((name, _)) = BINARY_SIGNATURES
        .iter()
        .find(|(_, magic)| bytes.starts_with(magic))
    {
        return Err(InputError::Binary(format!("looks like a {name} file")));
    }
    Ok(())
}

/// Decodes one article's bytes, or says why it cannot be read.
pub fn decode(bytes: &[u8], max_bytes: usize) -> Result<Decoded, InputError> {
    precheck(bytes, max_bytes)?;
    // A byte-order mark decides the encoding outright.
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors && encoding == UTF_8 {
            let (offset, count) = utf8_errors(&bytes[bom_len..]);
            return Err(InputError::InvalidUtf8 {
                offset: offset + bom_len,
                count,
            });
        }
        let mut warnings = Vec::new();
        if encoding != UTF_8 {
            warnings.push(format!("decoded as {} (byte-order mark)", encoding.name()));
        }
        if had_errors {
            warnings.push(format!(
                "some bytes were not valid {} and were replaced",
                encoding.name()
            ));
        }
        return finish(text.into_owned(), encoding, warnings);
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        // UTF-16 without a BOM shows NULs in every other byte.
        if let Some(encoding) = sniff_utf16(bytes) {
            let (text, _) = encoding.decode_without_bom_handling(bytes);
            let warnings = vec![format!(
                "decoded as {} (no byte-order mark; guessed)",
                encoding.name()
            )];
            return finish(text.into_owned(), encoding, warnings);
        }
        return Err(InputError::Binary(format!("NUL byte at offset {pos}")));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => finish(text.to_string(), UTF_8, Vec::new()),
        Err(_) => {
            let (offset, count) = utf8_errors(bytes);
            if has_valid_multibyte_utf8(bytes) {
                return Err(InputError::InvalidUtf8 { offset, count });
            }
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            let encoding = detector.guess(None, false);
            let (text, _, _) = encoding.decode(bytes);
            let warnings = vec![format!(
                "not UTF-8: decoded as {} (guessed from the bytes)",
                encoding.name()
            )];
            finish(text.into_owned(), encoding, warnings)
        }
    }
}

/// Final checks on decoded text: blank, or too many control characters.
fn finish(
    text: String,
    encoding: &'static Encoding,
    warnings: Vec<String>,
) -> Result<Decoded, InputError> {
    if text.trim().is_empty() {
        return Err(InputError::Blank(text.len()));
    }
    let mut chars = 0usize;
    let mut controls = 0usize;
    for c in text.chars() {
        chars += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c') {
            controls += 1;
        }
    }
    if controls > 0 && controls as f64 / chars as f64 > MAX_CONTROL_RATIO {
        return Err(InputError::Binary(format!(
            "{controls} control characters in {chars}"
        )));
    }
    Ok(Decoded {
        text,
        encoding: encoding.name(),
        warnings,
    })
}

/// The offset of the first broken UTF-8 sequence and how many there are.
fn utf8_errors(mut bytes: &[u8]) -> (usize, usize) {
    let mut first = None;
    let mut count = 0;
    let mut base = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(_) => break,
            Err(e) => {
                let at = e.valid_up_to();
                first.get_or_insert(base + at);
                count += 1;
                let skip = at + e.error_len().unwrap_or(bytes.len() - at).max(1);
                base += skip;
                bytes = &bytes[skip..];
            }
        }
    }
    (first.unwrap_or(0), count)
}

/// Whether the bytes hold at least one well-formed multi-byte UTF-8
/// sequence: then they were meant as UTF-8 and broken ones are damage.
fn has_valid_multibyte_utf8(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    while !rest.is_empty() {
        let chunk = match std::str::from_utf8(rest) {
            Ok(s) => return !s.is_ascii(),
            Err(e) => {
                let valid = &rest[..e.valid_up_to()];
                if !valid.is_ascii() {
                    return true;
                }
                e.valid_up_to() + e.error_len().unwrap_or(rest.len() - e.valid_up_to()).max(1)
            }
        };
        rest = &rest[chunk..];
    }
    false
}

/// UTF-16 without BOM: most even (BE) or odd (LE) bytes are NUL in
/// Latin-script text.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd * 10 >= pairs * 7 && even * 10 <= pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 7 && odd * 10 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

impl fmt::Display for Decoded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} bytes of text ({})", self.text.len(), self.encoding)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX: usize = DEFAULT_MAX_BYTES;

    #[test]
    fn utf8_text_is_read_as_is() {
        let d = decode("Zelenskyy’s “war”".as_bytes(), MAX).unwrap();
        assert_eq!(d.text, "Zelenskyy’s “war”");
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn empty_and_blank_inputs_are_refused() {
        assert_eq!(decode(b"", MAX), Err(InputError::Empty));
        assert_eq!(decode(b" \n\t\n", MAX), Err(InputError::Blank(4)));
    }

    #[test]
    fn binary_data_is_refused_with_its_cause() {
        let err = decode(b"\x1f\x8b\x08\x00rest", MAX).unwrap_err();
        assert_eq!(
            err.to_string(),
            "binary data, not text: looks like a gzip file"
        );
        let err = decode(b"abc\0def ghi", MAX).unwrap_err();
        assert_eq!(err.kind(), "binary");
        assert!(err.to_string().contains("NUL byte at offset 3"));
        let noisy: Vec<u8> = (0..200u8)
            .map(|i| if i % 10 == 0 { 0x07 } else { b'a' })
            .collect();
        assert_eq!(decode(&noisy, MAX).unwrap_err().kind(), "binary");
    }

    #[test]
    fn broken_utf8_is_refused_with_the_offset() {
        let mut bytes = "Zelenskyy’s war ".as_bytes().to_vec();
        bytes.push(0xff);
        bytes.extend_from_slice(b" more");
        let err = decode(&bytes, MAX).unwrap_err();
        assert_eq!(
            err,
            InputError::InvalidUtf8 {
                offset: 18,
                count: 1
            }
        );
    }

    #[test]
    fn latin1_text_is_decoded_with_a_warning() {
        // "Café in Zürich, São Paulo" in windows-1252
        let bytes = b"Caf\xe9 in Z\xfcrich and the na\xefve r\xe9sum\xe9 of S\xe3o Paulo.";
        let d = decode(bytes, MAX).unwrap();
        assert!(d.text.contains("Café in Zürich"), "{}", d.text);
        assert!(d.warnings[0].contains("not UTF-8"), "{:?}", d.warnings);
    }

    #[test]
    fn utf16_with_and_without_bom_is_decoded() {
        let text = "Moscow said on Friday.";
        let mut le = vec![0xff, 0xfe];
        le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le, MAX).unwrap().text, text);
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let d = decode(&be, MAX).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "UTF-16BE");
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let d = decode(b"\xef\xbb\xbfHello.", MAX).unwrap();
        assert_eq!(d.text, "Hello.");
    }

    #[test]
    fn oversized_input_is_refused() {
        let err = decode(&[b'a'; 100], 10).unwrap_err();
        assert_eq!(
            err,
            InputError::TooLarge {
                size: 100,
                limit: 10
            }
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_valid_text_round_trips(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..512)) {
            match decode(&bytes, MAX) {
                Ok(d) => if let Ok(s) = std::str::from_utf8(&bytes) {
                    if !s.starts_with('\u{feff}') { proptest::prop_assert_eq!(d.text.as_str(), s); }
                },
                Err(e) => proptest::prop_assert!(!e.to_string().is_empty()),
            }
        }
    }
}
