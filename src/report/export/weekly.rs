//! The weekly report (周报) as values: headings, a totals line and tables of plain text,
//! which `docx` and `html` lay out each in its own format. Also what every office format
//! shares: the ledger notes that explain an item, and user text made safe for a cell.
//! Pure: statuses, weeks and events come in, strings go out; nothing here is escaped
//! for a markup language — each writer does that.

use std::fmt::Write as _;

use chrono::{Datelike as _, NaiveDate};

use super::{owned, owned_by};
use crate::ledger::{Event, EventKind};
use crate::plan::{Lang, Plan};
use crate::report::events::kind_word;
use crate::report::item::{owners, remark};
use crate::report::labels::{self, Word};
use crate::report::week::{Totals, Week};
use crate::state::{State, Status};

/// User text for a document cell: line breaks kept (as `\n`), every other control
/// character shown escaped as `text::escape_control` writes it, so a plan or ledger can
/// smuggle nothing into the file a superior opens.
#[must_use]
pub fn clean(text: &str) -> String {
    text.trim()
        .replace("\r\n", "\n")
        .split('\n')
        .map(crate::text::escape_control)
        .collect::<Vec<_>>()
        .join("\n")
}

/// What the ledger says about an item, one line per event that carries a note, oldest
/// first: `06-18 徐燕娟：材料已交` (`06-20 完成 …` for a note given with done/reopen).
#[must_use]
pub fn notes(events: &[Event], id: &str, year: i32, lang: Lang) -> Vec<String> {
    events
        .iter()
        .filter(|e| e.step == id)
        .filter_map(|e| {
            let note = e.note.as_deref()?;
            let day = e.on.unwrap_or_else(|| e.at.date_naive());
            let mut head = short_day(day, year);
            if e.event != EventKind::Note {
                let _ = write!(head, " {}", kind_word(&e.event, lang));
            }
            if let Some(by) = &e.by {
                let _ = write!(head, " {by}");
            }
            Some(clean(&format!("{head}{}{note}", colon(lang))))
        })
        .collect()
}

pub use crate::report::labels::colon;

/// `06-20` within the plan's year, `2015-01-05` outside it.
#[must_use]
pub fn short_day(d: NaiveDate, year: i32) -> String {
    if d.year() == year {
        d.format("%m-%d").to_string()
    } else {
        d.format("%Y-%m-%d").to_string()
    }
}

/// `2014-06-20 周五`.
#[must_use]
pub fn full_day(d: NaiveDate, lang: Lang) -> String {
    format!(
        "{} {}",
        d.format("%Y-%m-%d"),
        labels::weekday(d.weekday(), lang)
    )
}

/// A section heading numbered as a document numbers it: `一、本周到期` in Chinese,
/// `1. Due this week` in English.
#[must_use]
pub fn numbered(n: usize, heading: &str, lang: Lang) -> String {
    const ZH: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    match lang {
        Lang::Zh => format!("{}、{heading}", ZH.get(n).copied().unwrap_or("十")),
        Lang::En => format!("{}. {heading}", n + 1),
    }
}

/// One row of a report table: its cells (plain text, `\n` for a line break) and the
/// item's state, which decides how the row stands out.
#[derive(Debug, Clone)]
pub struct Row {
    pub state: State,
    pub cells: Vec<String>,
}

/// A table with its header; `rows` may be empty (writers say "none").
#[derive(Debug, Clone)]
pub struct Table {
    pub header: Vec<&'static str>,
    pub rows: Vec<Row>,
}

/// A heading and the table under it.
#[derive(Debug, Clone)]
pub struct Section {
    pub heading: String,
    /// A line under the heading (the dates of next week), may be empty.
    pub note: String,
    pub table: Table,
}

/// The 周报 of one week, ready to lay out.
#[derive(Debug, Clone)]
pub struct Report {
    pub lang: Lang,
    pub title: String,
    pub org: Option<String>,
    /// `周报 2014-W25`.
    pub heading: String,
    /// `2014-06-16 周一 – 2014-06-22 周日`.
    pub dates: String,
    /// `今天：2014-06-20 周五`, with the owner when the report is one person's.
    pub meta: String,
    /// `合计：到期 4，完成 2（逾期完成 1），逾期未完成 3`.
    pub totals: String,
    /// Due this week, done this week, overdue and why, due next week.
    pub sections: Vec<Section>,
    /// The word for an empty table.
    pub none: &'static str,
}

/// Everything the report is made from; `commands::export` gathers it.
pub struct Input<'a> {
    pub plan: &'a Plan,
    pub today: NaiveDate,
    /// The week reported on, from `week::summarize`.
    pub week: &'a Week,
    /// The week after it, from `week::summarize`: its open items are "due next week".
    pub next: &'a Week,
    /// The ledger, for the notes that explain what is late.
    pub events: &'a [Event],
    pub owner: Option<&'a str>,
    pub lang: Lang,
}

const WEEKLY: Word = Word {
    zh: "工作周报",
    en: "Weekly report",
};
const ON_TIME: Word = Word {
    zh: "完成情况",
    en: "On time?",
};

