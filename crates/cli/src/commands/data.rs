use std::process::ExitCode;

use crate::context::Context;

#[derive(Debug, clap::Subcommand)]
pub enum DataCommand {
    /// Build the database from a directory of official files.
    Import,
}

pub fn run(_ctx: &Context, _args: DataCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`data` is not available yet in this build")
}
