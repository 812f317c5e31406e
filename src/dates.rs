//! Date expressions as Chinese schedules write them (`6月16日`, `7月上旬至7月中旬`, `7.1前夕`).
//! Pure: never reads the clock; the default year is a parameter.
//!
//! Every expression resolves to a [`Window`]: its first day (`start`, absent for a deadline
//! such as `6月20日前`) and its last day (`due`). A single day is a window of one day.
//!
//! Parsing happens in three steps:
//! 1. [`normalise`]: drop white space anywhere (tables copied from documents break lines
//!    mid-expression) and fold full-width digits and punctuation to ASCII;
//! 2. split off the shape of the whole expression: a range (`…至…`) or a deadline (`…前`);
//! 3. parse each side into a [`Part`] (year and month if written, plus what the rest names)
//!    and resolve it against the default year, or against the left side of a range.

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// The days an expression covers: `start ..= due`. A deadline has no `start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: Option<NaiveDate>,
    pub due: NaiveDate,
}

/// Why an expression was refused. The message quotes the offending text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub message: String,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DateError {}

/// One line listing the accepted forms, used as a `hint:` by callers.
pub const ACCEPTED: &str = "a day (2014-06-16, 6月16日, 7.1), a month (6月, 2014-06), 上旬/中旬/下旬, 月初/月底, 前夕, a deadline (6月20日前) or a range (6月6日至14日)";

/// Years that may be written explicitly (`2014年`, `2014-06`).
const WRITTEN_YEARS: std::ops::RangeInclusive<u32> = 1000..=9999;

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Parses any accepted expression (see [`ACCEPTED`]) into the window it denotes.
/// Dates without a year fall in `year`.
pub fn parse_window(text: &str, year: i32) -> Result<Window, DateError> {
    let norm = normalise(text);
    if norm.is_empty() {
        return Err(DateError {
            message: "empty date expression".to_owned(),
        });
    }
    if let Some((left, right)) = split_range(&norm) {
        return parse_range(&norm, left, right, year);
    }
    if let Some(inner) = strip_deadline(&norm) {
        if inner.is_empty() {
            return Err(err(&norm, "the deadline has no date before 前"));
        }
        if strip_deadline(inner).is_some() {
            return Err(err(&norm, "a deadline cannot contain another deadline"));
        }
        let part = parse_side(inner)?;
        let (_, due) = resolve_alone(&part, year, inner)?;
        return Ok(Window { start: None, due });
    }
    let part = parse_side(&norm)?;
    let (start, due) = resolve_alone(&part, year, &norm)?;
    Ok(Window {
        start: Some(start),
        due,
    })
}

/// Only expressions that denote exactly one day (ISO day, Chinese day, M.D, eve,
/// 6月底/6月末); anything else is an error saying a single day is needed.
pub fn parse_day(text: &str, year: i32) -> Result<NaiveDate, DateError> {
    let norm = normalise(text);
    if norm.is_empty() {
        return Err(DateError {
            message: "empty date expression; a single day is needed".to_owned(),
        });
    }
    if split_range(&norm).is_some() {
        return Err(err(&norm, "a single day is needed, not a range"));
    }
    if strip_deadline(&norm).is_some() {
        return Err(err(&norm, "a single day is needed, not a deadline"));
    }
    let part = parse_side(&norm)?;
    let (_, due) = resolve_alone(&part, year, &norm)?;
    if !part.kind.is_single_day() {
        return Err(err(
            &norm,
            format_args!("a single day is needed, not {}", part.kind.describe()),
        ));
    }
    Ok(due)
}

/// `2014-06-16` → "6月16日" (used by displays)
#[must_use]
pub fn zh_day(d: NaiveDate) -> String {
    format!("{}月{}日", d.month(), d.day())
}

