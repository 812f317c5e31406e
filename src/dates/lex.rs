//! The text level: what a keyboard or a copied document puts around a date is folded or
//! taken off before the forms are read. Full-width digits and punctuation become ASCII,
//! white space goes, and what does not change the window goes too: a time of day
//! (`下午5点`, `9:00—11:30`), `(含)`, `大约`/`左右`, quotes around a festival (`“七一”`).
//! Chinese numerals before a unit (`六月十六日`, `二〇一四年`, `第三周`) become digits.

use super::{DateError, err};

/// Marks white space that stood between two digits (`6.16 9:00`): it tells a time of day
/// from the day before it, and is dropped with the times.
const JOIN: char = '\u{1}';

/// Drops white space (ASCII, U+3000, line breaks, zero-width marks) and folds full-width
/// digits and punctuation to ASCII, the dashes to `-` (hyphen-like) or `—` (dash-like),
/// and quotes away. White space between two digits becomes [`JOIN`].
pub(super) fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}' | JOIN) {
            space = true;
            continue;
        }
        let Some(c) = fold(c) else { continue };
        if space && c.is_ascii_digit() && out.ends_with(|p: char| p.is_ascii_digit()) {
            out.push(JOIN);
        }
        space = false;
        out.push(c);
    }
    if out.contains("--") {
        out = out.replace("--", "—");
    }
    out
}

fn fold(c: char) -> Option<char> {
    Some(match c {
        // The range guarantees the offset is 0..=9.
        '０'..='９' => char::from(b'0' + (u32::from(c) - u32::from('０')) as u8),
        '．' => '.',
        '～' | '〜' | '∼' => '~',
        '－' | '‐' | '‑' | '−' | '﹣' => '-',
        '―' | '–' | '─' | '━' | '﹘' => '—',
        '（' | '【' | '[' | '〔' => '(',
        '）' | '】' | ']' | '〕' => ')',
        '：' => ':',
        '／' => '/',
        '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」' | '『' | '』' => return None,
        _ => c,
    })
}

/// The text without [`JOIN`]s, as error messages quote it.
pub(super) fn shown(norm: &str) -> String {
    norm.replace(JOIN, "")
}

