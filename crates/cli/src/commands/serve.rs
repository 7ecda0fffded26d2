use std::process::ExitCode;

use crate::context::Context;

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    rest: Vec<String>,
}

pub fn run(_ctx: &Context, _args: ServeArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`serve` is not available yet in this build")
}
