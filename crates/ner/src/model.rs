//! The model: hashed feature weights, tag transitions and resources, with
//! a compact binary format (zstd-compressed, weights quantised to i16) and
//! constrained Viterbi decoding.

use crate::features::{add_label_features, document_features, Resources, SentFeatures};
use crate::tags::{Tag, N_TAGS};
use std::io::Read;

/// Errors reading a model file.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("model: not a newsgraph NER model (bad magic)")]
    BadMagic,
    #[error("model: unsupported format version {0}")]
    Version(u32),
    #[error("model: truncated or corrupt ({0})")]
    Corrupt(&'static str),
    #[error("model: decompression failed: {0}")]
    Io(#[from] std::io::Error),
}

const MAGIC: &[u8; 8] = b"NGNERv1\0";
const VERSION: u32 = 2;

/// Transition scores: row `N_TAGS` is the sentence start.
pub type Transitions = [[f32; N_TAGS]; N_TAGS + 1];

/// One stage's quantised weights and transitions.
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

/// A trained tagger: a first stage over local, resource and document
/// features, and optionally a second stage that also sees the first stage's
/// labels for the same words elsewhere in the article (Krishnan & Manning
/// 2006 style stacking, which makes labels consistent across a document).
#[derive(Debug, Clone)]
pub struct Model {
    bits: u32,
    stage1: Weights,
    stage2: Option<Weights>,
    resources: Resources,
}

/// One tagged token: its tag and the model's confidence in it, in `[0, 1]`
/// (a softmax over the token's tag scores; a ranking aid, not a calibrated
/// probability).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tagged {
    pub tag: Tag,
    pub confidence: f32,
}

impl Model {
    /// Builds a one-stage model from float weights (`(1 << bits) * N_TAGS`,
    /// row-major by bucket), quantising them to i16.
    pub fn from_float(
        bits: u32,
        weights: &[f32],
        transitions: Transitions,
        resources: Resources,
    ) -> Model {
        Model {
            bits,
            stage1: Weights::quantise(bits, weights, transitions),
            stage2: None,
            resources,
        }
    }

    /// Adds (or replaces) the second stage.
    pub fn with_stage2(mut self, weights: &[f32], transitions: Transitions) -> Model {
        self.stage2 = Some(Weights::quantise(self.bits, weights, transitions));
        self
    }

    /// The same model without its second stage.
    pub fn first_stage(&self) -> Model {
        Model {
            stage2: None,
            ..self.clone()
        }
    }

    /// The bucket of a feature hash.
    pub fn bucket(&self, feature: u64) -> usize {
        bucket(self.bits, feature)
    }

    pub fn resources(&self) -> &Resources {
        &self.resources
    }

    /// Tags every sentence of a document (a list of sentences of tokens).
    /// Document-level features look at the whole list, so pass a whole
    /// article at once.
    pub fn tag_document(&self, doc: &[Vec<&str>]) -> Vec<Vec<Tagged>> {
        let mut feats = document_features(&self.resources, doc);
        let first: Vec<Vec<Tagged>> = feats
            .iter()
            .map(|sf| self.tag_sentence(&self.stage1, sf))
            .collect();
        let Some(stage2) = &self.stage2 else {
            return first;
        };
        let tags: Vec<Vec<Tag>> = first
            .iter()
            .map(|s| s.iter().map(|t| t.tag).collect())
            .collect();
        add_label_features(&mut feats, doc, &tags);
        feats
            .iter()
            .map(|sf| self.tag_sentence(stage2, sf))
            .collect()
    }

    fn tag_sentence(&self, w: &Weights, sf: &SentFeatures) -> Vec<Tagged> {
        let n = sf.len();
        let mut emissions: Vec<[f32; N_TAGS]> = Vec::with_capacity(n);
        for i in 0..n {
            let mut acc = [0i32; N_TAGS];
            for &f in sf.token(i) {
                let b = self.bucket(f) * N_TAGS;
                let row = &w.weights[b..b + N_TAGS];
                for (a, &x) in acc.iter_mut().zip(row) {
                    *a += x as i32;
                }
            }
            emissions.push(acc.map(|a| a as f32 * w.scale));
        }
        let path = viterbi(&emissions, &w.transitions);
        path.into_iter()
            .zip(&emissions)
            .map(|(tag, e)| Tagged {
                tag,
                confidence: softmax_at(e, tag.index()),
            })
            .collect()
    }

