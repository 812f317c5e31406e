//! Week arithmetic, in one place: the week that holds a day (weeks start on the plan's
//! `week_start`), its last day, its label, and the week a label names. Pure.

use chrono::{Datelike as _, Days, NaiveDate, Weekday};

use crate::plan::WeekStart;

/// How many days `d` is into its week.
fn into_week(d: NaiveDate, start: WeekStart) -> u32 {
    match start {
        WeekStart::Monday => d.weekday().num_days_from_monday(),
        WeekStart::Sunday => d.weekday().num_days_from_sunday(),
    }
}

/// The first and last day of the week holding `d`.
#[must_use]
pub fn bounds(d: NaiveDate, start: WeekStart) -> (NaiveDate, NaiveDate) {
    let from = d
        .checked_sub_days(Days::new(u64::from(into_week(d, start))))
        .unwrap_or(NaiveDate::MIN);
    (
        from,
        from.checked_add_days(Days::new(6))
            .unwrap_or(NaiveDate::MAX),
    )
}

/// The last day of the week holding the day numbered `day` (`num_days_from_ce`), as
/// such a number: [`bounds`]'s end in integer arithmetic, for counting keys per event
/// (`state::Asked::key`), where chrono's date arithmetic showed in the profile.
#[must_use]
pub fn last_day_number(day: i32, start: WeekStart) -> i32 {
    // Day 1 (0001-01-01) is a Monday.
    let into = match start {
        WeekStart::Monday => (day - 1).rem_euclid(7),
        WeekStart::Sunday => day.rem_euclid(7),
    };
    day - into + 6
}

/// A week's label as people read it: `2014-W26` in English, `2014年第26周` in Chinese (no
/// Latin letter in a Chinese view); any other label is kept as it is.
#[must_use]
pub fn name(label: &str, lang: crate::plan::Lang) -> String {
    match (lang, label.split_once("-W")) {
        (crate::plan::Lang::Zh, Some((year, week))) if week.parse::<u32>().is_ok() => {
            format!("{year}年第{}周", week.trim_start_matches('0'))
        }
        _ => label.to_string(),
    }
}

/// A week as a heading names it: `2014-W26 (FROM – TO)`, or in Chinese
/// `2014年第26周（FROM至TO）`, the two days already written as the view writes days.
#[must_use]
pub fn heading(label: &str, from: &str, to: &str, lang: crate::plan::Lang) -> String {
    match lang {
        crate::plan::Lang::Zh => format!("{}（{from}至{to}）", name(label, lang)),
        crate::plan::Lang::En => format!("{label} ({from} – {to})"),
    }
}

/// Whether `d` is the last day of its week.
#[must_use]
pub fn is_last_day(d: NaiveDate, start: WeekStart) -> bool {
    let last = match start {
        WeekStart::Monday => Weekday::Sun,
        WeekStart::Sunday => Weekday::Sat,
    };
    d.weekday() == last
}

/// `2014-W25`: the ISO week of the week's Monday (for Sunday-start weeks, the Monday
/// after the Sunday they start on).
#[must_use]
pub fn label(from: NaiveDate) -> String {
    let to_monday = (7 - from.weekday().num_days_from_monday()) % 7;
    let monday = from
        .checked_add_days(Days::new(u64::from(to_monday)))
        .unwrap_or(from);
    let w = monday.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// The Monday of an ISO week label such as `2014-W26` (the form `week --json` prints).
#[must_use]
pub fn from_label(text: &str) -> Option<NaiveDate> {
    let (year, week) = text
        .trim()
        .split_once("-W")
        .or_else(|| text.trim().split_once("-w"))?;
    NaiveDate::from_isoywd_opt(year.parse().ok()?, week.parse().ok()?, Weekday::Mon)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn last_day_number_is_bounds_end_for_every_day_and_week_start() {
        let mut day = d(1899, 12, 1);
        while day < d(2201, 2, 1) {
            for start in [WeekStart::Monday, WeekStart::Sunday] {
                assert_eq!(
                    last_day_number(day.num_days_from_ce(), start),
                    bounds(day, start).1.num_days_from_ce(),
                    "{day} {start:?}"
                );
            }
            day = day.succ_opt().unwrap();
        }
    }

    #[test]
    fn iso_week_labels_name_their_monday() {
        assert_eq!(from_label("2014-W26"), Some(d(2014, 6, 23)));
        assert_eq!(from_label("2015-W01"), Some(d(2014, 12, 29)));
        assert_eq!(from_label("2015-W53"), Some(d(2015, 12, 28)));
        assert_eq!(from_label("2014-W54"), None);
        assert_eq!(from_label("2014-06-23"), None);
        for day in [d(2014, 6, 23), d(2014, 12, 29), d(2015, 12, 28)] {
            assert_eq!(from_label(&label(day)), Some(day));
        }
    }

    #[test]
    fn a_week_ends_on_its_last_day() {
        for start in [WeekStart::Monday, WeekStart::Sunday] {
            for n in 0..14 {
                let day = d(2014, 6, 1) + Days::new(n);
                let (from, to) = bounds(day, start);
                assert!(from <= day && day <= to && (to - from).num_days() == 6);
                assert!(is_last_day(to, start) && !is_last_day(from, start));
                assert_eq!(is_last_day(day, start), day == to);
            }
        }
    }
}
