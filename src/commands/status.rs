//! `chunjiang status`: what is overdue, due today and due soon, and whose it is.

use std::io::Write;

use anyhow::Result;

use super::{Exit, Session, write_json};
use crate::report::{item, labels};
use crate::state::{State, Status};

pub fn run(s: &Session, owner: Option<&str>, all: bool, out: &mut dyn Write) -> Result<Exit> {
    let statuses = s.statuses(&s.history(crate::state::Asked::Latest)?);
    let owner = s.owner(owner)?;
    let shown = select(&s.plan, &statuses, owner, all);
    s.warn_unknown_years(shown.iter().copied());
    if s.json {
        let json = super::ItemsJson {
            today: s.today,
            items: shown.iter().map(|st| item::json(&s.plan, st)).collect(),
        };
        return write_json(out, &json).map(|()| Exit::Ok);
    }
    let lang = s.out.lang;
    let heading = format!("{} · {}", s.plan.title, s.out.full_day(s.today));
    writeln!(out, "{}", s.out.text(&heading))?;
    if !shown.is_empty() {
        out.write_all(item::table(&s.plan, &shown, &s.out).as_bytes())?;
    }
    match shown.iter().filter(|st| st.state == State::Overdue).count() {
        0 => writeln!(out, "{}", labels::NOTHING_OVERDUE.pick(lang))?,
        n => writeln!(out, "{}", labels::overdue_count(n, lang))?,
    }
    if shown.is_empty() {
        writeln!(out, "{}", labels::NOTHING_DUE.pick(lang))?;
    }
    if let Some(first) = not_started(&s.plan, &statuses, s.today, owner) {
        let item = &s.plan.items[first.index];
        let start = item.start.unwrap_or(first.due).min(first.due);
        let line = labels::not_started(
            &format!("{} {}", item.id, item.title),
            &s.out.day(start),
            item.start.is_some(),
            (start - s.today).num_days(),
            lang,
        );
        writeln!(out, "{}", s.out.text(&line))?;
    }
    Ok(Exit::Ok)
}

/// Before the plan starts (nothing done, every item starting or due after today): the
/// item that starts first — of `owner`'s when given and there are any.
fn not_started<'a>(
    plan: &crate::plan::Plan,
    statuses: &'a [Status],
    today: chrono::NaiveDate,
    owner: Option<&str>,
) -> Option<&'a Status> {
    let first = |st: &Status| plan.items[st.index].start.unwrap_or(st.due).min(st.due);
    if statuses
        .iter()
        .any(|st| st.done_on.is_some() || first(st) <= today)
    {
        return None;
    }
    let earliest = |owned: bool| {
        statuses
            .iter()
            .filter(|st| !owned || plan.items[st.index].owned_by(owner))
            .min_by_key(|st| (first(st), st.index))
    };
    earliest(true).or_else(|| earliest(false))
}

/// Overdue first (most overdue first), then due today, then due soon (soonest first);
/// with `all`, the active, upcoming and done items after them. Ties keep plan order.
pub fn select<'a>(
    plan: &crate::plan::Plan,
    statuses: &'a [Status],
    owner: Option<&str>,
    all: bool,
) -> Vec<&'a Status> {
    let mut shown: Vec<&Status> = statuses
        .iter()
        .filter(|st| all || matches!(st.state, State::Overdue | State::DueToday | State::DueSoon))
        .filter(|st| plan.items[st.index].owned_by(owner))
        .collect();
    shown.sort_by_key(|st| match st.state {
        State::Overdue => (st.state, -st.days_overdue().unwrap_or(0), st.due, st.index),
        State::Done => (st.state, 0, st.done_on.unwrap_or(st.due), st.index),
        _ => (st.state, 0, st.due, st.index),
    });
    shown
}
