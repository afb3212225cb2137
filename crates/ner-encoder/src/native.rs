//! The encoder's forward pass on plain `Vec<f32>` buffers with int8 matrix
//! products ([`crate::int8`]): the fast backend where the CPU has VNNI.
//!
//! Against the candle path (`crate::encoder`'s f32 backend) it changes three
//! things, each measured to pay:
//!
//! - the six token-wise products of a layer are int8 (VNNI) instead of f32;
//! - windows are not padded: their pieces are concatenated into one
//!   `(T, hidden)` matrix for the token-wise products, and attention runs
//!   per (window, head) on that window's rows only, so no masked work;
//! - element-wise work is fused into the products or done in place on
//!   buffers reused across layers: bias (+ GELU, or + residual) in the
//!   product's epilogue, LayerNorm in place, softmax in one function with a
//!   polynomial `exp` compiled for AVX-512; no tensor is allocated per op.
//!
//! Attention's two small products per head (`Q·Kᵀ`, `P·V`) stay f32 and go
//! to the `gemm` crate (candle's own kernels), which reads the strided
//! head slices of the fused QKV matrix in place.

use crate::int8::{Epilogue, Kernel, QActs, QMatrix};
use crate::ops::{dot, max_by, sum_by};
use rayon::prelude::*;

/// A linear layer: int8 weights (one scale per output) and an f32 bias;
/// optionally the same weights dequantised, to run this product in f32
/// (`n × k`, row-major).
pub(crate) struct QLinear {
    pub w: QMatrix,
    pub b: Vec<f32>,
    pub f32w: Option<Vec<f32>>,
}

impl QLinear {
    /// `y = epi(x·Wᵀ + b)` for the `t` rows of `x`.
    fn apply(
        &self,
        x: &[f32],
        t: usize,
        q: &mut QActs,
        y: &mut [f32],
        epi: Epilogue,
        kernel: Kernel,
    ) {
        let (n, k) = (self.w.outputs(), self.w.inputs());
        let Some(w) = &self.f32w else {
            q.quantize(x, t, k, kernel);
            crate::int8::matmul(q, &self.w, &self.b, y, epi, kernel);
            return;
        };
        // SAFETY: x is t × k, w is n × k and y is t × n, all row-major and
        // checked by the slicing below.
        let (x, y) = (&x[..t * k], &mut y[..t * n]);
        assert_eq!(w.len(), n * k);
        unsafe {
            gemm::gemm(
                t,
                n,
                k,
                y.as_mut_ptr(),
                1,
                n as isize,
                epi == Epilogue::Add,
                x.as_ptr(),
                1,
                k as isize,
                w.as_ptr(),
                k as isize,
                1,
                1.0,
                1.0,
                false,
                false,
                false,
                gemm::Parallelism::Rayon(rayon::current_num_threads()),
            );
        }
        y.par_chunks_mut(n * 64).for_each(|rows| {
            for row in rows.chunks_exact_mut(n) {
                for (v, b) in row.iter_mut().zip(&self.b) {
                    *v += b;
                    if epi == Epilogue::Gelu {
                        *v = crate::ops::gelu(*v);
                    }
                }
            }
        });
    }
}

/// LayerNorm's weight and bias.
pub(crate) struct Norm {
    pub w: Vec<f32>,
    pub b: Vec<f32>,
}

pub(crate) struct QLayer {
    /// Q, K and V fused (3·hidden outputs); the attention scale is folded
    /// into the query rows.
    pub qkv: QLinear,
    pub ao: QLinear,
    pub aln: Norm,
    pub fi: QLinear,
    pub fo: QLinear,
    pub oln: Norm,
}

/// Rows of an int8 table (embeddings), dequantised on lookup.
pub(crate) struct QRows {
    pub q: Vec<i8>,
    pub scale: Vec<f32>,
    pub width: usize,
}

impl QRows {
    fn add_row_to(&self, row: usize, out: &mut [f32]) {
        let s = self.scale[row];
        let q = &self.q[row * self.width..(row + 1) * self.width];
        for (o, &v) in out.iter_mut().zip(q) {
            *o += v as f32 * s;
        }
    }

