//! The audit against fake `/proc`, `/sys` and `/dev` trees built in temp dirs.

use std::collections::HashSet;
use std::path::PathBuf;

use pyward_host::{AuditOptions, CheckResult, HostRoot, Status, audit, catalog, sysctl_path};

/// Each setting with a value that must pass and one that must fail.
const SETTING_CASES: &[(&str, &str, &str)] = &[
    ("kernel.randomize_va_space", "2", "1"),
    ("kernel.kptr_restrict", "1", "0"),
    ("kernel.dmesg_restrict", "1", "0"),
    ("fs.suid_dumpable", "0", "2"),
    ("kernel.yama.ptrace_scope", "1", "0"),
    ("kernel.core_pattern", "|/usr/lib/systemd/systemd-coredump %P %u %g %s %t %c %h", "core"),
    ("net.ipv4.tcp_syncookies", "1", "0"),
    ("net.ipv4.ipfrag_high_thresh", "4194304", "67108864"),
    ("net.ipv4.ipfrag_low_thresh", "3145728", "4194304"),
    ("net.ipv4.ipfrag_time", "30", "120"),
    ("net.ipv6.ip6frag_high_thresh", "4194304", "67108864"),
    ("net.ipv6.ip6frag_low_thresh", "3145728", "5000000"),
    ("net.ipv6.ip6frag_time", "60", "300"),
    ("net.ipv4.conf.all.rp_filter", "1", "0"),
    ("net.ipv4.conf.default.rp_filter", "2", "0"),
    ("net.ipv4.conf.all.accept_redirects", "0", "1"),
    ("net.ipv4.conf.default.accept_redirects", "0", "1"),
    ("net.ipv6.conf.all.accept_redirects", "0", "1"),
    ("net.ipv6.conf.default.accept_redirects", "0", "1"),
    ("net.ipv4.conf.all.send_redirects", "0", "1"),
    ("net.ipv4.conf.default.send_redirects", "0", "1"),
    ("net.ipv4.conf.all.accept_source_route", "0", "1"),
    ("net.ipv4.conf.default.accept_source_route", "0", "1"),
    ("net.ipv6.conf.all.accept_source_route", "-1", "1"),
    ("net.ipv6.conf.default.accept_source_route", "0", "1"),
];

struct FakeHost {
    dir: tempfile::TempDir,
}

impl FakeHost {
    /// A hardened host on a kernel that still counts entropy.
    fn hardened() -> Self {
        let host = Self { dir: tempfile::tempdir().unwrap() };
        host.write("/proc/sys/kernel/osrelease", "4.19.0-27-amd64\n");
        host.write("/proc/sys/kernel/random/entropy_avail", "3012\n");
        host.write("/proc/sys/kernel/random/poolsize", "4096\n");
        host.write("/proc/1/comm", "systemd\n");
        host.write("/proc/412/comm", "haveged\n");
        host.write("/proc/self-is-not-a-pid/comm", "haveged\n");
        host.write("/sys/class/misc/.keep", "");
        host.write("/dev/null", "");
        for (sysctl, passing, _) in SETTING_CASES {
            host.set(sysctl, passing);
        }
        host
    }

    fn path(&self, host_path: &str) -> PathBuf {
        self.dir.path().join(host_path.trim_start_matches('/'))
    }

    fn write(&self, host_path: &str, contents: &str) {
        let path = self.path(host_path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }

    fn remove(&self, host_path: &str) {
        let path = self.path(host_path);
        if path.is_dir() { std::fs::remove_dir_all(path) } else { std::fs::remove_file(path) }.unwrap();
    }

    fn set(&self, sysctl: &str, value: &str) {
        self.write(&sysctl_path(sysctl), &format!("{value}\n"));
    }

    fn kernel(&self, release: &str, entropy_avail: &str, poolsize: &str) {
        self.write("/proc/sys/kernel/osrelease", release);
        self.write("/proc/sys/kernel/random/entropy_avail", entropy_avail);
        self.write("/proc/sys/kernel/random/poolsize", poolsize);
    }

    fn audit(&self) -> pyward_host::Audit {
        self.audit_with(200)
    }

    fn audit_with(&self, threshold: u32) -> pyward_host::Audit {
        audit(&HostRoot::new(self.dir.path()), &AuditOptions { threshold })
    }
}

fn check<'a>(audit: &'a pyward_host::Audit, subject: &str) -> &'a CheckResult {
    audit.checks.iter().find(|c| c.subject == subject).unwrap_or_else(|| panic!("no check for {subject}"))
}

fn rule_of(subject: &str) -> String {
    catalog().setting.iter().find(|s| s.sysctl == subject).unwrap().rule.id.clone()
}

