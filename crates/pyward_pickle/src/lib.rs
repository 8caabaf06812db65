//! Scanning pickles and model files without ever running them.
//!
//! The unpickling machine is emulated opcode by opcode (stack, mark stack
//! and memo hold symbolic values), so every global a pickle imports and
//! every call it makes is resolved however the stream spells it. Globals are
//! graded by data-driven policy lists. Containers (PyTorch zip and legacy
//! files, NumPy, joblib, tar, 7z, Keras) are recognised by content.
//!
//! ```no_run
//! let options = pyward_pickle::Options::default();
//! let scan = pyward_pickle::scan_file(std::path::Path::new("model.pt"), &options);
//! println!("{}: {}", scan.path.display(), scan.verdict().as_str());
//! ```

mod containers;
mod decompress;
pub mod disasm;
mod escapes;
mod finding;
mod input;
mod joblib;
pub mod opcodes;
mod operand;
pub mod policy;
mod report;
pub mod rules;
mod scan;
mod sniff;
mod value;
mod vm;

pub use finding::Finding;
pub use policy::{Policy, PolicyError};
pub use report::{file_entry, report_findings};
pub use rules::Rule;
pub use scan::{FileScan, Limits, Options, Verdict, scan_bytes, scan_file};

impl Options {
    fn limits_for_streams(&self) -> vm::StreamLimits {
        self.limits.stream()
    }
}
