//! The zip, tar, npy and compression readers: the input is forced down the
//! container paths by a magic prefix chosen from its first byte.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pyward_pickle::Options;

const PREFIXES: [&[u8]; 5] = [b"PK\x03\x04", b"\x93NUMPY", b"\x1f\x8b", b"7z\xbc\xaf\x27\x1c", b"BZh"];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let mut input = PREFIXES[usize::from(selector) % PREFIXES.len()].to_vec();
    input.extend_from_slice(rest);
    let scan = pyward_pickle::scan_bytes(&input, &Options::default());
    assert!(!scan.error.as_deref().unwrap_or("").starts_with("internal error"), "panic inside the scanner");
});
