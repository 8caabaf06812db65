//! The entropy checks, whose meaning depends on the kernel: before 5.18 the
//! kernel counts entropy and the count drains; from 5.18 the pool is a
//! CSPRNG whose `entropy_avail` stays at 256 once it is seeded.

use pyward_report::ErrorEntry;

use crate::catalog::catalog;
use crate::kernel::{KernelVersion, OSRELEASE};
use crate::outcome::{CheckResult, Status};
use crate::root::{HostRoot, ReadError};
use crate::settings::unavailable_note;
use crate::sources::EntropySources;

pub const ENTROPY_AVAIL: &str = "/proc/sys/kernel/random/entropy_avail";
pub const POOLSIZE: &str = "/proc/sys/kernel/random/poolsize";

pub const POOL_LEVEL_RULE: &str = "PWH001";
pub const POOL_SIZE_RULE: &str = "PWH002";
pub const ENTROPY_SOURCE_RULE: &str = "PWH003";

/// What a seeded 5.18+ pool always reports, and the size of its BLAKE2s state.
pub const CSPRNG_BITS: u32 = 256;

/// How the kernel's random driver treats its entropy count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolModel {
    /// Classic driver: reads debit the estimate, which can run low.
    Counting,
    /// 5.18+ driver (also backported to stable kernels): a 256-bit CSPRNG
    /// that does not deplete.
    Csprng,
    /// Neither the kernel version nor the pool size could be read.
    Unknown,
}

impl PoolModel {
    /// The name used in JSON and in the check table.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Counting => "counting",
            Self::Csprng => "csprng",
            Self::Unknown => "unknown",
        }
    }

    /// The 5.18+ driver is recognised by the release, or by its 256-bit pool
    /// (classic kernels report 4096), which also catches stable backports.
    pub fn detect(kernel: Option<KernelVersion>, poolsize: Option<u32>) -> Self {
        let modern_release = kernel.is_some_and(|k| k >= KernelVersion::CONSTANT_POOL);
        if modern_release || poolsize == Some(CSPRNG_BITS) {
            Self::Csprng
        } else if kernel.is_some() || poolsize.is_some() {
            Self::Counting
        } else {
            Self::Unknown
        }
    }
}

/// The kernel and its pool model, read from `osrelease` and `poolsize` only
/// (never `entropy_avail`, which a watch keeps open).
pub fn host_pool_model(root: &HostRoot) -> (Option<KernelVersion>, PoolModel) {
    let kernel = root.read_value(OSRELEASE).ok().as_deref().and_then(KernelVersion::parse);
    (kernel, PoolModel::detect(kernel, read_bits(root, POOLSIZE).ok()))
}

/// The facts the entropy checks judge.
#[derive(Debug, Clone)]
pub struct PoolFacts {
    pub kernel: Option<KernelVersion>,
    pub model: PoolModel,
    pub available: Result<u32, ReadError>,
    pub poolsize: Result<u32, ReadError>,
    pub threshold: u32,
}

impl PoolFacts {
    pub fn read(root: &HostRoot, kernel: Option<KernelVersion>, threshold: u32) -> Self {
        let available = read_bits(root, ENTROPY_AVAIL);
        let poolsize = read_bits(root, POOLSIZE);
        let model = PoolModel::detect(kernel, poolsize.as_ref().ok().copied());
        Self { kernel, model, available, poolsize, threshold }
    }

    fn kernel_label(&self) -> String {
        self.kernel.map_or_else(|| "this kernel".to_string(), |k| format!("kernel {k}"))
    }
}

fn read_bits(root: &HostRoot, path: &str) -> Result<u32, ReadError> {
    let text = root.read_value(path)?;
    text.parse().map_err(|_| ReadError::Other(format!("{text:?} is not a bit count")))
}

