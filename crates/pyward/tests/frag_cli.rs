//! `pyward frag` end to end: captures built here, the real binary, its output.

use std::net::IpAddr;
use std::path::Path;
use std::process::{Command, Output};

use pyward_frag::craft::{self, Flow, Link};
use pyward_frag::demo::DEMO_PROTOCOL;
use pyward_frag::pcap_write::PcapWriter;
use serde_json::Value;

const SEED_STRINGS: [(&str, &str); 5] = [
    (
        "First (Windows, SUN, MacOS, HPUX)",
        "111111111111111111111111444444442222222222222222333333333333333333333333666666666666666666666666",
    ),
    (
        "Last/RFC791 (Cisco)",
        "111111114444444444444444444444444444444422222222555555555555555555555555666666666666666666666666",
    ),
    ("Linux", "111111111111111111111111444444444444444422222222555555555555555555555555666666666666666666666666"),
    (
        "BSD (AIX, FreeBSD, HPUX, VMS)",
        "111111111111111111111111444444444444444422222222333333333333333333333333666666666666666666666666",
    ),
    ("BSD-Right", "111111114444444444444444444444442222222222222222555555555555555555555555666666666666666666666666"),
];

fn pyward(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pyward")).arg("frag").args(args).output().expect("pyward runs")
}

fn json_of(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)))
}

fn address(text: &str) -> IpAddr {
    text.parse().unwrap()
}

/// The seed's six fragments from `src` to `dst`, framed by `link`, written to `path`.
fn write_demo_capture(path: &Path, src: &str, dst: &str, link: &Link) {
    let mut writer = PcapWriter::new(std::fs::File::create(path).unwrap(), link.linktype()).unwrap();
    for (index, packet) in pyward_frag::demo::seed_packets(address(src), address(dst)).iter().enumerate() {
        writer.write(1_000_000_000 * (index as u64 + 1), &link.frame(packet)).unwrap();
    }
    writer.into_inner().unwrap();
}

