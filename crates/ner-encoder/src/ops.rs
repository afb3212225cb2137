//! Fused CPU operations for the encoder.
//!
//! Profiling the candle forward pass showed almost half the time outside
//! the matrix products: a broadcast bias add allocates and walks a strided
//! index per element, and candle's `gelu_erf` calls the scalar `libm::erff`
//! for each of the 1536 intermediate values of every piece in every layer.
//! [`BiasAct`] adds the bias to each row in one contiguous pass and, for the
//! feed-forward layer, applies GELU with a rational `erf` approximation that
//! the compiler vectorises (Eigen's `generic_fast_erf_float`, within 1e-6
//! of the exact function; checked in the tests below).

use candle_core::{CpuStorage, CustomOp1, Layout, Shape};

/// `erf(x)` for f32: a rational approximation on [-4, 4] (Eigen's
/// `generic_fast_erf_float`); |erf(x)| is 1 to f32 precision beyond.
/// Plain multiply-adds, not `mul_add`: without FMA enabled at compile time
/// `mul_add` is a call to a software `fmaf`, which stops vectorisation.
#[inline(always)]
pub fn fast_erf(x: f32) -> f32 {
    let x = x.clamp(-4.0, 4.0);
    let x2 = x * x;
    let mut p = -2.726_142_3e-10_f32;
    p = p * x2 + 2.770_681_4e-8;
    p = p * x2 - 2.101_024e-6;
    p = p * x2 - 5.692_506_4e-5;
    p = p * x2 - 7.349_906_3e-4;
    p = p * x2 - 2.954_600_3e-3;
    p = p * x2 - 1.609_603_3e-2;
    p *= x;
    let mut q = -1.456_607_2e-5_f32;
    q = q * x2 - 2.133_740_6e-4;
    q = q * x2 - 1.682_827e-3;
    q = q * x2 - 7.373_329e-3;
    q = q * x2 - 1.426_474e-2;
    p / q
}

/// GELU with the exact (erf) form, as BERT uses it.
#[inline(always)]
pub fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + fast_erf(x * std::f32::consts::FRAC_1_SQRT_2))
}

/// Lanes in the reductions below: partial results are kept in 16
/// independent accumulators (one AVX-512 register), since f32 addition is
/// not associative and the compiler will not reorder a plain sum.
const LANES: usize = 16;

/// `Σ f(x[i])` over a slice, in [`LANES`] partial sums.
#[inline(always)]
pub fn sum_by(x: &[f32], f: impl Fn(f32) -> f32) -> f32 {
    let mut acc = [0f32; LANES];
    let chunks = x.chunks_exact(LANES);
    let rest = chunks.remainder();
    for c in chunks {
        for i in 0..LANES {
            acc[i] += f(c[i]);
        }
    }
    acc.iter().sum::<f32>() + rest.iter().map(|&v| f(v)).sum::<f32>()
}

/// `Σ a[i]·b[i]`, in [`LANES`] partial sums.
#[inline(always)]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut acc = [0f32; LANES];
    let (ca, cb) = (a.chunks_exact(LANES), b.chunks_exact(LANES));
    let rest: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in ca.zip(cb) {
        for i in 0..LANES {
            acc[i] += x[i] * y[i];
        }
    }
    acc.iter().sum::<f32>() + rest
}

/// `max f(x[i])` over a slice (−∞ when empty; NaNs are skipped), in
/// [`LANES`] partial maxima.
#[inline(always)]
pub fn max_by(x: &[f32], f: impl Fn(f32) -> f32) -> f32 {
    let mut acc = [f32::NEG_INFINITY; LANES];
    let chunks = x.chunks_exact(LANES);
    let rest = chunks.remainder();
    // A plain comparison (NaN never wins) compiles to one `vmaxps`;
    // `f32::max`'s NaN rule adds a compare and a blend per step.
    let pick = |a: f32, v: f32| if v > a { v } else { a };
    for c in chunks {
        for i in 0..LANES {
            acc[i] = pick(acc[i], f(c[i]));
        }
    }
    rest.iter()
        .map(|&v| f(v))
        .chain(acc)
        .fold(f32::NEG_INFINITY, pick)
}