fn result(rule_id: &str, subject: &str, path: &str, expected: String) -> CheckResult {
    CheckResult {
        rule: catalog().entropy_rule(rule_id),
        subject: subject.to_string(),
        path: path.to_string(),
        status: Status::NotAvailable,
        read: None,
        expected,
        note: None,
    }
}

/// PWH001: the level against the threshold, or the seeded constant on 5.18+.
pub fn check_level(facts: &PoolFacts, errors: &mut Vec<ErrorEntry>) -> CheckResult {
    let csprng = facts.model == PoolModel::Csprng;
    let expected =
        if csprng { format!("{CSPRNG_BITS} (seeded CSPRNG)") } else { format!(">= {} bits", facts.threshold) };
    let mut check = result(POOL_LEVEL_RULE, "kernel.random.entropy_avail", ENTROPY_AVAIL, expected);
    let bits = match &facts.available {
        Ok(bits) => *bits,
        Err(error) => {
            check.note = Some(unavailable_note(ENTROPY_AVAIL, error, errors));
            return check;
        }
    };
    check.read = Some(bits.to_string());
    let (passes, note) = if csprng {
        let passes = bits >= CSPRNG_BITS;
        let note = if passes {
            format!(
                "{}: the pool is a CSPRNG that reports a constant {CSPRNG_BITS} once seeded and no longer depletes",
                facts.kernel_label()
            )
        } else {
            format!("{}: below {CSPRNG_BITS} the CRNG is not yet fully seeded", facts.kernel_label())
        };
        (passes, Some(note))
    } else {
        let note = (bits == CSPRNG_BITS && facts.model == PoolModel::Unknown)
            .then(|| format!("{CSPRNG_BITS} is the constant a 5.18+ kernel reports"));
        (bits >= facts.threshold, note)
    };
    check.status = if passes { Status::Pass } else { Status::Fail };
    check.note = note;
    check
}

/// PWH002: whether the pool can hold the threshold at all.
pub fn check_size(facts: &PoolFacts, errors: &mut Vec<ErrorEntry>) -> CheckResult {
    let mut check = result(POOL_SIZE_RULE, "kernel.random.poolsize", POOLSIZE, format!(">= {} bits", facts.threshold));
    let size = match &facts.poolsize {
        Ok(size) => *size,
        Err(error) => {
            check.note = Some(unavailable_note(POOLSIZE, error, errors));
            return check;
        }
    };
    check.read = Some(size.to_string());
    if facts.model == PoolModel::Csprng {
        check.status = Status::Pass;
        check.expected = format!("any size ({} uses a hashed pool)", facts.kernel_label());
        check.note = Some(format!("a {size}-bit BLAKE2s state: its size no longer limits the supply"));
    } else {
        check.status = if size >= facts.threshold { Status::Pass } else { Status::Fail };
    }
    check
}

/// PWH003: a hardware RNG or an entropy daemon; only needed on counting kernels.
pub fn check_sources(facts: &PoolFacts, sources: &EntropySources) -> CheckResult {
    let mut check = result(
        ENTROPY_SOURCE_RULE,
        "entropy sources",
        sources.examined.first().copied().unwrap_or("/proc/*/comm"),
        "a hardware RNG, rngd or haveged".to_string(),
    );
    let mut notes = sources.notes.clone();
    if sources.examined.is_empty() {
        notes.insert(0, "not available: neither /sys, /dev nor /proc/*/comm could be examined".to_string());
        check.note = Some(notes.join("; "));
        return check;
    }
    check.read = Some(if sources.found.is_empty() { "none".to_string() } else { sources.found.join(", ") });
    check.status =
        if sources.found.is_empty() && facts.model != PoolModel::Csprng { Status::Fail } else { Status::Pass };
    if sources.found.is_empty() && facts.model == PoolModel::Csprng {
        notes.push(format!(
            "{} seeds itself from CPU jitter and does not deplete, so none is needed",
            facts.kernel_label()
        ));
    }
    check.note = (!notes.is_empty()).then(|| notes.join("; "));
    check
}
