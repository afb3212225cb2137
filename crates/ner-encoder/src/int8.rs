//! Int8 matrix products `y = x·Wᵀ + b` for the encoder's linear layers, with
//! AVX-512 VNNI (`vpdpbusd`: 64 u8×i8 products summed into sixteen i32 lanes
//! per instruction), dispatched at run time.
//!
//! Hand-written because no well-kept Rust crate does int8 GEMM with VNNI:
//! `gemm` (what candle uses) covers f16/f32/f64 and complex types only, and
//! `matrixmultiply` f32/f64. The scheme is ONNX Runtime's dynamic
//! quantisation, which reached 4.2k tokens/s on this network:
//!
//! - weights: int8 with one f32 scale per output row, as `export.py` stores
//!   them, packed once at load into the kernel's layout ([`QMatrix`]);
//! - activations: quantised per row at run time (one scale per piece:
//!   `max |x| / 127`), stored as `q + 128` in u8, since `vpdpbusd` wants
//!   unsigned × signed;
//! - the +128 offset is taken back out with per-column weight sums:
//!   `Σ (q+128)·w = Σ q·w + 128·Σ w`;
//! - `y[m][n] = sx[m] · sw[n] · (acc[m][n] − 128·Σₖ w[n][k]) + b[n]`.
//!
//! The integer sums are exact, so the VNNI kernel and the portable scalar
//! kernel (used where VNNI is missing, and as the tests' reference) return
//! the same numbers bit for bit; the error against an f32 product is the
//! quantisation's alone (checked in the tests below).

#[cfg(target_arch = "x86_64")]
use std::arch::x86_64::*;

use rayon::prelude::*;

/// Output columns in one packed block: four 16-lane registers.
pub const NR: usize = 64;
/// Rows per micro-kernel call: 6 rows × 4 registers = 24 accumulators,
/// plus 4 weight registers and a broadcast, within the 32 AVX-512 registers.
const MR: usize = 6;
/// Rows per parallel task (a multiple of [`MR`]); small enough that two
/// threads share even one short window.
const ROWS_PER_TASK: usize = MR * 8;

/// Whether this CPU runs the VNNI kernel (AVX-512 F, BW and VNNI).
pub fn has_vnni() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        is_x86_feature_detected!("avx512f")
            && is_x86_feature_detected!("avx512bw")
            && is_x86_feature_detected!("avx512vnni")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Which kernel computes the integer sums.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kernel {
    /// AVX-512 VNNI (only valid where [`has_vnni`] is true).
    Vnni,
    /// Plain Rust loops: any CPU, slow; the reference in tests.
    Scalar,
}

impl Kernel {
    /// The fastest kernel this CPU runs.
    pub fn detect() -> Kernel {
        if has_vnni() {
            Kernel::Vnni
        } else {
            Kernel::Scalar
        }
    }
}

/// A weight matrix `W` (`n` outputs × `k` inputs) in int8 with one scale
/// per output, packed for the kernel: blocks of [`NR`] outputs; within a
/// block, for each group of 4 inputs, the 4 bytes of each of the 64 outputs.
pub struct QMatrix {
    n: usize,
    k: usize,
    /// `k` rounded up to a multiple of 4, divided by 4.
    k4: usize,
    packed: Vec<i8>,
    /// Per-output scale, padded to whole blocks (0 in the padding).
    scale: Vec<f32>,
    /// `128 · Σₖ W[n][k]`, padded like `scale`.
    comp: Vec<i32>,
}

impl QMatrix {
    /// From int8 rows `q` (`n × k`, row-major, one row per output) and one
    /// scale per row: `W[n][k] = q[n][k] · scale[n]`.
    pub fn from_rows(q: &[i8], scale: &[f32], n: usize, k: usize) -> QMatrix {
        assert_eq!(q.len(), n * k, "int8 matrix size");
        assert_eq!(scale.len(), n, "one scale per row");
        let k4 = k.div_ceil(4);
        let blocks = n.div_ceil(NR);
        let mut packed = vec![0i8; blocks * k4 * NR * 4];
        let mut sc = vec![0f32; blocks * NR];
        let mut comp = vec![0i32; blocks * NR];
        for o in 0..n {
            let (b, lane) = (o / NR, o % NR);
            sc[o] = scale[o];
            let row = &q[o * k..(o + 1) * k];
            comp[o] = 128 * row.iter().map(|&v| v as i32).sum::<i32>();
            for (i, &v) in row.iter().enumerate() {
                packed[((b * k4 + i / 4) * NR + lane) * 4 + i % 4] = v;
            }
        }
        QMatrix {
            n,
            k,
            k4,
            packed,
            scale: sc,
            comp,
        }
    }