/// Takes off what does not change the window: times of day, `(含)`, `份` in `6月份`,
/// `大约`/`约`/`左右`; joins `上、中旬`; turns Chinese numerals before a unit into digits.
pub(super) fn clean(norm: &str) -> String {
    let mut s = strip_times(norm);
    for (from, to) in [
        ("(含)", ""),
        ("(含当日)", ""),
        ("(含当天)", ""),
        ("月份", "月"),
        ("上旬、中旬", "上中旬"),
        ("中旬、下旬", "中下旬"),
        ("上、中旬", "上中旬"),
        ("中、下旬", "中下旬"),
        // `从6月1日起至6月30日止`: the word of the start before a separator
        ("开始至", "至"),
        ("开始到", "到"),
        ("开始—", "—"),
        ("开始~", "~"),
        ("开始-", "-"),
        ("起至", "至"),
        ("起到", "到"),
        ("起—", "—"),
        ("起~", "~"),
        ("起-", "-"),
    ] {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    let s = numerals(&s);
    approximately(&s).to_owned()
}

/// `大约11月上旬`, `11月上旬左右`, `约6月` → the expression itself.
pub(super) fn approximately(s: &str) -> &str {
    let s = ["大约", "大概", "约"]
        .iter()
        .find_map(|p| s.strip_prefix(p))
        .unwrap_or(s);
    s.strip_suffix("左右").unwrap_or(s)
}

/// Words for a part of the day; longest first.
const PERIODS: &[&str] = &[
    "上午", "下午", "中午", "晚上", "早上", "早晨", "凌晨", "傍晚", "午后", "夜间", "下班", "全天",
    "白天", "晚", "早",
];

fn period(s: &str) -> usize {
    PERIODS
        .iter()
        .find(|p| s.starts_with(*p))
        .map_or(0, |p| p.len())
}

fn digits(s: &str) -> usize {
    s.bytes().take_while(u8::is_ascii_digit).count()
}

/// A clock time: `19:00`, `5点`, `5点半`, `9点30分`, `9时`. Its length in bytes, or 0.
fn clock(s: &str) -> usize {
    let n = digits(s);
    if n == 0 || n > 2 || s[..n].parse::<u32>().map_or(true, |h| h > 24) {
        return 0;
    }
    let rest = &s[n..];
    if let Some(r) = rest.strip_prefix(':') {
        let m = digits(r);
        if m != 2 || r[..2].parse::<u32>().map_or(true, |m| m > 59) {
            return 0;
        }
        return n + 3;
    }
    for unit in ["点", "时"] {
        let Some(r) = rest.strip_prefix(unit) else {
            continue;
        };
        let mut len = n + unit.len();
        if r.starts_with('半') || r.starts_with('整') {
            len += '半'.len_utf8();
        } else {
            let m = digits(r);
            if (1..=2).contains(&m) {
                len += m;
                if r[m..].starts_with('分') {
                    len += '分'.len_utf8();
                }
            }
        }
        return len;
    }
    0
}

/// A time of day at the start of `s`: a part of the day and/or a clock, perhaps a range of
/// them (`上午9:00—11:30`). A clock alone counts only where `clock_ok` (after `日`, `号`,
/// a bracket or a weekday): after a bare digit it would be part of the number.
fn time_of_day(s: &str, clock_ok: bool) -> usize {
    let p = period(s);
    let c = if clock_ok || p > 0 { clock(&s[p..]) } else { 0 };
    let mut len = p + c;
    if len == 0 {
        return 0;
    }
    for sep in ["—", "-", "~", "至", "到"] {
        if let Some(r) = s[len..].strip_prefix(sep) {
            let p2 = period(r);
            let c2 = clock(&r[p2..]);
            if c2 > 0 || (p2 > 0 && c == 0) {
                len += sep.len() + p2 + c2;
            }
            break;
        }
    }
    len
}

/// Whether a time of day may follow `before`: it ends with a day (`日`, `号`), a bracket
/// (`(周五)`) or a weekday (`周五`, `星期一`).
fn ends_a_day(before: &str) -> bool {
    if before.ends_with(['日', '号', ')']) {
        return true;
    }
    let mut tail = before.chars().rev();
    matches!(
        tail.next(),
        Some('一' | '二' | '三' | '四' | '五' | '六' | '天')
    ) && matches!(tail.next(), Some('周' | '期' | '拜'))
}

/// Drops every time of day that follows a day, and the [`JOIN`] marks.
fn strip_times(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        if c == JOIN {
            i += c.len_utf8();
            i += time_of_day(&s[i..], true);
            continue;
        }
        let after_digit = out.ends_with(|p: char| p.is_ascii_digit());
        if ends_a_day(&out) || after_digit {
            let len = time_of_day(&s[i..], !after_digit);
            if len > 0 {
                i += len;
                continue;
            }
        }
        out.push(c);
        i += c.len_utf8();
    }
    out
}

const NUMERALS: &str = "〇○零一二三四五六七八九十两";

fn numeral_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '○' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// The value of a run of Chinese numerals: `十六` 16, `二十` 20, `三十一` 31; before `年`
/// digit by digit (`二〇一四` 2014).
fn numeral_value(run: &[char], year: bool) -> Option<u32> {
    if year && !run.contains(&'十') {
        return run.iter().try_fold(0u32, |v, &c| {
            v.checked_mul(10)?.checked_add(numeral_digit(c)?)
        });
    }
    match run {
        ['十'] => Some(10),
        [d] => numeral_digit(*d),
        ['十', d] => Some(10 + numeral_digit(*d)?),
        [t, '十'] => Some(10 * numeral_digit(*t)?),
        [t, '十', d] => Some(10 * numeral_digit(*t)? + numeral_digit(*d)?),
        _ => None,
    }
}

