//! `pyward frag` (being built in pyward_frag).

use clap::Args;

use crate::output::{OutputArgs, Status};

#[derive(Debug, Args)]
pub struct FragArgs {
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(_args: FragArgs) -> anyhow::Result<Status> {
    anyhow::bail!("`pyward frag` is not available in this build yet")
}
