//! The abstract value: where a value's data may come from, and which sinks
//! it has been made safe for.

use std::rc::Rc;

use pyward_report::TraceStep;

/// What a sink does with data; each kind has its rule and CWE.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Kind {
    Code,
    Command,
    Sql,
    Path,
    Deserialization,
    Ssrf,
    Xss,
    Ssti,
    Redirect,
    Ldap,
    Xpath,
    Xxe,
    Trust,
    Log,
    Header,
    Regex,
    Number,
}

impl Kind {
    pub const EVERY: [Kind; 17] = [
        Kind::Code,
        Kind::Command,
        Kind::Sql,
        Kind::Path,
        Kind::Deserialization,
        Kind::Ssrf,
        Kind::Xss,
        Kind::Ssti,
        Kind::Redirect,
        Kind::Ldap,
        Kind::Xpath,
        Kind::Xxe,
        Kind::Trust,
        Kind::Log,
        Kind::Header,
        Kind::Regex,
        Kind::Number,
    ];
    pub const ALL: u32 = (1 << 17) - 1;

    pub fn bit(self) -> u32 {
        1 << self as u32
    }

    pub const fn bit_const(self) -> u32 {
        1 << self as u32
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Code => "code",
            Kind::Command => "command",
            Kind::Sql => "sql",
            Kind::Path => "path",
            Kind::Deserialization => "deserialization",
            Kind::Ssrf => "ssrf",
            Kind::Xss => "xss",
            Kind::Ssti => "ssti",
            Kind::Redirect => "redirect",
            Kind::Ldap => "ldap",
            Kind::Xpath => "xpath",
            Kind::Xxe => "xxe",
            Kind::Trust => "trust",
            Kind::Log => "log",
            Kind::Header => "header",
            Kind::Regex => "regex",
            Kind::Number => "number",
        }
    }

    /// Whether what the sink call returns is something else than the data
    /// it was given (a file's content, a query's rows, a response object).
    pub fn result_is_clean(self) -> bool {
        matches!(
            self,
            Kind::Path
                | Kind::Sql
                | Kind::Xss
                | Kind::Redirect
                | Kind::Ssti
                | Kind::Regex
                | Kind::Log
                | Kind::Ldap
                | Kind::Xpath
                | Kind::Trust
                | Kind::Header
        )
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::EVERY.into_iter().find(|k| k.name() == name)
    }
}

/// Longest trace kept; longer paths keep their first steps and the sink.
const MAX_STEPS: u16 = 24;

/// One step of a path, most recent last; shared between the values it reaches.
#[derive(Debug)]
pub struct Step {
    pub step: TraceStep,
    pub previous: Option<Rc<Step>>,
    pub length: u16,
}

/// Appends `step` to `path` (or starts one).
pub fn extend(path: &Option<Rc<Step>>, step: TraceStep) -> Rc<Step> {
    match path {
        Some(previous) if previous.length >= MAX_STEPS => previous.clone(),
        Some(previous) => Rc::new(Step { step, previous: Some(previous.clone()), length: previous.length + 1 }),
        None => Rc::new(Step { step, previous: None, length: 1 }),
    }
}

/// The steps of `path`, source first.
pub fn steps(path: &Rc<Step>) -> Vec<TraceStep> {
    let mut out = Vec::with_capacity(path.length as usize);
    let mut at = Some(path);
    while let Some(step) = at {
        out.push(step.step.clone());
        at = step.previous.as_ref();
    }
    out.reverse();
    out
}

/// What is proven about a value that is not tainted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Proof {
    #[default]
    Unknown,
    Constant,
    /// Made safe for every sink (allow-listed, converted to a boolean...).
    Safe,
}

