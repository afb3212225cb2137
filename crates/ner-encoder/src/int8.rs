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
//! - activations: quantised per row at run time to u8 (`vpdpbusd` wants
//!   unsigned × signed), asymmetrically: the row's range `[min(x, 0),
//!   max(x, 0)]` maps onto 0..=255, so `x ≈ sx · (u − z)` with one scale
//!   `sx` and zero point `z` per piece. (The usual symmetric `q + 128` is
//!   the case `z = 128`; the asymmetric range gives GELU outputs, which
//!   are almost all positive, nearly twice the resolution, and measured
//!   dev F1 0.0010 better.)
//! - the zero point is taken back out with per-column weight sums:
//!   `Σ (u − z)·w = Σ u·w − z·Σ w`;
//! - `y[m][n] = sx[m] · sw[n] · (acc[m][n] − z[m]·Σₖ w[n][k]) + b[n]`.
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

/// Whether this CPU and OS run the AMX kernel: AMX-TILE and AMX-INT8 in
/// CPUID, VNNI for the edges, and Linux granting this process the tile
/// state (`arch_prctl(ARCH_REQ_XCOMP_PERM, XFEATURE_XTILEDATA)`, asked
/// once).
pub fn has_amx() -> bool {
    #[cfg(all(target_arch = "x86_64", target_os = "linux"))]
    {
        static OK: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        *OK.get_or_init(|| has_vnni() && amx::cpu_has_amx() && amx::request_tile_state())
    }
    #[cfg(not(all(target_arch = "x86_64", target_os = "linux")))]
    {
        false
    }
}

/// Which kernel computes the integer sums.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kernel {
    /// AMX tiles (`tdpbusd`: 16 × 16 × 64 products per instruction; only
    /// valid where [`has_amx`] is true), with VNNI for what is left.
    Amx,
    /// AVX-512 VNNI (only valid where [`has_vnni`] is true).
    Vnni,
    /// Plain Rust loops: any CPU, slow; the reference in tests.
    Scalar,
}

impl Kernel {
    /// The fastest kernel this CPU runs: AMX, then VNNI, then scalar.
    /// `NEWSGRAPH_INT8_KERNEL=vnni` or `=scalar` picks a slower one (to
    /// compare them).
    pub fn detect() -> Kernel {
        let cap = std::env::var("NEWSGRAPH_INT8_KERNEL").unwrap_or_default();
        if cap == "scalar" {
            return Kernel::Scalar;
        }
        if cap != "vnni" && has_amx() {
            Kernel::Amx
        } else if has_vnni() {
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
    /// `Σₖ W[n][k]` (integers), padded like `scale`.
    colsum: Vec<i32>,
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
        let mut colsum = vec![0i32; blocks * NR];
        for o in 0..n {
            let (b, lane) = (o / NR, o % NR);
            sc[o] = scale[o];
            let row = &q[o * k..(o + 1) * k];
            colsum[o] = row.iter().map(|&v| v as i32).sum::<i32>();
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
            colsum,
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
    /// `u` per element, rows padded to a multiple of 4 bytes (the padding
    /// meets zero weights).
    data: Vec<u8>,
    scale: Vec<f32>,
    /// Zero point `z` per row.
    zero: Vec<i32>,
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
        // Whole tiles of rows: the AMX kernel reads 16 rows at a time (the
        // padding rows' sums are dropped).
        self.data
            .resize(m.div_ceil(TILE_ROWS) * TILE_ROWS * self.ld, 0);
        self.scale.clear();
        self.scale.resize(m, 0.0);
        self.zero.clear();
        self.zero.resize(m, 0);
        let ld = self.ld;
        let chunk = ROWS_PER_TASK;
        self.data
            .par_chunks_mut(chunk * ld)
            .zip(self.scale.par_chunks_mut(chunk))
            .zip(self.zero.par_chunks_mut(chunk))
            .zip(x.par_chunks(chunk * k))
            .for_each(|(((d, s), z), x)| {
                for (((d, s), z), x) in d.chunks_mut(ld).zip(s).zip(z).zip(x.chunks(k)) {
                    (*s, *z) = match kernel {
                        #[cfg(target_arch = "x86_64")]
                        // SAFETY: Vnni and Amx are only chosen where AVX-512
                        // is present.
                        Kernel::Vnni | Kernel::Amx => unsafe { quantize_row_avx512(x, d) },
                        _ => quantize_row(x, d),
                    }
                }
            });
    }
}

/// Quantises one row into `out`; returns the scale and the zero point:
/// `[min(x, 0), max(x, 0)]` onto `0..=255`.
#[inline(always)]
fn quantize_row(x: &[f32], out: &mut [u8]) -> (f32, i32) {
    let hi = crate::ops::max_by(x, |v| v).max(0.0);
    let lo = -crate::ops::max_by(x, |v| -v).max(0.0);
    let s = if hi > lo { (hi - lo) / 255.0 } else { 1.0 };
    let inv = 1.0 / s;
    let z = (-lo * inv).round().clamp(0.0, 255.0);
    for (d, v) in out.iter_mut().zip(x) {
        // v·inv + z lies in [0, 255]: +0.5 and truncation round half up;
        // max/min also turn NaN into 0, so the value is in range.
        #[allow(clippy::manual_clamp)] // clamp keeps NaN: not in range
        let r = (v * inv + z + 0.5).max(0.0).min(255.0);
        // SAFETY: r is finite and in [0, 255] (a saturating `as` would
        // not vectorise).
        *d = unsafe { r.to_int_unchecked::<i32>() } as u8;
    }
    (s, z as i32)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw,avx512vl,avx2,fma")]
unsafe fn quantize_row_avx512(x: &[f32], out: &mut [u8]) -> (f32, i32) {
    quantize_row(x, out)
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
                #[cfg(all(target_arch = "x86_64", target_os = "linux"))]
                // SAFETY: Amx is only chosen where has_amx() is true.
                Kernel::Amx if w.k4.is_multiple_of(amx::K4_PER_TILE) => unsafe {
                    amx::rows(x, r0, rows, w, bias, y, epi)
                },
                #[cfg(target_arch = "x86_64")]
                // SAFETY: has_amx() implies has_vnni().
                Kernel::Amx => unsafe { rows_vnni(x, r0, rows, w, bias, y, epi) },
                _ => rows_generic(x, r0, rows, w, bias, y, epi, &mut Scalar),
            }
        });
}

