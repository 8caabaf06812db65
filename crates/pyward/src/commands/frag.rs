//! `pyward frag`: reassemble IP fragments from captures under every OS
//! policy and report where the policies, or a host and its sensor, disagree.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::{Args, ValueEnum};
use pyward_frag::pcap_write::{PcapWriter, linktype};
use pyward_frag::{
    HostPolicies, Limits, Outcome, Policy, Statistics, Status as Verdict, policy, rebuild, report, rules,
};
use pyward_report::{ErrorEntry, Report, Severity};
use serde_json::{Value, json};

use crate::output::{FormatArg, OutputArgs, Status};

/// Which datagrams the JSON `datagrams` array lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Listing {
    All,
    /// Only datagrams with a finding at or above `--fail-on`.
    Flagged,
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Low,
    Medium,
    High,
}

impl From<FailOn> for Severity {
    fn from(level: FailOn) -> Self {
        match level {
            FailOn::Low => Severity::Low,
            FailOn::Medium => Severity::Medium,
            FailOn::High => Severity::High,
        }
    }
}

/// Reassemble IP fragments from pcap/pcapng captures under every OS policy.
///
/// JSON output adds `datagrams` (per datagram: src, dst, proto, id, version,
/// fragments, overlaps, inconsistent, ambiguous, and `reassembly` mapping each
/// policy to {status, length, payload_hex}), `captures` (per-file counts) and
/// `policies` (the overlap rule of each policy applied).
#[derive(Debug, Args)]
pub struct FragArgs {
    /// pcap or pcapng files.
    #[arg(value_name = "CAPTURE", required_unless_present = "demo")]
    pub captures: Vec<PathBuf>,
    /// Apply only these policies (repeatable). Default: all of first, last,
    /// linux, bsd, bsd-right, windows, solaris, rfc5722.
    #[arg(long = "policy", value_name = "P", value_parser = parse_policy)]
    pub policies: Vec<&'static Policy>,
    /// CIDR -> policy table (`10.0.0.0/8 windows` per line): each datagram is also
    /// judged as "the target sees X, a default-policy sensor sees Y".
    #[arg(long, value_name = "FILE")]
    pub host_policies: Option<PathBuf>,
    /// The sensor's policy for --host-policies comparisons.
    #[arg(long, value_name = "P", value_parser = parse_policy, default_value = "bsd")]
    pub default_policy: &'static Policy,
    /// Write, per policy, DIR/<policy>.pcap with the reassembled datagrams (raw IP).
    #[arg(long, value_name = "DIR")]
    pub write: Option<PathBuf>,
    /// Seconds after its latest fragment an incomplete datagram is abandoned.
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0)]
    pub timeout: f64,
    /// Fragments kept per datagram; one more drops the datagram.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_fragments_per_datagram)]
    pub max_fragments: usize,
    /// Datagrams in flight; one more evicts the oldest.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_datagrams_in_flight)]
    pub max_datagrams: usize,
    /// Fragment bytes in flight; past it the oldest datagrams are evicted.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_bytes_in_flight)]
    pub max_bytes: usize,
    /// Findings listed at most; past it findings are only counted (an error entry says how many).
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    pub max_findings: usize,
    /// Which datagrams the JSON `datagrams` array lists.
    #[arg(long, value_enum, default_value = "all")]
    pub datagrams: Listing,
    /// Exit with 1 only for findings at or above this severity.
    #[arg(long, value_enum, default_value = "medium")]
    pub fail_on: FailOn,
    /// Reassemble the seed talk's six overlapping fragments under every policy
    /// and print each result (with --format json|sarif: the full report).
    #[arg(long)]
    pub demo: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

fn parse_policy(name: &str) -> Result<&'static Policy, String> {
    policy::by_name(name).ok_or_else(|| format!("unknown policy `{name}` (known: {})", policy::names().join(", ")))
}

pub fn run(args: FragArgs) -> anyhow::Result<Status> {
    let hosts = match &args.host_policies {
        Some(path) => Some(load_host_policies(path)?),
        None => None,
    };
    let limits = limits(&args)?;
    let policies = applied_policies(&args, hosts.as_ref());
    if args.demo && args.output.format == FormatArg::Text {
        print_demo(&policies)?;
        return Ok(Status::Clean);
    }
    let mut writers = match &args.write {
        Some(dir) => Some(PolicyWriters::create(dir, &policies)?),
        None => None,
    };
    let mut run = Run::new(&args, hosts, policies, limits);
    if args.demo {
        let capture = pyward_frag::demo::seed_capture(demo_address("192.0.2.1"), demo_address("198.51.100.7"));
        run.capture("<demo>", capture.as_slice(), writers.as_mut());
    }
    for path in &args.captures {
        match File::open(path) {
            Ok(file) => run.capture(&path.display().to_string(), file, writers.as_mut()),
            Err(error) => run.report.errors.push(ErrorEntry::new(path.display().to_string(), "io", error.to_string())),
        }
    }
    if let Some(writers) = writers {
        writers.finish()?;
    }
    let examined = run.examined;
    let threshold = Severity::from(args.fail_on);
    let unlisted_count =
        run.unlisted.keys().any(|id| rules::all().iter().any(|r| &r.id == id && r.severity >= threshold));
    let report = run.into_report();
    args.output.emit(&report)?;
    if examined == 0 {
        return Ok(Status::Stopped);
    }
    Ok(args.output.status(unlisted_count || report.findings.iter().any(|f| f.severity >= threshold)))
}

