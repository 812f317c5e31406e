//! The shape of a whole expression: a range (`…至…`, `4-5月`, `第3-4周`) or a deadline
//! (`…前`), and how the right side of a range is read against the left.

use chrono::Datelike;

use super::forms::{Kind, Part, parse_side, resolve, week, year_of};
use super::{Context, DateError, Window, err};

/// Splits a range at its first separator (`至`, `到`, `—`, `——`, `~`, `..`).
/// A single `.` is not a separator: it is the M.D form. A hyphen separates only when the
/// expression is written the Chinese way (with `月`, `M.D` or `M/D`), since ISO dates use
/// it: `6月6日-6月14日` and `6.16-6.20` are ranges, `2014-06-16` is a day. `、` separates
/// two months (`4、5月`).
pub(super) fn split_range(s: &str) -> Option<(&str, &str)> {
    split_at_separator(s)
        .or_else(|| {
            if !(s.contains('月') || s.contains('.') || s.contains('/')) {
                return None;
            }
            s.split_once('-')
        })
        .or_else(|| s.ends_with('月').then(|| s.split_once('、')).flatten())
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
pub(super) fn strip_deadline(s: &str) -> Option<&str> {
    if s.ends_with("前夕") {
        return None;
    }
    s.strip_suffix("之前")
        .or_else(|| s.strip_suffix("以前"))
        .or_else(|| s.strip_suffix('前'))
}

/// `第3-4周`, `第3至4周`, `第3周至第5周`, `第3教学周—第4教学周` → (3, 4).
pub(super) fn week_range(text: &str) -> Option<(u32, u32)> {
    let number = |s: &str| -> Option<(u32, usize)> {
        let len = s.bytes().take_while(u8::is_ascii_digit).count();
        Some((s[..len].parse().ok()?, len))
    };
    let unit = |s: &str| -> usize {
        ["教学周", "周"]
            .iter()
            .find(|u| s.starts_with(*u))
            .map_or(0, |u| u.len())
    };
    let rest = text.strip_prefix('第')?;
    let (first, len) = number(rest)?;
    let rest = &rest[len..];
    let rest = &rest[unit(rest)..];
    let rest = ["—", "-", "~", "至", "到"]
        .iter()
        .find_map(|sep| rest.strip_prefix(sep))?;
    let rest = rest.strip_prefix('第').unwrap_or(rest);
    let (last, len) = number(rest)?;
    let rest = &rest[len..];
    let u = unit(rest);
    (u > 0 && u == rest.len()).then_some((first, last))
}

/// The window of teaching weeks `a` to `b`.
pub(super) fn weeks_window(
    (a, b): (u32, u32),
    text: &str,
    ctx: Context,
) -> Result<Window, DateError> {
    let (start, _) = week(a, ctx.term_start, text)?;
    let (_, due) = week(b, ctx.term_start, text)?;
    if due < start {
        return Err(err(text, "the range ends before it starts", "结束早于开始"));
    }
    Ok(Window {
        start: Some(start),
        due,
    })
}

pub(super) fn parse_range(
    whole: &str,
    left: &str,
    right: &str,
    ctx: Context,
) -> Result<Window, DateError> {
    if left.is_empty() {
        return Err(err(
            whole,
            "the range is missing its start",
            "起止时间缺少开始",
        ));
    }
    if right.is_empty() {
        return Err(err(
            whole,
            "the range is missing its end",
            "起止时间缺少结束",
        ));
    }
    if split_range(right).is_some() {
        return Err(err(
            whole,
            "a range has only one separator",
            "起止时间只能有一个分隔符",
        ));
    }
    if strip_deadline(left).is_some() || strip_deadline(right).is_some() {
        return Err(err(
            whole,
            "a side of a range cannot be a deadline (…前)",
            "起止时间的一端不能是截止时间（……前）",
        ));
    }
    let mut l = parse_side(left)?;
    let mut r = parse_side(right)?;
    months_by_context(&mut l, &mut r);
    let left_year = year_of(&l, ctx.year, left)?;
    let (start, _) = resolve(&l, left_year, l.month, left, ctx)?;
    let (left_year, left_month) = match l.month {
        Some(m) => (left_year, m),
        None => (start.year(), start.month()),
    };
    let next = |base: i32, n: i32| {
        base.checked_add(n)
            .ok_or_else(|| err(whole, "the year is out of range", "年份超出范围"))
    };
    let (right_year, right_month) = match (r.year, r.next_year, r.month) {
        (Some(y), _, m) => (y, m),
        // `2014年9月至次年6月`: the year after the left side's written year.
        (None, Some(n), m) => (next(l.year.unwrap_or(ctx.year), n)?, m),
        // A month before the left one means the range crosses a year end.
        (None, None, Some(m)) if m < left_month => (next(left_year, 1)?, Some(m)),
        (None, None, Some(m)) => (left_year, Some(m)),
        (None, None, None) => (left_year, Some(left_month)),
    };
    let (_, due) = resolve(&r, right_year, right_month, right, ctx)?;
    if due < start {
        return Err(err(
            whole,
            "the range ends before it starts",
            "结束早于开始",
        ));
    }
    Ok(Window {
        start: Some(start),
        due,
    })
}

/// A number alone is a month when the other side says so: `4-5月` and `2007年4—5月` (the
/// left before a month), `2005.1—4` (the right after a year.month cell).
fn months_by_context(l: &mut Part, r: &mut Part) {
    let as_month = |p: &mut Part| {
        if let Kind::Day(m) = p.kind {
            p.kind = Kind::Month;
            p.month = Some(m);
            p.bare = false;
        }
    };
    if l.bare && l.month.is_none() && r.kind == Kind::Month && r.month.is_some() && !r.ym_cell {
        as_month(l);
    }
    if l.ym_cell && r.bare && r.month.is_none() && r.year.is_none() {
        as_month(r);
    }
}
