//! One complete host audit, and the report it becomes.

use pyward_report::{ErrorEntry, Report};
use serde_json::{Value, json};

use crate::catalog::catalog;
use crate::entropy::{self, PoolFacts, PoolModel};
use crate::kernel::{KernelVersion, OSRELEASE};
use crate::outcome::{CheckResult, Status};
use crate::root::HostRoot;
use crate::settings;
use crate::sources::find_sources;

/// The level, in bits, below which a counting pool is reported (the seed's figure).
pub const DEFAULT_THRESHOLD: u32 = 200;

#[derive(Debug, Clone, Copy)]
pub struct AuditOptions {
    pub threshold: u32,
}

impl Default for AuditOptions {
    fn default() -> Self {
        Self { threshold: DEFAULT_THRESHOLD }
    }
}

/// Everything an audit read and concluded.
#[derive(Debug, Clone)]
pub struct Audit {
    pub root: String,
    pub osrelease: Option<String>,
    pub kernel: Option<KernelVersion>,
    pub pool_model: PoolModel,
    pub threshold: u32,
    pub checks: Vec<CheckResult>,
    pub errors: Vec<ErrorEntry>,
}

/// Runs every check against the tree under `root`.
pub fn audit(root: &HostRoot, options: &AuditOptions) -> Audit {
    let mut errors = Vec::new();
    let osrelease = root.read_value(OSRELEASE).ok();
    let kernel = osrelease.as_deref().and_then(KernelVersion::parse);
    let facts = PoolFacts::read(root, kernel, options.threshold);
    let sources = find_sources(root, &mut errors);
    let mut checks = vec![
        entropy::check_level(&facts, &mut errors),
        entropy::check_size(&facts, &mut errors),
        entropy::check_sources(&facts, &sources),
    ];
    checks.extend(catalog().setting.iter().map(|check| settings::evaluate(check, root, &mut errors)));
    Audit {
        root: root.base().display().to_string(),
        osrelease,
        kernel,
        pool_model: facts.model,
        threshold: options.threshold,
        checks,
        errors,
    }
}

impl Audit {
    pub fn count(&self, status: Status) -> usize {
        self.checks.iter().filter(|c| c.status == status).count()
    }

    /// The findings of the failed checks, with `host` and `checks` as the
    /// report's own top-level members.
    pub fn into_report(self) -> Report {
        let mut report = Report::new("host");
        report.findings = self.checks.iter().filter_map(CheckResult::to_finding).collect();
        report.rules = catalog().descriptors();
        report.files_examined = self.checks.len() - self.count(Status::NotAvailable);
        report.extra.insert("host".into(), self.host_json());
        report.extra.insert("checks".into(), Value::Array(self.checks.iter().map(CheckResult::to_json).collect()));
        report.errors = self.errors;
        report.finish();
        report
    }

    fn host_json(&self) -> Value {
        json!({
            "root": self.root,
            "osrelease": self.osrelease,
            "kernel": self.kernel.map(|k| k.to_string()),
            "entropy_model": self.pool_model.as_str(),
            "threshold": self.threshold,
            "checks": {
                "pass": self.count(Status::Pass),
                "fail": self.count(Status::Fail),
                "not_available": self.count(Status::NotAvailable),
            },
        })
    }
}
