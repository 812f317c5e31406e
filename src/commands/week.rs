//! `chunjiang week`: the weekly summary for the week holding a day.

use std::io::Write;

use anyhow::Result;
use chrono::Days;

use super::{Exit, Session, write_json};
use crate::report::{item, labels, week};

/// `week --json` (DESIGN §5).
#[derive(serde::Serialize)]
struct Json<'a> {
    week: &'a str,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    today: chrono::NaiveDate,
    due: Vec<item::ItemJson<'a>>,
    done: Vec<item::ItemJson<'a>>,
    overdue: Vec<item::ItemJson<'a>>,
    totals: week::Totals,
}

pub fn run(
    s: &Session,
    date: Option<&str>,
    next: bool,
    last: bool,
    out: &mut dyn Write,
) -> Result<Exit> {
    let mut day = day_in(s, date, "week")?;
    if next {
        day = day + Days::new(7);
    }
    if last {
        day = day - Days::new(7);
    }
    let (from, _) = crate::weeks::bounds(day, s.plan.week_start);
    let history = s.history(week::summary_days(from, s.today))?;
    let w = week::summarize(&s.plan, &history, from, s.today);
    s.warn_unknown_years(w.due.iter().chain(&w.done).chain(&w.overdue));
    let plan = &s.plan;
    if s.json {
        let items = |v: &[crate::state::Status]| {
            v.iter().map(|st| item::json(plan, st)).collect::<Vec<_>>()
        };
        let json = Json {
            week: &w.label,
            from: w.from,
            to: w.to,
            today: s.today,
            due: items(&w.due),
            done: items(&w.done),
            overdue: items(&w.overdue),
            totals: w.totals,
        };
        return write_json(out, &json).map(|()| Exit::Ok);
    }
    let o = &s.out;
    let lang = o.lang;
    let heading = format!(
        "{} · {} ({} – {})",
        plan.title,
        w.label,
        o.full_day(w.from),
        o.full_day(w.to)
    );
    writeln!(out, "{}", o.text(&heading))?;
    let sections = [
        (SECTION_DUE, &w.due),
        (SECTION_DONE, &w.done),
        (SECTION_OVERDUE, &w.overdue),
    ];
    for (title, list) in sections {
        writeln!(out, "\n{} ({})", title.pick(lang), list.len())?;
        if !list.is_empty() {
            let refs: Vec<_> = list.iter().collect();
            out.write_all(item::table(plan, &refs, o).as_bytes())?;
        }
    }
    let t = w.totals;
    writeln!(
        out,
        "\n{}: {} {}, {} {} ({} {}), {} {}",
        labels::TOTAL.pick(lang),
        labels::DUE_COUNT.pick(lang),
        t.due,
        labels::DONE_COUNT.pick(lang),
        t.done,
        labels::DONE_LATE.pick(lang),
        t.done_late,
        labels::OVERDUE_COUNT.pick(lang),
        t.overdue
    )?;
    Ok(Exit::Ok)
}

const SECTION_DUE: labels::Word = labels::Word {
    zh: "本周到期",
    en: "Due this week",
};
const SECTION_DONE: labels::Word = labels::Word {
    zh: "本周完成",
    en: "Done this week",
};
const SECTION_OVERDUE: labels::Word = labels::Word {
    zh: "逾期未完成",
    en: "Overdue at the week's end",
};

/// The day a week argument names (`week DATE`, `export --week DATE`): an ISO week label
/// or any single-day date expression; today when absent.
pub(super) fn day_in(s: &Session, date: Option<&str>, flag: &str) -> Result<chrono::NaiveDate> {
    Ok(match date {
        Some(d) => match crate::weeks::from_label(d) {
            Some(monday) => monday,
            None => s.day_arg(d, flag)?,
        },
        None => s.today,
    })
}
