use clap::Args;

use crate::output::{OutputArgs, Status};

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(_args: CheckArgs) -> anyhow::Result<Status> {
    anyhow::bail!("not yet")
}
