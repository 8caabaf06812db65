//! The rules a pickle scan reports, with their documentation for SARIF and
//! `pyward explain`.

use pyward_report::{RuleDescriptor, Severity};

pub const CATEGORY: &str = "language/serialization";
/// CWE-502: Deserialization of Untrusted Data.
pub const CWE: u32 = 502;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    DangerousGlobal,
    UnknownGlobal,
    NestedPickle,
    AttributeInjection,
    ComputedCall,
    ExtensionCode,
    KerasLambda,
    Malformed,
    LimitReached,
}

struct RuleDoc {
    rule: Rule,
    id: &'static str,
    name: &'static str,
    severity: Severity,
    summary: &'static str,
    help: &'static str,
}

const DOCS: &[RuleDoc] = &[
    RuleDoc {
        rule: Rule::DangerousGlobal,
        id: "PWP001",
        name: "pickle-dangerous-global",
        severity: Severity::Critical,
        summary: "The pickle imports a global on the deny-list",
        help: "Loading this pickle imports (and usually calls) a function that runs code or commands, opens \
               files or sockets, or reaches arbitrary objects. Never load it; rebuild the file from a trusted \
               source or save weights in a format without code (safetensors, npy without object dtype).",
    },
    RuleDoc {
        rule: Rule::UnknownGlobal,
        id: "PWP002",
        name: "pickle-unknown-global",
        severity: Severity::Medium,
        summary: "The pickle imports a global that is on neither the allow-list nor the deny-list",
        help: "The global is not known to be needed by ordinary data. Check that it is a class of your own \
               code; if so add it to a policy file (`--policy`, `allow = [\"package.module.Class\"]`).",
    },
    RuleDoc {
        rule: Rule::NestedPickle,
        id: "PWP003",
        name: "pickle-nested-load",
        severity: Severity::High,
        summary: "The pickle hands bytes to another unpickler",
        help: "A call such as `pickle.loads` or `torch.load` inside a pickle unpickles a second stream. \
               pyward scans that stream too; this finding is reported when its bytes could not be recovered.",
    },
    RuleDoc {
        rule: Rule::AttributeInjection,
        id: "PWP004",
        name: "pickle-attribute-injection",
        severity: Severity::Critical,
        summary: "BUILD, APPEND or SETITEM acts on a global instead of a new object",
        help: "The stream changes attributes or calls methods of a class, function or module while it is \
               loaded, which can replace code used later by the program.",
    },
    RuleDoc {
        rule: Rule::ComputedCall,
        id: "PWP005",
        name: "pickle-computed-call",
        severity: Severity::Medium,
        summary: "The pickle calls something that is not a named global",
        help: "REDUCE, NEWOBJ, OBJ or INST call a value computed by the stream (a call result, a persistent \
               id, a string). Ordinary pickles only call named classes and functions.",
    },
    RuleDoc {
        rule: Rule::ExtensionCode,
        id: "PWP006",
        name: "pickle-extension-code",
        severity: Severity::Medium,
        summary: "The pickle names a global through the copyreg extension registry",
        help: "EXT1/EXT2/EXT4 refer to globals registered by the loading program with `copyreg.add_extension`; \
               what they resolve to cannot be known from the file. Map the code in a policy file (`[extensions]`).",
    },
    RuleDoc {
        rule: Rule::KerasLambda,
        id: "PWP007",
        name: "keras-lambda-layer",
        severity: Severity::Critical,
        summary: "A Keras model config holds a Lambda layer",
        help: "Lambda layers carry serialized Python bytecode that runs when the model is loaded with \
               `safe_mode=False` (and in older Keras always). Rebuild the layer in code instead.",
    },
    RuleDoc {
        rule: Rule::Malformed,
        id: "PWP010",
        name: "pickle-malformed",
        severity: Severity::Medium,
        summary: "The stream breaks before its end",
        help: "Findings before the break are still reported: an unpickler runs everything up to the error. \
               Streams broken on purpose after a payload defeat scanners that give up on errors.",
    },
    RuleDoc {
        rule: Rule::LimitReached,
        id: "PWP011",
        name: "pickle-limit-reached",
        severity: Severity::Medium,
        summary: "A scanning limit was reached; the rest was not examined",
        help: "Limits on opcodes, memo, stack, nesting and decompressed size keep the scan bounded. Raise them \
               (see `pyward pickle --help`) to scan the rest.",
    },
];

impl Rule {
    pub const ALL: [Rule; 9] = [
        Rule::DangerousGlobal,
        Rule::UnknownGlobal,
        Rule::NestedPickle,
        Rule::AttributeInjection,
        Rule::ComputedCall,
        Rule::ExtensionCode,
        Rule::KerasLambda,
        Rule::Malformed,
        Rule::LimitReached,
    ];

    fn doc(self) -> &'static RuleDoc {
        DOCS.iter().find(|doc| doc.rule == self).expect("every rule is documented")
    }

    pub fn id(self) -> &'static str {
        self.doc().id
    }

    pub fn name(self) -> &'static str {
        self.doc().name
    }

    pub fn default_severity(self) -> Severity {
        self.doc().severity
    }

    pub fn descriptor(self) -> RuleDescriptor {
        let doc = self.doc();
        RuleDescriptor {
            id: doc.id.to_string(),
            name: doc.name.to_string(),
            summary: doc.summary.to_string(),
            help: doc.help.to_string(),
            severity: doc.severity,
            cwe: vec![CWE],
            category: CATEGORY.to_string(),
            aliases: Vec::new(),
        }
    }
}

/// Descriptors of every pickle rule, for SARIF and the rule catalog.
pub fn descriptors() -> Vec<RuleDescriptor> {
    Rule::ALL.iter().map(|rule| rule.descriptor()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_distinct_id() {
        let mut ids: Vec<_> = Rule::ALL.iter().map(|r| r.id()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), Rule::ALL.len());
        assert!(ids.iter().all(|id| id.starts_with("PWP") && id.len() == 6));
    }
}
