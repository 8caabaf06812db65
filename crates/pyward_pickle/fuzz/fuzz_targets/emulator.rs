//! The emulator on arbitrary bytes, with and without the content sniffer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pyward_pickle::{Options, disasm};

fuzz_target!(|data: &[u8]| {
    let options = Options::default();
    let _ = disasm::disassemble(data, &options, 1_000);
    let scan = pyward_pickle::scan_bytes(data, &options);
    assert!(!scan.error.as_deref().unwrap_or("").starts_with("internal error"), "panic inside the scanner");
});