#[test]
fn demo_prints_the_seed_strings_for_every_policy() {
    let output = pyward(&["--demo"]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    for (label, expected) in SEED_STRINGS {
        let at = text.find(&format!("Reassembled using policy: {label}")).unwrap_or_else(|| panic!("{label}"));
        let result = text[at..].lines().nth(2).unwrap();
        assert_eq!(result, expected, "{label}");
    }
    assert!(text.contains("Reassembled using policy: RFC5722"));
}

#[test]
fn json_lists_datagrams_with_every_policy_and_an_ambiguity_finding() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.pcap");
    write_demo_capture(&path, "2001:db8::1", "2001:db8::2", &Link::Ethernet { vlans: vec![7] });
    let output = pyward(&[path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "findings exit 1");
    let report = json_of(&output);
    let datagram = &report["datagrams"][0];
    assert_eq!(datagram["version"], 6);
    assert_eq!(datagram["proto"], DEMO_PROTOCOL);
    assert_eq!(datagram["vlan"], serde_json::json!([7]));
    assert_eq!((datagram["fragments"].as_u64(), datagram["overlaps"].as_u64()), (Some(6), Some(2)));
    assert_eq!(datagram["inconsistent"], 2);
    assert_eq!(datagram["ambiguous"], true);
    let linux = &datagram["reassembly"]["linux"];
    assert_eq!(linux["status"], "complete");
    assert_eq!(linux["length"], 96);
    let bytes: Vec<u8> = (0..96)
        .map(|i| u8::from_str_radix(&linux["payload_hex"].as_str().unwrap()[i * 2..i * 2 + 2], 16).unwrap())
        .collect();
    assert_eq!(String::from_utf8(bytes).unwrap(), SEED_STRINGS[2].1);
    assert_eq!(datagram["reassembly"]["rfc5722"]["status"], "dropped");
    assert_eq!(datagram["reassembly"].as_object().unwrap().len(), 8);
    let rules: Vec<&str> = report["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"PWF001") && rules.contains(&"PWF002"));
}

#[test]
fn policy_selection_limits_the_reassembly_map() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.pcap");
    write_demo_capture(&path, "192.0.2.1", "192.0.2.2", &Link::LinuxSll);
    let output = pyward(&[path.to_str().unwrap(), "--format", "json", "--policy", "first", "--policy", "windows"]);
    let report = json_of(&output);
    let map = report["datagrams"][0]["reassembly"].as_object().unwrap();
    assert_eq!(map.keys().collect::<Vec<_>>(), ["first", "windows"]);
    assert_eq!(report["datagrams"][0]["ambiguous"], false, "first and windows agree on the demo");
}

#[test]
fn write_produces_per_policy_pcaps_with_correct_ip_headers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.pcap");
    write_demo_capture(&path, "192.0.2.1", "192.0.2.2", &Link::Ethernet { vlans: vec![] });
    let out = dir.path().join("out");
    let output = pyward(&[path.to_str().unwrap(), "--write", out.to_str().unwrap(), "--exit-zero", "-q"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let mut packets = Vec::new();
    pyward_frag::capture::read_frames(std::fs::File::open(out.join("bsd.pcap")).unwrap(), |frame| {
        packets.push(frame.data.to_vec());
    })
    .unwrap();
    assert_eq!(packets.len(), 1);
    let packet = &packets[0];
    assert_eq!(u16::from_be_bytes([packet[2], packet[3]]) as usize, packet.len());
    assert_eq!(packet.len(), 20 + 96);
    assert_eq!(u16::from_be_bytes([packet[6], packet[7]]) & 0x3fff, 0, "no MF, offset 0");
    assert_eq!(checksum(&packet[..20]), 0, "header checksum verifies");
    assert_eq!(&packet[20..], SEED_STRINGS[3].1.as_bytes());
    let mut dropped = 0;
    pyward_frag::capture::read_frames(std::fs::File::open(out.join("rfc5722.pcap")).unwrap(), |_| dropped += 1)
        .unwrap();
    assert_eq!(dropped, 0, "RFC 5722 delivers nothing");
}

#[test]
fn write_rebuilds_ipv6_packets_without_the_fragment_header() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v6.pcap");
    let flow = Flow { src: address("2001:db8::1"), dst: address("2001:db8::2"), proto: 17, id: 99 };
    let extensions = [craft::Extension::DestinationOptions];
    let mut writer = PcapWriter::new(std::fs::File::create(&path).unwrap(), 101).unwrap();
    writer.write(1, &craft::fragment(&flow, 0, true, &[7; 16], &extensions)).unwrap();
    writer.write(2, &craft::fragment(&flow, 2, false, &[8; 4], &extensions)).unwrap();
    writer.into_inner().unwrap();
    let out = dir.path().join("out");
    let output = pyward(&[path.to_str().unwrap(), "--write", out.to_str().unwrap(), "--policy", "linux"]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stdout));
    let mut packets = Vec::new();
    pyward_frag::capture::read_frames(std::fs::File::open(out.join("linux.pcap")).unwrap(), |f| {
        packets.push(f.data.to_vec())
    })
    .unwrap();
    let packet = &packets[0];
    assert_eq!(packet.len(), 40 + 8 + 20);
    assert_eq!(u16::from_be_bytes([packet[4], packet[5]]), 28, "payload length counts the options header");
    assert_eq!(packet[6], 60, "fixed header still points at destination options");
    assert_eq!(packet[40], 17, "destination options now point at UDP, not at a fragment header");
    assert_eq!(&packet[48..], [[7u8; 16].as_slice(), &[8; 4]].concat());
}

#[test]
fn host_policies_report_what_the_target_and_the_sensor_see() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.pcap");
    write_demo_capture(&path, "192.0.2.1", "10.1.2.3", &Link::Raw);
    let table = dir.path().join("hosts.txt");
    std::fs::write(&table, "# targets\n10.0.0.0/8 linux\n").unwrap();
    let output = pyward(&[
        path.to_str().unwrap(),
        "--host-policies",
        table.to_str().unwrap(),
        "--policy",
        "first",
        "--format",
        "json",
    ]);
    let report = json_of(&output);
    let mismatch = report["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "PWF013").expect("PWF013");
    let message = mismatch["message"].as_str().unwrap();
    assert!(message.contains("the target 10.1.2.3 (linux) sees 96 bytes"), "{message}");
    assert!(message.contains("a bsd sensor sees 96 bytes"), "{message}");
    let host = &report["datagrams"][0]["host"];
    assert_eq!((host["target_policy"].as_str(), host["sensor_policy"].as_str()), (Some("linux"), Some("bsd")));
}