/// Rows of the accumulator block every micro-kernel fills (the AMX tile
/// height; the others use the first [`MR`]).
const TILE_ROWS: usize = 16;

/// i32 sums of up to [`TILE_ROWS`] rows against one block of [`NR`] outputs.
type Acc = [[i32; NR]; TILE_ROWS];

/// One micro-kernel: the i32 sums of `h ≤ HEIGHT` rows against one packed
/// block of [`NR`] outputs.
trait Tile {
    /// Rows per call.
    const HEIGHT: usize;
    /// `a`: the first row's bytes (rows `lda` apart); `b`: the packed block.
    fn tile(&mut self, a: &[u8], lda: usize, b: &[i8], k4: usize, h: usize, out: &mut Acc);
}

struct Scalar;

impl Tile for Scalar {
    const HEIGHT: usize = MR;

    fn tile(&mut self, a: &[u8], lda: usize, b: &[i8], k4: usize, h: usize, out: &mut Acc) {
        for (r, acc) in out.iter_mut().enumerate().take(h) {
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
    const HEIGHT: usize = MR;

    #[inline(always)]
    fn tile(&mut self, a: &[u8], lda: usize, b: &[i8], k4: usize, h: usize, out: &mut Acc) {
        assert!(
            (1..=MR).contains(&h) && a.len() >= (h - 1) * lda + k4 * 4 && b.len() >= k4 * NR * 4
        );
        let (a, b) = (a.as_ptr(), b.as_ptr());
        // SAFETY: the bounds are checked above; Vnni is only used inside
        // functions compiled with the avx512vnni feature, after detection.
        unsafe {
            match h {
                6 => tile_vnni::<6>(a, lda, b, k4, out),
                5 => tile_vnni::<5>(a, lda, b, k4, out),
                4 => tile_vnni::<4>(a, lda, b, k4, out),
                3 => tile_vnni::<3>(a, lda, b, k4, out),
                2 => tile_vnni::<2>(a, lda, b, k4, out),
                _ => tile_vnni::<1>(a, lda, b, k4, out),
            }
        }
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
    out: &mut Acc,
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

/// The AMX kernel. Written with `asm!` because the AMX intrinsics are not
/// stable in Rust; the tile registers are used only inside these blocks
/// (the compiler never allocates them), between a `ldtilecfg` and a
/// `tilerelease` in one function on one thread.
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
mod amx {
    use super::{rows_generic, Acc, Epilogue, QActs, QMatrix, Tile, NR, TILE_ROWS};
    use std::arch::asm;

    /// Groups of 4 inputs in one A tile row (64 bytes).
    pub const K4_PER_TILE: usize = 16;

    /// CPUID leaf 7: EDX bit 24 AMX-TILE, bit 25 AMX-INT8.
    pub fn cpu_has_amx() -> bool {
        let r = std::arch::x86_64::__cpuid_count(7, 0);
        r.edx & (1 << 24) != 0 && r.edx & (1 << 25) != 0
    }

    /// Asks Linux for the AMX tile data state (process-wide); true when
    /// granted.
    pub fn request_tile_state() -> bool {
        const SYS_ARCH_PRCTL: i64 = 158;
        const ARCH_REQ_XCOMP_PERM: i64 = 0x1023;
        const XFEATURE_XTILEDATA: i64 = 18;
        let ret: i64;
        // SAFETY: arch_prctl with these arguments only changes the
        // process's permitted xsave features; it reads and writes no memory.
        unsafe {
            asm!("syscall",
                inlateout("rax") SYS_ARCH_PRCTL => ret,
                in("rdi") ARCH_REQ_XCOMP_PERM,
                in("rsi") XFEATURE_XTILEDATA,
                lateout("rcx") _, lateout("r11") _,
                options(nostack));
        }
        ret == 0
    }

    /// Palette 1: every tile 16 rows of 64 bytes. tmm0–3 hold the i32
    /// sums of 16 rows × 4 × 16 outputs, tmm4 the activations, tmm5–7 the
    /// weights.
    #[repr(C, align(64))]
    struct TileConfig {
        palette: u8,
        start_row: u8,
        reserved: [u8; 14],
        colsb: [u16; 16],
        rows: [u8; 16],
    }

    const CONFIG: TileConfig = TileConfig {
        palette: 1,
        start_row: 0,
        reserved: [0; 14],
        colsb: [64, 64, 64, 64, 64, 64, 64, 64, 0, 0, 0, 0, 0, 0, 0, 0],
        rows: [16, 16, 16, 16, 16, 16, 16, 16, 0, 0, 0, 0, 0, 0, 0, 0],
    };

    struct Amx;

    impl Tile for Amx {
        const HEIGHT: usize = TILE_ROWS;

        #[inline(always)]
        fn tile(&mut self, a: &[u8], lda: usize, b: &[i8], k4: usize, _h: usize, out: &mut Acc) {
            // 16 full rows are read whatever h is (QActs pads to 16).
            assert!(
                k4.is_multiple_of(K4_PER_TILE)
                    && a.len() >= (TILE_ROWS - 1) * lda + k4 * 4
                    && b.len() >= k4 * NR * 4
            );
            let (a, b) = (a.as_ptr(), b.as_ptr());
            let out = out.as_mut_ptr() as *mut u8;
            // SAFETY: the reads stay within `a` and `b` (checked above):
            // A tiles are 16 rows × 64 bytes at stride lda from a + 64·kc,
            // B tiles 16 rows × 64 bytes at stride 256 (one group of 4
            // inputs for 64 outputs) from b + 4096·kc + 64·j; the stores
            // fill `out` (16 rows × 256 bytes). The tiles were configured by
            // `rows` on this thread.
            unsafe {
                asm!(
                    "tilezero tmm0",
                    "tilezero tmm1",
                    "tilezero tmm2",
                    "tilezero tmm3",
                    options(nostack, nomem)
                );
                for kc in 0..k4 / K4_PER_TILE {
                    asm!(
                        "tileloadd tmm4, [{a} + {lda}*1]",
                        "tileloadd tmm5, [{b} + {ldb}*1]",
                        "tileloadd tmm6, [{b} + {ldb}*1 + 64]",
                        "tileloadd tmm7, [{b} + {ldb}*1 + 128]",
                        "tdpbusd tmm0, tmm4, tmm5",
                        "tdpbusd tmm1, tmm4, tmm6",
                        "tileloadd tmm5, [{b} + {ldb}*1 + 192]",
                        "tdpbusd tmm2, tmm4, tmm7",
                        "tdpbusd tmm3, tmm4, tmm5",
                        a = in(reg) a.add(kc * 64),
                        lda = in(reg) lda,
                        b = in(reg) b.add(kc * K4_PER_TILE * NR * 4),
                        ldb = in(reg) NR * 4,
                        options(nostack, readonly),
                    );
                }
                asm!(
                    "tilestored [{o} + {ld}*1], tmm0",
                    "tilestored [{o} + {ld}*1 + 64], tmm1",
                    "tilestored [{o} + {ld}*1 + 128], tmm2",
                    "tilestored [{o} + {ld}*1 + 192], tmm3",
                    o = in(reg) out,
                    ld = in(reg) NR * 4,
                    options(nostack),
                );
            }
        }
    }

    /// [`super::rows_generic`] with AMX tiles.
    #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vnni,avx2,fma")]
    pub unsafe fn rows(
        x: &QActs,
        r0: usize,
        rows: usize,
        w: &QMatrix,
        bias: &[f32],
        y: &mut [f32],
        epi: Epilogue,
    ) {
        asm!("ldtilecfg [{}]", in(reg) &CONFIG, options(nostack, readonly));
        rows_generic(x, r0, rows, w, bias, y, epi, &mut Amx);
        asm!("tilerelease", options(nostack, nomem));
    }
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
    let mut acc = [[0i32; NR]; TILE_ROWS];
    for blk in 0..n.div_ceil(NR) {
        let b = &w.packed[blk * k4 * NR * 4..(blk + 1) * k4 * NR * 4];
        let c0 = blk * NR;
        let width = NR.min(n - c0);
        let mut r = 0;
        while r < rows {
            let h = T::HEIGHT.min(rows - r);
            let a = &x.data[(r0 + r) * ld..];
            t.tile(a, ld, b, k4, h, &mut acc);
            for (i, acc) in acc.iter().enumerate().take(h) {
                let (sx, z) = (x.scale[r0 + r + i], x.zero[r0 + r + i]);
                let out = &mut y[(r + i) * n + c0..(r + i) * n + c0 + width];
                let (sw, colsum, bias) = (
                    &w.scale[c0..c0 + width],
                    &w.colsum[c0..c0 + width],
                    &bias[c0..c0 + width],
                );
                let vals = acc[..width]
                    .iter()
                    .zip(colsum)
                    .zip(sw)
                    .zip(bias)
                    .map(|(((&a, &c), &s), &b)| (a - z * c) as f32 * (sx * s) + b);
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
        if has_amx() {
            k.push(Kernel::Amx);
        }
        k
    }

    /// Shapes with ragged edges: rows not a multiple of 6 or of a task,
    /// outputs not a multiple of 64, inputs not a multiple of 4.
    const SHAPES: [(usize, usize, usize); 6] = [
        (33, 128, 384),
        (1, 1, 1),
        (7, 70, 13),
        (13, 64, 384),
        (50, 130, 96),
        (97, 192, 385),
    ];

    /// Each output within 1% of the largest |output| of the f32 product
    /// (8-bit activations and weights each carry up to 0.4% relative error
    /// per element; the errors average out over k terms). Rows are all
    /// signs, or (every third) positive only, as after GELU.
    #[test]
    fn int8_product_matches_f32_within_quantisation_error_on_every_kernel() {
        for kernel in kernels() {
            for (seed, &(m, n, k)) in SHAPES.iter().enumerate() {
                let mut x = random(m * k, seed as u64 + 1);
                for row in x.chunks_mut(k).step_by(3) {
                    row.iter_mut().for_each(|v| *v = v.abs() * 3.0);
                }
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

    /// The integer sums are exact, so the kernels agree bit for bit (the
    /// inputs, 64 and 192, are whole AMX tiles and a ragged 200).
    #[test]
    fn every_kernel_agrees_with_the_scalar_one_exactly() {
        for (m, n, k) in [(29, 150, 200), (40, 128, 64), (70, 64, 192)] {
            let x = random(m * k, 7);
            let qw = QMatrix::quantize(&random(n * k, 8), n, k);
            let b = random(n, 9);
            let mut out = Vec::new();
            for kernel in kernels() {
                let mut qx = QActs::default();
                qx.quantize(&x, m, k, kernel);
                let mut y = vec![0f32; m * n];
                matmul(&qx, &qw, &b, &mut y, Epilogue::Store, kernel);
                out.push(y);
            }
            for (y, kernel) in out.iter().zip(kernels()) {
                assert_eq!(y, &out[0], "{kernel:?} {m}x{n}x{k}");
            }
        }
    }

    #[test]
    fn a_zero_row_gives_the_bias() {
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
