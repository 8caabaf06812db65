//! Properties that hold for any input: nothing panics, findings made before
//! a break survive it, and benign data stays clean under re-framing.

use std::path::Path;

use proptest::prelude::*;
use pyward_pickle::{Options, Verdict, disasm, scan_bytes};

fn no_internal_error(data: &[u8]) -> Result<(), TestCaseError> {
    let options = Options::default();
    let scan = scan_bytes(data, &options);
    let error = scan.error.unwrap_or_default();
    prop_assert!(!error.starts_with("internal error"), "scanner panicked on {:?}", data);
    let _ = disasm::disassemble(data, &options, 10_000);
    Ok(())
}

fn corpus_files() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files = Vec::new();
    for label in ["malicious", "suspicious", "benign"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(label)).unwrap().map(|e| e.unwrap().path()).collect();
        paths.sort();
        files.extend(paths.iter().map(|p| std::fs::read(p).unwrap()));
    }
    files
}

/// The seed talk's pickle: `os.system` is named by its first two lines and
/// called by the `R` before the final `.`.
const SEED: &[u8] = b"cos\nsystem\n(S'echo pyward'\ntR.";
const GLOBAL_END: usize = 11;
const CALL_END: usize = SEED.len() - 1;

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..512)) {
        no_internal_error(&data)?;
    }

    #[test]
    fn arbitrary_opcode_soup_never_panics(data in proptest::collection::vec(
        prop_oneof![Just(0x80u8), Just(0x95), Just(b'('), Just(b'c'), Just(b'\n'), Just(b'R'), Just(b'b'),
            Just(0x93), Just(0x94), Just(b'h'), Just(b'q'), Just(b'.'), Just(b'0'), Just(b'1'), Just(b'e'),
            Just(b'u'), Just(b's'), Just(0x8c), Just(0x81), Just(0x92), Just(0x82), Just(b't'), any::<u8>()],
        0..256)) {
        no_internal_error(&data)?;
    }

    #[test]
    fn mutated_corpus_files_never_panic(index in 0usize..1000, flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8), cut in any::<usize>()) {
        let files = corpus_files();
        let mut data = files[index % files.len()].clone();
        for (at, byte) in flips {
            let len = data.len().max(1);
            if let Some(slot) = data.get_mut(at % len) {
                *slot = byte;
            }
        }
        let keep = cut % (data.len() + 1);
        data.truncate(keep.max(data.len() / 2));
        no_internal_error(&data)?;
    }

    #[test]
    fn garbage_after_the_call_keeps_it_dangerous(junk in proptest::collection::vec(any::<u8>(), 0..16)) {
        let mut data = SEED[..CALL_END].to_vec();
        data.extend_from_slice(&junk);
        let scan = scan_bytes(&data, &Options::default());
        prop_assert_eq!(scan.verdict(), Verdict::Dangerous);
    }

    #[test]
    fn truncation_after_the_global_keeps_it_dangerous(cut in GLOBAL_END..SEED.len()) {
        let scan = scan_bytes(&SEED[..cut], &Options::default());
        prop_assert_eq!(scan.verdict(), Verdict::Dangerous);
    }

    #[test]
    fn stacked_benign_pickles_stay_clean(values in proptest::collection::vec(any::<i32>(), 1..6)) {
        // Hand-built protocol 2 pickles of ints, one after the other.
        let mut data = Vec::new();
        for value in values {
            data.extend_from_slice(b"\x80\x02J");
            data.extend_from_slice(&value.to_le_bytes());
            data.push(b'.');
        }
        let scan = scan_bytes(&data, &Options::default());
        prop_assert_eq!(scan.verdict(), Verdict::Clean);
        prop_assert!(scan.pickles >= 1);
    }
}
