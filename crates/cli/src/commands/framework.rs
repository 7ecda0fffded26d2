use std::process::ExitCode;

use crate::context::Context;

#[derive(Debug, clap::Args)]
pub struct FrameworkArgs {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    rest: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct ClusterArgs {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    rest: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct Crosswalk2002Args {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    rest: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct ResolveArgs {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    rest: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct StateArgs {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    rest: Vec<String>,
}

pub fn framework(_ctx: &Context, _args: FrameworkArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`framework` is not available yet in this build")
}

pub fn cluster(_ctx: &Context, _args: ClusterArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`cluster` is not available yet in this build")
}

pub fn crosswalk_2002(_ctx: &Context, _args: Crosswalk2002Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`crosswalk-2002` is not available yet in this build")
}

pub fn resolve(_ctx: &Context, _args: ResolveArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`resolve` is not available yet in this build")
}

pub fn state(_ctx: &Context, _args: StateArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`state` is not available yet in this build")
}
