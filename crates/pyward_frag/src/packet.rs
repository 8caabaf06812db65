//! One decoded fragment, borrowed from the capture buffer.

use crate::key::DatagramKey;

/// The IP header bytes in front of a datagram's payload, kept from its first
/// fragment so that a reassembled packet can be written with a real header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderTemplate {
    /// IPv4: the whole header with options. IPv6: the fixed header and the
    /// extension headers before the fragment header.
    pub bytes: Vec<u8>,
    /// IPv6: where the next-header byte that named the fragment header sits.
    pub next_header_at: Option<usize>,
}

/// A fragment as the decoder found it.
#[derive(Debug, Clone, Copy)]
pub struct FragmentPacket<'a> {
    pub key: DatagramKey,
    /// Byte offset of the payload inside the datagram.
    pub offset: u32,
    /// The more-fragments flag.
    pub more: bool,
    pub payload: &'a [u8],
    /// See [`HeaderTemplate`].
    pub header: &'a [u8],
    pub next_header_at: Option<usize>,
    /// 1-based frame number in the capture.
    pub frame: u64,
    /// Capture time, nanoseconds since the epoch.
    pub time_ns: u64,
}

impl FragmentPacket<'_> {
    pub fn header_template(&self) -> HeaderTemplate {
        HeaderTemplate { bytes: self.header.to_vec(), next_header_at: self.next_header_at }
    }

    /// IPv6 fragment header with offset 0 and no more fragments (RFC 6946).
    pub fn is_atomic(&self) -> bool {
        self.offset == 0 && !self.more
    }
}
