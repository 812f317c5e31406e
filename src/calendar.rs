//! Working days on mainland China's official calendar.
//!
//! The official calendar (`data/cn-calendar.csv`, 2004–2026) is compiled into the binary as a
//! static table by `build.rs`, and turned once, lazily, into dates sorted for lookup. A working day is Monday–Friday, minus the
//! official days off, plus the weekend days worked in exchange (调休); a plan's own
//! `[calendar]` lists override both. Outside the years the data covers only weekends are known,
//! and [`Calendar::unknown_years`] tells callers so they can warn.

use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Which official calendar decides the days off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarKind {
    /// Mainland China: official days off and weekend workdays (调休), plus weekends.
    Cn,
    /// Weekends only.
    None,
}

/// Why a date is not a working day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayOff {
    /// An official day off (a weekday, or a weekend inside an official holiday period).
    Holiday { zh: &'static str, en: &'static str },
    /// An ordinary Saturday or Sunday.
    Weekend,
    /// A day off from the plan's own `[calendar]` holidays.
    Local,
}

/// One row of the embedded official calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfficialDay {
    pub date: NaiveDate,
    /// `true` for an official day off, `false` for a weekend day worked in exchange.
    pub holiday: bool,
    pub en: &'static str,
    pub zh: &'static str,
}

/// Consecutive days off with one reason, met by a working-day count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffRun {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub why: DayOff,
}

/// What a working-day count met besides plain weekends; see [`Calendar::counted`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counted {
    /// Official holidays and local days off skipped, in date order.
    pub skipped: Vec<OffRun>,
    /// Saturdays and Sundays counted because they are worked.
    pub worked_weekends: Vec<NaiveDate>,
}

/// The parsed embedded data.
struct Table {
    /// Every row, sorted by date, one row per date.
    days: Vec<OfficialDay>,
    /// The distinct years present, sorted.
    years: Vec<i32>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| build_table(CN_ROWS))
}

// The CSV's rows as a static table, generated at build time (build.rs).
include!(concat!(env!("OUT_DIR"), "/cn_calendar.rs"));

type Row = (i32, u32, u32, bool, &'static str, &'static str);

fn build_table(rows: &'static [Row]) -> Table {
    let mut days: Vec<OfficialDay> = rows
        .iter()
        .filter_map(|&(year, month, day, holiday, en, zh)| {
            let date = NaiveDate::from_ymd_opt(year, month, day);
            debug_assert!(
                date.is_some(),
                "embedded calendar: bad date {year}-{month}-{day}"
            );
            Some(OfficialDay {
                date: date?,
                holiday,
                en,
                zh,
            })
        })
        .collect();
    days.sort_by_key(|d| d.date);
    let before = days.len();
    days.dedup_by_key(|d| d.date);
    debug_assert_eq!(before, days.len(), "embedded calendar: duplicate dates");
    let mut years: Vec<i32> = days.iter().map(|d| d.date.year()).collect();
    years.dedup();
    Table { days, years }
}

/// Every row of the embedded CSV, parsed, sorted by date.
#[must_use]
pub fn official_days() -> &'static [OfficialDay] {
    &table().days
}

/// The official row for `d`, if any.
fn official(d: NaiveDate) -> Option<&'static OfficialDay> {
    let days = official_days();
    days.binary_search_by_key(&d, |o| o.date)
        .ok()
        .and_then(|i| days.get(i))
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Sorted, deduplicated copy of a date list.
fn sorted_set(dates: &[NaiveDate]) -> Vec<NaiveDate> {
    let mut v = dates.to_vec();
    v.sort_unstable();
    v.dedup();
    v
}

