//! `chunjiang week`: the weekly summary for the week holding a day.

use std::io::Write;

use anyhow::Result;
use chrono::Days;

use super::{Exit, Session, write_json};
use crate::plan::Lang;
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
    // The title, then the week on its own line: a Chinese week heading is long.
    let heading = crate::weeks::heading(&w.label, &o.full_day(w.from), &o.full_day(w.to), lang);
    writeln!(out, "{}", o.text(&plan.title))?;
    writeln!(out, "{}", o.text(&heading))?;
    let sections = [
        (SECTION_DUE, &w.due, false),
        (SECTION_DONE, &w.done, true),
        (SECTION_OVERDUE, &w.overdue, false),
    ];
    for (title, list, by_done) in sections {
        let count = labels::paren(&list.len().to_string(), lang);
        writeln!(out, "\n{}{count}", title.pick(lang))?;
        if !list.is_empty() {
            // By due, as `status` lists them; what was done, in the order it was done.
            let mut refs: Vec<_> = list.iter().collect();
            refs.sort_by_key(|st| (st.done_on.filter(|_| by_done), st.due, st.index));
            out.write_all(item::table_with_done(plan, &refs, o).as_bytes())?;
        }
    }
    writeln!(out, "\n{}", totals_line(w.totals, lang))?;
    Ok(Exit::Ok)
}

/// "合计：到期4，完成1（逾期完成0），逾期未完成4" / "Total: due 4, done 1 (done late 0),
/// overdue 4".
fn totals_line(t: week::Totals, lang: Lang) -> String {
    let late = format!(
        "{}{}",
        labels::DONE_LATE.pick(lang),
        space_num(t.done_late, lang)
    );
    let parts = [
        format!("{}{}", labels::DUE_COUNT.pick(lang), space_num(t.due, lang)),
        format!(
            "{}{}{}",
            labels::DONE_COUNT.pick(lang),
            space_num(t.done, lang),
            labels::paren(&late, lang)
        ),
        format!(
            "{}{}",
            labels::OVERDUE_COUNT.pick(lang),
            space_num(t.overdue, lang)
        ),
    ];
    let sep = match lang {
        Lang::Zh => "，",
        Lang::En => ", ",
    };
    format!(
        "{}{}{}",
        labels::TOTAL.pick(lang),
        labels::colon(lang),
        parts.join(sep)
    )
}

/// A count after a word: "到期4" in Chinese, "Due 4" in English.
fn space_num(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => n.to_string(),
        Lang::En => format!(" {n}"),
    }
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

/// The day a week argument names (`week DATE`, `export --week DATE`): an ISO week label,
/// `本周`/`上周`/`下周`, a teaching week (`第3周`, from the plan's `term_start`), or any
/// single-day date expression; today when absent.
pub(super) fn day_in(s: &Session, date: Option<&str>, flag: &str) -> Result<chrono::NaiveDate> {
    Ok(match date {
        Some(d) => match (
            crate::weeks::from_label(&crate::text::typed_id(d)),
            weeks_from_this(d),
        ) {
            (Some(monday), _) => monday,
            (None, Some(n)) => s.today + chrono::Duration::weeks(n),
            (None, None) => match s.teaching_weeks_arg(d, flag)? {
                Some(w) => w.start.unwrap_or(w.due),
                None => s.day_arg(d, flag)?,
            },
        },
        None => s.today,
    })
}

/// `本周`, `上周`, `下周` (and `this week`, `last week`, `next week`): how many weeks
/// from today's.
fn weeks_from_this(text: &str) -> Option<i64> {
    let t: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match t.to_lowercase().as_str() {
        "本周" | "这周" | "this week" => Some(0),
        "上周" | "last week" => Some(-1),
        "下周" | "next week" => Some(1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::weeks_from_this;

    #[test]
    fn this_last_and_next_week_in_words() {
        for (text, n) in [("本周", 0), ("上周", -1), (" 下周 ", 1), ("Last  Week", -1)] {
            assert_eq!(weeks_from_this(text), Some(n), "{text}");
        }
        assert_eq!(weeks_from_this("上上周"), None);
    }
}
