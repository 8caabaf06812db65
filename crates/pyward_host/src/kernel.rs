//! The running kernel's version, as `/proc/sys/kernel/osrelease` states it.

use std::fmt;

use serde::Serialize;

pub const OSRELEASE: &str = "/proc/sys/kernel/osrelease";

/// `major.minor` of a Linux release such as `6.8.0-45-generic`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct KernelVersion {
    pub major: u32,
    pub minor: u32,
}

impl KernelVersion {
    /// 5.6 removed the blocking pool: `/dev/random` stopped blocking once seeded.
    pub const NO_BLOCKING_POOL: Self = Self { major: 5, minor: 6 };
    /// From 5.18 the BLAKE2s-based RNG no longer debits its entropy count,
    /// so `entropy_avail` stays at 256 once the CRNG is seeded.
    pub const CONSTANT_POOL: Self = Self { major: 5, minor: 18 };

    /// Parses the leading `major.minor` of a release string; anything else is `None`.
    pub fn parse(release: &str) -> Option<Self> {
        let (major, rest) = release.trim().split_once('.')?;
        let minor_digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        Some(Self { major: digits(major)?, minor: digits(rest.get(..minor_digits)?)? })
    }
}

fn digits(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

impl fmt::Display for KernelVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

#[cfg(test)]
mod tests {
    use super::KernelVersion;

    #[test]
    fn parses_distribution_release_strings() {
        assert_eq!(KernelVersion::parse("6.8.0-45-generic"), Some(KernelVersion { major: 6, minor: 8 }));
        assert_eq!(KernelVersion::parse("4.19.0\n"), Some(KernelVersion { major: 4, minor: 19 }));
        assert_eq!(KernelVersion::parse("5.18-rc1"), Some(KernelVersion { major: 5, minor: 18 }));
    }

    #[test]
    fn rejects_what_is_not_a_release() {
        for text in ["", "linux", "6", "6-8", ".5.4", "99999999999.1"] {
            assert_eq!(KernelVersion::parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn orders_by_major_then_minor() {
        assert!(KernelVersion::parse("5.17.9").unwrap() < KernelVersion::CONSTANT_POOL);
        assert!(KernelVersion::parse("6.1.0").unwrap() >= KernelVersion::CONSTANT_POOL);
        assert!(KernelVersion::parse("5.4.0").unwrap() < KernelVersion::NO_BLOCKING_POOL);
    }
}
