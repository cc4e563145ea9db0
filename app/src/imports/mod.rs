//! Records from a file, on `/admin/import`: an officer sends a list's CSV (as `/{kind}.csv`
//! writes it, or a spreadsheet saves it) or a JSON Lines file, sees what each line would do
//! (new, updated, unchanged, or refused with its reason) and only then stores the good lines,
//! in one transaction. Between the two steps the file is kept, as its numbered lines, for the
//! officer who sent it. Above `catalog` (its import) and `opendata` (reading CSV back).

pub mod api;
pub mod model;
pub mod page;

#[cfg(feature = "ssr")]
pub mod file;
#[cfg(feature = "ssr")]
pub mod http;
#[cfg(feature = "ssr")]
pub mod repo;