#[test]
fn hardened_host_passes_every_check() {
    let audit = FakeHost::hardened().audit();
    let not_passing: Vec<(&str, Status)> =
        audit.checks.iter().filter(|c| c.status != Status::Pass).map(|c| (c.rule.id.as_str(), c.status)).collect();
    assert!(not_passing.is_empty(), "{not_passing:?}");
    assert!(audit.errors.is_empty(), "{:?}", audit.errors);
    let report = audit.into_report();
    assert!(report.findings.is_empty());
    assert_eq!(report.extra["checks"].as_array().unwrap().len(), 3 + SETTING_CASES.len());
}

#[test]
fn every_setting_of_the_table_has_a_test_case() {
    let tested: HashSet<&str> = SETTING_CASES.iter().map(|(sysctl, _, _)| *sysctl).collect();
    for setting in &catalog().setting {
        assert!(tested.contains(setting.sysctl.as_str()), "{} has no case", setting.sysctl);
    }
    assert_eq!(tested.len(), catalog().setting.len());
}

#[test]
fn each_setting_fails_with_a_finding_that_says_what_and_how() {
    for (sysctl, _, failing) in SETTING_CASES {
        let host = FakeHost::hardened();
        host.set(sysctl, failing);
        let audit = host.audit();
        let result = check(&audit, sysctl);
        assert_eq!(result.status, Status::Fail, "{sysctl}={failing}");
        assert_eq!(result.read.as_deref(), Some(*failing));
        let report = audit.into_report();
        assert_eq!(report.findings.len(), 1, "{sysctl}: {:?}", report.findings);
        let finding = &report.findings[0];
        assert_eq!(finding.rule, rule_of(sysctl));
        assert_eq!(finding.path, sysctl_path(sysctl));
        assert_eq!(finding.details["read"], *failing);
        assert!(!finding.details["expected"].as_str().unwrap().is_empty());
        assert!(finding.message.contains("Fix: "), "{}", finding.message);
    }
}

#[test]
fn each_missing_setting_is_not_available_and_not_an_error() {
    for (sysctl, _, _) in SETTING_CASES {
        let host = FakeHost::hardened();
        host.remove(&sysctl_path(sysctl));
        let audit = host.audit();
        let result = check(&audit, sysctl);
        assert_eq!(result.status, Status::NotAvailable, "{sysctl}");
        assert!(result.note.as_deref().unwrap().starts_with("not available"));
        assert!(audit.errors.is_empty(), "{sysctl}: {:?}", audit.errors);
        assert!(audit.into_report().findings.is_empty(), "{sysctl}");
    }
}

#[test]
fn unreadable_setting_is_not_available() {
    let host = FakeHost::hardened();
    // A folder where a value should be cannot be read as one, even by root.
    host.remove("/proc/sys/kernel/randomize_va_space");
    std::fs::create_dir(host.path("/proc/sys/kernel/randomize_va_space")).unwrap();
    let audit = host.audit();
    assert_eq!(check(&audit, "kernel.randomize_va_space").status, Status::NotAvailable);
}

#[test]
fn garbage_value_is_not_available_and_an_error_naming_the_file() {
    let host = FakeHost::hardened();
    host.set("kernel.kptr_restrict", "restricted");
    let audit = host.audit();
    assert_eq!(check(&audit, "kernel.kptr_restrict").status, Status::NotAvailable);
    assert_eq!(audit.errors.len(), 1);
    assert_eq!(audit.errors[0].path, "/proc/sys/kernel/kptr_restrict");
    assert!(audit.errors[0].message.contains("restricted"));
}

#[test]
fn oversized_value_is_an_error_not_a_panic() {
    let host = FakeHost::hardened();
    host.set("kernel.core_pattern", &"|x".repeat(10_000));
    let audit = host.audit();
    assert_eq!(check(&audit, "kernel.core_pattern").status, Status::NotAvailable);
    assert!(audit.errors[0].message.contains("limit"), "{:?}", audit.errors);
}

#[test]
fn fragment_low_threshold_is_compared_with_the_high_one() {
    let host = FakeHost::hardened();
    host.set("net.ipv4.ipfrag_high_thresh", "262144");
    host.set("net.ipv4.ipfrag_low_thresh", "196608");
    let audit = host.audit();
    assert_eq!(check(&audit, "net.ipv4.ipfrag_low_thresh").status, Status::Pass);
    assert_eq!(check(&audit, "net.ipv4.ipfrag_low_thresh").expected, "below net.ipv4.ipfrag_high_thresh (262144)");
    host.remove("/proc/sys/net/ipv4/ipfrag_high_thresh");
    let audit = host.audit();
    assert_eq!(check(&audit, "net.ipv4.ipfrag_low_thresh").status, Status::NotAvailable);
    assert!(audit.errors.is_empty());
}

