//! The Markdown report a coordinator sends upward: this week's summary, what is overdue
//! and why (the notes in the ledger), what is due next week, and in an appendix the whole
//! plan, one row per item with the columns that define it ([`item::PLAN_KEYS`], dates as
//! ISO days), which `import` reads back as the same plan. Tables are GitHub-flavoured:
//! a header row, a separator row, `|` in text escaped, line breaks as `<br>`.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::owned;
use super::weekly::{colon, full_day, short_day};
use crate::ledger::{Event, EventKind};
use crate::plan::{Lang, Plan};
use crate::report::events::kind_word;
use crate::report::item::{self, COLUMNS, defines_plan, owners, remark};
use crate::report::labels::{self, Word};
use crate::report::week::{Totals, Week, label};
use crate::state::{State, Status};

/// Everything the report is made from; `commands::export` gathers it.
pub struct Input<'a> {
    pub plan: &'a Plan,
    pub today: NaiveDate,
    /// Every item's status today.
    pub statuses: &'a [Status],
    /// The week holding today, from `week::summarize`.
    pub week: &'a Week,
    /// The first and last day of next week.
    pub next_week: (NaiveDate, NaiveDate),
    /// The ledger, for the notes that explain what is late.
    pub events: &'a [Event],
    pub owner: Option<&'a str>,
    pub lang: Lang,
}

#[must_use]
pub fn render(r: &Input) -> String {
    let lang = r.lang;
    let plan = r.plan;
    let keep = |list: &[Status]| owned(plan, list, r.owner);
    let sep = colon(lang);
    let mut out = format!("# {}\n\n", inline(&plan.title));
    let mut meta = Vec::new();
    if let Some(org) = &plan.org {
        meta.push(inline(org));
    }
    meta.push(format!(
        "{}{sep}{}",
        labels::TODAY.pick(lang),
        full_day(r.today, lang)
    ));
    if let Some(o) = r.owner {
        meta.push(format!("{}{sep}{}", labels::OWNER.pick(lang), inline(o)));
    }
    let _ = writeln!(out, "{}\n", meta.join(" · "));

    // This week.
    let w = r.week;
    let due = keep(&w.due);
    let done = keep(&w.done);
    let overdue: Vec<Status> = keep(r.statuses)
        .into_iter()
        .filter(|s| s.state == State::Overdue)
        .collect();
    let totals = Totals::of(&due, &done, keep(&w.overdue).len());
    let _ = writeln!(
        out,
        "## {} {}\n",
        labels::THIS_WEEK.pick(lang),
        span(&w.label, w.from, w.to, lang)
    );
    table(
        &mut out,
        &[
            labels::DUE_COUNT,
            labels::DONE_COUNT,
            labels::DONE_LATE,
            labels::OVERDUE_COUNT,
        ],
        &[vec![
            totals.due.to_string(),
            totals.done.to_string(),
            totals.done_late.to_string(),
            totals.overdue.to_string(),
        ]],
        lang,
    );
    let _ = writeln!(out, "### {}\n", labels::DUE_THIS_WEEK.pick(lang));
    items(&mut out, r, &due, false);
    let _ = writeln!(out, "### {}\n", labels::DONE_THIS_WEEK.pick(lang));
    items(&mut out, r, &done, true);

    // Overdue, and why.
    let _ = writeln!(out, "## {}\n", labels::OVERDUE_AND_WHY.pick(lang));
    let rows: Vec<Vec<String>> = overdue
        .iter()
        .map(|s| {
            let item = &plan.items[s.index];
            vec![
                item.id.clone(),
                item.title.clone(),
                owners(&item.owners, lang),
                short_day(s.due, plan.year),
                labels::days(s.days_overdue().unwrap_or(0), lang),
                notes(r, &item.id),
            ]
        })
        .collect();
    table(
        &mut out,
        &[
            labels::ID,
            labels::ITEM,
            labels::OWNERS,
            labels::DUE,
            labels::LATE_BY,
            labels::REASON,
        ],
        &rows,
        lang,
    );

    // Next week.
    let (from, to) = r.next_week;
    let next: Vec<Status> = keep(r.statuses)
        .into_iter()
        .filter(|s| s.state != State::Done && from <= s.due && s.due <= to)
        .collect();
    let _ = writeln!(
        out,
        "## {} {}\n",
        labels::DUE_NEXT_WEEK.pick(lang),
        span(&label(from), from, to, lang)
    );
    items(&mut out, r, &next, false);

    // The whole plan (the owner's part with `--owner`), so `import` can read it back.
    let _ = writeln!(out, "## {}\n", labels::APPENDIX_ALL.pick(lang));
    let header: Vec<Word> = COLUMNS
        .iter()
        .filter(|c| defines_plan(c))
        .map(|c| c.header)
        .collect();
    let rows: Vec<Vec<String>> = keep(r.statuses)
        .iter()
        .map(|s| {
            let j = item::json(plan, s);
            COLUMNS
                .iter()
                .zip(j.values())
                .filter(|(c, _)| defines_plan(c))
                .map(|(_, v)| v.cell(lang))
                .collect()
        })
        .collect();
    table(&mut out, &header, &rows, lang);
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The table of items: id, title, owners, due, then state (or the day done) and a remark.
fn items(out: &mut String, r: &Input, list: &[Status], done: bool) {
    let lang = r.lang;
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|s| {
            let item = &r.plan.items[s.index];
            let fifth = match (done, s.done_on) {
                (true, Some(d)) => short_day(d, r.plan.year),
                _ => labels::state(s.state, lang).to_string(),
            };
            vec![
                item.id.clone(),
                item.title.clone(),
                owners(&item.owners, lang),
                short_day(s.due, r.plan.year),
                fifth,
                remark(r.plan, s, lang),
            ]
        })
        .collect();
    let fifth = if done { labels::DONE_ON } else { labels::STATE };
    table(
        out,
        &[
            labels::ID,
            labels::ITEM,
            labels::OWNERS,
            labels::DUE,
            fifth,
            labels::REMARK,
        ],
        &rows,
        lang,
    );
}

