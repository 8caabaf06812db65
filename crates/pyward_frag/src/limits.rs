//! The bounds that keep reassembly memory finite, whatever the capture holds.

/// Reassembly limits; every one reports an event when it is hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// An incomplete datagram is abandoned this long after its latest fragment.
    pub timeout_ns: u64,
    /// Fragments kept per datagram; one more drops the datagram.
    pub max_fragments_per_datagram: usize,
    /// Datagrams reassembled at once; one more evicts the oldest.
    pub max_datagrams_in_flight: usize,
    /// Fragment payload bytes held at once; past it the oldest datagrams are evicted.
    pub max_bytes_in_flight: usize,
}

impl Limits {
    /// The largest fragments-per-datagram cap (owners are kept as `u16`).
    pub const FRAGMENTS_CEILING: usize = u16::MAX as usize - 1;

    /// Clamps values that would make the engine misbehave (0 or above the ceiling).
    pub fn sanitized(self) -> Self {
        Self {
            timeout_ns: self.timeout_ns,
            max_fragments_per_datagram: self.max_fragments_per_datagram.clamp(1, Self::FRAGMENTS_CEILING),
            max_datagrams_in_flight: self.max_datagrams_in_flight.max(1),
            max_bytes_in_flight: self.max_bytes_in_flight.max(1),
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            timeout_ns: 60 * 1_000_000_000,
            max_fragments_per_datagram: 1024,
            max_datagrams_in_flight: 65_536,
            max_bytes_in_flight: 256 * 1024 * 1024,
        }
    }
}