    pub fn rows(&self) -> usize {
        self.scale.len()
    }
}

/// The int8 encoder's weights.
pub(crate) struct Int8Encoder {
    pub word: QRows,
    pub pos: QRows,
    pub tok_type: Vec<f32>,
    pub eln: Norm,
    pub layers: Vec<QLayer>,
    /// The tag head, f32 (`tags × hidden`, row-major).
    pub head_w: Vec<f32>,
    pub head_b: Vec<f32>,
    pub heads: usize,
    pub hidden: usize,
    pub eps: f32,
    pub kernel: Kernel,
}

/// Buffers reused across the layers of one call.
#[derive(Default)]
struct Scratch {
    x: Vec<f32>,
    qkv: Vec<f32>,
    ctx: Vec<f32>,
    mid: Vec<f32>,
    q: QActs,
}

/// A pointer that rayon tasks may share: they write disjoint parts.
#[derive(Clone, Copy)]
struct SharedMut(*mut f32);
// SAFETY: each task writes only its own (window, head) block of columns.
unsafe impl Send for SharedMut {}
unsafe impl Sync for SharedMut {}

impl Int8Encoder {
    fn fast(&self) -> bool {
        // AVX-512 is there wherever VNNI or AMX is.
        self.kernel != Kernel::Scalar
    }

    /// Log-softmax tag scores per piece of each window (no padding).
    pub fn log_probs(&self, windows: &[Vec<u32>]) -> Vec<Vec<Vec<f32>>> {
        let h = self.hidden;
        let lens: Vec<usize> = windows
            .iter()
            .map(|w| w.len().min(self.pos.rows()))
            .collect();
        let total: usize = lens.iter().sum();
        if total == 0 {
            return vec![Vec::new(); windows.len()];
        }
        let mut offs = Vec::with_capacity(lens.len());
        let mut at = 0;
        for &l in &lens {
            offs.push(at);
            at += l;
        }
        let mut s = Scratch::default();
        s.x.resize(total * h, 0.0);
        // word + position + type, LayerNorm.
        for (b, w) in windows.iter().enumerate() {
            for (i, &id) in w.iter().take(lens[b]).enumerate() {
                let row = &mut s.x[(offs[b] + i) * h..(offs[b] + i + 1) * h];
                row.copy_from_slice(&self.tok_type);
                let id = (id as usize).min(self.word.rows() - 1);
                self.word.add_row_to(id, row);
                self.pos.add_row_to(i, row);
            }
        }
        self.layer_norm(&mut s.x, &self.eln);
        for layer in &self.layers {
            self.layer(layer, &mut s, &lens, &offs);
        }
        // The tag head (9 outputs: plain loops) and log-softmax.
        let tags = self.head_b.len();
        let mut out = Vec::with_capacity(windows.len());
        for (b, &len) in lens.iter().enumerate() {
            let mut rows = Vec::with_capacity(len);
            for i in 0..len {
                let x = &s.x[(offs[b] + i) * h..(offs[b] + i + 1) * h];
                let mut logits: Vec<f32> = (0..tags)
                    .map(|t| {
                        let w = &self.head_w[t * h..(t + 1) * h];
                        self.head_b[t] + dot(x, w)
                    })
                    .collect();
                let max = logits.iter().fold(f32::NEG_INFINITY, |a, &v| a.max(v));
                let lse = max + logits.iter().map(|v| (v - max).exp()).sum::<f32>().ln();
                logits.iter_mut().for_each(|v| *v -= lse);
                rows.push(logits);
            }
            out.push(rows);
        }
        out
    }

