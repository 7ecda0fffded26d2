use std::process::ExitCode;

use crate::context::Context;

#[derive(Debug, clap::Subcommand)]
pub enum PostingsCommand {
    /// Analyze a postings file.
    Analyze,
}

#[derive(Debug, clap::Args)]
pub struct MatchArgs {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    rest: Vec<String>,
}

pub fn run_match(_ctx: &Context, _args: MatchArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`match` is not available yet in this build")
}

pub fn postings(_ctx: &Context, _args: PostingsCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`postings` is not available yet in this build")
}