/// `y = act(x + bias)` over the rows of a contiguous f32 matrix whose last
/// dimension is the bias length.
pub struct BiasAct {
    pub bias: Vec<f32>,
    pub gelu: bool,
}

impl CustomOp1 for BiasAct {
    fn name(&self) -> &'static str {
        "bias-act"
    }

    fn cpu_fwd(
        &self,
        storage: &CpuStorage,
        layout: &Layout,
    ) -> candle_core::Result<(CpuStorage, Shape)> {
        let CpuStorage::F32(data) = storage else {
            candle_core::bail!("bias-act: f32 input expected");
        };
        let Some((start, end)) = layout.contiguous_offsets() else {
            candle_core::bail!("bias-act: contiguous input expected");
        };
        let n = self.bias.len();
        if n == 0 || (end - start) % n != 0 || layout.dims().last() != Some(&n) {
            candle_core::bail!("bias-act: last dimension is not the bias length {n}");
        }
        let mut out = data[start..end].to_vec();
        for row in out.chunks_exact_mut(n) {
            for (v, b) in row.iter_mut().zip(&self.bias) {
                *v += b;
            }
            if self.gelu {
                for v in row.iter_mut() {
                    *v = gelu(*v);
                }
            }
        }
        Ok((CpuStorage::F32(out), layout.shape().clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// erf by its Taylor series in f64 (exact enough on [-4, 4]).
    fn erf_series(x: f64) -> f64 {
        let mut sum = 0.0;
        let mut term = x; // (-1)^n x^(2n+1) / n!
        for n in 0..200 {
            sum += term / (2 * n + 1) as f64;
            term *= -x * x / (n + 1) as f64;
        }
        sum * 2.0 / std::f64::consts::PI.sqrt()
    }

    #[test]
    fn fast_erf_is_within_a_millionth() {
        for i in -600..=600 {
            let x = i as f64 / 100.0;
            let exact = if x.abs() > 4.0 {
                x.signum()
            } else {
                erf_series(x)
            };
            let got = fast_erf(x as f32) as f64;
            assert!(
                (got - exact).abs() < 1e-6,
                "erf({x}) = {got}, exact {exact}"
            );
        }
    }

    #[test]
    fn lane_reductions_match_plain_ones() {
        let x: Vec<f32> = (0..37).map(|i| (i as f32 * 0.37).sin()).collect();
        let y: Vec<f32> = (0..37).map(|i| (i as f32 * 0.11).cos()).collect();
        let plain_dot: f32 = x.iter().zip(&y).map(|(a, b)| a * b).sum();
        assert!((dot(&x, &y) - plain_dot).abs() < 1e-5);
        assert!((sum_by(&x, |v| v * v) - x.iter().map(|v| v * v).sum::<f32>()).abs() < 1e-5);
        let plain_max = x.iter().fold(f32::NEG_INFINITY, |a, &v| a.max(v.abs()));
        assert_eq!(max_by(&x, f32::abs), plain_max);
        assert_eq!(max_by(&[], f32::abs), f32::NEG_INFINITY);
    }

    #[test]
    fn bias_and_gelu_apply_per_row() {
        use candle_core::{Device, Tensor};
        let x = Tensor::new(&[[0f32, 1.0], [-1.0, 2.0]], &Device::Cpu).unwrap();
        let op = BiasAct {
            bias: vec![1.0, -1.0],
            gelu: false,
        };
        let y: Vec<Vec<f32>> = x.apply_op1_no_bwd(&op).unwrap().to_vec2().unwrap();
        assert_eq!(y, vec![vec![1.0, 0.0], vec![0.0, 1.0]]);
        let op = BiasAct {
            bias: vec![0.0, 0.0],
            gelu: true,
        };
        let y: Vec<Vec<f32>> = x.apply_op1_no_bwd(&op).unwrap().to_vec2().unwrap();
        // gelu(1) = 0.841345, gelu(-1) = -0.158655, gelu(2) = 1.954500
        assert!((y[0][1] - 0.841_345).abs() < 1e-5);
        assert!((y[1][0] + 0.158_655).abs() < 1e-5);
        assert!((y[1][1] - 1.9545).abs() < 1e-5);
        assert_eq!(y[0][0], 0.0);
    }
}
