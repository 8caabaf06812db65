//! The fragments of one datagram as they arrive: coverage, overlaps, the
//! datagram's end, and the events they reveal. Policies are applied later
//! (`resolve`), all to this same fragment set.

use crate::event::{EventKind, EventList};
use crate::key::DatagramKey;
use crate::packet::{FragmentPacket, HeaderTemplate};
use crate::policy::Extent;
use crate::transport;

/// The largest IP datagram (total length for IPv4, header plus payload for IPv6).
pub const MAX_DATAGRAM: u32 = 65_535;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fragment {
    pub extent: Extent,
    pub more: bool,
    pub data: Box<[u8]>,
    pub frame: u64,
}

/// Why a datagram was given up before any policy could see it whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DropReason {
    Oversize,
    ConflictingEnd,
    FragmentCap,
}

#[derive(Debug, Clone)]
pub struct Datagram {
    pub key: DatagramKey,
    pub fragments: Vec<Fragment>,
    /// Fragments seen, including any past the cap.
    pub fragments_seen: u32,
    /// Fragments that overlap an earlier one, and those among them whose shared bytes differ.
    pub overlaps: u32,
    pub inconsistent: u32,
    /// An overlap other than an exact duplicate (what RFC 5722 discards on).
    pub non_duplicate_overlap: bool,
    /// Merged byte ranges received so far, sorted and disjoint.
    coverage: Vec<Extent>,
    /// The bytes first received at each offset; built at the first overlap.
    first_received: Option<Vec<u8>>,
    /// The end announced by a fragment without more-fragments.
    pub end: Option<u32>,
    /// The furthest byte any fragment reached.
    max_end: u32,
    pub header: Option<HeaderTemplate>,
    pub dropped: Option<DropReason>,
    pub events: EventList,
    pub first_frame: u64,
    pub last_time_ns: u64,
    /// Payload bytes held.
    pub bytes: usize,
}

impl Datagram {
    pub fn new(key: DatagramKey, first_frame: u64, time_ns: u64) -> Self {
        Self {
            key,
            fragments: Vec::new(),
            fragments_seen: 0,
            overlaps: 0,
            inconsistent: 0,
            non_duplicate_overlap: false,
            coverage: Vec::new(),
            first_received: None,
            end: None,
            max_end: 0,
            header: None,
            dropped: None,
            events: EventList::default(),
            first_frame,
            last_time_ns: time_ns,
            bytes: 0,
        }
    }

    /// Every byte from 0 to the announced end has arrived.
    pub fn is_complete(&self) -> bool {
        match (self.end, self.coverage.as_slice()) {
            (Some(0), []) => true,
            (Some(end), [only]) => only.start == 0 && only.end == end,
            _ => false,
        }
    }

    /// Adds one fragment. Returns whether the datagram must now be finished
    /// (complete, or dropped).
    pub fn insert(&mut self, packet: &FragmentPacket<'_>, max_fragments: usize) -> bool {
        self.fragments_seen = self.fragments_seen.saturating_add(1);
        self.last_time_ns = self.last_time_ns.max(packet.time_ns);
        let Some(extent) = extent_of(packet) else {
            self.drop_for(DropReason::Oversize, packet.frame, "a fragment reaches past 4 GiB".to_string());
            return true;
        };
        if self.fragments.len() >= max_fragments {
            let message = format!("more than {max_fragments} fragments for one datagram");
            self.drop_for(DropReason::FragmentCap, packet.frame, message);
            return true;
        }
        self.check_length(packet, extent);
        self.check_transport_header(packet, extent);
        if !self.check_end(packet, extent) {
            return true;
        }
        self.record_overlaps(packet, extent);
        if extent.start == 0 && self.header.is_none() {
            self.header = Some(packet.header_template());
        }
        self.add_coverage(extent);
        self.bytes = self.bytes.saturating_add(packet.payload.len());
        self.fragments.push(Fragment { extent, more: packet.more, data: packet.payload.into(), frame: packet.frame });
        self.dropped.is_some() || self.is_complete()
    }