    /// Quantises f32 rows (`n × k`, one row per output) symmetrically, one
    /// scale per row (`max |w| / 127`), as `export.py` does.
    pub fn quantize(w: &[f32], n: usize, k: usize) -> QMatrix {
        assert_eq!(w.len(), n * k, "f32 matrix size");
        let mut q = vec![0i8; n * k];
        let mut scale = vec![0f32; n];
        for o in 0..n {
            let row = &w[o * k..(o + 1) * k];
            let amax = row.iter().fold(0f32, |a, v| a.max(v.abs()));
            let s = if amax > 0.0 { amax / 127.0 } else { 1.0 };
            scale[o] = s;
            for (d, v) in q[o * k..(o + 1) * k].iter_mut().zip(row) {
                *d = (v / s).round().clamp(-127.0, 127.0) as i8;
            }
        }
        QMatrix::from_rows(&q, &scale, n, k)
    }

    /// The int8 rows and scales back (`n × k`, row-major), unpacked.
    pub fn rows(&self) -> (Vec<i8>, Vec<f32>) {
        let mut q = vec![0i8; self.n * self.k];
        for o in 0..self.n {
            let (b, lane) = (o / NR, o % NR);
            for i in 0..self.k {
                q[o * self.k + i] = self.packed[((b * self.k4 + i / 4) * NR + lane) * 4 + i % 4];
            }
        }
        (q, self.scale[..self.n].to_vec())
    }

    /// Outputs (columns of `y`).
    pub fn outputs(&self) -> usize {
        self.n
    }

    /// Inputs (columns of `x`).
    pub fn inputs(&self) -> usize {
        self.k
    }
}

/// Activations quantised per row, reused across calls to avoid allocation.
#[derive(Default)]
pub struct QActs {
    /// `q + 128` per element, rows padded to a multiple of 4 bytes with 128.
    data: Vec<u8>,
    scale: Vec<f32>,
    /// Bytes per row.
    ld: usize,
    rows: usize,
}

impl QActs {
    /// Quantises the `m` rows of `x` (`m × k`, row-major).
    pub fn quantize(&mut self, x: &[f32], m: usize, k: usize, kernel: Kernel) {
        assert_eq!(x.len(), m * k, "activation size");
        self.ld = k.div_ceil(4) * 4;
        self.rows = m;
        self.data.clear();
        self.data.resize(m * self.ld, 128);
        self.scale.clear();
        self.scale.resize(m, 0.0);
        let ld = self.ld;
        let chunk = ROWS_PER_TASK;
        self.data
            .par_chunks_mut(chunk * ld)
            .zip(self.scale.par_chunks_mut(chunk))
            .zip(x.par_chunks(chunk * k))
            .for_each(|((d, s), x)| {
                for ((d, s), x) in d.chunks_mut(ld).zip(s).zip(x.chunks(k)) {
                    match kernel {
                        #[cfg(target_arch = "x86_64")]
                        // SAFETY: Vnni is only chosen where AVX-512 is present.
                        Kernel::Vnni => unsafe { quantize_row_avx512(x, d, s) },
                        _ => quantize_row(x, d, s),
                    }
                }
            });
    }
}