/// The `n`th Monday–Friday strictly after `from`, with no other exceptions; saturates at
/// [`NaiveDate::MAX`] when the result is not representable.
fn add_weekdays(from: NaiveDate, n: u32) -> NaiveDate {
    if n == 0 {
        return from;
    }
    // Index the target as the `t`th weekday counted from `monday` (Monday = 0).
    let w = u64::from(from.weekday().num_days_from_monday());
    let (monday, t) = if w >= 5 {
        // From a weekend the next Monday is the first weekday.
        (from.checked_add_days(Days::new(7 - w)), u64::from(n) - 1)
    } else {
        (from.checked_sub_days(Days::new(w)), w + u64::from(n))
    };
    monday
        .and_then(|m| m.checked_add_days(Days::new(t / 5 * 7 + t % 5)))
        .unwrap_or(NaiveDate::MAX)
}

/// The number of Monday–Fridays in `(from, to]`; 0 when `to <= from`.
fn weekdays_between(from: NaiveDate, to: NaiveDate) -> u64 {
    let days = u64::try_from(to.signed_duration_since(from).num_days()).unwrap_or(0);
    let w = u64::from(from.weekday().num_days_from_monday());
    let rest = (1..=days % 7).filter(|j| (w + j) % 7 < 5).count() as u64;
    days / 7 * 5 + rest
}

/// Decides working days: an official calendar plus a plan's local overrides.
#[derive(Debug, Clone)]
pub struct Calendar {
    kind: CalendarKind,
    /// Sorted, deduplicated.
    local_holidays: Vec<NaiveDate>,
    /// Sorted, deduplicated.
    local_workdays: Vec<NaiveDate>,
}

impl Calendar {
    #[must_use]
    pub fn new(
        kind: CalendarKind,
        local_holidays: &[NaiveDate],
        local_workdays: &[NaiveDate],
    ) -> Calendar {
        Calendar {
            kind,
            local_holidays: sorted_set(local_holidays),
            local_workdays: sorted_set(local_workdays),
        }
    }