    fn drop_for(&mut self, reason: DropReason, frame: u64, message: String) {
        let kind = match reason {
            DropReason::Oversize => EventKind::Oversize,
            DropReason::ConflictingEnd => EventKind::ConflictingEnd,
            DropReason::FragmentCap => EventKind::FragmentCap,
        };
        self.events.record(kind, frame, || message);
        self.dropped.get_or_insert(reason);
    }

    fn check_length(&mut self, packet: &FragmentPacket<'_>, extent: Extent) {
        if packet.more && !packet.payload.len().is_multiple_of(8) {
            let len = packet.payload.len();
            self.events.record(EventKind::OddLength, packet.frame, || {
                format!(
                    "fragment at offset {} has more-fragments set but {len} bytes, not a multiple of 8",
                    extent.start
                )
            });
        }
        let header_len = u32::try_from(packet.header.len()).unwrap_or(u32::MAX);
        let total = u64::from(header_len) + u64::from(extent.end);
        if total > u64::from(MAX_DATAGRAM) {
            self.drop_for(
                DropReason::Oversize,
                packet.frame,
                format!("fragment at offset {} makes the datagram {total} bytes, over {MAX_DATAGRAM}", extent.start),
            );
        }
    }

    fn check_transport_header(&mut self, packet: &FragmentPacket<'_>, extent: Extent) {
        let Some(needed) = transport::min_header_len(self.key.proto) else { return };
        let proto = transport::name(self.key.proto);
        if extent.start == 0 && packet.more && extent.end < needed {
            self.events.record(EventKind::TinyFragment, packet.frame, || {
                format!("first fragment holds {} bytes, less than the {needed}-byte {proto} header", extent.end)
            });
        }
        if extent.start > 0 && extent.start < needed {
            self.events.record(EventKind::HeaderOverwrite, packet.frame, || {
                format!("fragment at offset {} lands inside the {needed}-byte {proto} header", extent.start)
            });
        }
    }

    /// Checks the end this fragment implies against what is known. Returns
    /// false when the datagram was dropped for it.
    fn check_end(&mut self, packet: &FragmentPacket<'_>, extent: Extent) -> bool {
        let conflict = if packet.more {
            self.end
                .filter(|&end| extent.end > end)
                .map(|end| format!("data up to {} after the end at {end}", extent.end))
        } else {
            match self.end {
                Some(end) if end != extent.end => Some(format!("last fragments end at {end} and at {}", extent.end)),
                _ if extent.end < self.max_end => {
                    Some(format!("last fragment ends at {} but data reaches {}", extent.end, self.max_end))
                }
                _ => None,
            }
        };
        if let Some(message) = conflict {
            self.drop_for(DropReason::ConflictingEnd, packet.frame, message);
            return false;
        }
        if !packet.more {
            self.end = Some(extent.end);
        }
        self.max_end = self.max_end.max(extent.end);
        true
    }

    /// Compares the fragment with the bytes first received where it overlaps
    /// them. The first-received copy is built at the first overlap only, so
    /// datagrams without overlaps never pay for it.
    fn record_overlaps(&mut self, packet: &FragmentPacket<'_>, extent: Extent) {
        let overlapping = extent.start != extent.end && self.coverage.iter().any(|c| c.overlaps(extent));
        if overlapping && self.first_received.is_none() {
            self.first_received = Some(self.build_first_received());
        }
        let Some(mut first) = self.first_received.take() else { return };
        let grown = (extent.end as usize).saturating_sub(first.len());
        if grown > 0 {
            first.resize(extent.end as usize, 0);
            self.bytes = self.bytes.saturating_add(grown);
        }
        if overlapping {
            self.compare_overlap(packet, extent, &first);
        }
        for gap in gaps(&self.coverage, extent) {
            let source = slice_of(packet.payload, extent, gap.start, gap.end);
            if let Some(target) = first.get_mut(gap.start as usize..gap.end as usize) {
                target.copy_from_slice(source);
            }
        }
        self.first_received = Some(first);
    }

    fn build_first_received(&mut self) -> Vec<u8> {
        let mut first = vec![0u8; self.max_end as usize];
        for fragment in self.fragments.iter().rev() {
            let range = fragment.extent.start as usize..fragment.extent.end as usize;
            if let Some(target) = first.get_mut(range) {
                target.copy_from_slice(&fragment.data);
            }
        }
        self.bytes = self.bytes.saturating_add(first.len());
        first
    }