    fn layer(&self, l: &QLayer, s: &mut Scratch, lens: &[usize], offs: &[usize]) {
        let (h, k) = (self.hidden, self.kernel);
        let t = s.x.len() / h;
        let ffn = l.fi.w.outputs();
        s.qkv.resize(t * 3 * h, 0.0);
        s.ctx.resize(t * h, 0.0);
        s.mid.resize(t * ffn, 0.0);
        l.qkv
            .apply(&s.x, t, &mut s.q, &mut s.qkv, Epilogue::Store, k);
        self.attention(&s.qkv, &mut s.ctx, lens, offs);
        l.ao.apply(&s.ctx, t, &mut s.q, &mut s.x, Epilogue::Add, k);
        self.layer_norm(&mut s.x, &l.aln);
        l.fi.apply(&s.x, t, &mut s.q, &mut s.mid, Epilogue::Gelu, k);
        l.fo.apply(&s.mid, t, &mut s.q, &mut s.x, Epilogue::Add, k);
        self.layer_norm(&mut s.x, &l.oln);
    }

    /// Self-attention per (window, head) into `ctx` (`T × hidden`).
    fn attention(&self, qkv: &[f32], ctx: &mut [f32], lens: &[usize], offs: &[usize]) {
        let (h, nh) = (self.hidden, self.heads);
        let hd = h / nh;
        let h3 = 3 * h;
        let fast = self.fast();
        let out = SharedMut(ctx.as_mut_ptr());
        let jobs: Vec<(usize, usize)> = (0..lens.len())
            .filter(|&b| lens[b] > 0)
            .flat_map(|b| (0..nh).map(move |hh| (b, hh)))
            .collect();
        jobs.par_iter()
            .for_each_init(Vec::new, |scores: &mut Vec<f32>, &(b, hh)| {
                let (len, off) = (lens[b], offs[b]);
                scores.clear();
                scores.resize(len * len, 0.0);
                // The whole wrapper, not its raw-pointer field, is captured.
                #[allow(clippy::redundant_locals)]
                let out = out;
                // SAFETY: the pointers and strides address this window's rows of
                // `qkv` (T × 3h, read) and this head's columns of `ctx` (T × h,
                // written by this task alone); gemm reads and writes only
                // the m × k, k × n and m × n elements they describe.
                unsafe {
                    let q = qkv.as_ptr().add(off * h3 + hh * hd);
                    let kk = q.add(h);
                    let v = q.add(2 * h);
                    gemm::gemm(
                        len,
                        len,
                        hd,
                        scores.as_mut_ptr(),
                        1,
                        len as isize,
                        false,
                        q,
                        1,
                        h3 as isize,
                        kk,
                        h3 as isize,
                        1,
                        0.0,
                        1.0,
                        false,
                        false,
                        false,
                        gemm::Parallelism::None,
                    );
                    for row in scores.chunks_exact_mut(len) {
                        if fast {
                            softmax_avx512(row);
                        } else {
                            softmax(row);
                        }
                    }
                    gemm::gemm(
                        len,
                        hd,
                        len,
                        out.0.add(off * h + hh * hd),
                        1,
                        h as isize,
                        false,
                        scores.as_ptr(),
                        1,
                        len as isize,
                        v,
                        1,
                        h3 as isize,
                        0.0,
                        1.0,
                        false,
                        false,
                        false,
                        gemm::Parallelism::None,
                    );
                }
            });
    }

    /// LayerNorm of every row of `x`, in place, rows split among threads.
    fn layer_norm(&self, x: &mut [f32], n: &Norm) {
        let (h, eps, fast) = (self.hidden, self.eps, self.fast());
        x.par_chunks_mut(h * 64).for_each(|rows| {
            for row in rows.chunks_exact_mut(h) {
                if fast {
                    // SAFETY: the fast kernel is chosen only after detection.
                    unsafe { layer_norm_avx512(row, &n.w, &n.b, eps) }
                } else {
                    layer_norm(row, &n.w, &n.b, eps)
                }
            }
        });
    }
}

