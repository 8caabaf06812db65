//! docs/rules.md is generated from the rules' own documentation; this test
//! fails when it is stale. Regenerate with
//! `cargo run -- rules --format markdown > docs/rules.md`
//! (or run this test with UPDATE_DOCS=1).

mod support;

use support::*;

#[test]
fn docs_rules_md_is_up_to_date() {
    let root = workspace_root();
    let output = run_in(&root, &["rules", "--format", "markdown"]);
    assert_eq!(output.status.code(), Some(0));
    let generated = stdout(&output);
    let path = root.join("docs/rules.md");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/rules.md is stale: run `cargo run -- rules --format markdown > docs/rules.md`"
    );
    assert!(generated.contains("## PW201 pickle-load") && generated.contains("#### Fix"));
}
