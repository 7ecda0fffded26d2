use std::process::ExitCode;

use crate::context::Context;

#[derive(Debug, clap::Subcommand)]
pub enum CrosswalkCommand {
    /// Build the crosswalk and store it in the database.
    Build,
}

pub fn run(_ctx: &Context, _args: CrosswalkCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`crosswalk` is not available yet in this build")
}