/// One side of an expression, as written: the year and month if present, and what the
/// rest names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Part {
    year: Option<i32>,
    month: Option<u32>,
    kind: Kind,
    /// `前夕`: the day before.
    eve: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A day of the month, not yet checked against the month's length.
    Day(u32),
    /// The whole month.
    Month,
    /// 上旬 (1), 中旬 (2), 下旬 (3).
    Dekad(u8),
    /// 月初: the first ten days.
    MonthStart,
    /// 月底, 月末: the last day.
    MonthEnd,
}

impl Kind {
    fn is_single_day(self) -> bool {
        matches!(self, Kind::Day(_) | Kind::MonthEnd)
    }

    fn describe(self) -> &'static str {
        match self {
            Kind::Day(_) => "a day",
            Kind::Month => "a month",
            Kind::Dekad(_) => "a ten-day period (旬)",
            Kind::MonthStart => "the start of a month (1st to 10th)",
            Kind::MonthEnd => "the end of a month",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Num(u32),
    Sym(char),
}

fn err(text: &str, what: impl fmt::Display) -> DateError {
    DateError {
        message: format!("`{text}`: {what}"),
    }
}

/// Drops white space (ASCII, U+3000, line breaks, zero-width marks) and folds full-width
/// digits and punctuation to ASCII.
fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200b}' | '\u{feff}'))
        .map(|c| match c {
            // The range guarantees the offset is 0..=9.
            '０'..='９' => char::from(b'0' + (u32::from(c) - u32::from('０')) as u8),
            '．' => '.',
            '～' | '〜' => '~',
            '－' => '-',
            '―' => '—',
            _ => c,
        })
        .collect()
}

/// Splits a range at its first separator (`至`, `到`, `—`, `——`, `~`, `..`).
/// A single `.` is not a separator: it is the M.D form. A hyphen separates only when the
/// expression is written the Chinese way (with `月` or `M.D`), since ISO dates use it:
/// `6月6日-6月14日` and `6.16-6.20` are ranges, `2014-06-16` is a day.
fn split_range(s: &str) -> Option<(&str, &str)> {
    split_at_separator(s).or_else(|| {
        if !(s.contains('月') || s.contains('.')) {
            return None;
        }
        s.split_once('-')
    })
}

fn split_at_separator(s: &str) -> Option<(&str, &str)> {
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = match c {
            '至' | '到' | '~' => i + c.len_utf8(),
            '—' => {
                let mut end = i + c.len_utf8();
                while let Some(&(j, '—')) = chars.peek() {
                    end = j + '—'.len_utf8();
                    chars.next();
                }
                end
            }
            '.' if s[i + 1..].starts_with('.') => i + 2,
            _ => continue,
        };
        return Some((&s[..i], &s[end..]));
    }
    None
}

/// `6月20日前`, `6月20日之前`, `6月20日以前` → `6月20日`; `7.1前夕` is not a deadline.
fn strip_deadline(s: &str) -> Option<&str> {
    if s.ends_with("前夕") {
        return None;
    }
    s.strip_suffix("之前")
        .or_else(|| s.strip_suffix("以前"))
        .or_else(|| s.strip_suffix('前'))
}

fn lex(s: &str) -> Result<Vec<Tok>, DateError> {
    let mut toks = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let Some(first) = c.to_digit(10) else {
            toks.push(Tok::Sym(c));
            continue;
        };
        let mut digits = String::from(c);
        let mut value = Some(first);
        while let Some(next) = chars.next_if(char::is_ascii_digit) {
            digits.push(next);
            let d = u32::from(next as u8 - b'0');
            value = value
                .and_then(|v| v.checked_mul(10))
                .and_then(|v| v.checked_add(d));
        }
        match value {
            Some(v) => toks.push(Tok::Num(v)),
            None => return Err(err(s, format_args!("the number {digits} is too large"))),
        }
    }
    Ok(toks)
}

