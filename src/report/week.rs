//! Weekly summaries: the table sent upward every week, and the per-week and per-owner
//! report. Pure: the ledger comes in as a [`History`], the day as a parameter.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::Out;
use super::labels;
use super::table::{Column, Mark, Wrap, render};
use crate::plan::Plan;
use crate::state::{Asked, History, State, Status, evaluate};
pub use crate::weeks::{bounds, label};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub due: usize,
    pub done: usize,
    pub done_late: usize,
    pub overdue: usize,
}

impl Totals {
    /// Counts of a week's lists; done late is done with `late_days` above zero.
    #[must_use]
    pub fn of(due: &[Status], done: &[Status], overdue: usize) -> Totals {
        Totals {
            due: due.len(),
            done: done.len(),
            done_late: done
                .iter()
                .filter(|s| s.late_days().unwrap_or(0) > 0)
                .count(),
            overdue,
        }
    }
}

/// One week judged on the ledger as it stood at the week's end (or today, if earlier).
#[derive(Debug, Clone)]
pub struct Week {
    pub label: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Due within the week.
    pub due: Vec<Status>,
    /// Done within the week.
    pub done: Vec<Status>,
    /// Not done and past due at the judging day.
    pub overdue: Vec<Status>,
    pub totals: Totals,
}

/// The days [`summarize`] judges the week starting `from` on: its end (or today, if
/// earlier), and today. Its history must be kept for them.
#[must_use]
pub fn summary_days(from: NaiveDate, today: NaiveDate) -> Asked {
    Asked::Two((from + Days::new(6)).min(today), today)
}

/// The week starting `from`, judged on the ledger as it stood at the week's end (or
/// today, if earlier), from a history kept for [`summary_days`].
#[must_use]
pub fn summarize(plan: &Plan, history: &History, from: NaiveDate, today: NaiveDate) -> Week {
    let to = from + Days::new(6);
    let judged = to.min(today);
    let statuses = evaluate(plan, &history.as_of(plan, judged), judged);
    let within = |d: NaiveDate| from <= d && d <= to;
    let pick = |f: &dyn Fn(&Status) -> bool| -> Vec<Status> {
        statuses.iter().filter(|s| f(s)).cloned().collect()
    };
    let due = pick(&|s| within(s.due));
    let done = pick(&|s| s.done_on.is_some_and(within));
    let overdue = pick(&|s| s.state == State::Overdue);
    let totals = Totals::of(&due, &done, overdue.len());
    Week {
        label: label(from),
        from,
        to,
        due,
        done,
        overdue,
        totals,
    }
}

/// One row of `report`: a week's totals, counted as `summarize` counts its lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekRow {
    pub label: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// `overdue` is 0 for a week that starts after today: see [`WeekRow::overdue`].
    pub totals: Totals,
    /// Whether the week starts after today.
    pub future: bool,
}

impl WeekRow {
    /// Not done and past due at the week's end (or today); `None` for a week that starts
    /// after today: not yet known (DESIGN §5).
    #[must_use]
    pub fn overdue(&self) -> Option<usize> {
        (!self.future).then_some(self.totals.overdue)
    }
}

/// The days [`weeks`] judges on: the end of every week before today, and today. Its
/// history must be kept for them.
#[must_use]
pub fn weeks_days(plan: &Plan, today: NaiveDate) -> Asked {
    Asked::WeekEnds {
        start: plan.week_start,
        today,
    }
}