    fn compare_overlap(&mut self, packet: &FragmentPacket<'_>, extent: Extent, first: &[u8]) {
        let header_len = transport::min_header_len(self.key.proto).unwrap_or(0);
        let mut differs = false;
        let mut differs_in_header = false;
        for covered in self.coverage.iter().filter(|c| c.overlaps(extent)) {
            let (start, end) = (covered.start.max(extent.start), covered.end.min(extent.end));
            let ours = slice_of(packet.payload, extent, start, end);
            let theirs = first.get(start as usize..end as usize).unwrap_or_default();
            if ours != theirs {
                differs = true;
                differs_in_header |= start < header_len;
            }
        }
        let duplicate = !differs && self.fragments.iter().any(|f| f.extent == extent);
        self.overlaps += 1;
        self.non_duplicate_overlap |= !duplicate;
        let at = extent.start;
        if differs {
            self.inconsistent += 1;
            self.events.record(EventKind::InconsistentOverlap, packet.frame, || {
                format!("fragment at offset {at} overlaps earlier data with different bytes")
            });
        } else {
            self.events.record(EventKind::ConsistentOverlap, packet.frame, || {
                format!("fragment at offset {at} repeats bytes already received")
            });
        }
        if differs_in_header {
            self.events.record(EventKind::HeaderOverwrite, packet.frame, || {
                format!("fragment at offset {at} rewrites the transport header with different bytes")
            });
        }
    }

    fn add_coverage(&mut self, extent: Extent) {
        if extent.start == extent.end {
            return;
        }
        let mut merged = extent;
        self.coverage.retain(|c| {
            let touches = c.start <= merged.end && merged.start <= c.end;
            if touches {
                merged = Extent { start: merged.start.min(c.start), end: merged.end.max(c.end) };
            }
            !touches
        });
        let at = self.coverage.partition_point(|c| c.start < merged.start);
        self.coverage.insert(at, merged);
    }
}

/// The parts of `extent` that `coverage` (sorted, disjoint) does not cover.
fn gaps(coverage: &[Extent], extent: Extent) -> impl Iterator<Item = Extent> + '_ {
    let mut cursor = extent.start;
    let mut covered = coverage.iter().filter(move |c| c.overlaps(extent));
    std::iter::from_fn(move || {
        while cursor < extent.end {
            match covered.next() {
                Some(c) if c.start <= cursor => cursor = cursor.max(c.end),
                Some(c) => {
                    let gap = Extent { start: cursor, end: c.start };
                    cursor = c.end;
                    return Some(gap);
                }
                None => {
                    let gap = Extent { start: cursor, end: extent.end };
                    cursor = extent.end;
                    return Some(gap);
                }
            }
        }
        None
    })
}

fn extent_of(packet: &FragmentPacket<'_>) -> Option<Extent> {
    let len = u32::try_from(packet.payload.len()).ok()?;
    Some(Extent { start: packet.offset, end: packet.offset.checked_add(len)? })
}

/// The bytes `[start, end)` of the datagram, out of a fragment holding `extent`.
fn slice_of(data: &[u8], extent: Extent, start: u32, end: u32) -> &[u8] {
    let from = start.saturating_sub(extent.start) as usize;
    let to = end.saturating_sub(extent.start) as usize;
    data.get(from..to).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(start: u32, end: u32) -> Extent {
        Extent { start, end }
    }

    #[test]
    fn gaps_are_the_uncovered_parts_of_an_extent() {
        let coverage = [e(0, 8), e(16, 24), e(40, 48)];
        assert_eq!(gaps(&coverage, e(0, 56)).collect::<Vec<_>>(), [e(8, 16), e(24, 40), e(48, 56)]);
        assert_eq!(gaps(&coverage, e(4, 20)).collect::<Vec<_>>(), [e(8, 16)]);
        assert_eq!(gaps(&coverage, e(16, 24)).count(), 0);
        assert_eq!(gaps(&[], e(3, 9)).collect::<Vec<_>>(), [e(3, 9)]);
    }
}
