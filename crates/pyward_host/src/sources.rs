//! What feeds the entropy pool besides interrupts: a hardware RNG, or a
//! daemon such as haveged or rngd.

use pyward_report::ErrorEntry;

use crate::root::HostRoot;

pub const RNG_CURRENT: &str = "/sys/devices/virtual/misc/hw_random/rng_current";
pub const HW_RANDOM_CLASS: &str = "/sys/class/misc/hw_random";
pub const HWRNG_DEVICE: &str = "/dev/hwrng";

const DAEMONS: &str = include_str!("entropy_daemons.txt");
/// `/proc/PID/comm` holds at most this many bytes of a command name.
const COMM_BYTES: usize = 15;

/// The entropy sources found, and whether anything could be examined at all.
#[derive(Debug, Clone, Default)]
pub struct EntropySources {
    pub found: Vec<String>,
    pub examined: Vec<&'static str>,
    pub notes: Vec<String>,
}

pub fn find_sources(root: &HostRoot, errors: &mut Vec<ErrorEntry>) -> EntropySources {
    let mut sources = EntropySources::default();
    find_hardware(root, &mut sources, errors);
    find_daemons(root, &mut sources);
    sources
}

fn find_hardware(root: &HostRoot, sources: &mut EntropySources, errors: &mut Vec<ErrorEntry>) {
    match root.read_value(RNG_CURRENT) {
        Ok(current) => {
            sources.examined.push(RNG_CURRENT);
            if !current.is_empty() && current != "none" {
                sources.found.push(format!("hardware RNG {current}"));
            }
            return;
        }
        Err(error) if error.is_malformed() => errors.push(ErrorEntry::new(RNG_CURRENT, "read", error.to_string())),
        Err(_) => {}
    }
    // Without rng_current, the device node or the class folder is the best sign.
    for path in [HWRNG_DEVICE, HW_RANDOM_CLASS] {
        if root.exists(path) {
            sources.found.push(format!("hardware RNG ({path})"));
        }
        if root.exists(parent(path)) {
            sources.examined.push(path);
        }
    }
}

fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("/", |(folder, _)| folder)
}

fn find_daemons(root: &HostRoot, sources: &mut EntropySources) {
    let (entries, truncated) = match root.list_dir("/proc") {
        Ok(listing) => listing,
        Err(_) => return,
    };
    if truncated {
        sources.notes.push(format!("/proc lists more than {} entries; the rest were not examined", entries.len()));
    }
    let wanted = daemon_names();
    let mut seen_process = false;
    for pid in entries.iter().filter(|name| name.bytes().all(|b| b.is_ascii_digit())) {
        // A process may exit between the listing and the read.
        let Ok(comm) = root.read_value(&format!("/proc/{pid}/comm")) else { continue };
        seen_process = true;
        if let Some(daemon) = wanted.iter().find(|d| comm_matches(d, &comm)) {
            let label = format!("{daemon} (pid {pid})");
            if !sources.found.iter().any(|f| f.starts_with(&format!("{daemon} "))) {
                sources.found.push(label);
            }
        }
    }
    if seen_process {
        sources.examined.push("/proc/*/comm");
    }
}

fn daemon_names() -> Vec<&'static str> {
    DAEMONS.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#')).collect()
}

fn comm_matches(daemon: &str, comm: &str) -> bool {
    let truncated = daemon.get(..COMM_BYTES).unwrap_or(daemon);
    comm == daemon || comm == truncated
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncated_command_names_match() {
        assert!(comm_matches("jitterentropy-rngd", "jitterentropy-r"));
        assert!(comm_matches("haveged", "haveged"));
        assert!(!comm_matches("rngd", "rngd-helper"));
        assert!(!comm_matches("haveged", "have"));
    }

    #[test]
    fn daemon_list_skips_comments() {
        let names = daemon_names();
        assert!(names.contains(&"haveged") && names.contains(&"rngd"));
        assert!(names.iter().all(|n| !n.starts_with('#')));
    }
}
