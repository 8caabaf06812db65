//! Any bytes as a capture file: the reader, decoders and reassembler must
//! neither panic nor hold more than the caps allow.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pyward_frag::{Limits, policy};

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_datagrams_in_flight: 64, max_bytes_in_flight: 1 << 20, ..Limits::default() };
    let _ = pyward_frag::analyse(data, policy::all().iter().collect(), limits, |_| {});
});