/// `max |x| / 127` as the scale, `round(x / scale) + 128` as the byte.
#[inline(always)]
fn quantize_row(x: &[f32], out: &mut [u8], scale: &mut f32) {
    let amax = crate::ops::max_by(x, f32::abs);
    let s = if amax > 0.0 { amax / 127.0 } else { 1.0 };
    *scale = s;
    let inv = 1.0 / s;
    for (d, v) in out.iter_mut().zip(x) {
        // v·inv lies in [-127, 127]: +128.5 and truncation round half up.
        // max/min also turn NaN into 1.0, so the value is in range.
        let r = (v * inv + 128.5).max(1.0).min(255.0);
        // SAFETY: r is finite and in [1, 255] (a saturating `as` would
        // not vectorise).
        *d = unsafe { r.to_int_unchecked::<i32>() } as u8;
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw,avx512vl,avx2,fma")]
unsafe fn quantize_row_avx512(x: &[f32], out: &mut [u8], scale: &mut f32) {
    quantize_row(x, out, scale)
}

/// What happens to `x·Wᵀ + b` on its way to the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Epilogue {
    /// `y = x·Wᵀ + b`.
    Store,
    /// `y = gelu(x·Wᵀ + b)`.
    Gelu,
    /// `y += x·Wᵀ + b` (a residual connection).
    Add,
}

/// `y = epilogue(x·Wᵀ + b)` for quantised activations `x` (`m × k`) and
/// weights `w` (`n × k`); `y` is `m × n`, row-major. Rows are split among
/// rayon's threads.
pub fn matmul(x: &QActs, w: &QMatrix, bias: &[f32], y: &mut [f32], epi: Epilogue, kernel: Kernel) {
    let (m, n) = (x.rows, w.n);
    assert_eq!(x.ld, w.k4 * 4, "inner dimensions differ");
    assert_eq!(bias.len(), n, "one bias per output");
    assert_eq!(y.len(), m * n, "output size");
    y.par_chunks_mut(ROWS_PER_TASK * n)
        .enumerate()
        .for_each(|(t, y)| {
            let r0 = t * ROWS_PER_TASK;
            let rows = y.len() / n;
            match kernel {
                #[cfg(target_arch = "x86_64")]
                // SAFETY: Vnni is only chosen where has_vnni() is true.
                Kernel::Vnni => unsafe { rows_vnni(x, r0, rows, w, bias, y, epi) },
                _ => rows_generic(x, r0, rows, w, bias, y, epi, &mut Scalar),
            }
        });
}

/// One micro-kernel: the i32 sums of `R` rows against one block of [`NR`]
/// outputs.
trait Tile {
    /// `a`: the first row's bytes (rows `lda` apart); `b`: the packed block.
    fn tile<const R: usize>(
        &mut self,
        a: &[u8],
        lda: usize,
        b: &[i8],
        k4: usize,
        out: &mut [[i32; NR]; MR],
    );
}

struct Scalar;

impl Tile for Scalar {
    fn tile<const R: usize>(
        &mut self,
        a: &[u8],
        lda: usize,
        b: &[i8],
        k4: usize,
        out: &mut [[i32; NR]; MR],
    ) {
        for (r, acc) in out.iter_mut().enumerate().take(R) {
            acc.fill(0);
            let row = &a[r * lda..r * lda + k4 * 4];
            for kk in 0..k4 {
                let bb = &b[kk * NR * 4..(kk + 1) * NR * 4];
                let aa = &row[kk * 4..kk * 4 + 4];
                for (c, v) in acc.iter_mut().enumerate() {
                    for j in 0..4 {
                        *v += aa[j] as i32 * bb[c * 4 + j] as i32;
                    }
                }
            }
        }
    }
}

#[cfg(target_arch = "x86_64")]
struct Vnni;

#[cfg(target_arch = "x86_64")]
impl Tile for Vnni {
    #[inline(always)]
    fn tile<const R: usize>(
        &mut self,
        a: &[u8],
        lda: usize,
        b: &[i8],
        k4: usize,
        out: &mut [[i32; NR]; MR],
    ) {
        assert!(R >= 1 && R <= MR && a.len() >= (R - 1) * lda + k4 * 4 && b.len() >= k4 * NR * 4);
        // SAFETY: the bounds are checked above; Vnni is only used inside
        // functions compiled with the avx512vnni feature, after detection.
        unsafe { tile_vnni::<R>(a.as_ptr(), lda, b.as_ptr(), k4, out) }
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
#[inline]
unsafe fn tile_vnni<const R: usize>(
    a: *const u8,
    lda: usize,
    b: *const i8,
    k4: usize,
    out: &mut [[i32; NR]; MR],
) {
    let mut acc = [[_mm512_setzero_si512(); 4]; R];
    for kk in 0..k4 {
        let bp = b.add(kk * NR * 4) as *const __m512i;
        let b0 = _mm512_loadu_si512(bp);
        let b1 = _mm512_loadu_si512(bp.add(1));
        let b2 = _mm512_loadu_si512(bp.add(2));
        let b3 = _mm512_loadu_si512(bp.add(3));
        for (r, acc) in acc.iter_mut().enumerate() {
            let av = _mm512_set1_epi32((a.add(r * lda + kk * 4) as *const i32).read_unaligned());
            acc[0] = _mm512_dpbusd_epi32(acc[0], av, b0);
            acc[1] = _mm512_dpbusd_epi32(acc[1], av, b1);
            acc[2] = _mm512_dpbusd_epi32(acc[2], av, b2);
            acc[3] = _mm512_dpbusd_epi32(acc[3], av, b3);
        }
    }
    for (r, acc) in acc.iter().enumerate() {
        for (j, v) in acc.iter().enumerate() {
            _mm512_storeu_si512(out[r].as_mut_ptr().add(j * 16) as *mut __m512i, *v);
        }
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vnni,avx2,fma")]
unsafe fn rows_vnni(
    x: &QActs,
    r0: usize,
    rows: usize,
    w: &QMatrix,
    bias: &[f32],
    y: &mut [f32],
    epi: Epilogue,
) {
    rows_generic(x, r0, rows, w, bias, y, epi, &mut Vnni)
}

/// Rows `r0 .. r0 + rows` of the product, into `y` (those rows only).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn rows_generic<T: Tile>(
    x: &QActs,
    r0: usize,
    rows: usize,
    w: &QMatrix,
    bias: &[f32],
    y: &mut [f32],
    epi: Epilogue,
    t: &mut T,
) {
    let (n, ld, k4) = (w.n, x.ld, w.k4);
    let mut acc = [[0i32; NR]; MR];
    for blk in 0..n.div_ceil(NR) {
        let b = &w.packed[blk * k4 * NR * 4..(blk + 1) * k4 * NR * 4];
        let c0 = blk * NR;
        let width = NR.min(n - c0);
        let mut r = 0;
        while r < rows {
            let h = MR.min(rows - r);
            let a = &x.data[(r0 + r) * ld..];
            match h {
                6 => t.tile::<6>(a, ld, b, k4, &mut acc),
                5 => t.tile::<5>(a, ld, b, k4, &mut acc),
                4 => t.tile::<4>(a, ld, b, k4, &mut acc),
                3 => t.tile::<3>(a, ld, b, k4, &mut acc),
                2 => t.tile::<2>(a, ld, b, k4, &mut acc),
                _ => t.tile::<1>(a, ld, b, k4, &mut acc),
            }
            for (i, acc) in acc.iter().enumerate().take(h) {
                let sx = x.scale[r0 + r + i];
                let out = &mut y[(r + i) * n + c0..(r + i) * n + c0 + width];
                let (sw, comp, bias) = (
                    &w.scale[c0..c0 + width],
                    &w.comp[c0..c0 + width],
                    &bias[c0..c0 + width],
                );
                let vals = acc[..width]
                    .iter()
                    .zip(comp)
                    .zip(sw)
                    .zip(bias)
                    .map(|(((&a, &c), &s), &b)| (a - c) as f32 * (sx * s) + b);
                match epi {
                    Epilogue::Store => out.iter_mut().zip(vals).for_each(|(o, v)| *o = v),
                    Epilogue::Add => out.iter_mut().zip(vals).for_each(|(o, v)| *o += v),
                    Epilogue::Gelu => out
                        .iter_mut()
                        .zip(vals)
                        .for_each(|(o, v)| *o = crate::ops::gelu(v)),
                }
            }
            r += h;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (xorshift), values in [-1, 1).
    fn random(n: usize, seed: u64) -> Vec<f32> {
        let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..n)
            .map(|_| {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                (s >> 40) as f32 / (1u64 << 23) as f32 - 1.0
            })
            .collect()
    }

    /// `x·Wᵀ + b` in f64 with the f32 inputs.
    fn reference(x: &[f32], w: &[f32], b: &[f32], m: usize, n: usize, k: usize) -> Vec<f32> {
        let mut y = vec![0f32; m * n];
        for i in 0..m {
            for j in 0..n {
                let s: f64 = (0..k)
                    .map(|t| x[i * k + t] as f64 * w[j * k + t] as f64)
                    .sum();
                y[i * n + j] = (s + b[j] as f64) as f32;
            }
        }
        y
    }

    fn kernels() -> Vec<Kernel> {
        let mut k = vec![Kernel::Scalar];
        if has_vnni() {
            k.push(Kernel::Vnni);
        }
        k
    }

    /// Shapes with ragged edges: rows not a multiple of 6 or of a task,
    /// outputs not a multiple of 64, inputs not a multiple of 4.
    const SHAPES: [(usize, usize, usize); 5] = [
        (1, 1, 1),
        (7, 70, 13),
        (13, 64, 384),
        (50, 130, 96),
        (97, 192, 385),
    ];

    /// Each output within 1% of the largest |output| of the f32 product
    /// (8-bit activations and weights each carry about 0.4% relative error
    /// per element; the errors average out over k terms).
    #[test]
    fn int8_product_matches_f32_within_quantisation_error_on_every_kernel() {
        for kernel in kernels() {
            for (seed, &(m, n, k)) in SHAPES.iter().enumerate() {
                let x = random(m * k, seed as u64 + 1);
                let w = random(n * k, seed as u64 + 100);
                let b = random(n, seed as u64 + 200);
                let want = reference(&x, &w, &b, m, n, k);
                let qw = QMatrix::quantize(&w, n, k);
                let mut qx = QActs::default();
                qx.quantize(&x, m, k, kernel);
                let mut got = vec![0f32; m * n];
                matmul(&qx, &qw, &b, &mut got, Epilogue::Store, kernel);
                let scale = want.iter().fold(0f32, |a, v| a.max(v.abs())).max(1e-3);
                for (i, (g, e)) in got.iter().zip(&want).enumerate() {
                    assert!(
                        (g - e).abs() <= 0.01 * scale,
                        "{kernel:?} {m}x{n}x{k} [{i}]: {g} vs {e} (scale {scale})"
                    );
                }
                // The residual and GELU epilogues apply to the same sums.
                let mut added = vec![1f32; m * n];
                matmul(&qx, &qw, &b, &mut added, Epilogue::Add, kernel);
                let mut gelu = vec![0f32; m * n];
                matmul(&qx, &qw, &b, &mut gelu, Epilogue::Gelu, kernel);
                for i in 0..m * n {
                    assert!((added[i] - (got[i] + 1.0)).abs() < 1e-5);
                    assert!((gelu[i] - crate::ops::gelu(got[i])).abs() < 1e-6);
                }
            }
        }
    }

    /// The integer sums are exact, so the kernels agree bit for bit.
    #[test]
    fn vnni_and_scalar_kernels_agree_exactly() {
        if !has_vnni() {
            return; // nothing to compare on this CPU
        }
        let (m, n, k) = (29, 150, 200);
        let x = random(m * k, 7);
        let qw = QMatrix::quantize(&random(n * k, 8), n, k);
        let b = random(n, 9);
        let mut out = Vec::new();
        for kernel in [Kernel::Scalar, Kernel::Vnni] {
            let mut qx = QActs::default();
            qx.quantize(&x, m, k, kernel);
            let mut y = vec![0f32; m * n];
            matmul(&qx, &qw, &b, &mut y, Epilogue::Store, kernel);
            out.push(y);
        }
        assert_eq!(out[0], out[1]);
    }

    #[test]
    fn a_zero_row_quantises_to_the_offset_and_gives_the_bias() {
        let (m, n, k) = (2, 3, 5);
        let x = vec![0f32; m * k];
        let qw = QMatrix::quantize(&random(n * k, 3), n, k);
        let b = vec![0.5, -1.0, 2.0];
        for kernel in kernels() {
            let mut qx = QActs::default();
            qx.quantize(&x, m, k, kernel);
            let mut y = vec![9f32; m * n];
            matmul(&qx, &qw, &b, &mut y, Epilogue::Store, kernel);
            assert_eq!(y, [b.clone(), b.clone()].concat());
        }
    }
}
