//! Watching `entropy_avail` without disturbing it. `watch cat entropy_avail`
//! spawns a process every tick, and each exec draws entropy for ASLR and the
//! stack canary, so it drains what it measures. Here one file descriptor is
//! opened once and re-read with `pread` at offset 0: no process, no open per tick.

use std::collections::BTreeMap;
use std::fs::File;
use std::os::unix::fs::FileExt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

use serde::Serialize;

use crate::root::{HostRoot, ReadError};

pub use crate::entropy::ENTROPY_AVAIL;

/// The longest value accepted from `entropy_avail` (it holds a small number).
const MAX_SAMPLE_BYTES: usize = 32;
/// How often a sleeping watch looks at the stop flag.
const STOP_POLL: Duration = Duration::from_millis(50);

#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error("cannot open {path}: {source}")]
    Open { path: String, source: ReadError },
    #[error("cannot read {path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("{path} holds {text:?}, not a bit count")]
    NotANumber { path: String, text: String },
    #[error("{path} holds more than {MAX_SAMPLE_BYTES} bytes, not a bit count")]
    TooLong { path: String },
}

/// Opens `entropy_avail` under the root, once, for the whole watch.
pub fn open_entropy_avail(root: &HostRoot) -> Result<File, WatchError> {
    root.open(ENTROPY_AVAIL).map_err(|source| WatchError::Open { path: ENTROPY_AVAIL.to_string(), source })
}

/// One reading of the pool.
#[derive(Debug, Clone)]
pub struct Sample {
    /// 1 for the first reading.
    pub tick: u64,
    pub time: SystemTime,
    pub bits: u32,
    /// Change since the previous reading; `None` for the first.
    pub delta: Option<i64>,
    /// Lowest reading so far, this one included.
    pub min: u32,
    pub below_threshold: bool,
}

/// Reads the level from an already open descriptor and keeps the statistics.
#[derive(Debug)]
pub struct EntropySampler {
    file: File,
    threshold: u32,
    tick: u64,
    previous: Option<u32>,
    stats: LevelStats,
}

impl EntropySampler {
    pub fn new(file: File, threshold: u32) -> Self {
        Self { file, threshold, tick: 0, previous: None, stats: LevelStats::default() }
    }

    /// Takes one reading with positioned reads from offset 0.
    pub fn sample(&mut self) -> Result<Sample, WatchError> {
        let bits = read_bits(&self.file)?;
        self.tick += 1;
        let delta = self.previous.map(|previous| i64::from(bits) - i64::from(previous));
        self.previous = Some(bits);
        self.stats.record(bits, bits < self.threshold);
        let min = self.stats.min().unwrap_or(bits);
        Ok(Sample {
            tick: self.tick,
            time: SystemTime::now(),
            bits,
            delta,
            min,
            below_threshold: bits < self.threshold,
        })
    }

    pub fn summary(&self) -> WatchSummary {
        self.stats.summary(self.threshold)
    }
}

fn read_bits(file: &File) -> Result<u32, WatchError> {
    let mut buffer = [0u8; MAX_SAMPLE_BYTES];
    let mut filled = 0;
    while let Some(rest) = buffer.get_mut(filled..) {
        if rest.is_empty() {
            return Err(WatchError::TooLong { path: ENTROPY_AVAIL.to_string() });
        }
        match file.read_at(rest, filled as u64) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(source) => return Err(WatchError::Read { path: ENTROPY_AVAIL.to_string(), source }),
        }
    }
    let text = String::from_utf8_lossy(buffer.get(..filled).unwrap_or_default());
    text.trim().parse().map_err(|_| WatchError::NotANumber { path: ENTROPY_AVAIL.to_string(), text: text.into() })
}

/// Counts per level: memory is bounded by the distinct levels seen (a
/// counting pool has at most 4097), however long the watch runs.
#[derive(Debug, Default)]
struct LevelStats {
    counts: BTreeMap<u32, u64>,
    samples: u64,
    alerts: u64,
}

impl LevelStats {
    fn record(&mut self, bits: u32, alert: bool) {
        *self.counts.entry(bits).or_default() += 1;
        self.samples += 1;
        self.alerts += u64::from(alert);
    }

    fn min(&self) -> Option<u32> {
        self.counts.keys().next().copied()
    }

    /// The value at 0-based `rank` in sorted order.
    fn at_rank(&self, rank: u64) -> Option<u32> {
        let mut seen = 0u64;
        for (&bits, &count) in &self.counts {
            seen = seen.saturating_add(count);
            if rank < seen {
                return Some(bits);
            }
        }
        None
    }

    fn median(&self) -> Option<f64> {
        let n = self.samples;
        let upper = f64::from(self.at_rank(n / 2)?);
        if n % 2 == 1 {
            return Some(upper);
        }
        let lower = f64::from(self.at_rank(n / 2 - 1)?);
        Some((lower + upper) / 2.0)
    }

    fn summary(&self, threshold: u32) -> WatchSummary {
        WatchSummary {
            samples: self.samples,
            min: self.min(),
            median: self.median(),
            max: self.counts.keys().next_back().copied(),
            alerts: self.alerts,
            threshold,
        }
    }
}

/// What a watch saw over its whole run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WatchSummary {
    pub samples: u64,
    pub min: Option<u32>,
    pub median: Option<f64>,
    pub max: Option<u32>,
    /// Readings below the threshold.
    pub alerts: u64,
    pub threshold: u32,
}

/// Samples at a fixed interval until `count` readings were taken or the stop
/// flag is raised. The first reading is taken at once.
pub struct Watch<'a> {
    sampler: EntropySampler,
    interval: Duration,
    remaining: Option<u64>,
    stop: &'a AtomicBool,
    failed: bool,
}

