//! Averaged structured perceptron (Collins 2002) with the lazy averaging
//! trick: `avg = w - u / c`, where `u` accumulates each update times the
//! step at which it happened. Adapted from `newsgraph-ner-train` for the
//! quotation tagger's tag set.

use newsgraph_quotes::tagger::model::{bucket, viterbi, Transitions};
use newsgraph_quotes::tagger::tags::{Tag, N_TAGS};
use newsgraph_quotes::tagger::Unit;

/// One training unit: weight-row indices per token and gold tags.
pub struct Instance {
    offsets: Vec<u32>,
    rows: Vec<u32>,
    gold: Vec<Tag>,
}

impl Instance {
    pub fn new(u: &Unit, gold: Vec<Tag>, bits: u32) -> Instance {
        Instance {
            offsets: u.offsets.clone(),
            rows: u.feats.iter().map(|&f| bucket(bits, f) as u32).collect(),
            gold,
        }
    }

    fn token(&self, i: usize) -> &[u32] {
        &self.rows[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }
}

pub struct Trainer {
    w: Vec<f32>,
    u: Vec<f64>,
    tw: Transitions,
    tu: [[f64; N_TAGS]; N_TAGS + 1],
    c: f64,
}

impl Trainer {
    pub fn new(bits: u32) -> Trainer {
        let n = (1usize << bits) * N_TAGS;
        Trainer {
            w: vec![0.0; n],
            u: vec![0.0; n],
            tw: [[0.0; N_TAGS]; N_TAGS + 1],
            tu: [[0.0; N_TAGS]; N_TAGS + 1],
            c: 1.0,
        }
    }

    /// One pass in the given order; returns the number of units whose
    /// predicted tags differed from gold.
    pub fn epoch(&mut self, data: &[Instance], order: &[usize]) -> usize {
        let mut errors = 0;
        let mut emissions: Vec<[f32; N_TAGS]> = Vec::new();
        for &k in order {
            let inst = &data[k];
            let n = inst.gold.len();
            emissions.clear();
            for i in 0..n {
                let mut acc = [0f32; N_TAGS];
                for &r in inst.token(i) {
                    let row = &self.w[r as usize * N_TAGS..(r as usize + 1) * N_TAGS];
                    for (a, w) in acc.iter_mut().zip(row) {
                        *a += w;
                    }
                }
                emissions.push(acc);
            }
            let pred = viterbi(&emissions, &self.tw);
            if pred != inst.gold {
                errors += 1;
                let c = self.c;
                for i in 0..n {
                    let (g, p) = (inst.gold[i].index(), pred[i].index());
                    if g != p {
                        for &r in inst.token(i) {
                            let base = r as usize * N_TAGS;
                            self.w[base + g] += 1.0;
                            self.u[base + g] += c;
                            self.w[base + p] -= 1.0;
                            self.u[base + p] -= c;
                        }
                    }
                    let gp = if i == 0 {
                        N_TAGS
                    } else {
                        inst.gold[i - 1].index()
                    };
                    let pp = if i == 0 { N_TAGS } else { pred[i - 1].index() };
                    if (gp, g) != (pp, p) {
                        self.tw[gp][g] += 1.0;
                        self.tu[gp][g] += c;
                        self.tw[pp][p] -= 1.0;
                        self.tu[pp][p] -= c;
                    }
                }
            }
            self.c += 1.0;
        }
        errors
    }

    /// The averaged weights and transitions.
    pub fn averaged(&self) -> (Vec<f32>, Transitions) {
        let c = self.c;
        let w = self
            .w
            .iter()
            .zip(&self.u)
            .map(|(&w, &u)| (w as f64 - u / c) as f32)
            .collect();
        let mut tr = self.tw;
        for (row, urow) in tr.iter_mut().zip(&self.tu) {
            for (t, u) in row.iter_mut().zip(urow) {
                *t = (*t as f64 - u / c) as f32;
            }
        }
        (w, tr)
    }
}

/// xorshift64*: a seeded shuffle that never changes between builds.
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0.max(1);
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}
