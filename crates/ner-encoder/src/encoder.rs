//! The encoder: multilingual-e5-small's BERT blocks with a tag head, on the
//! CPU, with two backends ([`Backend`]): int8 matrix products with AVX-512
//! VNNI on plain buffers (`crate::native`, the default where the CPU has
//! VNNI), or f32 with candle (everywhere else, and for comparison).
//!
//! The f32 backend:
//! A small hand-written BERT rather than candle-transformers' `BertModel`:
//! the weights come from our own int8 export (not Hugging Face names), and
//! writing the forward pass here lets it run the way the CPU likes: every
//! token-wise projection is one `(B·L, in) × (in, out)` matrix product over
//! the whole batch, with the weight pre-transposed and contiguous, and the
//! Q, K and V projections fused into one product.

use crate::int8::{Kernel, QMatrix};
use crate::native::{Int8Encoder, Norm as NativeNorm, QLayer, QLinear, QRows};
use crate::ops::BiasAct;
use candle_core::{DType, Device, Module, Tensor, D};
use std::collections::HashMap;

/// Errors while loading the weights (a broken model file, not bad input).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("model file: {0}")]
    Candle(#[from] candle_core::Error),
    #[error("model file: missing tensor {0}")]
    Missing(String),
    #[error("model file: {0}")]
    Io(#[from] std::io::Error),
    #[error("tokenizer file: {0}")]
    Json(#[from] serde_json::Error),
}

/// A linear map `y = act(x·W + b)` with `W` stored as `(in, out)`,
/// contiguous; the bias and activation are one fused pass ([`BiasAct`]).
struct Linear {
    wt: Tensor,
    bias: BiasAct,
}

impl Linear {
    fn forward(&self, x: &Tensor) -> candle_core::Result<Tensor> {
        x.matmul(&self.wt)?.apply_op1_no_bwd(&self.bias)
    }
}

struct Norm {
    w: Tensor,
    b: Tensor,
    eps: f32,
}

impl Norm {
    fn forward(&self, x: &Tensor) -> candle_core::Result<Tensor> {
        candle_nn::ops::layer_norm(x, &self.w, &self.b, self.eps)
    }
}

struct Layer {
    qkv: Linear,
    ao: Linear,
    aln: Norm,
    fi: Linear,
    fo: Linear,
    oln: Norm,
}

/// The f32 (candle) backend's weights, dequantised to f32.
struct F32Encoder {
    word: candle_nn::Embedding,
    pos: Tensor,
    tok_type: Tensor,
    eln: Norm,
    layers: Vec<Layer>,
    head: Linear,
    heads: usize,
    hidden: usize,
    device: Device,
}

/// Reads tensor `name`: stored as f32, or as int8 (`name.q`, u8 holding
/// q + 128) with one f32 scale per row (`name.s`).
fn tensor(t: &HashMap<String, Tensor>, name: &str) -> Result<Tensor, LoadError> {
    if let Some(x) = t.get(name) {
        return Ok(x.to_dtype(DType::F32)?);
    }
    let (Some(q), Some(s)) = (t.get(&format!("{name}.q")), t.get(&format!("{name}.s"))) else {
        return Err(LoadError::Missing(name.to_string()));
    };
    let q = (q.to_dtype(DType::F32)? - 128.0)?;
    Ok(q.broadcast_mul(&s.unsqueeze(1)?)?)
}

impl F32Encoder {
    fn load(
        t: &HashMap<String, Tensor>,
        layers: usize,
        heads: usize,
        eps: f64,
    ) -> Result<F32Encoder, LoadError> {
        let device = Device::Cpu;
        let eps = eps as f32;
        let get = |n: &str| tensor(t, n);
        let linear_act = |w: Tensor, b: Tensor, gelu: bool| -> Result<Linear, LoadError> {
            Ok(Linear {
                wt: w.t()?.contiguous()?,
                bias: BiasAct {
                    bias: b.to_vec1()?,
                    gelu,
                },
            })
        };
        let linear = |w: Tensor, b: Tensor| linear_act(w, b, false);
        let norm = |p: &str| -> Result<Norm, LoadError> {
            Ok(Norm {
                w: get(&format!("{p}.w"))?,
                b: get(&format!("{p}.b"))?,
                eps,
            })
        };
        let mut ls = Vec::with_capacity(layers);
        for l in 0..layers {
            let w = |k: &str| get(&format!("l{l}.{k}.w"));
            let b = |k: &str| get(&format!("l{l}.{k}.b"));
            // The attention scale 1/sqrt(head size) is folded into the query
            // projection, saving a pass over every score matrix.
            let scale = 1.0 / ((w("q")?.dim(0)? / heads) as f64).sqrt();
            let qkv_w = Tensor::cat(&[(w("q")? * scale)?, w("k")?, w("v")?], 0)?;
            let qkv_b = Tensor::cat(&[(b("q")? * scale)?, b("k")?, b("v")?], 0)?;
            ls.push(Layer {
                qkv: linear(qkv_w, qkv_b)?,
                ao: linear(w("ao")?, b("ao")?)?,
                aln: norm(&format!("l{l}.aln"))?,
                fi: linear_act(w("fi")?, b("fi")?, true)?,
                fo: linear(w("fo")?, b("fo")?)?,
                oln: norm(&format!("l{l}.oln"))?,
            });
        }
        let word = get("word")?;
        let hidden = word.dim(1)?;
        Ok(F32Encoder {
            word: candle_nn::Embedding::new(word, hidden),
            pos: get("pos")?,
            tok_type: get("type")?,
            eln: norm("eln")?,
            layers: ls,
            head: linear(get("head.w")?, get("head.b")?)?,
            heads,
            hidden,
            device,
        })
    }

    /// See [`Encoder::log_probs`]; shorter windows are padded and masked.
    fn log_probs(&self, windows: &[Vec<u32>], pad: u32) -> candle_core::Result<Vec<Vec<Vec<f32>>>> {
        let bsz = windows.len();
        let len = windows.iter().map(Vec::len).max().unwrap_or(0);
        if bsz == 0 || len == 0 {
            return Ok(vec![Vec::new(); bsz]);
        }
        let mut ids = Vec::with_capacity(bsz * len);
        let mut bias = Vec::with_capacity(bsz * len);
        for w in windows {
            ids.extend_from_slice(w);
            ids.extend(std::iter::repeat_n(pad, len - w.len()));
            bias.extend(std::iter::repeat_n(0f32, w.len()));
            bias.extend(std::iter::repeat_n(-1e4f32, len - w.len()));
        }
        let (h, nh) = (self.hidden, self.heads);
        let hd = h / nh;
        let ids = Tensor::from_vec(ids, bsz * len, &self.device)?;
        let bias = Tensor::from_vec(bias, (bsz, 1, 1, len), &self.device)?;
        // (B·L, H): word + position + type, LayerNorm.
        let pos = self.pos.narrow(0, 0, len)?.repeat((bsz, 1))?;
        let x = self
            .word
            .forward(&ids)?
            .add(&pos)?
            .broadcast_add(&self.tok_type)?;
        let mut x = self.eln.forward(&x)?;
        // Padding exists only when the windows differ in length.
        let padded = windows.iter().any(|w| w.len() != len);
        for layer in &self.layers {
            // (B·L, 3H) → (3, B, heads, L, head size) in one copy.
            let qkv = layer
                .qkv
                .forward(&x)?
                .reshape((bsz, len, 3, nh, hd))?
                .permute((2, 0, 3, 1, 4))?
                .contiguous()?;
            let (q, k, v) = (qkv.get(0)?, qkv.get(1)?, qkv.get(2)?);
            let mut scores = q.matmul(&k.t()?)?;
            if padded {
                scores = scores.broadcast_add(&bias)?;
            }
            let probs = candle_nn::ops::softmax_last_dim(&scores)?;
            let ctx = probs
                .matmul(&v)?
                .transpose(1, 2)?
                .contiguous()?
                .reshape((bsz * len, h))?;
            x = layer.aln.forward(&(x + layer.ao.forward(&ctx)?)?)?;
            let mid = layer.fi.forward(&x)?;
            x = layer.oln.forward(&(x + layer.fo.forward(&mid)?)?)?;
        }
        let logits = self.head.forward(&x)?;
        let logp = candle_nn::ops::log_softmax(&logits, D::Minus1)?;
        let n_tags = logp.dim(1)?;
        let logp = logp.reshape((bsz, len, n_tags))?.to_vec3::<f32>()?;
        Ok(logp
            .into_iter()
            .zip(windows)
            .map(|(mut rows, w)| {
                rows.truncate(w.len());
                rows
            })
            .collect())
    }
}

/// Which implementation runs the encoder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// int8 matrix products (AVX-512 VNNI; a portable scalar kernel on
    /// other CPUs, correct but slow), f32 attention, plain buffers.
    Int8,
    /// f32 throughout, with candle (the weights dequantised at load).
    F32,
}

impl Backend {
    /// `NEWSGRAPH_NER_BACKEND` (`int8` or `f32`) when set, else int8 where
    /// the CPU has VNNI and f32 (candle's AVX2/AVX-512 kernels) elsewhere.
    pub fn detect() -> Backend {
        match std::env::var("NEWSGRAPH_NER_BACKEND").as_deref() {
            Ok("f32") => Backend::F32,
            Ok("int8") => Backend::Int8,
            _ if crate::int8::has_vnni() => Backend::Int8,
            _ => Backend::F32,
        }
    }
}

enum Inner {
    F32(F32Encoder),
    Int8(Int8Encoder),
}

/// The tagger's encoder (BERT blocks and tag head) on one of the
/// [`Backend`]s.
pub struct Encoder {
    inner: Inner,
}

impl Encoder {
    /// Loads the weights from safetensors bytes (`export.py`'s layout) on
    /// the backend [`Backend::detect`] picks.
    pub fn from_safetensors(
        bytes: &[u8],
        layers: usize,
        heads: usize,
        eps: f64,
    ) -> Result<Encoder, LoadError> {
        Encoder::from_safetensors_with(bytes, layers, heads, eps, Backend::detect())
    }

    /// Loads the weights for the given backend.
    pub fn from_safetensors_with(
        bytes: &[u8],
        layers: usize,
        heads: usize,
        eps: f64,
        backend: Backend,
    ) -> Result<Encoder, LoadError> {
        let t = candle_core::safetensors::load_buffer(bytes, &Device::Cpu)?;
        let inner = match backend {
            Backend::F32 => Inner::F32(F32Encoder::load(&t, layers, heads, eps)?),
            Backend::Int8 => Inner::Int8(load_int8(&t, layers, heads, eps)?),
        };
        Ok(Encoder { inner })
    }

    /// A short name of the backend and kernel for reports: "int8-amx",
    /// "int8-vnni", "int8-scalar" or "f32-candle".
    pub fn describe(&self) -> &'static str {
        match &self.inner {
            Inner::F32(_) => "f32-candle",
            Inner::Int8(e) => match e.kernel {
                Kernel::Amx => "int8-amx",
                Kernel::Vnni => "int8-vnni",
                Kernel::Scalar => "int8-scalar",
            },
        }
    }

    /// The backend these weights were loaded for.
    pub fn backend(&self) -> Backend {
        match self.inner {
            Inner::F32(_) => Backend::F32,
            Inner::Int8(_) => Backend::Int8,
        }
    }

    /// Tag log-probabilities for a batch of windows of piece ids (each
    /// `<s> … </s>`): `out[b][i]` are the log-softmax scores of piece `i` of
    /// window `b`.
    pub fn log_probs(
        &self,
        windows: &[Vec<u32>],
        pad: u32,
    ) -> candle_core::Result<Vec<Vec<Vec<f32>>>> {
        match &self.inner {
            Inner::F32(e) => e.log_probs(windows, pad),
            Inner::Int8(e) => Ok(e.log_probs(windows)),
        }
    }
}

