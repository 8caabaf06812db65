//! Holes, duplicates, attacks and limits, each through the whole pipeline.

mod common;

use common::*;
use pyward_frag::craft::{self, Link};
use pyward_frag::{EventKind, Limits, Status};

const TCP: u8 = 6;
const UDP: u8 = 17;
const EXPERIMENTAL: u8 = 253;

fn raw(pieces: &[Piece], proto: u8, v6: bool) -> Vec<u8> {
    capture(&Link::Raw, &packets(&flow(v6, proto, 9), pieces, &[]))
}

fn statuses(outcome: &pyward_frag::Outcome) -> Vec<Status> {
    outcome.reassemblies.iter().map(|(_, r)| r.status).collect()
}

#[test]
fn in_order_fragments_reassemble_identically_under_every_policy() {
    let pieces = [piece(0, b'a', 16, true), piece(16, b'b', 16, true), piece(32, b'c', 5, false)];
    let (outcomes, statistics) = run(&raw(&pieces, UDP, false));
    assert_eq!(outcomes.len(), 1);
    let outcome = &outcomes[0];
    assert!(statuses(outcome).iter().all(|s| *s == Status::Complete));
    assert_eq!(delivered(outcome, "rfc5722").unwrap(), format!("{}{}{}", "a".repeat(16), "b".repeat(16), "ccccc"));
    assert!(!outcome.ambiguous && outcome.events.is_empty());
    assert_eq!((statistics.fragments, statistics.complete), (3, 1));
}

#[test]
fn a_hole_leaves_the_datagram_incomplete_at_the_end_of_the_capture() {
    let pieces = [piece(0, b'a', 16, true), piece(32, b'c', 8, false)];
    let (outcomes, _) = run(&raw(&pieces, UDP, false));
    assert_eq!(outcomes.len(), 1);
    assert!(statuses(&outcomes[0]).iter().all(|s| *s == Status::Incomplete));
    assert!(outcomes[0].has(EventKind::Incomplete));
}

#[test]
fn exact_duplicates_are_consistent_and_even_rfc5722_keeps_the_datagram() {
    let pieces = [piece(0, b'a', 16, true), piece(0, b'a', 16, true), piece(16, b'b', 8, false)];
    let (outcomes, _) = run(&raw(&pieces, UDP, false));
    let outcome = &outcomes[0];
    assert_eq!((outcome.overlaps, outcome.inconsistent), (1, 0));
    assert!(outcome.has(EventKind::ConsistentOverlap) && !outcome.has(EventKind::InconsistentOverlap));
    assert!(statuses(outcome).iter().all(|s| *s == Status::Complete));
    assert!(!outcome.ambiguous);
}

#[test]
fn a_partial_consistent_overlap_is_dropped_only_by_rfc5722() {
    let pieces = [piece(0, b'a', 16, true), piece(8, b'a', 8, true), piece(16, b'b', 8, false)];
    let (outcomes, _) = run(&raw(&pieces, UDP, false));
    let outcome = &outcomes[0];
    assert_eq!(outcome.verdict("rfc5722").unwrap().status, Status::Dropped);
    assert_eq!(outcome.verdict("linux").unwrap().status, Status::Complete);
    assert!(!outcome.ambiguous, "complete policies agree on the bytes");
}

#[test]
fn teardrop_conflicting_ends_drop_the_datagram_under_every_policy() {
    // Classic teardrop: the second fragment sits inside the first and ends before it.
    let pieces = [piece(0, b'a', 36, true), piece(24, b'b', 4, false)];
    let (outcomes, _) = run(&raw(&pieces, UDP, false));
    assert!(outcomes[0].has(EventKind::ConflictingEnd));
    assert!(statuses(&outcomes[0]).iter().all(|s| *s == Status::Dropped));
    // Two last fragments with different ends, before the datagram is whole.
    let pieces = [piece(16, b'b', 8, false), piece(16, b'b', 16, false), piece(0, b'a', 16, true)];
    let (outcomes, _) = run(&raw(&pieces, UDP, false));
    assert!(outcomes[0].has(EventKind::ConflictingEnd));
    // More data after the announced end.
    let pieces = [piece(16, b'b', 8, false), piece(24, b'c', 8, true)];
    let (outcomes, _) = run(&raw(&pieces, UDP, false));
    assert!(outcomes[0].has(EventKind::ConflictingEnd));
}