/// Parses one side of a range, or a whole expression that is neither range nor deadline.
fn parse_side(text: &str) -> Result<Part, DateError> {
    let (core, eve) = match text.strip_suffix("前夕") {
        Some(core) => (core, true),
        None => (text, false),
    };
    if core.is_empty() {
        return Err(err(text, "前夕 needs a day before it"));
    }
    let toks = lex(core)?;
    let (year, month, kind) = match *toks.as_slice() {
        // ISO: 2014-06-16, 2014-06
        [
            Tok::Num(y),
            Tok::Sym('-'),
            Tok::Num(m),
            Tok::Sym('-'),
            Tok::Num(d),
        ]
        | [
            Tok::Num(y),
            Tok::Sym('.'),
            Tok::Num(m),
            Tok::Sym('.'),
            Tok::Num(d),
        ] => (Some(y), Some(m), Kind::Day(d)),
        [Tok::Num(y), Tok::Sym('-'), Tok::Num(m)] => (Some(y), Some(m), Kind::Month),
        // M.D: 7.1
        [Tok::Num(m), Tok::Sym('.'), Tok::Num(d)] => (None, Some(m), Kind::Day(d)),
        _ => parse_chinese(&toks).ok_or_else(|| err(text, "not a date expression"))?,
    };
    if eve && !kind.is_single_day() {
        return Err(err(
            text,
            format_args!("前夕 needs a single day, not {}", kind.describe()),
        ));
    }
    let year = match year {
        None => None,
        Some(y) if WRITTEN_YEARS.contains(&y) => i32::try_from(y).ok(),
        Some(y) => {
            return Err(err(
                text,
                format_args!(
                    "year {y} is out of range ({}–{})",
                    WRITTEN_YEARS.start(),
                    WRITTEN_YEARS.end()
                ),
            ));
        }
    };
    Ok(Part {
        year,
        month,
        kind,
        eve,
    })
}

/// `[2014年][6月](16[日|号] | 上旬 | 中旬 | 下旬 | 初 | 底 | 末 | nothing)`.
/// Without a month only the tail is allowed (`14日`, `中旬`): the right side of a range.
fn parse_chinese(toks: &[Tok]) -> Option<(Option<u32>, Option<u32>, Kind)> {
    let mut rest = toks;
    let mut year = None;
    if let [Tok::Num(y), Tok::Sym('年'), tail @ ..] = rest {
        year = Some(*y);
        rest = tail;
    }
    let mut month = None;
    match rest {
        [Tok::Num(m), Tok::Sym('月'), tail @ ..] => {
            month = Some(*m);
            rest = tail;
        }
        // `月底` without a number: the month of the left side of a range.
        [Tok::Sym('月'), tail @ ..] if !tail.is_empty() => rest = tail,
        _ => {}
    }
    let kind = match *rest {
        [] if month.is_some() => Kind::Month,
        [Tok::Num(d)] | [Tok::Num(d), Tok::Sym('日' | '号')] => Kind::Day(d),
        [Tok::Sym('上'), Tok::Sym('旬')] => Kind::Dekad(1),
        [Tok::Sym('中'), Tok::Sym('旬')] => Kind::Dekad(2),
        [Tok::Sym('下'), Tok::Sym('旬')] => Kind::Dekad(3),
        [Tok::Sym('初')] => Kind::MonthStart,
        [Tok::Sym('底' | '末')] => Kind::MonthEnd,
        _ => return None,
    };
    Some((year, month, kind))
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn ymd(year: i32, month: u32, day: u32, text: &str) -> Result<NaiveDate, DateError> {
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| err(text, format_args!("year {year} is out of range")))
}

