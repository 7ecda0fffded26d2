use std::process::ExitCode;

use crate::context::Context;

#[derive(Debug, clap::Args)]
pub struct OccupationArgs {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    rest: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct ProgramArgs {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    rest: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct IndustryArgs {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    rest: Vec<String>,
}

pub fn occupation(_ctx: &Context, _args: OccupationArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`occupation` is not available yet in this build")
}

pub fn program(_ctx: &Context, _args: ProgramArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`program` is not available yet in this build")
}

pub fn industry(_ctx: &Context, _args: IndustryArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`industry` is not available yet in this build")
}
