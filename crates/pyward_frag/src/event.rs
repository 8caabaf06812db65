//! Things worth reporting about a datagram, each tied to the capture frame
//! where it was first seen.

use serde::{Deserialize, Serialize};

/// What happened. Each kind maps to one rule in `rules.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    /// Policies produced different bytes for the same fragments.
    Ambiguous,
    /// Fragments overlap and carry different bytes where they do.
    InconsistentOverlap,
    /// Fragments overlap with identical bytes (duplicates, retransmissions).
    ConsistentOverlap,
    /// The first fragment cannot hold the transport header (RFC 1858).
    TinyFragment,
    /// A later fragment rewrites the transport header (RFC 1858).
    HeaderOverwrite,
    /// A fragment with more-fragments set whose length is not a multiple of 8.
    OddLength,
    /// The reassembled datagram would exceed 65,535 bytes.
    Oversize,
    /// Fragments disagree on where the datagram ends (teardrop).
    ConflictingEnd,
    /// An IPv6 fragment header with offset 0 and no more fragments (RFC 6946).
    AtomicFragment,
    /// Reassembly did not finish: timeout, eviction or end of capture.
    Incomplete,
    /// A datagram had more fragments than the cap allows.
    FragmentCap,
    /// Too many datagrams (or bytes) were in flight; the oldest was evicted.
    InFlightCap,
    /// The host-policy table's target reassembles differently than the sensor.
    HostMismatch,
}

/// One event of one datagram.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    pub kind: EventKind,
    /// The 1-based capture frame of the fragment that revealed it.
    pub frame: u64,
    /// A sentence with the specifics.
    pub message: String,
}

/// Events of one datagram: at most one per kind, the first one seen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventList {
    events: Vec<Event>,
}

impl EventList {
    pub fn record(&mut self, kind: EventKind, frame: u64, message: impl FnOnce() -> String) {
        if !self.has(kind) {
            self.events.push(Event { kind, frame, message: message() });
        }
    }

    pub fn has(&self, kind: EventKind) -> bool {
        self.events.iter().any(|e| e.kind == kind)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Event> {
        self.events.iter()
    }

    pub fn into_vec(self) -> Vec<Event> {
        self.events
    }
}
