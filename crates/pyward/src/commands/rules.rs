use clap::Args;

use crate::output::Status;

#[derive(Debug, Args)]
pub struct RulesArgs {}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    pub id: String,
}

pub fn run_rules(_args: RulesArgs) -> anyhow::Result<Status> {
    anyhow::bail!("not yet")
}

pub fn run_explain(_args: ExplainArgs) -> anyhow::Result<Status> {
    anyhow::bail!("not yet")
}
