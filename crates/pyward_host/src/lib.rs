//! `pyward host`: the machine the Python code runs on. Reads the entropy pool
//! without consuming it and audits the kernel settings the seed talks name
//! (ASLR, pointer and log restrictions, core dumps, ptrace, TCP and fragment
//! handling, redirects, source routing).
//!
//! Every read goes through a [`HostRoot`], so the same checks run against
//! `/`, a mounted image, a container's root or a fake tree in a test.

mod audit;
mod catalog;
mod entropy;
mod kernel;
mod outcome;
mod root;
mod settings;
mod sources;
pub mod watch;

pub use audit::{Audit, AuditOptions, DEFAULT_THRESHOLD, audit};
pub use catalog::{Catalog, Expect, Rule, SettingCheck, catalog, sysctl_path};
pub use entropy::{CSPRNG_BITS, ENTROPY_AVAIL, POOLSIZE, PoolModel, host_pool_model};
pub use kernel::{KernelVersion, OSRELEASE};
pub use outcome::{CheckResult, Status};
pub use root::{HostRoot, MAX_DIR_ENTRIES, MAX_VALUE_BYTES, ReadError};
pub use sources::{HW_RANDOM_CLASS, HWRNG_DEVICE, RNG_CURRENT};