    /// Serialises the model, zstd-compressed.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&(N_TAGS as u32).to_le_bytes());
        let stages: Vec<&Weights> = std::iter::once(&self.stage1).chain(&self.stage2).collect();
        out.extend_from_slice(&(stages.len() as u32).to_le_bytes());
        for w in stages {
            out.extend_from_slice(&w.scale.to_le_bytes());
            for row in &w.transitions {
                for t in row {
                    out.extend_from_slice(&t.to_le_bytes());
                }
            }
            // Weights tag-major (all buckets of tag 0, then tag 1, ...): zero
            // runs are longer that way and compress better.
            for tag in 0..N_TAGS {
                for b in 0..1usize << self.bits {
                    out.extend_from_slice(&w.weights[b * N_TAGS + tag].to_le_bytes());
                }
            }
        }
        let mut gaz: Vec<(u64, u8)> = self
            .resources
            .gazetteer
            .iter()
            .map(|(k, v)| (*k, *v))
            .collect();
        gaz.sort_unstable();
        out.extend_from_slice(&(gaz.len() as u32).to_le_bytes());
        for (k, v) in gaz {
            out.extend_from_slice(&k.to_le_bytes());
            out.push(v);
        }
        let mut cl: Vec<(u64, [u16; 2])> = self
            .resources
            .clusters
            .iter()
            .map(|(k, v)| (*k, *v))
            .collect();
        cl.sort_unstable();
        out.extend_from_slice(&(cl.len() as u32).to_le_bytes());
        for (k, [a, b]) in cl {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&a.to_le_bytes());
            out.extend_from_slice(&b.to_le_bytes());
        }
        zstd::bulk::compress(&out, 19).expect("zstd compression of an in-memory buffer")
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(compressed: &[u8]) -> Result<Model, ModelError> {
        // Streamed: the decompressed bytes are never all in memory at once,
        // which halves peak memory while the model loads.
        let mut r = Reader(zstd::stream::read::Decoder::new(compressed)?);
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
        if !(8..=26).contains(&bits) {
            return Err(ModelError::Corrupt("bucket bits out of range"));
        }
        if r.u32()? as usize != N_TAGS {
            return Err(ModelError::Corrupt("tag count"));
        }
        let n_stages = r.u32()?;
        if !(1..=2).contains(&n_stages) {
            return Err(ModelError::Corrupt("stage count"));
        }
        let mut stages = Vec::new();
        for _ in 0..n_stages {
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
            stages.push(Weights {
                weights,
                scale,
                transitions,
            });
        }
        let stage2 = if stages.len() == 2 {
            stages.pop()
        } else {
            None
        };
        let stage1 = stages.pop().ok_or(ModelError::Corrupt("no stage"))?;
        let mut resources = Resources::default();
        let ng = r.u32()? as usize;
        resources.gazetteer.reserve(ng);
        for _ in 0..ng {
            let k = r.u64()?;
            let v = r.u8()?;
            resources.gazetteer.insert(k, v);
        }
        let nc = r.u32()? as usize;
        resources.clusters.reserve(nc);
        for _ in 0..nc {
            let k = r.u64()?;
            let a = r.u16()?;
            let b = r.u16()?;
            resources.clusters.insert(k, [a, b]);
        }
        Ok(Model {
            bits,
            stage1,
            stage2,
            resources,
        })
    }
}

/// The bucket of a feature hash in a table of `1 << bits` rows.
pub fn bucket(bits: u32, feature: u64) -> usize {
    (feature >> (64 - bits)) as usize
}

fn softmax_at(e: &[f32; N_TAGS], k: usize) -> f32 {
    let max = e.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let sum: f32 = e.iter().map(|x| (x - max).exp()).sum();
    (e[k] - max).exp() / sum
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
            _ => ModelError::Io(e),
        })
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        let mut b = [0u8; N];
        self.fill(&mut b)?;
        Ok(b)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.array::<1>()?[0])
    }
    fn u16(&mut self) -> Result<u16, ModelError> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(self.array()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viterbi_never_starts_or_jumps_into_an_inside_tag() {
        let mut e = [[0f32; N_TAGS]; 3];
        // The emissions prefer I-PER everywhere; the path must start with B-PER.
        for row in e.iter_mut() {
            row[Tag::inside(0).index()] = 5.0;
            row[Tag::begin(0).index()] = 1.0;
        }
        e[1][Tag::inside(1).index()] = 9.0; // I-ORG after PER is not allowed
        let path = viterbi(&e, &[[0.0; N_TAGS]; N_TAGS + 1]);
        assert_eq!(path[0], Tag::begin(0));
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
        let mut res = Resources::default();
        res.gazetteer.insert(42, 3);
        res.clusters.insert(7, [1, 2]);
        let mut tr = [[0f32; N_TAGS]; N_TAGS + 1];
        tr[N_TAGS][1] = 0.5;
        let m = Model::from_float(bits, &w, tr, res);
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(back.stage1.weights, m.stage1.weights);
        assert_eq!(back.stage1.transitions, m.stage1.transitions);
        assert!(back.stage2.is_none());
        let w2: Vec<f32> = w.iter().map(|x| -x).collect();
        let m2 = m.clone().with_stage2(&w2, tr);
        let back2 = Model::from_bytes(&m2.to_bytes()).unwrap();
        assert_eq!(
            back2.stage2.as_ref().unwrap().weights,
            m2.stage2.as_ref().unwrap().weights
        );
        assert_eq!(back.resources.gazetteer, m.resources.gazetteer);
        assert_eq!(back.resources.clusters, m.resources.clusters);
        assert!(Model::from_bytes(b"junk").is_err());
    }
}