impl<'a> Watch<'a> {
    pub fn new(sampler: EntropySampler, interval: Duration, count: Option<u64>, stop: &'a AtomicBool) -> Self {
        Self { sampler, interval, remaining: count, stop, failed: false }
    }

    pub fn summary(&self) -> WatchSummary {
        self.sampler.summary()
    }

    /// Sleeps for the interval; false when the stop flag was raised meanwhile.
    fn pause(&self) -> bool {
        let deadline = Instant::now() + self.interval;
        loop {
            if self.stop.load(Ordering::SeqCst) {
                return false;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return true;
            }
            std::thread::sleep(left.min(STOP_POLL));
        }
    }
}

impl Iterator for Watch<'_> {
    type Item = Result<Sample, WatchError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.remaining == Some(0) || self.stop.load(Ordering::SeqCst) {
            return None;
        }
        if self.sampler.tick > 0 && !self.pause() {
            return None;
        }
        if let Some(remaining) = self.remaining.as_mut() {
            *remaining -= 1;
        }
        let sample = self.sampler.sample();
        self.failed = sample.is_err();
        Some(sample)
    }
}

/// A flag raised by SIGINT (Ctrl-C) or SIGTERM, so a watch can end with its
/// summary. A second Ctrl-C ends the process at once. No thread is started.
pub fn stop_on_interrupt() -> std::io::Result<Arc<AtomicBool>> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [SIGINT, SIGTERM] {
        signal_hook::flag::register_conditional_shutdown(signal, 130, Arc::clone(&stop))?;
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    Ok(stop)
}

/// `2026-01-31T12:00:00.250Z`, for the per-tick lines.
pub fn utc_timestamp(time: SystemTime) -> String {
    humantime::format_rfc3339_millis(time).to_string()
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn file_with(text: &str) -> (tempfile::NamedTempFile, File) {
        let mut temp = tempfile::NamedTempFile::new().unwrap();
        temp.write_all(text.as_bytes()).unwrap();
        let reader = File::open(temp.path()).unwrap();
        (temp, reader)
    }

    fn rewrite(temp: &tempfile::NamedTempFile, text: &str) {
        let file = temp.as_file();
        file.set_len(0).unwrap();
        file.write_all_at(text.as_bytes(), 0).unwrap();
    }

    #[test]
    fn rereads_the_same_descriptor_from_offset_zero() {
        let (temp, reader) = file_with("3000\n");
        let mut sampler = EntropySampler::new(reader, 200);
        let first = sampler.sample().unwrap();
        assert_eq!((first.tick, first.bits, first.delta, first.min), (1, 3000, None, 3000));
        rewrite(&temp, "150\n");
        let second = sampler.sample().unwrap();
        assert_eq!((second.tick, second.bits, second.delta, second.min), (2, 150, Some(-2850), 150));
        assert!(second.below_threshold && !first.below_threshold);
        rewrite(&temp, "420\n");
        let third = sampler.sample().unwrap();
        assert_eq!((third.delta, third.min), (Some(270), 150));
    }

    #[test]
    fn summary_has_min_median_max_and_alerts() {
        let (temp, reader) = file_with("300");
        let mut sampler = EntropySampler::new(reader, 200);
        for level in ["300", "100", "250", "180"] {
            rewrite(&temp, level);
            sampler.sample().unwrap();
        }
        let summary = sampler.summary();
        assert_eq!((summary.samples, summary.min, summary.max, summary.alerts), (4, Some(100), Some(300), 2));
        assert_eq!(summary.median, Some(215.0));
        rewrite(&temp, "90");
        sampler.sample().unwrap();
        assert_eq!(sampler.summary().median, Some(180.0));
    }

    #[test]
    fn empty_watch_has_no_statistics() {
        let summary = LevelStats::default().summary(200);
        assert_eq!((summary.samples, summary.min, summary.median, summary.max), (0, None, None, None));
    }

    #[test]
    fn garbage_and_oversized_values_are_errors() {
        let (_temp, reader) = file_with("lots");
        assert!(matches!(EntropySampler::new(reader, 200).sample(), Err(WatchError::NotANumber { .. })));
        let (_temp, reader) = file_with(&"9".repeat(MAX_SAMPLE_BYTES + 1));
        assert!(matches!(EntropySampler::new(reader, 200).sample(), Err(WatchError::TooLong { .. })));
    }

    #[test]
    fn watch_takes_count_samples_then_stops() {
        let (_temp, reader) = file_with("256");
        let stop = AtomicBool::new(false);
        let mut watch = Watch::new(EntropySampler::new(reader, 200), Duration::ZERO, Some(3), &stop);
        let ticks: Vec<u64> = watch.by_ref().map(|s| s.unwrap().tick).collect();
        assert_eq!(ticks, vec![1, 2, 3]);
        assert_eq!(watch.summary().samples, 3);
    }

    #[test]
    fn raised_stop_flag_ends_an_endless_watch() {
        let (_temp, reader) = file_with("256");
        let stop = AtomicBool::new(false);
        let mut watch = Watch::new(EntropySampler::new(reader, 200), Duration::from_secs(3600), None, &stop);
        assert!(watch.next().is_some());
        stop.store(true, Ordering::SeqCst);
        assert!(watch.next().is_none());
        assert_eq!(watch.summary().samples, 1);
    }

    #[test]
    fn a_failed_read_ends_the_watch() {
        let (_temp, reader) = file_with("x");
        let stop = AtomicBool::new(false);
        let mut watch = Watch::new(EntropySampler::new(reader, 200), Duration::ZERO, None, &stop);
        assert!(matches!(watch.next(), Some(Err(_))));
        assert!(watch.next().is_none());
    }
}
