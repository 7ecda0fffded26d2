use std::process::ExitCode;

use crate::context::Context;

#[derive(Debug, clap::Subcommand)]
pub enum ProfileCommand {
    /// Profile of a cluster.
    Cluster,
}

#[derive(Debug, clap::Args)]
pub struct HshwidArgs {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    rest: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct RegionArgs {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    rest: Vec<String>,
}

pub fn profile(_ctx: &Context, _args: ProfileCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`profile` is not available yet in this build")
}

pub fn hshwid(_ctx: &Context, _args: HshwidArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`hshwid` is not available yet in this build")
}

pub fn region(_ctx: &Context, _args: RegionArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`region` is not available yet in this build")
}