#[test]
fn tiny_first_fragment_and_offset_one_header_overwrite_are_rfc_1858_events() {
    let pieces = [piece(0, b'h', 8, true), piece(8, b'x', 16, true), piece(24, b'y', 8, false)];
    let (outcomes, _) = run(&raw(&pieces, TCP, false));
    assert!(outcomes[0].has(EventKind::TinyFragment));
    assert!(outcomes[0].has(EventKind::HeaderOverwrite), "offset 8 is inside the 20-byte TCP header");
    let (outcomes, _) = run(&raw(&pieces, EXPERIMENTAL, false));
    assert!(!outcomes[0].has(EventKind::TinyFragment), "no transport header to protect");
}

#[test]
fn rewriting_the_tcp_header_with_different_bytes_is_reported() {
    let pieces = [piece(0, b'h', 24, true), piece(0, b'H', 24, true), piece(24, b'd', 8, false)];
    let (outcomes, _) = run(&raw(&pieces, TCP, true));
    assert!(outcomes[0].has(EventKind::HeaderOverwrite));
    assert!(outcomes[0].ambiguous, "first keeps h, last takes H");
}

#[test]
fn odd_length_non_final_fragments_are_reported() {
    let pieces = [
        Piece { offset: 0, data: vec![1; 13], more: true },
        piece(16, b'b', 8, false),
        Piece { offset: 8, data: vec![2; 8], more: true },
    ];
    let (outcomes, _) = run(&raw(&pieces, UDP, false));
    assert!(outcomes[0].has(EventKind::OddLength));
}

#[test]
fn datagrams_over_65535_bytes_are_dropped() {
    let pieces = [piece(0, b'a', 1000, true), piece(65_000, b'z', 1000, false)];
    let (outcomes, _) = run(&raw(&pieces, UDP, false));
    assert!(outcomes[0].has(EventKind::Oversize));
    assert!(statuses(&outcomes[0]).iter().all(|s| *s == Status::Dropped));
}

#[test]
fn ipv6_atomic_fragments_stand_alone() {
    let pieces = [piece(0, b'a', 8, false), piece(0, b'a', 16, true)];
    let (outcomes, _) = run(&raw(&pieces, UDP, true));
    assert_eq!(outcomes.len(), 2);
    let atomic = outcomes.iter().find(|o| o.has(EventKind::AtomicFragment)).unwrap();
    assert!(statuses(atomic).iter().all(|s| *s == Status::Complete));
    assert!(outcomes.iter().any(|o| o.has(EventKind::Incomplete)), "the other fragment waits alone");
}

#[test]
fn timeout_is_refreshed_by_each_fragment_and_configurable() {
    let flow = flow(false, UDP, 5);
    let parts = packets(&flow, &[piece(0, b'a', 8, true), piece(8, b'b', 8, true), piece(16, b'c', 8, false)], &[]);
    // 50 s gaps: each fragment refreshes the 60 s timeout, so it completes.
    let spaced: Vec<(u64, Vec<u8>)> =
        parts.iter().enumerate().map(|(i, p)| (1000 + 50 * i as u64, p.clone())).collect();
    let (outcomes, _) = run(&capture_at(&Link::Raw, &spaced));
    assert_eq!(outcomes.len(), 1);
    assert_eq!(outcomes[0].verdict("bsd").unwrap().status, Status::Complete);
    // With a 30 s timeout every gap expires the datagram.
    let limits = Limits { timeout_ns: 30_000_000_000, ..Limits::default() };
    let (outcomes, _) = run_with(&capture_at(&Link::Raw, &spaced), limits);
    assert_eq!(outcomes.len(), 3);
    assert!(outcomes.iter().all(|o| o.has(EventKind::Incomplete)));
}