#[test]
fn bad_inputs_are_errors_and_a_clean_capture_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.pcap");
    std::fs::write(&junk, b"this is not a capture at all").unwrap();
    let output = pyward(&[junk.to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(json_of(&output)["errors"][0]["kind"], "capture");
    let clean = dir.path().join("clean.pcap");
    let flow = Flow { src: address("192.0.2.1"), dst: address("192.0.2.2"), proto: 17, id: 1 };
    let mut writer = PcapWriter::new(std::fs::File::create(&clean).unwrap(), 101).unwrap();
    writer.write(1, &craft::fragment(&flow, 0, true, &[1; 16], &[])).unwrap();
    writer.write(2, &craft::fragment(&flow, 2, false, &[2; 8], &[])).unwrap();
    writer.write(3, &[0x45, 0, 0, 99]).unwrap();
    writer.into_inner().unwrap();
    let output = pyward(&[clean.to_str().unwrap(), junk.to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let report = json_of(&output);
    let kinds: Vec<&str> = report["errors"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"capture") && kinds.contains(&"malformed-packet"), "{kinds:?}");
    assert_eq!(report["captures"][0]["fragments"], 2);
    let missing = pyward(&["/nonexistent/x.pcap"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn sarif_describes_the_rules_it_reports() {
    let output = pyward(&["--demo", "--format", "sarif"]);
    let sarif = json_of(&output);
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "PWF001"));
    assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());
}

fn checksum(bytes: &[u8]) -> u16 {
    let mut sum: u32 = bytes.chunks(2).map(|w| u32::from(u16::from_be_bytes([w[0], *w.get(1).unwrap_or(&0)]))).sum();
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}

#[test]
fn finding_cap_and_datagram_listing_bound_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lonely.pcap");
    let mut writer = PcapWriter::new(std::fs::File::create(&path).unwrap(), 101).unwrap();
    for id in 0..5 {
        let flow = Flow { src: address("192.0.2.1"), dst: address("192.0.2.2"), proto: 17, id };
        writer.write(u64::from(id), &craft::fragment(&flow, 0, true, &[1; 16], &[])).unwrap();
    }
    let clean = Flow { src: address("192.0.2.1"), dst: address("192.0.2.2"), proto: 17, id: 77 };
    writer.write(9, &craft::fragment(&clean, 0, true, &[1; 16], &[])).unwrap();
    writer.write(10, &craft::fragment(&clean, 2, false, &[1; 8], &[])).unwrap();
    writer.into_inner().unwrap();
    let file = path.to_str().unwrap();
    let output = pyward(&[file, "--format", "json", "--max-findings", "2", "--fail-on", "low"]);
    assert_eq!(output.status.code(), Some(1));
    let report = json_of(&output);
    assert_eq!(report["findings"].as_array().unwrap().len(), 2);
    assert_eq!(report["unlisted_findings"]["PWF010"], 3);
    assert!(report["errors"].as_array().unwrap().iter().any(|e| e["kind"] == "limit"));
    assert_eq!(report["datagrams"].as_array().unwrap().len(), 6);
    let flagged = json_of(&pyward(&[file, "--format", "json", "--datagrams", "flagged", "--fail-on", "low"]));
    assert_eq!(flagged["datagrams"].as_array().unwrap().len(), 5, "the complete datagram has no finding");
    let medium = pyward(&[file, "--format", "json"]);
    assert_eq!(medium.status.code(), Some(0), "incomplete datagrams are low severity");
    let bad = pyward(&[file, "--timeout", "0"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--timeout"));
}