#[must_use]
pub fn build(r: &Input) -> Report {
    let lang = r.lang;
    let plan = r.plan;
    let keep = |list: &[Status]| owned(plan, list, r.owner);
    let w = r.week;
    let due = keep(&w.due);
    let done = keep(&w.done);
    let overdue = keep(&w.overdue);
    let next: Vec<Status> = keep(&r.next.due)
        .into_iter()
        .filter(|s| s.state != State::Done)
        .collect();
    let t = Totals::of(&due, &done, overdue.len());
    let sep = colon(lang);
    let totals = match lang {
        Lang::Zh => format!(
            "{}{sep}{} {}，{} {}（{} {}），{} {}",
            labels::TOTAL.zh,
            labels::DUE_COUNT.zh,
            t.due,
            labels::DONE_COUNT.zh,
            t.done,
            labels::DONE_LATE.zh,
            t.done_late,
            labels::OVERDUE_COUNT.zh,
            t.overdue
        ),
        Lang::En => format!(
            "{}{sep}{} due, {} done ({} late), {} overdue",
            labels::TOTAL.en,
            t.due,
            t.done,
            t.done_late,
            t.overdue
        ),
    };
    let mut meta = format!(
        "{}{sep}{}",
        labels::TODAY.pick(lang),
        full_day(r.today, lang)
    );
    if let Some(o) = r.owner {
        let _ = write!(meta, " · {}{sep}{}", labels::OWNER.pick(lang), clean(o));
    }
    let item_rows = |list: &[Status],
                     fifth: &dyn Fn(&Status) -> String,
                     sixth: &dyn Fn(&Status) -> String|
     -> Vec<Row> {
        list.iter()
            .map(|s| {
                let mut cells = item_cells(plan, s, lang);
                cells.extend([short_day(s.due, plan.year), fifth(s), sixth(s)]);
                Row {
                    state: s.state,
                    cells,
                }
            })
            .collect()
    };
    let state = |s: &Status| labels::state(s.state, lang).to_string();
    let remark = |s: &Status| clean(&remark(plan, s, lang));
    let done_on = |s: &Status| {
        s.done_on
            .map(|d| short_day(d, plan.year))
            .unwrap_or_default()
    };
    let late_by = |s: &Status| labels::days(s.days_overdue().unwrap_or(0), lang);
    let why = |s: &Status| {
        let lines = notes(r.events, &plan.items[s.index].id, plan.year, lang);
        if lines.is_empty() {
            labels::NO_NOTES.pick(lang).to_string()
        } else {
            lines.join("\n")
        }
    };
    let header = |fifth: Word, sixth: Word| {
        vec![
            labels::ID.pick(lang),
            labels::ITEM.pick(lang),
            labels::OWNERS.pick(lang),
            labels::DUE.pick(lang),
            fifth.pick(lang),
            sixth.pick(lang),
        ]
    };
    let section =
        |heading: Word, note: String, header: Vec<&'static str>, rows: Vec<Row>| Section {
            heading: heading.pick(lang).to_string(),
            note,
            table: Table { header, rows },
        };
    let next_dates = format!(
        "{} – {}",
        full_day(r.next.from, lang),
        full_day(r.next.to, lang)
    );
    let sections = vec![
        section(
            labels::DUE_THIS_WEEK,
            String::new(),
            header(labels::STATE, labels::REMARK),
            item_rows(&due, &state, &remark),
        ),
        section(
            labels::DONE_THIS_WEEK,
            String::new(),
            header(labels::DONE_ON, ON_TIME),
            item_rows(&done, &done_on, &remark),
        ),
        section(
            labels::OVERDUE_AND_WHY,
            String::new(),
            header(labels::LATE_BY, labels::REASON),
            item_rows(&overdue, &late_by, &why),
        ),
        section(
            labels::DUE_NEXT_WEEK,
            next_dates,
            header(labels::STATE, labels::REMARK),
            item_rows(&next, &state, &remark),
        ),
    ];
    Report {
        lang,
        title: clean(&plan.title),
        org: plan.org.as_deref().map(clean),
        heading: format!("{} {}", WEEKLY.pick(lang), w.label),
        dates: format!("{} – {}", full_day(w.from, lang), full_day(w.to, lang)),
        meta,
        totals,
        sections,
        none: labels::NONE.pick(lang),
    }
}

/// The first cells of an item's row: id, title, owners.
fn item_cells(plan: &Plan, s: &Status, lang: Lang) -> Vec<String> {
    let item = &plan.items[s.index];
    vec![
        clean(&item.id),
        clean(&item.title),
        clean(&owners(&item.owners, lang)),
    ]
}

/// Every item (of the owner) with its state today: the status table of the HTML page.
#[must_use]
pub fn status_table(plan: &Plan, statuses: &[Status], owner: Option<&str>, lang: Lang) -> Table {
    let rows = statuses
        .iter()
        .filter(|s| owned_by(plan, s, owner))
        .map(|s| {
            let mut cells = item_cells(plan, s, lang);
            cells.extend([
                plan.items[s.index]
                    .start
                    .map(|d| short_day(d, plan.year))
                    .unwrap_or_default(),
                short_day(s.due, plan.year),
                labels::state(s.state, lang).to_string(),
                clean(&remark(plan, s, lang)),
            ]);
            Row {
                state: s.state,
                cells,
            }
        })
        .collect();
    Table {
        header: vec![
            labels::ID.pick(lang),
            labels::ITEM.pick(lang),
            labels::OWNERS.pick(lang),
            labels::START.pick(lang),
            labels::DUE.pick(lang),
            labels::STATE.pick(lang),
            labels::REMARK.pick(lang),
        ],
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_keeps_line_breaks_and_escapes_other_controls() {
        assert_eq!(clean(" a\r\nb\u{1b}[31m "), "a\nb\\u{1b}[31m");
        assert_eq!(clean("x\ty\u{202e}"), "x\\ty\\u{202e}");
        assert_eq!(clean("=1+1 中文"), "=1+1 中文");
    }
}
