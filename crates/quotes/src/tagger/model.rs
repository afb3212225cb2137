//! The tagger's weights: hashed feature rows × tags, quantised to i16 and
//! zstd-compressed, with BIO-constrained Viterbi decoding. Adapted from the
//! fast NER model (`newsgraph-ner`'s `model.rs`), which has a different tag
//! set and extra resources; copied rather than shared so that neither
//! model's file format depends on the other's.

use super::features::{with_first_pass, Unit};
use super::tags::{Tag, N_TAGS};
use std::io::Read;

/// Errors reading a model file.
#[derive(Debug, Clone, PartialEq)]
pub enum ModelError {
    BadMagic,
    Version(u32),
    Corrupt(&'static str),
    Decompress(String),
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ModelError::BadMagic => write!(f, "not a newsgraph quotation tagger (bad magic)"),
            ModelError::Version(v) => write!(f, "unsupported tagger format version {v}"),
            ModelError::Corrupt(why) => write!(f, "tagger model truncated or corrupt ({why})"),
            ModelError::Decompress(e) => write!(f, "tagger model decompression failed: {e}"),
        }
    }
}

impl std::error::Error for ModelError {}

const MAGIC: &[u8; 8] = b"NGQTAG1\0";
const VERSION: u32 = 2;

/// Transition scores: row `N_TAGS` is the unit start.
pub type Transitions = [[f32; N_TAGS]; N_TAGS + 1];

/// One pass's quantised weights and transitions.
#[derive(Debug, Clone)]
struct Weights {
    weights: Vec<i16>,
    scale: f32,
    transitions: Transitions,
}

impl Weights {
    fn quantise(bits: u32, weights: &[f32], transitions: Transitions) -> Weights {
        assert_eq!(weights.len(), (1usize << bits) * N_TAGS);
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let weights = weights
            .iter()
            .map(|w| (w / scale).round().clamp(-32767.0, 32767.0) as i16)
            .collect();
        Weights {
            weights,
            scale,
            transitions,
        }
    }
}

/// A trained tagger: a first pass over the unit's features and,
/// optionally, a second pass that also sees the first pass's tags around
/// each token ([`super::features::with_first_pass`]): cues first, then
/// sources and contents conditioned on them.
#[derive(Debug, Clone)]
pub struct Model {
    bits: u32,
    first: Weights,
    second: Option<Weights>,
}

impl Model {
    /// Builds a one-pass model from float weights (`(1 << bits) * N_TAGS`,
    /// row-major by bucket), quantising them to i16.
    pub fn from_float(bits: u32, weights: &[f32], transitions: Transitions) -> Model {
        Model {
            bits,
            first: Weights::quantise(bits, weights, transitions),
            second: None,
        }
    }

    /// Adds (or replaces) the second pass.
    pub fn with_second(mut self, weights: &[f32], transitions: Transitions) -> Model {
        self.second = Some(Weights::quantise(self.bits, weights, transitions));
        self
    }

    /// The same model without its second pass.
    pub fn first_pass(&self) -> Model {
        Model {
            second: None,
            ..self.clone()
        }
    }

    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// Tags one unit (a paragraph's tokens).
    pub fn tag(&self, unit: &Unit) -> Vec<Tag> {
        let first = self.tag_with(&self.first, unit);
        match &self.second {
            None => first,
            Some(w) => self.tag_with(w, &with_first_pass(unit, &first)),
        }
    }

    fn tag_with(&self, w: &Weights, unit: &Unit) -> Vec<Tag> {
        let n = unit.len();
        let mut emissions: Vec<[f32; N_TAGS]> = Vec::with_capacity(n);
        for i in 0..n {
            let mut acc = [0i32; N_TAGS];
            for &f in unit.token(i) {
                let b = bucket(self.bits, f) * N_TAGS;
                for (a, &x) in acc.iter_mut().zip(&w.weights[b..b + N_TAGS]) {
                    *a += x as i32;
                }
            }
            emissions.push(acc.map(|a| a as f32 * w.scale));
        }
        viterbi(&emissions, &w.transitions)
    }