/// The abstract value of an expression or variable.
#[derive(Debug, Clone, Default)]
pub struct Taint {
    /// The path from a source, when data from a source may be in it.
    pub origin: Option<Rc<Step>>,
    /// Parameters of the function being summarised whose data may be in it.
    pub params: u64,
    /// Sink kinds its source data was sanitised for.
    pub cleared: u32,
    /// Sink kinds its parameter data was sanitised for.
    pub pcleared: u32,
    pub proof: Proof,
    /// A path made absolute and free of `..` (`os.path.realpath`): a
    /// `startswith` check on it is a containment check.
    pub normalised: bool,
}

impl Taint {
    pub fn constant() -> Self {
        Taint { proof: Proof::Constant, ..Taint::default() }
    }

    pub fn source(path: Rc<Step>) -> Self {
        Taint { origin: Some(path), ..Taint::default() }
    }

    pub fn is_tainted(&self) -> bool {
        self.origin.is_some() || self.params != 0
    }

    /// Whether data from a source may reach a `kind` sink through it.
    pub fn reaches(&self, kind: Kind) -> bool {
        self.origin.is_some() && self.cleared & kind.bit() == 0
    }

    /// Parameters whose data may reach a `kind` sink through it.
    pub fn params_for(&self, kind: Kind) -> u64 {
        if self.pcleared & kind.bit() == 0 { self.params } else { 0 }
    }

    /// Not tainted, and known to be safe (constant or sanitised for everything).
    pub fn is_proven_safe(&self) -> bool {
        !self.is_tainted() && self.proof != Proof::Unknown
    }

    pub fn is_constant(&self) -> bool {
        !self.is_tainted() && self.proof == Proof::Constant
    }

    /// The value of data that may come from either.
    pub fn merge(&self, other: &Taint) -> Taint {
        match (self.is_tainted(), other.is_tainted()) {
            (false, false) => {
                Taint { proof: if self.proof == other.proof { self.proof } else { Proof::Unknown }, ..Taint::default() }
            }
            (true, false) => Taint { proof: Proof::Unknown, ..self.clone() },
            (false, true) => Taint { proof: Proof::Unknown, ..other.clone() },
            (true, true) => Taint {
                origin: self.origin.clone().or_else(|| other.origin.clone()),
                params: self.params | other.params,
                cleared: match (self.origin.is_some(), other.origin.is_some()) {
                    (true, true) => self.cleared & other.cleared,
                    (true, false) => self.cleared,
                    _ => other.cleared,
                },
                pcleared: match (self.params != 0, other.params != 0) {
                    (true, true) => self.pcleared & other.pcleared,
                    (true, false) => self.pcleared,
                    _ => other.pcleared,
                },
                proof: Proof::Unknown,
                normalised: self.normalised && other.normalised,
            },
        }
    }

    /// Merges data that is combined (`a + b`): constant only if both are.
    pub fn combine(&self, other: &Taint) -> Taint {
        self.merge(other)
    }

    pub fn sanitised(mut self, kinds: u32) -> Taint {
        if self.is_tainted() {
            // Each mask only means something for the data it describes.
            if self.origin.is_some() {
                self.cleared |= kinds;
            }
            if self.params != 0 {
                self.pcleared |= kinds;
            }
            let origin_clear = self.origin.is_none() || self.cleared == Kind::ALL;
            let params_clear = self.params == 0 || self.pcleared == Kind::ALL;
            if origin_clear && params_clear {
                return Taint { proof: Proof::Safe, ..Taint::default() };
            }
        }
        self
    }

    /// The same data, with one more step on its path.
    pub fn through(mut self, step: TraceStep) -> Taint {
        if self.origin.is_some() {
            self.origin = Some(extend(&self.origin, step));
        }
        self
    }

    /// Equal for the fixed point (paths are not compared).
    pub fn same_shape(&self, other: &Taint) -> bool {
        self.origin.is_some() == other.origin.is_some()
            && self.params == other.params
            && self.cleared == other.cleared
            && self.pcleared == other.pcleared
            && self.proof == other.proof
    }
}
