use std::fmt;

/// A Python language version, as `target-version` spells it (`py27`, `py312`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PythonVersion {
    pub major: u8,
    pub minor: u8,
}

impl PythonVersion {
    pub const PY27: Self = Self::new(2, 7);
    pub const PY3: Self = Self::new(3, 0);
    pub const LATEST: Self = Self::new(3, 14);

    pub const fn new(major: u8, minor: u8) -> Self {
        Self { major, minor }
    }

    pub fn is_python2(self) -> bool {
        self.major == 2
    }

    /// Parses `py27`, `py38`, `py314`; also `2.7`, `3.12`.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if let Some((major, minor)) = text.split_once('.') {
            return Self::checked(major.parse().ok()?, minor.parse().ok()?);
        }
        let digits = text.strip_prefix("py")?;
        let (major, minor) = digits.split_at_checked(1)?;
        Self::checked(major.parse().ok()?, minor.parse().ok()?)
    }

    fn checked(major: u8, minor: u8) -> Option<Self> {
        let known = matches!((major, minor), (2, 6..=7)) || (major == 3 && minor <= Self::LATEST.minor);
        known.then_some(Self { major, minor })
    }
}

impl fmt::Display for PythonVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "py{}{}", self.major, self.minor)
    }
}

#[cfg(test)]
mod tests {
    use super::PythonVersion;

    #[test]
    fn parses_target_versions() {
        assert_eq!(PythonVersion::parse("py27"), Some(PythonVersion::PY27));
        assert_eq!(PythonVersion::parse("py314"), Some(PythonVersion::new(3, 14)));
        assert_eq!(PythonVersion::parse("3.9"), Some(PythonVersion::new(3, 9)));
        assert_eq!(PythonVersion::parse("py315"), None);
        assert_eq!(PythonVersion::parse("py2"), None);
        assert_eq!(PythonVersion::parse("python3"), None);
    }
}

/// What the analysis knows about the Python a file is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TargetPython {
    /// The configured `target-version`, if any.
    pub version: Option<PythonVersion>,
    /// Python 2 code: by target, or detected from its syntax.
    pub python2: bool,
}

impl TargetPython {
    pub fn python2() -> Self {
        Self { version: Some(PythonVersion::PY27), python2: true }
    }
}