/// Resolves a side whose month is known (written or inherited) to its first and last day.
fn resolve(
    part: &Part,
    year: i32,
    month: u32,
    text: &str,
) -> Result<(NaiveDate, NaiveDate), DateError> {
    if !(1..=12).contains(&month) {
        return Err(err(text, format_args!("there is no month {month}")));
    }
    let last = days_in_month(year, month);
    let (first, final_day) = match part.kind {
        Kind::Day(0) => return Err(err(text, "there is no day 0")),
        Kind::Day(d) if d > last => {
            // `month` is 1..=12, checked above.
            let name = MONTH_NAMES[month as usize - 1];
            return Err(if month == 2 {
                err(text, format_args!("{name} {year} has only {last} days"))
            } else {
                err(text, format_args!("{name} has only {last} days"))
            });
        }
        Kind::Day(d) => (d, d),
        Kind::Month => (1, last),
        Kind::Dekad(1) | Kind::MonthStart => (1, 10),
        Kind::Dekad(2) => (11, 20),
        Kind::Dekad(_) => (21, last),
        Kind::MonthEnd => (last, last),
    };
    let start = ymd(year, month, first, text)?;
    let due = ymd(year, month, final_day, text)?;
    if part.eve {
        let eve = start
            .pred_opt()
            .ok_or_else(|| err(text, "the day before is out of range"))?;
        return Ok((eve, eve));
    }
    Ok((start, due))
}

/// Resolves a side that stands alone: it needs its own month.
fn resolve_alone(part: &Part, year: i32, text: &str) -> Result<(NaiveDate, NaiveDate), DateError> {
    let month = part
        .month
        .ok_or_else(|| err(text, "the month is missing"))?;
    resolve(part, part.year.unwrap_or(year), month, text)
}

fn parse_range(whole: &str, left: &str, right: &str, year: i32) -> Result<Window, DateError> {
    if left.is_empty() {
        return Err(err(whole, "the range is missing its start"));
    }
    if right.is_empty() {
        return Err(err(whole, "the range is missing its end"));
    }
    if split_range(right).is_some() {
        return Err(err(whole, "a range has only one separator"));
    }
    if strip_deadline(left).is_some() || strip_deadline(right).is_some() {
        return Err(err(whole, "a side of a range cannot be a deadline (…前)"));
    }
    let l = parse_side(left)?;
    let r = parse_side(right)?;
    let left_year = l.year.unwrap_or(year);
    let left_month = l.month.ok_or_else(|| err(left, "the month is missing"))?;
    let (start, _) = resolve(&l, left_year, left_month, left)?;
    let (right_year, right_month) = match (r.year, r.month) {
        (Some(y), Some(m)) => (y, m),
        // A month before the left one means the range crosses a year end.
        (None, Some(m)) if m < left_month => (
            left_year
                .checked_add(1)
                .ok_or_else(|| err(whole, "the year is out of range"))?,
            m,
        ),
        (None, Some(m)) => (left_year, m),
        (None, None) => (left_year, left_month),
        (Some(_), None) => return Err(err(right, "the month is missing")),
    };
    let (_, due) = resolve(&r, right_year, right_month, right)?;
    if due < start {
        return Err(err(whole, "the range ends before it starts"));
    }
    Ok(Window {
        start: Some(start),
        due,
    })
}