/// What the ledger says about an item: its notes, and the notes given with done/reopen,
/// one a line, oldest first.
fn notes(r: &Input, id: &str) -> String {
    let lang = r.lang;
    let lines: Vec<String> = r
        .events
        .iter()
        .filter(|e| e.step == id)
        .filter_map(|e| {
            let note = e.note.as_deref()?;
            let day = e.on.unwrap_or_else(|| e.at.date_naive());
            let mut head = short_day(day, r.plan.year);
            if e.event != EventKind::Note {
                let _ = write!(head, " {}", kind_word(&e.event, lang));
            }
            if let Some(by) = &e.by {
                let _ = write!(head, " {by}");
            }
            Some(format!("{head}{}{note}", colon(lang)))
        })
        .collect();
    if lines.is_empty() {
        labels::NO_NOTES.pick(lang).to_string()
    } else {
        lines.join("\n")
    }
}

/// A table with a header and separator row; "none" as a paragraph when there are no rows.
fn table(out: &mut String, header: &[Word], rows: &[Vec<String>], lang: Lang) {
    if rows.is_empty() {
        let _ = writeln!(out, "{}\n", labels::NONE.pick(lang));
        return;
    }
    let cells = |v: Vec<String>| format!("| {} |\n", v.join(" | "));
    out.push_str(&cells(header.iter().map(|w| cell(w.pick(lang))).collect()));
    out.push_str(&cells(header.iter().map(|_| "---".to_string()).collect()));
    for row in rows {
        out.push_str(&cells(row.iter().map(|c| cell(c)).collect()));
    }
    out.push('\n');
}

/// Text for a table cell: Markdown's special characters escaped so the text shows as
/// written (`|` would end the cell), line breaks as `<br>`.
#[must_use]
pub fn cell(text: &str) -> String {
    escape(text, "<br>")
}

/// Text outside a table, on one line.
fn inline(text: &str) -> String {
    escape(text, " ")
}

fn escape(text: &str, newline: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let text = text.replace("\r\n", "\n");
    for c in text.trim().chars() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '~' | '&' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str(newline),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A week as a heading names it: `2014-W26 (2014-06-23 Mon – 2014-06-29 Sun)`, or in
/// Chinese `2014年第26周（2014-06-23 周一至2014-06-29 周日）`: no Latin letter in a Chinese
/// report.
fn span(label: &str, from: NaiveDate, to: NaiveDate, lang: Lang) -> String {
    crate::weeks::heading(label, &full_day(from, lang), &full_day(to, lang), lang)
}

#[cfg(test)]
mod tests {
    use super::{cell, span};
    use crate::plan::Lang;

    #[test]
    fn a_chinese_week_heading_has_no_latin_letter() {
        let d = |m, day| chrono::NaiveDate::from_ymd_opt(2014, m, day).unwrap();
        assert_eq!(
            span("2014-W26", d(6, 23), d(6, 29), Lang::Zh),
            "2014年第26周（2014-06-23 周一至2014-06-29 周日）"
        );
        assert_eq!(crate::weeks::name("2015-W01", Lang::Zh), "2015年第1周");
        assert_eq!(
            span("2014-W26", d(6, 23), d(6, 29), Lang::En),
            "2014-W26 (2014-06-23 Mon – 2014-06-29 Sun)"
        );
    }

    #[test]
    fn cells_escape_pipes_and_markup_and_break_lines() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("*x* `y`"), "\\*x\\* \\`y\\`");
        assert_eq!(cell("one\ntwo\r\nthree"), "one<br>two<br>three");
        assert_eq!(cell("a\\|b"), "a\\\\\\|b");
    }
}
