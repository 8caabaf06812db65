//! `pyward pickle` (being built in pyward_pickle).

use clap::Args;

use crate::output::{OutputArgs, Status};

#[derive(Debug, Args)]
pub struct PickleArgs {
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(_args: PickleArgs) -> anyhow::Result<Status> {
    anyhow::bail!("`pyward pickle` is not available in this build yet")
}
