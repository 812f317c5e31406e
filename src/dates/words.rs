//! Words around a date: what is refused with a hint (vague, relative, recurring, or read
//! against the day it is read), and the wordy shapes of a deadline or a range that are read
//! (`即日起至9月20日`, `截至6月30日`, `从6月1日起至6月30日止`, `6月底前完成`, `6月期间`).

use super::{DateError, err};

/// Words that name no date: the tool would have to guess.
const VAGUE: &[&str] = &[
    "前后",
    "待定",
    "暂定",
    "未定",
    "另行通知",
    "另行安排",
    "另定",
    "视情况",
    "适时",
    "择期",
    "近期",
    "随时",
    "长期",
    "常态",
    "全程",
    "持续",
    "不定期",
];

/// Words that repeat: one item per occurrence is needed.
const RECURRING: &[&str] = &["每月", "每周", "每年", "每季度", "每学期", "每天", "每日"];

/// Words read against the day the plan is read, which changes.
const DEICTIC: &[&str] = &[
    "本月",
    "下月",
    "当月",
    "上月",
    "本周",
    "下周",
    "本学期",
    "下学期",
    "本学年",
    "今天",
    "明天",
];

/// A kind of wording refused: its words, why (English, Chinese; `{w}` is the word) and the
/// hint (English, Chinese).
struct Refusal {
    words: &'static [&'static str],
    why: (&'static str, &'static str),
    hint: (&'static str, &'static str),
}

const REFUSALS: [Refusal; 3] = [
    Refusal {
        words: VAGUE,
        why: (
            "does not name a date, and the tool does not guess one",
            "不是确定的日期，工具不会猜",
        ),
        hint: (
            "write the day or window the plan means, such as 1月20日至2月10日, and keep the wording in `detail`",
            "写出计划实际指的日期或时段，如 1月20日至2月10日，原文可写进 `detail`",
        ),
    },
    Refusal {
        words: RECURRING,
        why: (
            "repeats, and an item has one due date",
            "是重复的时间，一项工作只有一个截止日期",
        ),
        hint: (
            "write one step or task per occurrence (6月5日前, 7月5日前, …)",
            "每一次写成一个步骤或任务（6月5日前、7月5日前……）",
        ),
    },
    Refusal {
        words: DEICTIC,
        why: ("depends on the day the plan is read", "随读计划的日子而变"),
        hint: (
            "write the month itself, such as 6月20日前",
            "直接写月份，如 6月20日前",
        ),
    },
];

/// Refuses what the tool must not guess, each with a hint of what to write instead.
pub(super) fn refuse(shown: &str, clean: &str) -> Result<(), DateError> {
    for r in &REFUSALS {
        if let Some(w) = r.words.iter().find(|w| clean.contains(**w)) {
            return Err(err(
                shown,
                format_args!("not a date expression: `{w}` {}", r.why.0),
                format_args!("不是日期写法：“{w}”{}", r.why.1),
            )
            .hint(r.hint.0, r.hint.1));
        }
    }
    if let Some((count, workdays)) = relative(clean) {
        let key = if workdays { "workdays" } else { "days" };
        return Err(err(
            shown,
            "a count of days after another step is not a date",
            "“某事之后若干天”不是日期",
        )
        .hint(
            format_args!(
                "write `due = {{ after = \"…\", {key} = {count} }}` with the id of the step it counts from"
            ),
            format_args!("写成 `due = {{ after = \"…\", {key} = {count} }}`，after 填起算步骤的编号"),
        ));
    }
    Ok(())
}

/// `会后10天内`, `10个工作日内`, `结束后3日`: the count and whether it is in working days.
fn relative(s: &str) -> Option<(u32, bool)> {
    let mut i = 0;
    while i < s.len() {
        let n = s[i..].bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            i += s[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let count: u32 = s[i..i + n].parse().ok()?;
        let rest = &s[i + n..];
        let after_word = s[..i].ends_with('后');
        for (unit, workdays) in [
            ("个工作日", true),
            ("工作日", true),
            ("天", false),
            ("日", false),
        ] {
            if let Some(tail) = rest.strip_prefix(unit) {
                let within = ["内", "以内", "之内"].iter().any(|w| tail.starts_with(w));
                if within || (after_word && unit != "日") || (after_word && tail.is_empty()) {
                    return Some((count, workdays));
                }
            }
        }
        i += n;
    }
    None
}

/// How the words made the expression a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Worded {
    /// No word of deadline.
    No,
    /// `即日起至…`, `截至…`, `至…止`: a deadline, never a range.
    Deadline,
    /// `…完成`, `…止`: a deadline unless the rest is a range.
    Ends,
}