/// Int8 rows of matrix `name` (`n × k`) and one scale per row: as stored
/// (`name.q` holding q + 128, `name.s`), or quantised here from f32.
fn int8_rows(
    t: &HashMap<String, Tensor>,
    name: &str,
) -> Result<(Vec<i8>, Vec<f32>, usize, usize), LoadError> {
    if let (Some(q), Some(s)) = (t.get(&format!("{name}.q")), t.get(&format!("{name}.s"))) {
        let (n, k) = q.dims2()?;
        let q: Vec<i8> = q
            .flatten_all()?
            .to_vec1::<u8>()?
            .into_iter()
            .map(|v| (v as i16 - 128) as i8)
            .collect();
        return Ok((q, s.to_dtype(DType::F32)?.to_vec1()?, n, k));
    }
    let w = tensor(t, name)?;
    let (n, k) = w.dims2()?;
    let m = QMatrix::quantize(&w.flatten_all()?.to_vec1()?, n, k);
    let (q, s) = m.rows();
    Ok((q, s, n, k))
}

fn vec_f32(t: &HashMap<String, Tensor>, name: &str) -> Result<Vec<f32>, LoadError> {
    Ok(tensor(t, name)?.flatten_all()?.to_vec1()?)
}

/// Products the int8 backend runs in f32 (`kind` + layer), with the
/// dequantised int8 weights: the feed-forward output of the first two
/// layers, whose GELU inputs quantise worst. Measured on CoNLL dev (tagger
/// F1; f32 throughout: 0.9515): all int8 0.9502; fo of every layer in f32
/// 0.9515 (a third of the products f32: about 30% slower); fo0 alone
/// 0.9513, fo1 alone 0.9513, fo10+fo11 0.9504; fo0+fo1 0.9515 (this).
pub const F32_PRODUCTS: &[&str] = &["fo0", "fo1"];