    /// The first date after `d` that some list (official for `Cn`, or local) mentions; between
    /// `d` and it only weekends are off.
    fn next_listed(&self, d: NaiveDate) -> Option<NaiveDate> {
        let official = match self.kind {
            CalendarKind::Cn => {
                let days = official_days();
                days.get(days.partition_point(|o| o.date <= d))
                    .map(|o| o.date)
            }
            CalendarKind::None => None,
        };
        let next_in = |v: &[NaiveDate]| v.get(v.partition_point(|x| *x <= d)).copied();
        [
            official,
            next_in(&self.local_holidays),
            next_in(&self.local_workdays),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    fn official(&self, d: NaiveDate) -> Option<&'static OfficialDay> {
        match self.kind {
            CalendarKind::Cn => official(d),
            CalendarKind::None => None,
        }
    }

    /// Monday–Friday, minus official days off, plus official weekend workdays; local lists
    /// override the official ones (a local workday beats an official holiday; a local holiday
    /// beats everything else).
    #[must_use]
    pub fn is_workday(&self, d: NaiveDate) -> bool {
        self.day_off(d).is_none()
    }

    /// Why `d` is not a working day, or `None` when it is one. A weekday official holiday →
    /// `Holiday` with its name; a weekend inside an official holiday period (listed as holiday
    /// in the CSV) → `Holiday` too; a plain weekend → `Weekend`; a local holiday → `Local`.
    #[must_use]
    pub fn day_off(&self, d: NaiveDate) -> Option<DayOff> {
        if self.local_holidays.binary_search(&d).is_ok() {
            return Some(DayOff::Local);
        }
        if self.local_workdays.binary_search(&d).is_ok() {
            return None;
        }
        match self.official(d) {
            Some(o) if o.holiday => Some(DayOff::Holiday { zh: o.zh, en: o.en }),
            None if is_weekend(d) => Some(DayOff::Weekend),
            // An official weekend workday, or a plain weekday.
            Some(_) | None => None,
        }
    }

    /// The `n`th working day strictly after `from` (`n = 0` → `from` itself). E.g. 10 working
    /// days after 2014-09-26 (Fri) = 2014-10-15: 9-28 (Sun, workday) and 10-11 (Sat, workday)
    /// count, 10-01..10-07 国庆节 do not.
    ///
    /// Between listed dates (official rows for `Cn`, local lists) the count is Monday–Friday
    /// arithmetic, so the cost grows with the number of listed dates passed, never with `n`
    /// or the span: no input can make it loop long. A result past [`NaiveDate::MAX`]
    /// saturates there (and is then not necessarily a working day).
    #[must_use]
    pub fn add_workdays(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut d = from;
        let mut left = n;
        while left > 0 {
            let Some(next) = self.next_listed(d) else {
                return add_weekdays(d, left);
            };
            // `next > d`, so the day before it exists and is `>= d`.
            let Some(before) = next.pred_opt() else {
                return d;
            };
            let plain = weekdays_between(d, before);
            if u64::from(left) <= plain {
                return add_weekdays(d, left);
            }
            // `plain < left`, so it fits in a u32 and the subtraction does not underflow.
            left -= plain as u32;
            d = next;
            if self.is_workday(d) {
                left -= 1;
            }
        }
        d
    }

    /// Years in `from..=to` (by calendar year) whose official days off this calendar does not
    /// know: for `Cn`, years absent from the embedded data; for `None`, never (weekends are the
    /// whole rule). Empty when `from > to`.
    #[must_use]
    pub fn unknown_years(&self, from: NaiveDate, to: NaiveDate) -> Vec<i32> {
        match self.kind {
            CalendarKind::None => Vec::new(),
            // Within one year too: an empty span runs through no year.
            CalendarKind::Cn if from > to => Vec::new(),
            CalendarKind::Cn => {
                let known = &table().years;
                (from.year()..=to.year())
                    .filter(|y| known.binary_search(y).is_err())
                    .collect()
            }
        }
    }

    /// What a count over `(from, to]` met beyond plain weekends: the listed days off it
    /// skipped (official holidays, local days off), in runs of consecutive days with one
    /// reason, and the weekend days it counted because they are worked (调休, or local
    /// `workdays`). Only listed dates are visited, so the cost does not grow with the span.
    #[must_use]
    pub fn counted(&self, from: NaiveDate, to: NaiveDate) -> Counted {
        let within = |v: &[NaiveDate]| -> Vec<NaiveDate> {
            let lo = v.partition_point(|x| *x <= from);
            let hi = v.partition_point(|x| *x <= to);
            v.get(lo..hi).unwrap_or_default().to_vec()
        };
        let mut listed: Vec<NaiveDate> = match self.kind {
            CalendarKind::Cn => {
                let days = official_days();
                let lo = days.partition_point(|o| o.date <= from);
                let hi = days.partition_point(|o| o.date <= to);
                days.get(lo..hi)
                    .unwrap_or_default()
                    .iter()
                    .map(|o| o.date)
                    .collect()
            }
            CalendarKind::None => Vec::new(),
        };
        listed.extend(within(&self.local_holidays));
        listed.extend(within(&self.local_workdays));
        listed.sort_unstable();
        listed.dedup();
        let mut out = Counted::default();
        for d in listed {
            match self.day_off(d) {
                None if is_weekend(d) => out.worked_weekends.push(d),
                Some(why @ (DayOff::Holiday { .. } | DayOff::Local)) => {
                    match out.skipped.last_mut() {
                        Some(run) if run.why == why && run.last.succ_opt() == Some(d) => {
                            run.last = d;
                        }
                        _ => out.skipped.push(OffRun {
                            first: d,
                            last: d,
                            why,
                        }),
                    }
                }
                // A listed weekday worked as usual, or (never, as listed days are not plain
                // weekends) a weekend.
                None | Some(DayOff::Weekend) => {}
            }
        }
        out
    }

    /// First and last year of the embedded data.
    #[must_use]
    pub fn data_years() -> (i32, i32) {
        let years = &table().years;
        match (years.first(), years.last()) {
            (Some(&first), Some(&last)) => (first, last),
            // The embedded data is never empty (a unit test checks it); an empty table would
            // know no year at all, which an empty range says.
            _ => (0, -1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn cn() -> Calendar {
        Calendar::new(CalendarKind::Cn, &[], &[])
    }

    fn plain() -> Calendar {
        Calendar::new(CalendarKind::None, &[], &[])
    }

    /// Reference implementation: walk day by day.
    fn slow_add(cal: &Calendar, from: NaiveDate, n: u32) -> NaiveDate {
        let mut d = from;
        let mut left = n;
        while left > 0 {
            d = d.succ_opt().unwrap();
            if cal.is_workday(d) {
                left -= 1;
            }
        }
        d
    }

    #[test]
    fn national_day_2014() {
        // 9-28 Sun workday (1), 9-29 (2), 9-30 (3), 10-01..10-07 国庆节 off, 10-08 (4),
        // 10-09 (5), 10-10 (6), 10-11 Sat workday (7), 10-13 (8), 10-14 (9), 10-15 (10).
        assert_eq!(
            cn().add_workdays(date("2014-09-26"), 10),
            date("2014-10-15")
        );
        assert_eq!(cn().add_workdays(date("2014-09-26"), 1), date("2014-09-28"));
        assert_eq!(cn().add_workdays(date("2014-09-26"), 7), date("2014-10-11"));
        assert_eq!(cn().add_workdays(date("2014-09-26"), 0), date("2014-09-26"));
    }

    #[test]
    fn spring_festival_2015() {
        // CSV 2015: 2-15 Sun workday; 2-18..2-24 holiday; 2-28 Sat workday.
        // From 2-13 (Fri): 2-14 Sat off, 2-15 Sun workday (1), 2-16 Mon (2), 2-17 Tue (3),
        // 2-18..2-24 春节 off, 2-25 Wed (4), 2-26 Thu (5), 2-27 Fri (6), 2-28 Sat workday (7),
        // 3-01 Sun off, 3-02 Mon (8).
        let cal = cn();
        let from = date("2015-02-13");
        assert_eq!(cal.add_workdays(from, 5), date("2015-02-26"));
        assert_eq!(cal.add_workdays(from, 7), date("2015-02-28"));
        assert_eq!(cal.add_workdays(from, 8), date("2015-03-02"));
    }

    #[test]
    fn new_year_2015() {
        // No rows in 2014-12. CSV 2015: 1-01..1-03 元旦 holiday, 1-04 Sun workday.
        // From 2014-12-26 (Fri): 12-27/28 weekend, 12-29 (1), 12-30 (2), 12-31 (3),
        // 1-01..1-03 off, 1-04 Sun workday (4), 1-05 Mon (5), 1-06 (6).
        let cal = cn();
        let from = date("2014-12-26");
        assert_eq!(cal.add_workdays(from, 3), date("2014-12-31"));
        assert_eq!(cal.add_workdays(from, 4), date("2015-01-04"));
        assert_eq!(cal.add_workdays(from, 5), date("2015-01-05"));
        assert_eq!(cal.add_workdays(from, 6), date("2015-01-06"));
    }

    #[test]
    fn year_outside_data_counts_weekends_only() {
        let cal = cn();
        // 2030-09-27 is a Friday; 2030-10-01 is a Tuesday and counts like any weekday.
        assert_eq!(date("2030-09-27").weekday(), Weekday::Fri);
        assert_eq!(cal.add_workdays(date("2030-09-27"), 10), date("2030-10-11"));
        assert!(cal.is_workday(date("2030-10-01")));
        assert_eq!(cal.day_off(date("2030-10-05")), Some(DayOff::Weekend));
        assert_eq!(
            cal.unknown_years(date("2026-06-01"), date("2030-03-01")),
            vec![2027, 2028, 2029, 2030]
        );
        assert_eq!(
            cal.unknown_years(date("2030-01-01"), date("2030-12-31")),
            vec![2030]
        );
        assert_eq!(
            cal.unknown_years(date("2003-12-01"), date("2004-02-01")),
            vec![2003]
        );
        assert!(
            cal.unknown_years(date("2004-01-01"), date("2026-12-31"))
                .is_empty()
        );
        assert!(
            cal.unknown_years(date("2031-01-01"), date("2030-01-01"))
                .is_empty()
        );
        assert!(
            plain()
                .unknown_years(date("2030-01-01"), date("2040-01-01"))
                .is_empty()
        );
    }

    #[test]
    fn counted_names_what_a_count_met() {
        let c = cn().counted(date("2014-09-26"), date("2014-10-15"));
        assert_eq!(
            c.skipped,
            vec![OffRun {
                first: date("2014-10-01"),
                last: date("2014-10-07"),
                why: DayOff::Holiday {
                    zh: "国庆节",
                    en: "National Day"
                },
            }]
        );
        assert_eq!(
            c.worked_weekends,
            vec![date("2014-09-28"), date("2014-10-11")]
        );
        // The start is excluded, the end included.
        let c = cn().counted(date("2014-09-28"), date("2014-10-11"));
        assert_eq!(c.worked_weekends, vec![date("2014-10-11")]);
        // Across a year end: 元旦 2015, then its Sunday workday.
        let c = cn().counted(date("2014-12-26"), date("2015-01-05"));
        assert_eq!(c.skipped.len(), 1);
        assert_eq!(
            (c.skipped[0].first, c.skipped[0].last),
            (date("2015-01-01"), date("2015-01-03"))
        );
        assert_eq!(c.worked_weekends, vec![date("2015-01-04")]);
        // Local lists: a local day off is its own run; a local Saturday workday is counted;
        // a local workday inside 国庆节 splits the holiday's run.
        let cal = Calendar::new(
            CalendarKind::Cn,
            &[date("2014-10-13"), date("2014-10-14")],
            &[date("2014-10-04"), date("2014-10-18")],
        );
        let c = cal.counted(date("2014-09-26"), date("2014-10-20"));
        let runs: Vec<_> = c.skipped.iter().map(|r| (r.first, r.last)).collect();
        assert_eq!(
            runs,
            vec![
                (date("2014-10-01"), date("2014-10-03")),
                (date("2014-10-05"), date("2014-10-07")),
                (date("2014-10-13"), date("2014-10-14")),
            ]
        );
        assert_eq!(c.skipped[2].why, DayOff::Local);
        assert_eq!(
            c.worked_weekends,
            vec![
                date("2014-09-28"),
                date("2014-10-04"),
                date("2014-10-11"),
                date("2014-10-18")
            ]
        );
        // Calendar none knows no holidays; an empty or reversed span met nothing.
        assert_eq!(
            plain().counted(date("2014-09-26"), date("2014-10-15")),
            Counted::default()
        );
        assert_eq!(
            cn().counted(date("2014-10-15"), date("2014-09-26")),
            Counted::default()
        );
        assert!(
            cn().counted(NaiveDate::MIN, NaiveDate::MAX)
                .worked_weekends
                .len()
                > 100
        );
    }

    #[test]
    fn unknown_years_of_an_empty_span_within_a_year() {
        assert!(
            cn().unknown_years(date("2030-06-02"), date("2030-06-01"))
                .is_empty()
        );
    }

    #[test]
    fn data_years_and_every_row_parsed() {
        assert_eq!(Calendar::data_years(), (2004, 2026));
        assert_eq!(official_days().len(), CN_ROWS.len());
        // Every year in the range is present, so "unknown" means "outside the range".
        let (first, last) = Calendar::data_years();
        assert!(
            cn().unknown_years(date("2004-01-01"), date("2026-12-31"))
                .is_empty()
        );
        assert_eq!(table().years, (first..=last).collect::<Vec<_>>());
    }

    #[test]
    fn kind_none_is_weekends_only() {
        let cal = plain();
        assert!(cal.is_workday(date("2014-10-01")));
        assert!(!cal.is_workday(date("2014-09-28")));
        assert_eq!(cal.day_off(date("2014-09-28")), Some(DayOff::Weekend));
        assert_eq!(cal.day_off(date("2014-06-02")), None);
        // 9-29 .. 10-03 (5), 10-06 .. 10-10 (10).
        assert_eq!(cal.add_workdays(date("2014-09-26"), 10), date("2014-10-10"));
        for o in official_days() {
            assert_eq!(cal.is_workday(o.date), !is_weekend(o.date), "{}", o.date);
        }
    }

    #[test]
    fn local_overrides() {
        // Local workday beats an official holiday; local holiday beats an official workday
        // and a plain weekday; a date in both lists is a holiday.
        let cal = Calendar::new(
            CalendarKind::Cn,
            &[
                date("2014-09-28"),
                date("2014-09-29"),
                date("2014-10-03"),
                date("2030-01-02"),
            ],
            &[
                date("2014-10-02"),
                date("2014-10-03"),
                date("2014-10-12"),
                date("2030-01-05"),
            ],
        );
        assert_eq!(cal.day_off(date("2014-09-28")), Some(DayOff::Local));
        assert_eq!(cal.day_off(date("2014-09-29")), Some(DayOff::Local));
        assert_eq!(cal.day_off(date("2014-10-03")), Some(DayOff::Local));
        assert_eq!(cal.day_off(date("2014-10-02")), None);
        assert_eq!(cal.day_off(date("2014-10-12")), None);
        assert!(
            matches!(cal.day_off(date("2014-10-01")), Some(DayOff::Holiday { zh, .. }) if zh == "国庆节")
        );
        // From 9-26: 9-30 (1), 10-02 (2), 10-08 (3), 10-09 (4), 10-10 (5), 10-11 (6),
        // 10-12 Sun local workday (7), 10-13 (8).
        assert_eq!(cal.add_workdays(date("2014-09-26"), 8), date("2014-10-13"));
        // Local lists past the data: 2030-01-01 Tue (1), 01-02 local off, 01-03 (2),
        // 01-04 (3), 01-05 Sat local workday (4), 01-07 Mon (5).
        assert_eq!(cal.add_workdays(date("2029-12-31"), 5), date("2030-01-07"));
        // Against the plain walk across and past the lists.
        for n in 0..400 {
            let from = date("2014-09-01");
            assert_eq!(cal.add_workdays(from, n), slow_add(&cal, from, n), "n={n}");
        }
    }

    #[test]
    fn day_off_examples() {
        let cal = cn();
        assert_eq!(
            cal.day_off(date("2014-06-02")),
            Some(DayOff::Holiday {
                zh: "端午节",
                en: "Dragon Boat Festival"
            })
        );
        assert_eq!(date("2014-06-14").weekday(), Weekday::Sat);
        assert_eq!(cal.day_off(date("2014-06-14")), Some(DayOff::Weekend));
        assert_eq!(cal.day_off(date("2014-09-28")), None);
        // A weekend inside 国庆节 is listed as holiday, so named.
        assert_eq!(
            cal.day_off(date("2014-10-04")),
            Some(DayOff::Holiday {
                zh: "国庆节",
                en: "National Day"
            })
        );
    }

    #[test]
    fn embedded_table_matches_csv_on_disk() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/cn-calendar.csv");
        let text = std::fs::read_to_string(path).unwrap();
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some("date,kind,holiday_en,holiday_zh"));
        let rows: Vec<(NaiveDate, bool, String, String)> = lines
            .filter(|l| !l.is_empty())
            .map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                assert_eq!(f.len(), 4, "{l}");
                let holiday = match f[1] {
                    "holiday" => true,
                    "workday" => false,
                    k => panic!("bad kind {k} in {l}"),
                };
                (date(f[0]), holiday, f[2].to_owned(), f[3].to_owned())
            })
            .collect();
        let table = official_days();
        assert_eq!(rows.len(), table.len());
        let cal = cn();
        for (row, o) in rows.iter().zip(table) {
            assert_eq!(
                (row.0, row.1, row.2.as_str(), row.3.as_str()),
                (o.date, o.holiday, o.en, o.zh)
            );
            assert!(!o.en.is_empty() && !o.zh.is_empty());
            assert_eq!(cal.is_workday(row.0), !row.1, "{}", row.0);
            if row.1 {
                assert_eq!(
                    cal.day_off(row.0),
                    Some(DayOff::Holiday { zh: o.zh, en: o.en })
                );
            }
        }
    }

