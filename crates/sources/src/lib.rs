//! Strict, fast readers for the official public files Trellis is built from: SOC 2018
//! (BLS), the O*NET 29.x text database and its 2002 career-cluster exports, CIP 2020 and
//! the CIP–SOC crosswalk (NCES), NAICS 2022 (Census), BLS Employment Projections tables,
//! National Employment Matrix files and OEWS estimates.
//!
//! Every reader
//! - finds its columns **by meaning** ([`header`]): headers are normalized (case, years,
//!   footnote markers, dashes) and matched against patterns, so the next vintage's renamed
//!   headers still read, and the years in them give the vintage;
//! - parses every code through the model's code types ([`trellis_framework::codes`]),
//!   keeping the aggregate codes BLS publishes (`13-1020`, EP summaries);
//! - maps BLS special values (`*`, `**`, `#`, `—`, `(8)`) to a [`Status`], never to 0, and
//!   converts employment to persons;
//! - fails with a [`ReadError`] that names the file, sheet, row (as a spreadsheet shows it)
//!   and column, and says what was expected.
//!
//! # Principal types
//! - [`discover`] walks a directory and returns a [`Discovery`]: the [`Found`] files, one per
//!   [`Dataset`] (the agency's original preferred over derived copies), and the [`Skipped`]
//!   ones with the reason.
//! - [`read`] reads a [`Found`] file into a [`Loaded`]: its [`SourceInfo`] (reader, sheet,
//!   vintage, rows, warnings) and its rows as [`Data`]. Each reader is also callable
//!   directly ([`soc::read_soc`], [`oews::read_oews`], …) and returns its record type.
//! - [`Value`] is a published figure with its [`Status`] (`ok`, `suppressed`, `top_coded`,
//!   `bottom_coded`, `not_available`).
//! - [`OccCode`] is an occupation code of a BLS table: a SOC code of any level, or `00-0000`.
//! - Record types, one module per source: [`soc::SocRecord`]; [`onet`] (occupations, titles,
//!   interests, job zones, education/training/experience, skills and knowledge ratings,
//!   technology, tasks, related occupations); [`clusters2002::ClusterAssignment`];
//!   [`cip::CipRecord`] and [`cip::CipSocCrosswalk`] (pairs, and the no-match codes apart);
//!   [`naics::NaicsRecord`]; [`ep::EpOccupationTables`] (Tables 1.2, 1.10, 1.9) and
//!   [`ep::IndustryOutput`] (Tables 2.1, 2.2, 2.11); [`nem::NemIndustryFile`] and the 2018–28
//!   [`nem::Nem2018`] extract; [`oews::OewsRow`] (all 32 columns).
//!
//! Spreadsheets are read by [`xlsx`], a lean reader of the sheet XML (cells point into the
//! shared strings; no `String` per cell), with calamine for xls files and anything it leaves
//! aside. Text tables are read from memory: TSV with a `memchr` splitter, CSV with the `csv`
//! crate's byte-level reader; one UTF-8 check per row.
//!
//! # Example
//! ```no_run
//! use trellis_sources::{Data, discover, read};
//!
//! let found = discover(std::path::Path::new("official-data"))?;
//! for skipped in &found.skipped {
//!     eprintln!("skipped {}: {}", skipped.relative.display(), skipped.reason);
//! }
//! for file in &found.found {
//!     let loaded = read(file)?;
//!     println!("{} {} rows, vintage {}", file.relative.display(), loaded.info.rows, loaded.info.vintage);
//!     if let Data::Oews(rows) = &loaded.data {
//!         let median = rows.iter().find(|r| r.soc.to_string() == "15-1252").map(|r| r.annual.median);
//!         println!("software developers, median annual wage: {median:?}");
//!     }
//! }
//! # Ok::<(), trellis_sources::ReadError>(())
//! ```

// A read error is returned once per file, never per row on a hot path; keeping `ReadError`
// a plain struct with public fields is worth its size.
#![allow(clippy::result_large_err)]

pub mod cip;
pub mod clusters2002;
mod dataset;
mod discover;
pub mod ep;
mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod header;
mod meta;
pub mod naics;
pub mod nem;
mod occ;
pub mod oews;
pub mod onet;
pub mod soc;
mod table;
mod tabular;
pub mod value;
mod workbook;
pub mod xlsx;

pub use dataset::{Data, Dataset, Discovery, Format, Found, Loaded, Skipped, read, read_dataset};
pub use discover::discover;
pub use error::{ErrorKind, ReadError};
pub use meta::{SourceInfo, Table};
pub use occ::OccCode;
pub use table::{Cell, format_number};
pub use value::{Status, Value, parse_number, parse_special, parse_value};
