//! One module per group of subcommands.
pub mod crosswalk;
pub mod data;
pub mod fetch;
pub mod framework;
pub mod labor;
pub mod lookup;
pub mod matching;
pub mod serve;