    #[test]
    fn fast_path_matches_walk() {
        let cal = cn();
        for from in [
            "2026-12-20",
            "2026-12-31",
            "2027-01-02",
            "2003-06-07",
            "2030-03-03",
        ] {
            let from = date(from);
            for n in 0..60 {
                assert_eq!(
                    cal.add_workdays(from, n),
                    slow_add(&cal, from, n),
                    "{from} n={n}"
                );
            }
        }
        let from = date("2004-01-01");
        assert_eq!(cal.add_workdays(from, 20_000), slow_add(&cal, from, 20_000));
    }

    #[test]
    fn absurd_inputs_do_not_hang_or_panic() {
        let cal = cn();
        assert_eq!(cal.add_workdays(NaiveDate::MAX, 5), NaiveDate::MAX);
        assert_eq!(
            cal.add_workdays(date("2020-01-01"), u32::MAX),
            NaiveDate::MAX
        );
        let _ = cal.add_workdays(NaiveDate::MIN, 100_000);
        let _ = cal.unknown_years(NaiveDate::MIN, NaiveDate::MAX);
        assert_eq!(cal.add_workdays(NaiveDate::MIN, u32::MAX), NaiveDate::MAX);
        // Every day for 3,000 years is a local holiday: the first working day follows them.
        let start = date("2000-01-01");
        let holidays: Vec<NaiveDate> = start.iter_days().take(1_100_000).collect();
        let last = holidays[holidays.len() - 1];
        let cal = Calendar::new(CalendarKind::Cn, &holidays, &[]);
        assert_eq!(cal.add_workdays(start, 1), add_weekdays(last, 1));
        assert_eq!(cal.add_workdays(start, 2), add_weekdays(last, 2));
        // Everything a workday for a while, then weekends again.
        let cal = Calendar::new(CalendarKind::None, &[], &holidays[..1000]);
        assert_eq!(cal.add_workdays(start, 999), holidays[999]);
        assert_eq!(
            cal.add_workdays(start, 100_000),
            slow_add(&cal, start, 100_000)
        );
    }

    #[test]
    fn weekdays_between_counts() {
        let from = date("2014-09-26");
        for k in 0..40u64 {
            let to = from.checked_add_days(Days::new(k)).unwrap();
            let slow = from
                .iter_days()
                .skip(1)
                .take(k as usize)
                .filter(|d| !is_weekend(*d))
                .count();
            assert_eq!(weekdays_between(from, to), slow as u64, "k={k}");
        }
        assert_eq!(weekdays_between(from, date("2014-01-01")), 0);
    }

    proptest! {
        #[test]
        // 1900-01-01 ..= 2199-12-31.
        fn add_workdays_properties(days in 0i64..109_573, n in 0u32..2000) {
            let from = date("1900-01-01") + chrono::Duration::days(days);
            let cal = cn();
            let a = cal.add_workdays(from, n);
            if n == 0 {
                prop_assert_eq!(a, from);
            } else {
                prop_assert!(cal.is_workday(a));
                prop_assert!(a > from);
                prop_assert!(cal.add_workdays(from, n - 1) < a);
            }
            prop_assert!(cal.add_workdays(from, n + 1) > a);
        }
    }
}
