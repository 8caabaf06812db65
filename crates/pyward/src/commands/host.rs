//! `pyward host` (being built in pyward_host).

use clap::Args;

use crate::output::{OutputArgs, Status};

#[derive(Debug, Args)]
pub struct HostArgs {
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(_args: HostArgs) -> anyhow::Result<Status> {
    anyhow::bail!("`pyward host` is not available in this build yet")
}