#[inline(always)]
fn layer_norm(row: &mut [f32], w: &[f32], b: &[f32], eps: f32) {
    let n = row.len() as f32;
    let mean = sum_by(row, |v| v) / n;
    let var = sum_by(row, |v| (v - mean) * (v - mean)) / n;
    let r = 1.0 / (var + eps).sqrt();
    for ((v, w), b) in row.iter_mut().zip(w).zip(b) {
        *v = (*v - mean) * r * w + b;
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw,avx512vl,avx2,fma")]
unsafe fn layer_norm_avx512(row: &mut [f32], w: &[f32], b: &[f32], eps: f32) {
    layer_norm(row, w, b, eps)
}

#[cfg(not(target_arch = "x86_64"))]
unsafe fn layer_norm_avx512(row: &mut [f32], w: &[f32], b: &[f32], eps: f32) {
    layer_norm(row, w, b, eps)
}

/// `exp(x)` for x ≤ 0 (softmax after the maximum is taken out): Cephes'
/// `expf` polynomial on the reduced argument, scaled by 2ⁿ through the
/// exponent bits; relative error about 2e-7. Plain arithmetic, so the
/// compiler vectorises the loop that calls it.
#[inline(always)]
pub(crate) fn exp_neg(x: f32) -> f32 {
    const LOG2E: f32 = std::f32::consts::LOG2_E;
    const LN2_HI: f32 = 0.693_359_4;
    const LN2_LO: f32 = -2.121_944_4e-4;
    // Adding 1.5·2²³ rounds to an integer held in the low mantissa bits:
    // no float-to-int conversion, whose saturating `as` would not vectorise.
    const ROUND: f32 = 12_582_912.0;
    let x = x.max(-87.0);
    let t = x * LOG2E + ROUND;
    let n = t - ROUND;
    let r = x - n * LN2_HI - n * LN2_LO;
    let mut p = 1.987_569_1e-4_f32;
    p = p * r + 1.398_199_9e-3;
    p = p * r + 8.333_452e-3;
    p = p * r + 4.166_579_6e-2;
    p = p * r + 1.666_666_5e-1;
    p = p * r + 0.5;
    let e = p * r * r + r + 1.0;
    // n = bits(t) − bits(ROUND); 2ⁿ has exponent field n + 127.
    let pow2 = (t.to_bits().wrapping_sub(ROUND.to_bits()).wrapping_add(127)) << 23;
    f32::from_bits(pow2) * e
}

/// Softmax of one row of scores, in place.
#[inline(always)]
fn softmax(row: &mut [f32]) {
    let max = max_by(row, |v| v);
    row.iter_mut().for_each(|v| *v = exp_neg(*v - max));
    let inv = 1.0 / sum_by(row, |v| v);
    row.iter_mut().for_each(|v| *v *= inv);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw,avx512vl,avx2,fma")]
unsafe fn softmax_avx512(row: &mut [f32]) {
    softmax(row)
}

#[cfg(not(target_arch = "x86_64"))]
unsafe fn softmax_avx512(row: &mut [f32]) {
    softmax(row)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_neg_is_within_a_millionth_relative() {
        for i in 0..=8700 {
            let x = -(i as f32) / 100.0;
            let (got, want) = (exp_neg(x) as f64, (x as f64).exp());
            assert!(
                (got - want).abs() <= 1e-6 * want + 1e-37,
                "exp({x}) = {got}, want {want}"
            );
        }
    }

    #[test]
    fn softmax_sums_to_one_and_keeps_order() {
        let mut row = vec![1.0, 3.0, -2.0, 3.0, 0.5];
        softmax(&mut row);
        assert!((row.iter().sum::<f32>() - 1.0).abs() < 1e-6);
        assert!(row[1] > row[0] && row[0] > row[4] && row[4] > row[2]);
        assert_eq!(row[1], row[3]);
    }

    #[test]
    fn layer_norm_gives_zero_mean_unit_variance() {
        let mut row: Vec<f32> = (0..8).map(|i| i as f32 * 1.5 - 2.0).collect();
        layer_norm(&mut row, &[1.0; 8], &[0.0; 8], 1e-12);
        let mean = row.iter().sum::<f32>() / 8.0;
        let var = row.iter().map(|v| v * v).sum::<f32>() / 8.0;
        assert!(
            mean.abs() < 1e-6 && (var - 1.0).abs() < 1e-5,
            "{mean} {var}"
        );
    }
}
