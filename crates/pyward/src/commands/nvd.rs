//! `pyward nvd` (being built in pyward_nvd).

use clap::Args;

use crate::output::{OutputArgs, Status};

#[derive(Debug, Args)]
pub struct NvdArgs {
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(_args: NvdArgs) -> anyhow::Result<Status> {
    anyhow::bail!("`pyward nvd` is not available in this build yet")
}
