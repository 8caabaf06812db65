//! One pass over a capture: frames are decoded, fragments fed to the
//! reassembler, and each finished datagram handed to the caller.

use std::collections::BTreeMap;
use std::io::Read;

use serde::Serialize;

use crate::capture::{self, CaptureError};
use crate::decode::{self, Decoded};
use crate::engine::Reassembler;
use crate::limits::Limits;
use crate::outcome::Outcome;
use crate::policy::Policy;
use crate::resolve::Status;

/// Counts of what the capture held.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Statistics {
    pub frames: u64,
    pub fragments: u64,
    pub unfragmented: u64,
    pub not_ip: u64,
    pub malformed: u64,
    /// Malformed frames by reason.
    pub malformed_reasons: BTreeMap<&'static str, u64>,
    /// Frames the capture kept only partly (snap length).
    pub cut_by_snaplen: u64,
    pub unknown_interface: u64,
    pub datagrams: u64,
    /// Datagrams that every applied policy delivered.
    pub complete: u64,
    pub ambiguous: u64,
    /// Datagrams each policy delivered complete.
    pub delivered: BTreeMap<&'static str, u64>,
    /// Why reading stopped before the end of the file, if it did.
    pub stopped: Option<String>,
}

impl Statistics {
    fn count_outcome(&mut self, outcome: &Outcome) {
        self.datagrams += 1;
        self.complete += u64::from(outcome.reassemblies.iter().all(|(_, r)| r.status == Status::Complete));
        self.ambiguous += u64::from(outcome.ambiguous);
        for (policy, verdict) in &outcome.reassemblies {
            if verdict.status == Status::Complete {
                *self.delivered.entry(policy.name.as_str()).or_default() += 1;
            }
        }
    }

    fn count_malformed(&mut self, reason: &'static str, cut_by_snaplen: bool) {
        self.malformed += 1;
        let reason = if cut_by_snaplen { "frame cut by the capture's snap length" } else { reason };
        *self.malformed_reasons.entry(reason).or_default() += 1;
    }
}

/// Reads a whole capture, calling `on_outcome` for every datagram as it finishes.
pub fn analyse<R: Read + Send>(
    input: R,
    policies: Vec<&'static Policy>,
    limits: Limits,
    mut on_outcome: impl FnMut(Outcome),
) -> Result<Statistics, CaptureError> {
    let mut engine = Reassembler::new(policies, limits);
    let mut statistics = Statistics::default();
    let mut finished = Vec::new();
    let summary = capture::read_frames(input, |frame| {
        statistics.cut_by_snaplen += u64::from(frame.cut_by_snaplen);
        match decode::decode(frame.info, frame.data) {
            Decoded::Fragment(packet) => {
                statistics.fragments += 1;
                engine.push(&packet, &mut finished);
            }
            Decoded::Unfragmented => statistics.unfragmented += 1,
            Decoded::NotIp => statistics.not_ip += 1,
            Decoded::Malformed(reason) => statistics.count_malformed(reason, frame.cut_by_snaplen),
        }
        for outcome in finished.drain(..) {
            statistics.count_outcome(&outcome);
            on_outcome(outcome);
        }
    })?;
    engine.flush(&mut finished);
    for outcome in finished.drain(..) {
        statistics.count_outcome(&outcome);
        on_outcome(outcome);
    }
    statistics.frames = summary.frames;
    statistics.unknown_interface = summary.unknown_interface;
    statistics.stopped = summary.stopped;
    Ok(statistics)
}