    /// Serialises the model, zstd-compressed.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&(N_TAGS as u32).to_le_bytes());
        let passes: Vec<&Weights> = std::iter::once(&self.first).chain(&self.second).collect();
        out.extend_from_slice(&(passes.len() as u32).to_le_bytes());
        for w in passes {
            out.extend_from_slice(&w.scale.to_le_bytes());
            for row in &w.transitions {
                for t in row {
                    out.extend_from_slice(&t.to_le_bytes());
                }
            }
            // Tag-major: zero runs are longer that way and compress better.
            for tag in 0..N_TAGS {
                for b in 0..1usize << self.bits {
                    out.extend_from_slice(&w.weights[b * N_TAGS + tag].to_le_bytes());
                }
            }
        }
        zstd::bulk::compress(&out, 19).expect("zstd compression of an in-memory buffer")
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(compressed: &[u8]) -> Result<Model, ModelError> {
        let dec = zstd::stream::read::Decoder::new(compressed)
            .map_err(|e| ModelError::Decompress(e.to_string()))?;
        let mut r = Reader(dec);
        let mut magic = [0u8; 8];
        r.fill(&mut magic)?;
        if &magic != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let version = r.u32()?;
        if version != VERSION {
            return Err(ModelError::Version(version));
        }
        let bits = r.u32()?;
        if !(8..=24).contains(&bits) {
            return Err(ModelError::Corrupt("bucket bits out of range"));
        }
        if r.u32()? as usize != N_TAGS {
            return Err(ModelError::Corrupt("tag count"));
        }
        let n_passes = r.u32()?;
        if !(1..=2).contains(&n_passes) {
            return Err(ModelError::Corrupt("pass count"));
        }
        let mut passes = Vec::new();
        for _ in 0..n_passes {
            let scale = r.f32()?;
            let mut transitions = [[0f32; N_TAGS]; N_TAGS + 1];
            for row in transitions.iter_mut() {
                for t in row.iter_mut() {
                    *t = r.f32()?;
                }
            }
            let n = 1usize << bits;
            let mut weights = vec![0i16; n * N_TAGS];
            let mut bytes = vec![0u8; n * 2];
            for tag in 0..N_TAGS {
                r.fill(&mut bytes)?;
                for b in 0..n {
                    weights[b * N_TAGS + tag] =
                        i16::from_le_bytes([bytes[2 * b], bytes[2 * b + 1]]);
                }
            }
            passes.push(Weights {
                weights,
                scale,
                transitions,
            });
        }
        let second = if passes.len() == 2 {
            passes.pop()
        } else {
            None
        };
        let first = passes.pop().ok_or(ModelError::Corrupt("no pass"))?;
        Ok(Model {
            bits,
            first,
            second,
        })
    }
}

/// The bucket of a feature hash in a table of `1 << bits` rows.
pub fn bucket(bits: u32, feature: u64) -> usize {
    (feature >> (64 - bits)) as usize
}

/// The best tag sequence under emission and transition scores, allowing
/// only valid BIO transitions ([`Tag::allows`]).
pub fn viterbi(emissions: &[[f32; N_TAGS]], transitions: &Transitions) -> Vec<Tag> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    const NEG: f32 = f32::NEG_INFINITY;
    let mut score = [NEG; N_TAGS];
    let mut back: Vec<[u8; N_TAGS]> = vec![[0; N_TAGS]; n];
    for t in Tag::all() {
        if Tag::allows(None, t) {
            score[t.index()] = transitions[N_TAGS][t.index()] + emissions[0][t.index()];
        }
    }
    for i in 1..n {
        let mut next = [NEG; N_TAGS];
        for t in Tag::all() {
            let mut best = NEG;
            let mut arg = 0u8;
            for p in Tag::all() {
                if score[p.index()] == NEG || !Tag::allows(Some(p), t) {
                    continue;
                }
                let s = score[p.index()] + transitions[p.index()][t.index()];
                if s > best {
                    best = s;
                    arg = p.0;
                }
            }
            if best > NEG {
                next[t.index()] = best + emissions[i][t.index()];
                back[i][t.index()] = arg;
            }
        }
        score = next;
    }
    let mut last = 0;
    for t in 0..N_TAGS {
        if score[t] > score[last] {
            last = t;
        }
    }
    let mut path = vec![Tag::O; n];
    path[n - 1] = Tag(last as u8);
    for i in (1..n).rev() {
        path[i - 1] = Tag(back[i][path[i].index()]);
    }
    path
}

/// Little-endian reads from the decompressing stream; a short read is a
/// corrupt model.
struct Reader<R: Read>(R);

impl<R: Read> Reader<R> {
    fn fill(&mut self, buf: &mut [u8]) -> Result<(), ModelError> {
        self.0.read_exact(buf).map_err(|e| match e.kind() {
            std::io::ErrorKind::UnexpectedEof => ModelError::Corrupt("unexpected end"),
            _ => ModelError::Decompress(e.to_string()),
        })
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        let mut b = [0u8; 4];
        self.fill(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        let mut b = [0u8; 4];
        self.fill(&mut b)?;
        Ok(f32::from_le_bytes(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viterbi_never_starts_or_jumps_into_an_inside_tag() {
        let mut e = [[0f32; N_TAGS]; 3];
        for row in e.iter_mut() {
            row[Tag::inside(2).index()] = 5.0;
            row[Tag::begin(2).index()] = 1.0;
        }
        e[1][Tag::inside(1).index()] = 9.0;
        let path = viterbi(&e, &[[0.0; N_TAGS]; N_TAGS + 1]);
        assert_eq!(path[0], Tag::begin(2));
        for w in path.windows(2) {
            assert!(Tag::allows(Some(w[0]), w[1]));
        }
    }

    #[test]
    fn model_round_trips_through_bytes() {
        let bits = 8;
        let w: Vec<f32> = (0..(1usize << bits) * N_TAGS)
            .map(|i| ((i * 7919) % 13) as f32 - 6.0)
            .collect();
        let mut tr = [[0f32; N_TAGS]; N_TAGS + 1];
        tr[N_TAGS][1] = 0.5;
        let m = Model::from_float(bits, &w, tr);
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(back.first.weights, m.first.weights);
        assert_eq!(back.first.transitions, m.first.transitions);
        assert!(back.second.is_none());
        let w2: Vec<f32> = w.iter().map(|x| -x).collect();
        let m2 = m.clone().with_second(&w2, tr);
        let back2 = Model::from_bytes(&m2.to_bytes()).unwrap();
        assert_eq!(
            back2.second.as_ref().unwrap().weights,
            m2.second.as_ref().unwrap().weights
        );
        assert!(Model::from_bytes(b"junk").is_err());
    }
}