/// The weeks from the plan's first date to its last, each judged as `summarize` does, in
/// one sweep over each item's spans of unchanged due and completion: a span counts in
/// the week holding its due and the week holding its done day (when it covers their
/// judging days), and, while not done, as overdue on every judging day after its due.
#[must_use]
pub fn weeks(plan: &Plan, history: &History, today: NaiveDate) -> Vec<WeekRow> {
    let now = evaluate(plan, &history.as_of(plan, today), today);
    let first = plan
        .items
        .iter()
        .zip(&now)
        .map(|(i, s)| i.start.unwrap_or(s.due).min(s.due))
        .min();
    let last = now.iter().map(|s| s.due).max();
    let (Some(first), Some(last)) = (first, last) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    let (mut from, _) = bounds(first, plan.week_start);
    while from <= last {
        let to = from + Days::new(6);
        rows.push(WeekRow {
            label: label(from),
            from,
            to,
            totals: Totals::default(),
            future: from > today,
        });
        from = from + Days::new(7);
    }
    // Each week is judged at its end, or today if that is earlier (as `summarize` does).
    let judged: Vec<NaiveDate> = rows.iter().map(|w| w.to.min(today)).collect();
    let (start, len) = (rows[0].from, rows.len());
    let week_of = |d: NaiveDate| {
        let n = (d - start).num_days();
        usize::try_from(n / 7).ok().filter(|&k| n >= 0 && k < len)
    };
    // Overdue counts as differences: +1 where a span starts being overdue, -1 after.
    let mut overdue = vec![0i64; rows.len() + 1];
    for span in history.spans(plan, &judged) {
        let covers = |k: &usize| span.days.contains(k);
        if let Some(k) = week_of(span.due).filter(covers) {
            rows[k].totals.due += 1;
        }
        if let Some(on) = span.done_on {
            if let Some(k) = week_of(on).filter(covers) {
                rows[k].totals.done += 1;
                // Late: `late_days` above zero.
                rows[k].totals.done_late += usize::from(on > span.due);
            }
        } else {
            let late = judged
                .partition_point(|&j| j <= span.due)
                .max(span.days.start);
            if late < span.days.end {
                overdue[late] += 1;
                overdue[span.days.end] -= 1;
            }
        }
    }
    let mut running = 0;
    for (row, step) in rows.iter_mut().zip(overdue) {
        running += step;
        if !row.future {
            row.totals.overdue = usize::try_from(running).unwrap_or(0);
        }
    }
    rows
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OwnerRow {
    pub owner: String,
    pub items: usize,
    pub done: usize,
    pub overdue: usize,
    pub due_soon: usize,
}

/// One row per owner, as of `today`: items owned, done, overdue, due soon (today included).
#[must_use]
pub fn owners(plan: &Plan, statuses: &[Status]) -> Vec<OwnerRow> {
    let names = plan.owners();
    let row: std::collections::HashMap<&str, usize> =
        names.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let mut rows: Vec<OwnerRow> = names
        .iter()
        .map(|name| OwnerRow {
            owner: (*name).to_string(),
            items: 0,
            done: 0,
            overdue: 0,
            due_soon: 0,
        })
        .collect();
    // One pass over the items; an owner named twice on one item counts it once.
    let mut counted: Vec<usize> = Vec::new();
    for s in statuses {
        counted.clear();
        for o in &plan.items[s.index].owners {
            let Some(&i) = row.get(o.as_str()) else {
                continue;
            };
            if counted.contains(&i) {
                continue;
            }
            counted.push(i);
            let r = &mut rows[i];
            r.items += 1;
            r.done += usize::from(s.state == State::Done);
            r.overdue += usize::from(s.state == State::Overdue);
            r.due_soon += usize::from(matches!(s.state, State::DueToday | State::DueSoon));
        }
    }
    rows
}

/// The per-week table of `report`: totals for each week, weeks with overdue items marked.
#[must_use]
pub fn weeks_table(weeks: &[WeekRow], out: &Out) -> String {
    let lang = out.lang;
    let columns = [
        Column::new(labels::WEEK.pick(lang), Wrap::Never),
        Column::day(labels::FROM.pick(lang)),
        Column::day(labels::TO.pick(lang)),
        Column::number(labels::DUE_COUNT.pick(lang)),
        Column::number(labels::DONE_COUNT.pick(lang)),
        Column::number(labels::DONE_LATE.pick(lang)),
        Column::number(labels::OVERDUE_COUNT.pick(lang)),
    ];
    let rows: Vec<(Mark, Vec<String>)> = weeks
        .iter()
        .map(|w| {
            let t = w.totals;
            let mark = if w.overdue().unwrap_or(0) > 0 {
                Mark::Alert
            } else {
                Mark::Plain
            };
            let cells = vec![
                crate::weeks::name(&w.label, out.lang),
                out.day(w.from),
                out.day(w.to),
                t.due.to_string(),
                t.done.to_string(),
                t.done_late.to_string(),
                // Not yet known for a week that starts after today.
                w.overdue()
                    .map_or_else(|| "-".to_owned(), |n| n.to_string()),
            ];
            (mark, cells)
        })
        .collect();
    render(&columns, &rows, out.style())
}

/// The per-owner table of `report`, owners with overdue items marked.
#[must_use]
pub fn owners_table(owners: &[OwnerRow], out: &Out) -> String {
    let lang = out.lang;
    let columns = [
        Column::new(labels::OWNER.pick(lang), Wrap::Names),
        Column::number(labels::ITEMS.pick(lang)),
        Column::number(labels::DONE_COUNT.pick(lang)),
        Column::number(labels::OVERDUE_COUNT.pick(lang)),
        Column::number(labels::DUE_SOON_COUNT.pick(lang)),
    ];
    let rows: Vec<(Mark, Vec<String>)> = owners
        .iter()
        .map(|r| {
            let mark = if r.overdue > 0 {
                Mark::Alert
            } else {
                Mark::Plain
            };
            let cells = vec![
                r.owner.clone(),
                r.items.to_string(),
                r.done.to_string(),
                r.overdue.to_string(),
                r.due_soon.to_string(),
            ];
            (mark, cells)
        })
        .collect();
    render(&columns, &rows, out.style())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::WeekStart;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weeks_across_a_year_end_follow_iso_numbering() {
        // (a day, week start, first day, last day, label)
        let cases = [
            (
                d(2014, 6, 20),
                WeekStart::Monday,
                d(2014, 6, 16),
                d(2014, 6, 22),
                "2014-W25",
            ),
            (
                d(2014, 12, 31),
                WeekStart::Monday,
                d(2014, 12, 29),
                d(2015, 1, 4),
                "2015-W01",
            ),
            (
                d(2015, 1, 4),
                WeekStart::Monday,
                d(2014, 12, 29),
                d(2015, 1, 4),
                "2015-W01",
            ),
            (
                d(2015, 12, 31),
                WeekStart::Monday,
                d(2015, 12, 28),
                d(2016, 1, 3),
                "2015-W53",
            ),
            (
                d(2021, 1, 1),
                WeekStart::Monday,
                d(2020, 12, 28),
                d(2021, 1, 3),
                "2020-W53",
            ),
            (
                d(2016, 2, 29),
                WeekStart::Monday,
                d(2016, 2, 29),
                d(2016, 3, 6),
                "2016-W09",
            ),
            // Sunday weeks: labelled by the ISO week of their Monday.
            (
                d(2014, 6, 20),
                WeekStart::Sunday,
                d(2014, 6, 15),
                d(2014, 6, 21),
                "2014-W25",
            ),
            (
                d(2015, 1, 1),
                WeekStart::Sunday,
                d(2014, 12, 28),
                d(2015, 1, 3),
                "2015-W01",
            ),
            (
                d(2014, 6, 15),
                WeekStart::Sunday,
                d(2014, 6, 15),
                d(2014, 6, 21),
                "2014-W25",
            ),
            (
                d(2016, 1, 2),
                WeekStart::Sunday,
                d(2015, 12, 27),
                d(2016, 1, 2),
                "2015-W53",
            ),
        ];
        for (day, start, from, to, want) in cases {
            assert_eq!(bounds(day, start), (from, to), "{day} {start:?}");
            assert_eq!(label(from), want, "{day} {start:?}");
        }
    }

    #[test]
    fn a_week_is_judged_at_its_end_or_today() {
        let plan = crate::plan::parse(include_str!("../../plan.toml"), "plan.toml", 2000).unwrap();
        let history = History::new(&plan, []);
        // On Wednesday 06-18 the week of 06-16 is judged as of today: 06-16's items are
        // overdue, 06-20's are not yet.
        let w = summarize(&plan, &history, d(2014, 6, 16), d(2014, 6, 18));
        let ids = |v: &[Status]| {
            v.iter()
                .map(|s| plan.items[s.index].id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&w.due), ["1", "1.1", "5.1", "6.1"]);
        assert!(ids(&w.overdue).contains(&"1".to_string()));
        assert!(!ids(&w.overdue).contains(&"5.1".to_string()));
        // Judged after its end, 5.1 and 6.1 are overdue too.
        let later = summarize(&plan, &history, d(2014, 6, 16), d(2014, 7, 1));
        assert!(ids(&later.overdue).contains(&"5.1".to_string()));
        assert_eq!(
            later.totals,
            Totals::of(&later.due, &later.done, later.overdue.len())
        );
    }

    #[test]
    fn report_rows_count_what_the_week_lists_hold() {
        use crate::state::Change;
        let plan = crate::plan::parse(include_str!("../../plan.toml"), "plan.toml", 2000).unwrap();
        let at = |n: i64| {
            let t = chrono::DateTime::parse_from_rfc3339("2014-06-16T09:30:00+08:00").unwrap();
            crate::ledger::Order::new(&(t + chrono::Duration::seconds(n)), "a")
        };
        let changes = [
            ("1", at(1), Change::Done(d(2014, 6, 16))),
            ("2", at(2), Change::Done(d(2014, 6, 25))),
            ("5.1", at(3), Change::Done(d(2014, 7, 2))),
            ("5", at(4), Change::Done(d(2014, 6, 18))),
            ("2", at(5), Change::Reopen(d(2014, 6, 28))),
        ];
        for today in [d(2014, 6, 18), d(2014, 7, 3), d(2014, 8, 30)] {
            let history = History::new(&plan, changes.clone());
            // Kept for the days `weeks` asks for, the history gives the same rows.
            let mut kept = History::for_days(&plan, weeks_days(&plan, today));
            for (id, order, change) in changes.clone() {
                kept.record(plan.find(id).unwrap(), order, change);
            }
            let rows = weeks(&plan, &history, today);
            assert_eq!(weeks(&plan, &kept, today), rows);
            assert!(rows.len() > 3);
            for row in rows {
                let w = summarize(&plan, &history, row.from, today);
                let mut want = w.totals;
                if row.from > today {
                    want.overdue = 0;
                }
                assert_eq!(
                    row.overdue(),
                    (row.from <= today).then_some(w.totals.overdue)
                );
                assert_eq!((row.label, row.to, row.totals), (w.label, w.to, want));
            }
        }
    }
}
