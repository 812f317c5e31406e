//! Presentation of plan state: pure functions from values to strings (JSON values, table
//! rows, text). Nothing in here looks at the terminal, the environment, the clock or
//! stdout; the caller decides the width, whether to colour and whether to stay in ASCII
//! (`Out`), and prints what comes back.

pub mod events;
pub mod explain;
pub mod export;
pub mod gantt;
pub mod item;
pub mod labels;
pub mod remind;
pub mod table;
pub mod week;

use chrono::{Datelike as _, NaiveDate};

use crate::plan::Lang;

/// How output is shown: decided once by `commands` from flags, the plan and the terminal.
#[derive(Debug, Clone, Copy)]
pub struct Out {
    pub lang: Lang,
    pub color: bool,
    pub ascii: bool,
    pub width: Option<usize>,
    /// Dates in this year are shown without it (`06-14`): today's year, so a plan long
    /// over shows `2014-06-14`.
    pub year: i32,
}

impl Out {
    #[must_use]
    pub fn style(&self) -> table::Style {
        table::Style {
            ascii: self.ascii,
            color: self.color,
            width: self.width,
        }
    }

    /// A day as a table shows it: short within today's year, with the weekday.
    #[must_use]
    pub fn day(&self, d: NaiveDate) -> String {
        let wd = labels::weekday(d.weekday(), self.lang);
        if d.year() == self.year {
            format!("{} {wd}", d.format("%m-%d"))
        } else {
            format!("{} {wd}", d.format("%Y-%m-%d"))
        }
    }

    /// A day without the weekday: `06-18`, or with the year outside today's year.
    #[must_use]
    pub fn short_day(&self, d: NaiveDate) -> String {
        if d.year() == self.year {
            d.format("%m-%d").to_string()
        } else {
            d.format("%Y-%m-%d").to_string()
        }
    }

    /// Paragraph text wrapped to the terminal width (CJK-aware), each line indented.
    #[must_use]
    pub fn paragraph(&self, s: &str, indent: usize) -> Vec<String> {
        let width = self
            .width
            .unwrap_or(usize::MAX)
            .saturating_sub(indent)
            .max(20);
        s.lines()
            .flat_map(|line| table::wrap_cjk(&self.text(line), width, table::Wrap::Text))
            .map(|l| format!("{}{l}", " ".repeat(indent)))
            .collect()
    }

    /// A day with its year and weekday, for headings.
    #[must_use]
    pub fn full_day(&self, d: NaiveDate) -> String {
        format!(
            "{} {}",
            d.format("%Y-%m-%d"),
            labels::weekday(d.weekday(), self.lang)
        )
    }

    /// Text for a line outside a table: ASCII punctuation in ASCII style, controls escaped.
    #[must_use]
    pub fn text(&self, s: &str) -> String {
        let s = crate::text::escape_control(s);
        if self.ascii { table::asciify(&s) } else { s }
    }
}
