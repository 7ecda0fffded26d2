//! How a fetch shows what it is doing: progress bars on a terminal, log lines otherwise.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How to report progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressMode {
    /// A progress bar per file on stderr.
    Bars,
    /// `tracing` log lines: one when a file starts, one when it ends.
    Lines,
}

impl ProgressMode {
    /// Bars when stderr is a terminal, lines otherwise (CI logs, pipes, files).
    pub fn detect() -> ProgressMode {
        if std::io::stderr().is_terminal() { ProgressMode::Bars } else { ProgressMode::Lines }
    }
}

/// Reports on one file at a time.
pub(crate) struct Reporter {
    mode: ProgressMode,
    bar: Option<ProgressBar>,
}

impl Reporter {
    pub fn new(mode: ProgressMode) -> Reporter {
        Reporter { mode, bar: None }
    }

    /// A message the user should see, kept above any bar.
    pub fn info(&self, msg: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| tracing::info!("{msg}")),
            None => tracing::info!("{msg}"),
        }
    }

    /// A warning the user should see, kept above any bar.
    pub fn warn(&self, msg: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| tracing::warn!("{msg}")),
            None => tracing::warn!("{msg}"),
        }
    }

    /// A transfer starts (or restarts): `done` bytes are already on disk of `total`, if known.
    pub fn transfer(&mut self, name: &str, done: u64, total: Option<u64>) {
        if self.mode == ProgressMode::Lines {
            let size = total.map_or_else(|| "size unknown".to_string(), human_bytes);
            if done > 0 {
                self.info(&format!("{name}: resuming at {} of {size}", human_bytes(done)));
            } else {
                self.info(&format!("{name}: downloading ({size})"));
            }
            return;
        }
        let bar = self.bar.get_or_insert_with(|| {
            // Hidden until its length is known, so it never flashes "0 B/0 B".
            let bar = ProgressBar::hidden();
            bar.set_style(
                ProgressStyle::with_template(
                    "{prefix:>24} [{bar:30}] {decimal_bytes:>9}/{decimal_total_bytes:<9} \
                     {decimal_bytes_per_sec:>11} {eta}",
                )
                .expect("the template is valid")
                .progress_chars("=> "),
            );
            bar
        });
        bar.set_prefix(name.to_string());
        bar.set_length(total.unwrap_or(0));
        bar.set_position(done);
        if bar.is_hidden() {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    pub fn advance(&self, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
        }
    }

    /// The file's transfer is over (done or abandoned); the bar goes away.
    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Reporter {
    fn drop(&mut self) {
        self.finish();
    }
}

/// `1.5 MB`, `830 kB`, `12 B` (decimal units, as publishers state sizes).
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["kB", "MB", "GB", "TB"];
    if n < 1000 {
        return format!("{n} B");
    }
    let mut v = n as f64 / 1000.0;
    let mut unit = 0;
    while v >= 1000.0 && unit + 1 < UNITS.len() {
        v /= 1000.0;
        unit += 1;
    }
    if v < 10.0 { format!("{v:.1} {}", UNITS[unit]) } else { format!("{v:.0} {}", UNITS[unit]) }
}

#[cfg(test)]
mod tests {
    use super::human_bytes;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_bytes(12), "12 B");
        assert_eq!(human_bytes(1_500), "1.5 kB");
        assert_eq!(human_bytes(409_620), "410 kB");
        assert_eq!(human_bytes(31_000_000), "31 MB");
    }
}
