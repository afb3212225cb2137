//! Test helpers shared by the examples (a folder without `main.rs`, so
//! cargo does not build it as an example of its own).

use std::io::{ErrorKind, Write};

/// A writer whose reader has gone away, as `head` does.
pub struct ClosedPipe;

impl Write for ClosedPipe {
    fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
        Err(ErrorKind::BrokenPipe.into())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Err(ErrorKind::BrokenPipe.into())
    }
}
