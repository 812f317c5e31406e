//! The plan: steps and tasks with owners and dates, validated. Parsing is two-level:
//! `raw` walks the TOML tree keeping every value's place in the file, `build` turns that
//! into a [`Plan`], reporting every problem at once. Nothing here reads the clock: the
//! default year is a parameter. `load` is the one thin function that reads the file.

mod build;
pub mod problem;
mod raw;
mod starter;

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context as _, Result};
use chrono::{FixedOffset, NaiveDate};

use crate::calendar::Calendar;
pub use problem::{Problem, Problems};
pub use starter::starter;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Step,
    Task,
}

impl ItemKind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Step => "step",
            ItemKind::Task => "task",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeekStart {
    Monday,
    Sunday,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub role: Option<String>,
}

/// When an item is due: a date, or a count of days after another item is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    Fixed(NaiveDate),
    After {
        /// Index into [`Plan::items`] of the item counted from.
        anchor: usize,
        count: u32,
        workdays: bool,
    },
}

/// The date texts as the plan wrote them, for `show` to explain how each was read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateTexts {
    pub when: Option<String>,
    pub start: Option<String>,
    pub due: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Item {
    pub id: String,
    pub kind: ItemKind,
    /// Index of the step this item is or belongs to.
    pub step: usize,
    pub title: String,
    pub detail: Option<String>,
    pub owners: Vec<String>,
    pub start: Option<NaiveDate>,
    pub due: Due,
    /// Indices of items that must be done first (a task inherits its step's).
    pub after: Vec<usize>,
    /// Indices of a step's tasks (empty for tasks).
    pub tasks: Vec<usize>,
    pub texts: DateTexts,
    /// 1-based line of the item's table in the plan file.
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Plan {
    pub title: String,
    pub org: Option<String>,
    pub year: i32,
    pub timezone: Option<FixedOffset>,
    pub soon_days: i64,
    pub week_start: WeekStart,
    pub ledger: Option<String>,
    pub lang: Option<Lang>,
    pub calendar: Calendar,
    pub people: Option<Vec<Person>>,
    /// Steps in file order, each followed by its tasks.
    pub items: Vec<Item>,
    /// Item indices ordered so that every relative due's anchor comes before it.
    pub order: Vec<usize>,
    by_id: HashMap<String, usize>,
}

impl Plan {
    /// The index of the item with this id.
    #[must_use]
    pub fn find(&self, id: &str) -> Option<usize> {
        self.by_id.get(id.trim()).copied()
    }

    /// The existing id closest to `id`, for "did you mean" hints.
    #[must_use]
    pub fn nearest_id(&self, id: &str) -> Option<&str> {
        crate::text::nearest(id, self.items.iter().map(|i| i.id.as_str()))
    }

    /// Every owner named in the plan, roster first, in order of first appearance.
    #[must_use]
    pub fn owners(&self) -> Vec<&str> {
        let mut seen: Vec<&str> = Vec::new();
        let roster = self.people.iter().flatten().map(|p| p.name.as_str());
        let named = self
            .items
            .iter()
            .flat_map(|i| i.owners.iter().map(String::as_str));
        for name in roster.chain(named) {
            if !seen.contains(&name) {
                seen.push(name);
            }
        }
        seen
    }
}

/// Parses plan text. `file` names it in problems; `default_year` is used when the plan
/// gives no `year` (the year of "today").
pub fn parse(source: &str, file: &str, default_year: i32) -> std::result::Result<Plan, Problems> {
    let mut list = Vec::new();
    let raw = raw::parse(source, &mut list);
    let plan = build::build(&raw, source, default_year, &mut list);
    match plan {
        Some(plan) if list.is_empty() => Ok(plan),
        _ => {
            list.sort_by_key(|p| p.span.start);
            Err(Problems {
                file: file.to_string(),
                source: source.to_string(),
                list,
            })
        }
    }
}

/// Reads and parses the plan file at `path`.
pub fn load(path: &Path, default_year: i32) -> Result<Plan> {
    let bytes = std::fs::read(path).with_context(|| {
        format!(
            "failed to read plan `{}`\nhint: give the plan with --plan FILE or CHUNJIANG_PLAN, or write one with `chunjiang init`",
            path.display()
        )
    })?;
    let source = decode(&bytes, path)?;
    Ok(parse(source, &path.display().to_string(), default_year)?)
}

/// The plan's text, which must be UTF-8 (a leading byte-order mark is allowed).
pub fn decode<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        anyhow::anyhow!(
            "plan `{}` is not UTF-8 (line {line}, byte {at}); it may have been saved as GBK\nhint: save it as UTF-8, e.g. `iconv -f GBK -t UTF-8 {0} > plan-utf8.toml`",
            path.display()
        )
    })
}