/// Chinese numerals directly before a unit (`年 月 日 号 季 周 个 天 教`) become digits;
/// others stay, so festivals (`七一`, `十一`) and weekdays (`周五`) keep their names.
fn numerals(s: &str) -> String {
    if !s.chars().any(|c| NUMERALS.contains(c)) {
        return s.to_owned();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..]
            .iter()
            .take_while(|c| NUMERALS.contains(**c))
            .count();
        if run == 0 {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let next = chars.get(i + run).copied();
        let is_unit = |c: Option<char>| {
            matches!(
                c,
                Some('年' | '月' | '日' | '号' | '季' | '周' | '个' | '天' | '教')
            )
        };
        // `十一至十二月`: the left of a range takes the unit of the right.
        let before_range = matches!(next, Some('至' | '到' | '—' | '-' | '~' | '、')) && {
            let after = &chars[(i + run + 1).min(chars.len())..];
            let second = after.iter().take_while(|c| NUMERALS.contains(**c)).count();
            second > 0 && is_unit(after.get(second).copied())
        };
        let unit = is_unit(next) || before_range;
        let weekday = i > 0 && matches!(chars[i - 1], '周' | '期' | '拜');
        match numeral_value(&chars[i..i + run], next == Some('年')) {
            Some(v) if unit && !weekday => out.push_str(&v.to_string()),
            _ => out.extend(&chars[i..i + run]),
        }
        i += run;
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tok {
    Num(u32),
    Sym(char),
}

pub(super) fn lex(s: &str) -> Result<Vec<Tok>, DateError> {
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
            None => {
                return Err(err(
                    s,
                    format_args!("the number {digits} is too large"),
                    format_args!("数字 {digits} 太大"),
                ));
            }
        }
    }
    Ok(toks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_day_go_and_days_stay() {
        let cases = [
            ("4月22日下午5点前", "4月22日前"),
            ("10月7日19:00前", "10月7日前"),
            ("5月30日晚", "5月30日"),
            ("6月16日上午9:00—11:30", "6月16日"),
            ("6月16日(周一)下午2:30-5:00", "6月16日(周一)"),
            ("6月16日周一上午", "6月16日周一"),
            ("6月16日上午8点至下午5点", "6月16日"),
            ("6月16日9时30分", "6月16日"),
            ("6月16日5点半前", "6月16日前"),
            ("6.16下午", "6.16"),
            ("6.16\u{1}9:00", "6.16"),
            ("6月6日至6月14日", "6月6日至6月14日"),
            ("6月6日-14日", "6月6日-14日"),
            ("6.16-6.20", "6.16-6.20"),
            ("20\u{1}14年", "2014年"),
        ];
        for (text, want) in cases {
            assert_eq!(strip_times(text), want, "{text:?}");
        }
    }

    #[test]
    fn numerals_before_units_become_digits() {
        let cases = [
            ("六月十六日", "6月16日"),
            ("十二月下旬", "12月下旬"),
            ("二〇一四年六月", "2014年6月"),
            ("二○一四年", "2014年"),
            ("十一月二十日", "11月20日"),
            ("三十一日", "31日"),
            ("第三周", "第3周"),
            ("第一季度", "第1季度"),
            ("七一前夕", "七一前夕"),
            ("十一前", "十一前"),
            ("6月16日(周五)", "6月16日(周五)"),
            ("十个工作日内", "10个工作日内"),
            ("两天", "2天"),
            ("十一至十二月", "11至12月"),
            ("十一前", "十一前"),
            ("七一至7月底", "七一至7月底"),
        ];
        for (text, want) in cases {
            assert_eq!(numerals(text), want, "{text:?}");
        }
    }
}