pub(super) const SEPARATORS: &[&str] = &["至", "到", "—", "~", "-"];

/// Reads the wordy shapes: returns the expression proper and how its words made it a
/// deadline. `…开始` or `…起` alone is refused: it has no end.
pub(super) fn open(s: &str) -> Result<(&str, Worded), DateError> {
    let whole = s;
    let mut s = ["从", "自", "由", "于"]
        .iter()
        .find_map(|p| s.strip_prefix(p).filter(|r| !r.is_empty()))
        .unwrap_or(s);
    for p in [
        "即日起",
        "即日开始",
        "即日",
        "今日起",
        "即时起",
        "现在起",
        "发文之日起",
        "文件下发之日起",
    ] {
        let Some(r) = s.strip_prefix(p) else {
            continue;
        };
        let Some(r) = SEPARATORS.iter().find_map(|sep| r.strip_prefix(sep)) else {
            return Err(err(
                whole,
                "a window from today needs its end",
                "“即日起”需要写明截止日期",
            )
            .hint("write 即日起至9月20日", "写成 即日起至9月20日"));
        };
        return Ok((until(r).0, Worded::Deadline));
    }
    for p in ["截止到", "截止至", "截至到", "截至", "截止"] {
        if let Some(r) = s.strip_prefix(p) {
            return Ok((until(r).0, Worded::Deadline));
        }
    }
    let (body, until_word) = until(s);
    s = body;
    if until_word {
        // `至6月30日止`
        if let Some(r) = ["至", "到"].iter().find_map(|p| s.strip_prefix(p)) {
            return Ok((r, Worded::Deadline));
        }
        return Ok((s, Worded::Ends));
    }
    for w in ["前完成", "前结束", "前完毕", "前办结"] {
        if let Some(r) = s.strip_suffix(w) {
            // Keep the 前: `6月20日前`.
            return Ok((&s[..r.len() + '前'.len_utf8()], Worded::No));
        }
    }
    for w in ["完成", "结束", "完毕", "办结"] {
        if let Some(r) = s.strip_suffix(w) {
            return Ok((r, Worded::Ends));
        }
    }
    if let Some(r) = s.strip_suffix("期间") {
        // `国庆期间`: the holiday's days off, which a plan should write out.
        if super::festivals::ends_with_one(r) {
            return Err(err(
                whole,
                "a festival's holiday is several days; the tool does not guess which",
                "节日假期有好几天，工具不会猜是哪几天",
            )
            .hint(
                "write the days, such as 10月1日至10月7日",
                "写出具体日期，如 10月1日至10月7日",
            ));
        }
        return Ok((r, Worded::No));
    }
    if s.ends_with("开始") || (s.ends_with('起') && !s.ends_with("发起")) {
        return Err(err(
            whole,
            "a start alone has no due date",
            "只有开始时间，没有截止时间",
        )
        .hint(
            "write the end too, such as 6月1日起至6月30日, or `start` and `due` on their own",
            "把结束时间也写上，如 6月1日起至6月30日，或分别写 `start` 和 `due`",
        ));
    }
    Ok((s, Worded::No))
}

/// `…止`, `…为止` at the end: the rest and whether it was there.
fn until(s: &str) -> (&str, bool) {
    match s.strip_suffix("为止").or_else(|| s.strip_suffix('止')) {
        Some(r) if !r.is_empty() => (r, true),
        _ => (s, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_wordings_are_found_with_their_count() {
        let cases = [
            ("会后10天内", Some((10, false))),
            ("10个工作日内", Some((10, true))),
            ("收到通知后5个工作日", Some((5, true))),
            ("活动结束后3天", Some((3, false))),
            ("15日内", Some((15, false))),
            ("6月16日", None),
            ("6月16日前", None),
            ("6月6日至14日", None),
        ];
        for (text, want) in cases {
            assert_eq!(relative(text), want, "{text:?}");
        }
    }
}
