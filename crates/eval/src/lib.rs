//! Evaluation, kept apart from tests.
//!
//! Tests check behaviour on small committed fixtures; evaluation measures
//! quality on real annotated data under `../shared/data`, which is never
//! committed. Every scorer here writes its matching rule down in its doc
//! comment, so the figures in reports can be reproduced and compared.
//!
//! - [`score`]: precision/recall/F1 counters, conlleval entity scoring,
//!   span matching (exact and overlap), boundary scoring.
//! - [`data`]: readers for the datasets.
//! - the `newsgraph-eval` binary: one subcommand per capability; each takes
//!   `--data DIR` (default `../shared/data`) and skips cleanly, exit 0, when
//!   the data is absent.

pub mod corpus;
pub mod data;
pub mod score;

use std::path::{Path, PathBuf};

/// Resolves a dataset folder under `data_root`, or returns `None` (after
/// saying so on stderr) when it is absent, so evaluations skip cleanly.
pub fn dataset_dir(data_root: &Path, sub: &str) -> Option<PathBuf> {
    let dir = data_root.join(sub);
    if dir.exists() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: {} not found (pass --data DIR pointing at shared/data)",
            dir.display()
        );
        None
    }
}