fn demo_address(text: &str) -> IpAddr {
    text.parse().expect("a literal address")
}

fn load_host_policies(path: &Path) -> anyhow::Result<HostPolicies> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    HostPolicies::parse(&text).with_context(|| format!("{}", path.display()))
}

fn limits(args: &FragArgs) -> anyhow::Result<Limits> {
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        bail!("--timeout must be a positive number of seconds");
    }
    if args.max_fragments > Limits::FRAGMENTS_CEILING {
        bail!("--max-fragments cannot exceed {}", Limits::FRAGMENTS_CEILING);
    }
    Ok(Limits {
        timeout_ns: (args.timeout * 1e9) as u64,
        max_fragments_per_datagram: args.max_fragments.max(1),
        max_datagrams_in_flight: args.max_datagrams.max(1),
        max_bytes_in_flight: args.max_bytes.max(1),
    })
}

/// The policies asked for, plus those the host-policy comparison needs.
fn applied_policies(args: &FragArgs, hosts: Option<&HostPolicies>) -> Vec<&'static Policy> {
    let mut chosen: Vec<&'static Policy> =
        if args.policies.is_empty() { policy::all().iter().collect() } else { args.policies.clone() };
    if let Some(hosts) = hosts {
        chosen.push(args.default_policy);
        chosen.extend(hosts.policies());
    }
    let mut unique: Vec<&'static Policy> = Vec::new();
    for policy in chosen {
        if !unique.iter().any(|p| p.name == policy.name) {
            unique.push(policy);
        }
    }
    unique
}

/// The seed's `reassembler.py --demo` output, through the real pipeline.
fn print_demo(policies: &[&'static Policy]) -> anyhow::Result<()> {
    let capture = pyward_frag::demo::seed_capture(demo_address("192.0.2.1"), demo_address("198.51.100.7"));
    let mut outcomes = Vec::new();
    pyward_frag::analyse(capture.as_slice(), policies.to_vec(), Limits::default(), |o| outcomes.push(o))?;
    let outcome = outcomes.first().context("the demo produced no datagram")?;
    let mut out = std::io::stdout().lock();
    for (policy, verdict) in &outcome.reassemblies {
        writeln!(out, "Reassembled using policy: {} ({})\n", policy.label, policy.systems)?;
        match (&verdict.status, &verdict.payload) {
            (Verdict::Complete, Some(payload)) => writeln!(out, "{}\n", String::from_utf8_lossy(payload))?,
            (status, _) => writeln!(out, "(no datagram: {})\n", json!(status).as_str().unwrap_or("?"))?,
        }
    }
    Ok(())
}

/// The state of one `pyward frag` run across its captures.
struct Run<'a> {
    args: &'a FragArgs,
    hosts: Option<HostPolicies>,
    policies: Vec<&'static Policy>,
    limits: Limits,
    report: Report,
    datagrams: Vec<Value>,
    captures: Vec<Value>,
    examined: usize,
    /// Findings past --max-findings, by rule.
    unlisted: BTreeMap<&'static str, u64>,
}

impl<'a> Run<'a> {
    fn new(args: &'a FragArgs, hosts: Option<HostPolicies>, policies: Vec<&'static Policy>, limits: Limits) -> Self {
        let mut report = Report::new("frag");
        report.rules = rules::all().iter().map(rules::Rule::descriptor).collect();
        Self {
            args,
            hosts,
            policies,
            limits,
            report,
            datagrams: Vec::new(),
            captures: Vec::new(),
            examined: 0,
            unlisted: BTreeMap::new(),
        }
    }