#[test]
fn fragment_cap_drops_the_datagram_with_an_event() {
    let pieces: Vec<Piece> = (0..10).map(|i| piece(i * 8, b'a', 8, true)).collect();
    let limits = Limits { max_fragments_per_datagram: 4, ..Limits::default() };
    let (outcomes, _) = run_with(&raw(&pieces, UDP, false), limits);
    assert!(outcomes[0].has(EventKind::FragmentCap));
    assert!(statuses(&outcomes[0]).iter().all(|s| *s == Status::Dropped));
}

#[test]
fn in_flight_caps_evict_the_oldest_datagram() {
    let mut all = Vec::new();
    for id in 0..5 {
        all.extend(packets(&flow(false, UDP, id), &[piece(0, b'a', 64, true)], &[]));
    }
    let limits = Limits { max_datagrams_in_flight: 2, ..Limits::default() };
    let (outcomes, _) = run_with(&capture(&Link::Raw, &all), limits);
    let evicted = outcomes.iter().filter(|o| o.has(EventKind::InFlightCap)).count();
    assert_eq!(evicted, 3);
    let limits = Limits { max_bytes_in_flight: 100, ..Limits::default() };
    let (outcomes, _) = run_with(&capture(&Link::Raw, &all), limits);
    assert_eq!(outcomes.iter().filter(|o| o.has(EventKind::InFlightCap)).count(), 4);
}

#[test]
fn vlans_separate_datagrams_with_the_same_addresses_and_id() {
    let flow = flow(false, UDP, 1);
    let first = craft::fragment(&flow, 0, true, &[1; 8], &[]);
    let last = craft::fragment(&flow, 1, false, &[2; 8], &[]);
    let frames =
        vec![Link::Ethernet { vlans: vec![10] }.frame(&first), Link::Ethernet { vlans: vec![20] }.frame(&last)];
    let mut writer = pyward_frag::pcap_write::PcapWriter::new(Vec::new(), 1).unwrap();
    for frame in &frames {
        writer.write(0, frame).unwrap();
    }
    let (outcomes, _) = run(&writer.into_inner().unwrap());
    assert_eq!(outcomes.len(), 2, "different VLANs are different datagrams");
    assert!(outcomes.iter().any(|o| o.key.vlan_ids() == [10]));
}

#[test]
fn pcapng_captures_are_read() {
    let flow = flow(true, UDP, 3);
    let frames: Vec<Vec<u8>> = packets(&flow, &[piece(0, b'a', 16, true), piece(16, b'b', 8, false)], &[])
        .iter()
        .map(|p| Link::LinuxSll2.frame(p))
        .collect();
    let (outcomes, statistics) = run(&pcapng(276, &frames));
    assert_eq!(statistics.frames, 2);
    assert_eq!(outcomes[0].verdict("first").unwrap().status, Status::Complete);
}

#[test]
fn malformed_and_truncated_packets_are_counted_not_fatal() {
    let flow = flow(false, UDP, 4);
    let mut frames = packets(&flow, &[piece(0, b'a', 16, true), piece(16, b'b', 8, false)], &[]);
    let mut short = frames[0].clone();
    short.truncate(30);
    frames.insert(1, short);
    frames.insert(1, vec![0x45, 0, 0]);
    let mut bytes = capture(&Link::Raw, &frames);
    let (outcomes, statistics) = run(&bytes);
    assert_eq!(statistics.malformed, 2);
    assert_eq!(outcomes[0].verdict("bsd").unwrap().status, Status::Complete);
    bytes.truncate(bytes.len() - 3);
    let (_, statistics) = run(&bytes);
    assert!(statistics.stopped.unwrap().contains("ends inside"));
}

#[test]
fn records_larger_than_the_read_buffer_are_read_whole() {
    let flow = flow(false, UDP, 8);
    let mut frames = packets(&flow, &[piece(0, b'a', 65_000, true)], &[]);
    frames[0].resize(300_000, 0); // link padding past the IP total length
    frames.extend(packets(&flow, &[piece(65_000, b'b', 8, false)], &[]));
    let (outcomes, statistics) = run(&capture(&Link::Raw, &frames));
    assert_eq!((statistics.frames, statistics.fragments), (2, 2));
    assert!(statistics.stopped.is_none());
    assert_eq!(outcomes[0].verdict("last").unwrap().payload.as_ref().map(|p| p.len()), Some(65_008));
}