#[cfg(test)]
mod hyphen_tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_hyphen_is_a_range_separator_only_in_chinese_forms() {
        let w = |t| parse_window(t, 2014).unwrap();
        assert_eq!(
            w("6月6日-6月14日"),
            Window {
                start: Some(day(2014, 6, 6)),
                due: day(2014, 6, 14)
            }
        );
        assert_eq!(
            w("6.16-6.20"),
            Window {
                start: Some(day(2014, 6, 16)),
                due: day(2014, 6, 20)
            }
        );
        assert_eq!(
            w("6月6日－14日"),
            Window {
                start: Some(day(2014, 6, 6)),
                due: day(2014, 6, 14)
            }
        );
        assert_eq!(
            w("2014-06-16"),
            Window {
                start: Some(day(2014, 6, 16)),
                due: day(2014, 6, 16)
            }
        );
        assert!(parse_window("6月14日-6月6日", 2014).is_err());
        assert!(parse_window("6.16-", 2014).is_err());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    /// (input, default year, start, due); `None` start is a deadline.
    type Case = (&'static str, i32, Option<(i32, u32, u32)>, (i32, u32, u32));

    const WINDOWS: &[Case] = &[
        // ISO day
        ("2014-06-16", 2014, Some((2014, 6, 16)), (2014, 6, 16)),
        ("2014-06-16", 2020, Some((2014, 6, 16)), (2014, 6, 16)),
        (
            "２０１４－０６－１６",
            2014,
            Some((2014, 6, 16)),
            (2014, 6, 16),
        ),
        // Chinese day
        ("6月16日", 2014, Some((2014, 6, 16)), (2014, 6, 16)),
        ("6月16", 2014, Some((2014, 6, 16)), (2014, 6, 16)),
        ("6月16号", 2014, Some((2014, 6, 16)), (2014, 6, 16)),
        ("2014年6月16日", 2020, Some((2014, 6, 16)), (2014, 6, 16)),
        ("6月26", 2014, Some((2014, 6, 26)), (2014, 6, 26)),
        ("７．１", 2014, Some((2014, 7, 1)), (2014, 7, 1)),
        ("7.1", 2014, Some((2014, 7, 1)), (2014, 7, 1)),
        ("2014.7.1", 2015, Some((2014, 7, 1)), (2014, 7, 1)),
        ("６月１６日", 2014, Some((2014, 6, 16)), (2014, 6, 16)),
        ("6月30日", 2014, Some((2014, 6, 30)), (2014, 6, 30)),
        ("7月31日", 2014, Some((2014, 7, 31)), (2014, 7, 31)),
        ("2月28日", 2015, Some((2015, 2, 28)), (2015, 2, 28)),
        ("2月29日", 2016, Some((2016, 2, 29)), (2016, 2, 29)),
        ("2000-02-29", 2014, Some((2000, 2, 29)), (2000, 2, 29)),
        // month
        ("6月", 2014, Some((2014, 6, 1)), (2014, 6, 30)),
        ("7月", 2014, Some((2014, 7, 1)), (2014, 7, 31)),
        ("2014年6月", 2020, Some((2014, 6, 1)), (2014, 6, 30)),
        ("2014-06", 2020, Some((2014, 6, 1)), (2014, 6, 30)),
        ("2月", 2015, Some((2015, 2, 1)), (2015, 2, 28)),
        ("2月", 2016, Some((2016, 2, 1)), (2016, 2, 29)),
        ("2月", 1900, Some((1900, 2, 1)), (1900, 2, 28)),
        ("12月", 2014, Some((2014, 12, 1)), (2014, 12, 31)),
        // dekads
        ("7月上旬", 2014, Some((2014, 7, 1)), (2014, 7, 10)),
        ("7月中旬", 2014, Some((2014, 7, 11)), (2014, 7, 20)),
        ("6月下旬", 2014, Some((2014, 6, 21)), (2014, 6, 30)),
        ("7月下旬", 2014, Some((2014, 7, 21)), (2014, 7, 31)),
        ("2016年2月下旬", 2014, Some((2016, 2, 21)), (2016, 2, 29)),
        ("2015年2月下旬", 2014, Some((2015, 2, 21)), (2015, 2, 28)),
        ("7月 上旬", 2014, Some((2014, 7, 1)), (2014, 7, 10)),
        // month start / end
        ("6月初", 2014, Some((2014, 6, 1)), (2014, 6, 10)),
        ("6月底", 2014, Some((2014, 6, 30)), (2014, 6, 30)),
        ("6月末", 2014, Some((2014, 6, 30)), (2014, 6, 30)),
        ("2月底", 2016, Some((2016, 2, 29)), (2016, 2, 29)),
        // eve
        ("7.1前夕", 2014, Some((2014, 6, 30)), (2014, 6, 30)),
        ("7月1日前夕", 2014, Some((2014, 6, 30)), (2014, 6, 30)),
        ("1.1前夕", 2015, Some((2014, 12, 31)), (2014, 12, 31)),
        ("3月1日前夕", 2016, Some((2016, 2, 29)), (2016, 2, 29)),
        // deadline
        ("6月20日前", 2014, None, (2014, 6, 20)),
        ("6月14日前", 2014, None, (2014, 6, 14)),
        ("6月14日之前", 2014, None, (2014, 6, 14)),
        ("6月14日以前", 2014, None, (2014, 6, 14)),
        ("7月中旬前", 2014, None, (2014, 7, 20)),
        ("6月前", 2014, None, (2014, 6, 30)),
        ("2014-06-16前", 2020, None, (2014, 6, 16)),
        ("7.1前夕前", 2014, None, (2014, 6, 30)),
        // range
        ("6月6日至6月14日", 2014, Some((2014, 6, 6)), (2014, 6, 14)),
        ("6月6日至14日", 2014, Some((2014, 6, 6)), (2014, 6, 14)),
        ("6月6日至14", 2014, Some((2014, 6, 6)), (2014, 6, 14)),
        ("7月上旬至7月中旬", 2014, Some((2014, 7, 1)), (2014, 7, 20)),
        ("7月上旬至中旬", 2014, Some((2014, 7, 1)), (2014, 7, 20)),
        ("6月至7月", 2014, Some((2014, 6, 1)), (2014, 7, 31)),
        (
            "2014-06-06..2014-06-14",
            2020,
            Some((2014, 6, 6)),
            (2014, 6, 14),
        ),
        ("7.1..7.5", 2014, Some((2014, 7, 1)), (2014, 7, 5)),
        ("7.1~7.5", 2014, Some((2014, 7, 1)), (2014, 7, 5)),
        ("7.1～7.5", 2014, Some((2014, 7, 1)), (2014, 7, 5)),
        ("6月6日到6月14日", 2014, Some((2014, 6, 6)), (2014, 6, 14)),
        ("6月6日—6月14日", 2014, Some((2014, 6, 6)), (2014, 6, 14)),
        ("6月6日——6月14日", 2014, Some((2014, 6, 6)), (2014, 6, 14)),
        ("6月6日~14日", 2014, Some((2014, 6, 6)), (2014, 6, 14)),
        ("6月6日至6月6日", 2014, Some((2014, 6, 6)), (2014, 6, 6)),
        (
            "12月20日至1月10日",
            2014,
            Some((2014, 12, 20)),
            (2015, 1, 10),
        ),
        (
            "2014年12月20日至1月10日",
            2020,
            Some((2014, 12, 20)),
            (2015, 1, 10),
        ),
        ("12月下旬至2月", 2015, Some((2015, 12, 21)), (2016, 2, 29)),
        (
            "2014年6月至2015年3月",
            2020,
            Some((2014, 6, 1)),
            (2015, 3, 31),
        ),
        ("6月下旬至7月初", 2014, Some((2014, 6, 21)), (2014, 7, 10)),
        ("6月20日至月底", 2014, Some((2014, 6, 20)), (2014, 6, 30)),
        ("7.1前夕至7.5", 2014, Some((2014, 6, 30)), (2014, 7, 5)),
        // white space anywhere, as tables copied from documents have it
        (
            "6月6日至\n\n6月14日",
            2014,
            Some((2014, 6, 6)),
            (2014, 6, 14),
        ),
        (
            "6月18日至\n\n6月26日",
            2014,
            Some((2014, 6, 18)),
            (2014, 6, 26),
        ),
        (
            "6月18日至\n\n6月25日",
            2014,
            Some((2014, 6, 18)),
            (2014, 6, 25),
        ),
        (
            " 6 月\t16　日\r\n",
            2014,
            Some((2014, 6, 16)),
            (2014, 6, 16),
        ),
        (
            "2014 - 06 - 06 . . 2014 - 06 - 14",
            2014,
            Some((2014, 6, 6)),
            (2014, 6, 14),
        ),
    ];

    #[test]
    fn windows() {
        for &(text, year, start, due) in WINDOWS {
            let expected = Window {
                start: start.map(|(y, m, day)| d(y, m, day)),
                due: d(due.0, due.1, due.2),
            };
            assert_eq!(parse_window(text, year), Ok(expected), "{text:?} in {year}");
        }
    }

    /// (input, default year, text the message must contain)
    const ERRORS: &[(&str, i32, &str)] = &[
        ("", 2014, "empty"),
        (" \n\t　", 2014, "empty"),
        ("abc", 2014, "`abc`: not a date expression"),
        ("6月31日", 2014, "`6月31日`: June has only 30 days"),
        ("2月30日", 2016, "`2月30日`: February 2016 has only 29 days"),
        ("2月29日", 2015, "`2月29日`: February 2015 has only 28 days"),
        ("2014-02-29", 2014, "`2014-02-29`"),
        ("1900-02-29", 2014, "`1900-02-29`"),
        ("13月", 2014, "`13月`: there is no month 13"),
        ("0月", 2014, "`0月`: there is no month 0"),
        ("6月0日", 2014, "`6月0日`: there is no day 0"),
        ("2014-13", 2014, "`2014-13`"),
        ("6月32", 2014, "`6月32`"),
        ("99999999999999999999月", 2014, "too large"),
        (
            "6月99999999999999999999日",
            2014,
            "`6月99999999999999999999日`",
        ),
        ("4294967295月", 2014, "`4294967295月`"),
        (
            "99999年6月",
            2014,
            "`99999年6月`: year 99999 is out of range",
        ),
        ("14年6月", 2014, "`14年6月`"),
        ("6月", 300_000, "year 300000 is out of range"),
        ("2014年", 2014, "`2014年`: not a date expression"),
        ("14日", 2014, "`14日`: the month is missing"),
        ("中旬", 2014, "`中旬`"),
        ("7月上", 2014, "`7月上`"),
        (
            "6月14日至6月6日",
            2014,
            "`6月14日至6月6日`: the range ends before it starts",
        ),
        (
            "6月14日至6日",
            2014,
            "`6月14日至6日`: the range ends before it starts",
        ),
        ("2015-06-06..2014-06-14", 2014, "ends before it starts"),
        ("7.1至7.1前夕", 2014, "ends before it starts"),
        ("6月6日至", 2014, "`6月6日至`: the range is missing its end"),
        (
            "至6月6日",
            2014,
            "`至6月6日`: the range is missing its start",
        ),
        ("6月1日至6月2日至6月3日", 2014, "`6月1日至6月2日至6月3日`"),
        (
            "6月6日至6月14日前",
            2014,
            "`6月6日至6月14日前`: a side of a range cannot be a deadline",
        ),
        ("6月前至7月", 2014, "cannot be a deadline"),
        ("6月6日至6月31日", 2014, "`6月31日`: June has only 30 days"),
        ("6月6日至31日", 2014, "`31日`: June has only 30 days"),
        ("6月至2015年", 2014, "`2015年`"),
        ("前", 2014, "`前`"),
        ("6月20日前前", 2014, "`6月20日前前`"),
        ("前夕", 2014, "`前夕`"),
        (
            "6月前夕",
            2014,
            "`6月前夕`: 前夕 needs a single day, not a month",
        ),
        ("7月上旬前夕", 2014, "`7月上旬前夕`"),
        ("7..1", 2014, "`7`"),
        ("7...1", 2014, "`.1`"),
        ("6-16", 2014, "`6-16`"),
        ("1.1前夕", -262_143, "out of range"),
        ("12月20日至1月10日", i32::MAX, "out of range"),
    ];

    #[test]
    fn errors() {
        for &(text, year, needle) in ERRORS {
            match parse_window(text, year) {
                Ok(w) => panic!("{text:?} in {year} should fail, got {w:?}"),
                Err(e) => assert!(
                    e.to_string().contains(needle),
                    "{text:?}: {:?} does not contain {needle:?}",
                    e.message
                ),
            }
        }
    }

    #[test]
    fn days() {
        let ok: &[(&str, i32, (i32, u32, u32))] = &[
            ("2014-06-16", 2020, (2014, 6, 16)),
            ("6月16日", 2014, (2014, 6, 16)),
            ("6月16", 2014, (2014, 6, 16)),
            ("2014年6月16日", 2020, (2014, 6, 16)),
            ("7.1", 2014, (2014, 7, 1)),
            ("2014.7.1", 2020, (2014, 7, 1)),
            ("7.1前夕", 2014, (2014, 6, 30)),
            ("1月1日前夕", 2015, (2014, 12, 31)),
            ("6月底", 2014, (2014, 6, 30)),
            ("6月末", 2014, (2014, 6, 30)),
            ("2月底", 2016, (2016, 2, 29)),
            (" 6月\n16日 ", 2014, (2014, 6, 16)),
        ];
        for &(text, year, (y, m, day)) in ok {
            assert_eq!(parse_day(text, year), Ok(d(y, m, day)), "{text:?}");
        }
        let refused: &[(&str, &str)] = &[
            ("6月", "`6月`: a single day is needed, not a month"),
            ("2014-06", "not a month"),
            ("7月上旬", "a single day is needed"),
            ("6月初", "a single day is needed"),
            (
                "6月20日前",
                "`6月20日前`: a single day is needed, not a deadline",
            ),
            ("6月6日至6月14日", "a single day is needed, not a range"),
            ("6月6日至6月6日", "not a range"),
            ("6月31日", "June has only 30 days"),
            ("", "a single day is needed"),
            ("abc", "`abc`"),
        ];
        for &(text, needle) in refused {
            let e = parse_day(text, 2014).expect_err(text);
            assert!(e.message.contains(needle), "{text:?}: {:?}", e.message);
        }
    }

    #[test]
    fn zh_day_formats_without_year_or_padding() {
        assert_eq!(zh_day(d(2014, 6, 16)), "6月16日");
        assert_eq!(zh_day(d(2014, 7, 1)), "7月1日");
    }

    #[test]
    fn error_displays_its_message() {
        let e = parse_window("abc", 2014).expect_err("abc is not a date");
        assert_eq!(e.to_string(), e.message);
    }

    const ALPHABET: &[char] = &[
        '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '年', '月', '日', '旬', '上', '中', '下',
        '初', '底', '末', '前', '夕', '之', '以', '至', '到', '—', '~', '.', '-', ' ', '号', '\n',
        '０', '９', '．', '～', '－',
    ];

    fn grammar_string() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(ALPHABET), 0..24)
            .prop_map(|cs| cs.into_iter().collect())
    }

    fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![grammar_string(), any::<String>(), "\\PC{0,12}"]
    }

    fn valid_date() -> impl Strategy<Value = NaiveDate> {
        (1900i32..2100, 1u32..=12, 1u32..=31).prop_filter_map("valid date", |(y, m, day)| {
            NaiveDate::from_ymd_opt(y, m, day)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn never_panics_and_windows_are_ordered(text in any_text(), year in -10_000i32..10_000) {
            if let Ok(Window { start: Some(start), due }) = parse_window(&text, year) {
                prop_assert!(start <= due, "{text:?}: {start} > {due}");
            }
            if let Ok(day) = parse_day(&text, year) {
                let w = parse_window(&text, year);
                prop_assert_eq!(w, Ok(Window { start: Some(day), due: day }));
            }
        }

        #[test]
        fn extreme_years_never_panic(text in grammar_string(), year in any::<i32>()) {
            let _ = parse_window(&text, year);
            let _ = parse_day(&text, year);
        }

        #[test]
        fn days_round_trip(day in valid_date(), year in -10_000i32..10_000) {
            prop_assert_eq!(parse_day(&day.format("%Y-%m-%d").to_string(), year), Ok(day));
            let zh = format!("{}年{}月{}日", day.year(), day.month(), day.day());
            prop_assert_eq!(parse_day(&zh, year), Ok(day));
            prop_assert_eq!(parse_day(&zh_day(day), day.year()), Ok(day));
            prop_assert_eq!(
                parse_window(&format!("{}.{}", day.month(), day.day()), day.year()),
                Ok(Window { start: Some(day), due: day })
            );
        }
    }
}
