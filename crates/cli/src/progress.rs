//! Progress on stderr for batches, drawn only when stderr is a terminal,
//! and the end-of-run summary.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Instant;

pub struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    pub articles: u64,
    pub failed: u64,
    pub bytes: u64,
}

impl Progress {
    /// `total_bytes` is the input size when known (files), for an ETA.
    pub fn new(enabled: bool, total_bytes: Option<u64>) -> Progress {
        let bar = (enabled && std::io::stderr().is_terminal()).then(|| {
            let bar = match total_bytes {
                Some(total) => ProgressBar::new(total).with_style(
                    ProgressStyle::with_template(
                        "{elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} {msg} (ETA {eta})",
                    )
                    .expect("valid template")
                    .progress_chars("=> "),
                ),
                None => ProgressBar::new_spinner().with_style(
                    ProgressStyle::with_template("{elapsed_precise} {spinner} {bytes} {msg}")
                        .expect("valid template"),
                ),
            };
            bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
            articles: 0,
            failed: 0,
            bytes: 0,
        }
    }

    pub fn advance(&mut self, articles: u64, failed: u64, input_bytes: u64) {
        self.articles += articles;
        self.failed += failed;
        self.bytes += input_bytes;
        if let Some(bar) = &self.bar {
            bar.inc(input_bytes);
            bar.set_message(format!(
                "{} articles, {} failed",
                self.articles, self.failed
            ));
        }
    }

    /// Prints a line on stderr without breaking the bar.
    pub fn println(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    pub fn finish(&self) -> String {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        let secs = self.started.elapsed().as_secs_f64().max(1e-9);
        let mb = self.bytes as f64 / 1e6;
        let mut line = format!(
            "{} articles, {} ok, {} failed; {:.1} MB in {:.2} s: {:.2} MB/s, {:.0} articles/s",
            self.articles,
            self.articles - self.failed,
            self.failed,
            mb,
            secs,
            mb / secs,
            self.articles as f64 / secs
        );
        if let Some(kb) = peak_memory_kb() {
            line.push_str(&format!(", peak memory {:.1} MB", kb as f64 / 1024.0));
        }
        line
    }
}

/// Peak resident memory (VmHWM) of this process, where the OS reports it.
pub fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