#[test]
fn old_kernel_with_a_low_pool_fails_against_the_threshold() {
    let host = FakeHost::hardened();
    host.kernel("4.19.0-27-amd64", "142\n", "4096\n");
    let audit = host.audit();
    assert_eq!(audit.pool_model, pyward_host::PoolModel::Counting);
    let level = check(&audit, "kernel.random.entropy_avail");
    assert_eq!((level.status, level.read.as_deref()), (Status::Fail, Some("142")));
    assert_eq!(level.expected, ">= 200 bits");
    let report = audit.into_report();
    assert_eq!(report.findings.iter().map(|f| f.rule.as_str()).collect::<Vec<_>>(), vec!["PWH001"]);
    assert_eq!(report.findings[0].category, "architecture/entropy");
}

#[test]
fn threshold_option_moves_the_line() {
    let host = FakeHost::hardened();
    host.kernel("4.19.0", "142", "4096");
    assert_eq!(check(&host.audit_with(100), "kernel.random.entropy_avail").status, Status::Pass);
    assert_eq!(check(&host.audit_with(143), "kernel.random.entropy_avail").status, Status::Fail);
}

#[test]
fn modern_kernel_constant_pool_is_no_false_alarm() {
    let host = FakeHost::hardened();
    host.kernel("6.8.0-45-generic\n", "256\n", "256\n");
    host.remove("/proc/412");
    let audit = host.audit_with(1000);
    assert_eq!(audit.pool_model, pyward_host::PoolModel::Csprng);
    let level = check(&audit, "kernel.random.entropy_avail");
    assert_eq!(level.status, Status::Pass);
    assert!(level.note.as_deref().unwrap().contains("no longer depletes"), "{:?}", level.note);
    assert_eq!(check(&audit, "kernel.random.poolsize").status, Status::Pass);
    let sources = check(&audit, "entropy sources");
    assert_eq!((sources.status, sources.read.as_deref()), (Status::Pass, Some("none")));
    assert!(audit.into_report().findings.is_empty());
}

#[test]
fn stable_backport_is_recognised_by_its_256_bit_pool() {
    let host = FakeHost::hardened();
    host.kernel("5.10.0-21-amd64", "256", "256");
    let audit = host.audit_with(300);
    assert_eq!(audit.pool_model, pyward_host::PoolModel::Csprng);
    assert_eq!(check(&audit, "kernel.random.entropy_avail").status, Status::Pass);
}

#[test]
fn modern_kernel_below_256_is_not_yet_seeded() {
    let host = FakeHost::hardened();
    host.kernel("6.1.0", "40", "256");
    let audit = host.audit();
    let level = check(&audit, "kernel.random.entropy_avail");
    assert_eq!(level.status, Status::Fail);
    assert!(level.note.as_deref().unwrap().contains("not yet fully seeded"));
}

#[test]
fn pool_smaller_than_the_threshold_fails_on_a_counting_kernel() {
    let host = FakeHost::hardened();
    host.kernel("3.10.0", "120", "128");
    let audit = host.audit_with(100);
    assert_eq!(check(&audit, "kernel.random.poolsize").status, Status::Pass);
    let audit = host.audit_with(200);
    assert_eq!(check(&audit, "kernel.random.poolsize").status, Status::Fail);
}

#[test]
fn missing_random_files_are_not_available() {
    let host = FakeHost::hardened();
    host.remove("/proc/sys/kernel/random");
    let audit = host.audit();
    assert_eq!(check(&audit, "kernel.random.entropy_avail").status, Status::NotAvailable);
    assert_eq!(check(&audit, "kernel.random.poolsize").status, Status::NotAvailable);
    assert!(audit.errors.is_empty());
}

#[test]
fn garbage_entropy_value_is_an_error() {
    let host = FakeHost::hardened();
    host.write("/proc/sys/kernel/random/entropy_avail", "plenty");
    let audit = host.audit();
    assert_eq!(check(&audit, "kernel.random.entropy_avail").status, Status::NotAvailable);
    assert_eq!(audit.errors[0].path, "/proc/sys/kernel/random/entropy_avail");
}

#[test]
fn old_kernel_without_any_source_fails() {
    let host = FakeHost::hardened();
    host.remove("/proc/412");
    let audit = host.audit();
    let sources = check(&audit, "entropy sources");
    assert_eq!((sources.status, sources.read.as_deref()), (Status::Fail, Some("none")));
}

#[test]
fn daemon_process_is_a_source() {
    let host = FakeHost::hardened();
    host.remove("/proc/412");
    host.write("/proc/977/comm", "jitterentropy-r\n");
    let audit = host.audit();
    let sources = check(&audit, "entropy sources");
    assert_eq!(sources.status, Status::Pass);
    assert_eq!(sources.read.as_deref(), Some("jitterentropy-rngd (pid 977)"));
}