fn load_int8(
    t: &HashMap<String, Tensor>,
    layers: usize,
    heads: usize,
    eps: f64,
) -> Result<Int8Encoder, LoadError> {
    let kernel = Kernel::detect();
    // Products run in f32 instead: F32_PRODUCTS, or NEWSGRAPH_NER_F32 (an
    // experiment knob: a comma list of qkv, ao, fi, fo for every layer, or
    // with a layer number, fo11; "none" for all int8).
    let f32_products =
        std::env::var("NEWSGRAPH_NER_F32").unwrap_or_else(|_| F32_PRODUCTS.join(","));
    let keep_f32 = |kind: &str, layer: usize| {
        f32_products
            .split(',')
            .any(|p| p == kind || *p == format!("{kind}{layer}"))
    };
    let dequantised = |q: &[i8], s: &[f32], k: usize| -> Vec<f32> {
        q.iter()
            .enumerate()
            .map(|(i, &v)| v as f32 * s[i / k])
            .collect()
    };
    let linear = |l: usize, kind: &str| -> Result<QLinear, LoadError> {
        let name = format!("l{l}.{kind}");
        let (q, s, n, k) = int8_rows(t, &format!("{name}.w"))?;
        Ok(QLinear {
            f32w: keep_f32(kind, l).then(|| dequantised(&q, &s, k)),
            w: QMatrix::from_rows(&q, &s, n, k),
            b: vec_f32(t, &format!("{name}.b"))?,
        })
    };
    let norm = |p: &str| -> Result<NativeNorm, LoadError> {
        Ok(NativeNorm {
            w: vec_f32(t, &format!("{p}.w"))?,
            b: vec_f32(t, &format!("{p}.b"))?,
        })
    };
    let table = |name: &str| -> Result<QRows, LoadError> {
        let (q, scale, _, width) = int8_rows(t, name)?;
        Ok(QRows { q, scale, width })
    };
    let mut ls = Vec::with_capacity(layers);
    for l in 0..layers {
        // Q, K and V rows stacked into one matrix; the attention scale
        // 1/sqrt(head size) folded into the query rows' scales and bias.
        let mut q = Vec::new();
        let mut s = Vec::new();
        let mut b = Vec::new();
        let (mut n, mut k) = (0, 0);
        for part in ["q", "k", "v"] {
            let (pq, mut ps, pn, pk) = int8_rows(t, &format!("l{l}.{part}.w"))?;
            let mut pb = vec_f32(t, &format!("l{l}.{part}.b"))?;
            if part == "q" {
                let scale = 1.0 / ((pn / heads) as f32).sqrt();
                ps.iter_mut().for_each(|v| *v *= scale);
                pb.iter_mut().for_each(|v| *v *= scale);
            }
            q.extend(pq);
            s.extend(ps);
            b.extend(pb);
            n += pn;
            k = pk;
        }
        ls.push(QLayer {
            qkv: QLinear {
                f32w: keep_f32("qkv", l).then(|| dequantised(&q, &s, k)),
                w: QMatrix::from_rows(&q, &s, n, k),
                b,
            },
            ao: linear(l, "ao")?,
            aln: norm(&format!("l{l}.aln"))?,
            fi: linear(l, "fi")?,
            fo: linear(l, "fo")?,
            oln: norm(&format!("l{l}.oln"))?,
        });
    }
    let word = table("word")?;
    let hidden = word.width;
    Ok(Int8Encoder {
        word,
        pos: table("pos")?,
        tok_type: vec_f32(t, "type")?,
        eln: norm("eln")?,
        layers: ls,
        head_w: vec_f32(t, "head.w")?,
        head_b: vec_f32(t, "head.b")?,
        heads,
        hidden,
        eps: eps as f32,
        kernel,
    })
}
