//! Property tests under plain `cargo test`: no input panics, memory stays
//! within the caps, and the policies keep their defining properties.

mod common;

use common::*;
use proptest::prelude::*;
use pyward_frag::craft::Link;
use pyward_frag::decode::{self, Decoded, FrameInfo};
use pyward_frag::{Limits, Reassembler, Status, policy};

fn limits() -> Limits {
    Limits {
        max_fragments_per_datagram: 16,
        max_datagrams_in_flight: 4,
        max_bytes_in_flight: 4096,
        ..Limits::default()
    }
}

/// (offset units, length, more, fill, id)
fn fragment_strategy() -> impl Strategy<Value = (u16, usize, bool, u8, u32)> {
    (0u16..40, 0usize..64, any::<bool>(), b'a'..=b'h', 0u32..3)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_as_a_capture(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = pyward_frag::analyse(bytes.as_slice(), policy::all().iter().collect(), limits(), |_| {});
    }

    #[test]
    fn arbitrary_frames_never_panic_the_decoders(
        frame in proptest::collection::vec(any::<u8>(), 0..256),
        link in prop::sample::select(vec![0u32, 1, 12, 101, 108, 113, 228, 229, 276]),
    ) {
        let info = FrameInfo { linktype: link, number: 1, time_ns: 0 };
        let _ = decode::decode(info, &frame);
        // A valid link header in front of garbage IP bytes, too.
        let framed = Link::Ethernet { vlans: vec![1, 2] }.frame(&frame);
        let _ = decode::decode(FrameInfo { linktype: 1, ..info }, &framed);
    }

    #[test]
    fn reassembly_stays_within_the_caps_and_releases_everything(
        fragments in proptest::collection::vec(fragment_strategy(), 1..60),
        v6 in any::<bool>(),
    ) {
        let caps = limits();
        let mut engine = Reassembler::new(policy::all().iter().collect(), caps);
        let mut outcomes = Vec::new();
        let mut pushed = 0;
        for (index, (units, len, more, fill, id)) in fragments.iter().enumerate() {
            let packet = pyward_frag::craft::fragment(&flow(v6, 17, *id), *units, *more, &vec![*fill; *len], &[]);
            if let Decoded::Fragment(mut fragment) = decode::decode(FrameInfo { linktype: 101, number: index as u64 + 1, time_ns: index as u64 }, &packet) {
                fragment.time_ns = index as u64;
                engine.push(&fragment, &mut outcomes);
                pushed += 1;
            }
            prop_assert!(engine.datagrams_in_flight() <= caps.max_datagrams_in_flight);
            prop_assert!(engine.bytes_in_flight() <= caps.max_bytes_in_flight);
        }
        engine.flush(&mut outcomes);
        prop_assert_eq!(engine.datagrams_in_flight(), 0);
        prop_assert_eq!(engine.bytes_in_flight(), 0);
        let seen: u32 = outcomes.iter().map(|o| o.fragments).sum();
        prop_assert_eq!(seen as usize, pushed, "every fragment is accounted for in exactly one datagram");
    }

    #[test]
    fn first_keeps_the_earliest_bytes_and_last_the_latest(
        fragments in proptest::collection::vec((0u16..8, 1usize..5, b'a'..=b'z'), 1..12),
    ) {
        // Every fragment but a final one has more-fragments; the final one covers the whole end.
        let mut pieces: Vec<Piece> = fragments.iter().map(|&(units, len, fill)| piece(u32::from(units) * 8, fill, len * 8, true)).collect();
        pieces.push(piece(0, b'0', 96, false));
        pieces.rotate_right(1); // the full-length base arrives first, so the datagram is complete only at the end
        pieces[0].more = true;
        pieces.push(piece(96, b'9', 8, false));
        let (outcomes, _) = run(&capture(&Link::Raw, &packets(&flow(false, 253, 1), &pieces, &[])));
        prop_assert_eq!(outcomes.len(), 1);
        let first = outcomes[0].verdict("first").unwrap().payload.clone().unwrap();
        let last = outcomes[0].verdict("last").unwrap().payload.clone().unwrap();
        for at in 0..104usize {
            let covering: Vec<u8> = pieces
                .iter()
                .filter(|p| (p.offset as usize..p.offset as usize + p.data.len()).contains(&at))
                .map(|p| p.data[0])
                .collect();
            prop_assert_eq!(first[at], covering[0]);
            prop_assert_eq!(last[at], *covering.last().unwrap());
        }
        let consistent = outcomes[0].inconsistent == 0;
        prop_assert!(!outcomes[0].ambiguous || !consistent);
        prop_assert!(outcomes[0].reassemblies.iter().all(|(p, r)| p.name == "rfc5722" || r.status == Status::Complete));
    }
}