#[test]
fn hardware_rng_is_a_source_unless_it_is_none() {
    let host = FakeHost::hardened();
    host.remove("/proc/412");
    host.write("/sys/devices/virtual/misc/hw_random/rng_current", "virtio_rng.0\n");
    host.write("/dev/hwrng", "");
    let audit = host.audit();
    assert_eq!(check(&audit, "entropy sources").status, Status::Pass);
    assert!(check(&audit, "entropy sources").read.as_deref().unwrap().contains("virtio_rng.0"));
    host.write("/sys/devices/virtual/misc/hw_random/rng_current", "none\n");
    assert_eq!(check(&host.audit(), "entropy sources").status, Status::Fail);
}

#[test]
fn device_node_alone_counts_when_rng_current_is_absent() {
    let host = FakeHost::hardened();
    host.remove("/proc/412");
    host.write("/dev/hwrng", "");
    let audit = host.audit();
    assert_eq!(check(&audit, "entropy sources").status, Status::Pass);
    assert_eq!(check(&audit, "entropy sources").read.as_deref(), Some("hardware RNG (/dev/hwrng)"));
}

#[test]
fn empty_root_reports_everything_as_not_available() {
    let dir = tempfile::tempdir().unwrap();
    let audit = audit(&HostRoot::new(dir.path()), &AuditOptions::default());
    assert!(audit.checks.iter().all(|c| c.status == Status::NotAvailable), "{:?}", audit.checks);
    assert_eq!(audit.pool_model, pyward_host::PoolModel::Unknown);
    let report = audit.into_report();
    assert!(report.findings.is_empty() && report.errors.is_empty());
    assert_eq!(report.summary.files, 0);
}

#[test]
fn report_json_carries_checks_and_host_members() {
    let host = FakeHost::hardened();
    host.set("kernel.randomize_va_space", "0");
    let report = host.audit().into_report();
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(json["host"]["kernel"], "4.19");
    assert_eq!(json["host"]["entropy_model"], "counting");
    assert_eq!(json["host"]["checks"]["fail"], 1);
    let aslr = json["checks"].as_array().unwrap().iter().find(|c| c["id"] == "PWH101").unwrap();
    assert_eq!(
        (aslr["status"].as_str(), aslr["read"].as_str(), aslr["expected"].as_str()),
        (Some("fail"), Some("0"), Some("2"))
    );
    assert_eq!(json["findings"][0]["rule"], "PWH101");
    assert_eq!(json["findings"][0]["severity"], "high");
}

#[test]
fn user_guide_documents_every_check() {
    let guide = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/host.md")).unwrap();
    let rules = catalog().entropy.iter().chain(catalog().setting.iter().map(|s| &s.rule));
    for rule in rules {
        assert!(guide.contains(&format!("| {} | {} |", rule.id, rule.name)), "docs/host.md lacks {}", rule.id);
    }
}

/// A small deterministic generator, so the hostile-input test needs no crate.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn bytes(&mut self) -> Vec<u8> {
        const ALPHABET: &[u8] = b"0123456789-+ |/.\n\t\xff\xc3x";
        let length = (self.next() % 12) as usize;
        (0..length).map(|_| ALPHABET[(self.next() % ALPHABET.len() as u64) as usize]).collect()
    }
}

#[test]
fn hostile_values_never_panic_and_failures_always_say_what_was_read() {
    let host = FakeHost::hardened();
    let mut random = XorShift(0x9e37_79b9_7f4a_7c15);
    let mut files: Vec<String> = SETTING_CASES.iter().map(|(sysctl, _, _)| sysctl_path(sysctl)).collect();
    files.extend(
        ["osrelease", "random/entropy_avail", "random/poolsize"].map(|name| format!("/proc/sys/kernel/{name}")),
    );
    files.push("/sys/devices/virtual/misc/hw_random/rng_current".into());
    for round in 0..50 {
        for file in &files {
            let path = host.path(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, random.bytes()).unwrap();
        }
        let audit = host.audit_with((random.next() % 5000) as u32);
        assert_eq!(audit.checks.len(), 3 + SETTING_CASES.len());
        for check in &audit.checks {
            if check.status == Status::Fail {
                assert!(check.read.is_some(), "round {round}: {check:?}");
            }
            if check.status == Status::NotAvailable {
                assert!(check.note.is_some(), "round {round}: {check:?}");
            }
        }
        let report = audit.into_report();
        serde_json::from_str::<serde_json::Value>(&report.to_json()).unwrap();
    }
}