    fn capture(&mut self, path: &str, input: impl std::io::Read + Send, mut writers: Option<&mut PolicyWriters>) {
        let keep_json = self.args.output.format == FormatArg::Json && self.args.datagrams != Listing::None;
        let threshold = Severity::from(self.args.fail_on);
        let (hosts, sensor) = (self.hosts.as_ref(), self.args.default_policy);
        let max_findings = self.args.max_findings;
        let (findings, datagrams, unlisted) = (&mut self.report.findings, &mut self.datagrams, &mut self.unlisted);
        let mut write_error = None;
        let result = pyward_frag::analyse(input, self.policies.clone(), self.limits, |mut outcome: Outcome| {
            let host = hosts.and_then(|h| report::compare_with_host(&mut outcome, h, sensor));
            for event in &outcome.events {
                if findings.len() < max_findings {
                    findings.push(report::finding(&outcome, event, path));
                } else {
                    *unlisted.entry(rules::for_event(event.kind).id.as_str()).or_default() += 1;
                }
            }
            if let Some(writers) = writers.as_deref_mut()
                && let Err(error) = writers.write(&outcome)
            {
                write_error.get_or_insert(error);
            }
            let listed = self.args.datagrams == Listing::All || report::is_flagged(&outcome, threshold);
            if keep_json && listed {
                datagrams.push(report::datagram_json(&outcome, host));
            }
        });
        if let Some(error) = write_error {
            self.report.errors.push(ErrorEntry::new(path, "write", format!("{error:#}")));
        }
        match result {
            Ok(statistics) => {
                self.examined += 1;
                self.record_statistics(path, &statistics);
            }
            Err(error) => self.report.errors.push(ErrorEntry::new(path, "capture", error.to_string())),
        }
    }

    fn record_statistics(&mut self, path: &str, statistics: &Statistics) {
        for (reason, count) in &statistics.malformed_reasons {
            let message = format!("{count} malformed frame(s): {reason}");
            self.report.errors.push(ErrorEntry::new(path, "malformed-packet", message));
        }
        if let Some(stopped) = &statistics.stopped {
            self.report.errors.push(ErrorEntry::new(path, "truncated-capture", stopped.clone()));
        }
        if !self.args.output.quiet {
            eprintln!("pyward frag: {path}: {}", describe_statistics(statistics));
        }
        let mut entry = json!(statistics);
        entry["path"] = json!(path);
        self.captures.push(entry);
    }

    fn into_report(self) -> Report {
        let mut report = self.report;
        if !self.unlisted.is_empty() {
            let counts: Vec<String> = self.unlisted.iter().map(|(rule, n)| format!("{n} {rule}")).collect();
            let message =
                format!("findings past --max-findings {} not listed: {}", self.args.max_findings, counts.join(", "));
            report.errors.push(ErrorEntry::new("-", "limit", message));
        }
        report.extra.insert("unlisted_findings".to_string(), json!(self.unlisted));
        report.files_examined = self.examined;
        let policies: Vec<Value> = self.policies.iter().map(|p| json!(p)).collect();
        report.extra.insert("policies".to_string(), Value::Array(policies));
        report.extra.insert("captures".to_string(), Value::Array(self.captures));
        report.extra.insert("datagrams".to_string(), Value::Array(self.datagrams));
        report.finish();
        report
    }
}

/// One raw-IP pcap per policy, receiving the datagrams it delivered.
struct PolicyWriters {
    writers: Vec<(&'static Policy, PathBuf, PcapWriter<BufWriter<File>>)>,
}

impl PolicyWriters {
    fn create(dir: &Path, policies: &[&'static Policy]) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let mut writers = Vec::new();
        for &policy in policies {
            let path = dir.join(format!("{}.pcap", policy.name));
            let file = File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
            let writer = PcapWriter::new(BufWriter::new(file), linktype::RAW)
                .with_context(|| format!("cannot write {}", path.display()))?;
            writers.push((policy, path, writer));
        }
        Ok(Self { writers })
    }

    fn write(&mut self, outcome: &Outcome) -> anyhow::Result<()> {
        let Some(header) = &outcome.header else { return Ok(()) };
        for (policy, path, writer) in &mut self.writers {
            let Some(verdict) = outcome.verdict(&policy.name) else { continue };
            let (Verdict::Complete, Some(payload)) = (verdict.status, &verdict.payload) else { continue };
            if let Some(packet) = rebuild::packet(&outcome.key, header, payload) {
                writer.write(outcome.time_ns, &packet).with_context(|| format!("cannot write {}", path.display()))?;
            }
        }
        Ok(())
    }

    fn finish(self) -> anyhow::Result<()> {
        for (_, path, writer) in self.writers {
            writer.into_inner().with_context(|| format!("cannot write {}", path.display()))?;
        }
        Ok(())
    }
}

fn describe_statistics(s: &Statistics) -> String {
    let delivered_by_all = s.complete;
    format!(
        "{} frames, {} fragments, {} datagrams ({delivered_by_all} delivered by every policy, {} ambiguous), {} malformed",
        s.frames, s.fragments, s.datagrams, s.ambiguous, s.malformed
    )
}
