//! Helpers shared by the CLI tests: running the built binary, and the
//! official SARIF 2.1.0 schema.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

pub fn pyward() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pyward"))
}

/// Runs pyward with `args` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    pyward().args(args).current_dir(dir).env("NO_COLOR", "1").output().expect("pyward runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", stdout(output)))
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// The OASIS SARIF 2.1.0 schema, fetched once from the npm registry (it
/// ships in Microsoft's `@microsoft/jest-sarif` package) into the target
/// folder. Nothing is copied into the repository.
pub fn sarif_schema() -> serde_json::Value {
    static SCHEMA: OnceLock<serde_json::Value> = OnceLock::new();
    SCHEMA
        .get_or_init(|| {
            let cache = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("sarif-schema");
            let schema = cache.join("package/lib/schemas/sarif-2.1.0-rtm.5.json");
            if !schema.is_file() {
                fetch_schema(&cache);
            }
            let text = std::fs::read_to_string(&schema).expect("schema extracted");
            serde_json::from_str(&text).expect("schema is JSON")
        })
        .clone()
}

fn fetch_schema(cache: &Path) {
    std::fs::create_dir_all(cache).unwrap();
    let pack = Command::new("npm")
        .args(["pack", "--silent", "@microsoft/jest-sarif@1.0.0-beta.0"])
        .current_dir(cache)
        .output()
        .expect("npm is installed (the SARIF schema comes from the npm registry)");
    assert!(pack.status.success(), "npm pack failed: {}", String::from_utf8_lossy(&pack.stderr));
    let tarball = String::from_utf8_lossy(&pack.stdout).trim().lines().last().unwrap_or_default().to_string();
    let untar = Command::new("tar").args(["xzf", &tarball]).current_dir(cache).status().expect("tar runs");
    assert!(untar.success());
}

/// Panics with every schema violation of `sarif`.
pub fn assert_valid_sarif(sarif: &serde_json::Value) {
    let schema = sarif_schema();
    let validator = jsonschema::draft7::new(&schema).expect("schema compiles");
    let errors: Vec<String> = validator.iter_errors(sarif).map(|e| format!("{} at {}", e, e.instance_path)).collect();
    assert!(errors.is_empty(), "SARIF is invalid:\n{}", errors.join("\n"));
}
