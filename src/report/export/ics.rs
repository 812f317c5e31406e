//! An RFC 5545 calendar of every open item, one all-day event per item.
//!
//! Re-importing the file updates events instead of duplicating them: each UID is a fixed
//! (FNV-1a) hash of the plan's title and the item's id, the same on every run and machine.
//! Lines end in CRLF and are folded at 75 octets, never inside a UTF-8 character.

use std::fmt::Write as _;

use chrono::{DateTime, Days, Utc};

use super::owned_by;
use crate::plan::{Lang, Plan};
use crate::report::item::{owners, remark};
use crate::report::labels;
use crate::state::{State, Status};

/// The longest line RFC 5545 allows, in octets, without its CRLF.
const MAX_LINE: usize = 75;

/// The calendar of every item not done (of `owner`, when given). `now` is the DTSTAMP.
#[must_use]
pub fn render(
    plan: &Plan,
    statuses: &[Status],
    owner: Option<&str>,
    lang: Lang,
    now: DateTime<Utc>,
) -> String {
    let mut out = String::new();
    let mut line = |text: &str| fold_into(&mut out, text);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line(&format!(
        "PRODID:-//chunjiang//chunjiang {}//{}",
        env!("CARGO_PKG_VERSION"),
        match lang {
            Lang::Zh => "ZH",
            Lang::En => "EN",
        }
    ));
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape(&plan.title)));
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    for s in statuses
        .iter()
        .filter(|s| s.state != State::Done && owned_by(plan, s, owner))
    {
        let item = &plan.items[s.index];
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", uid(&plan.title, &item.id)));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("DTSTART;VALUE=DATE:{}", s.due.format("%Y%m%d")));
        let after = s.due.checked_add_days(Days::new(1)).unwrap_or(s.due);
        line(&format!("DTEND;VALUE=DATE:{}", after.format("%Y%m%d")));
        line(&format!(
            "SUMMARY:{}",
            escape(&format!("[{}] {}", item.id, item.title))
        ));
        line(&format!(
            "DESCRIPTION:{}",
            escape(&description(plan, s, lang))
        ));
        line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// Owners, state (with how late or how long left, labelled with the day of the export so a
/// calendar entry read later does not mislead), the step a task belongs to, the detail.
#[must_use]
pub fn description(plan: &Plan, s: &Status, lang: Lang) -> String {
    let item = &plan.items[s.index];
    let sep = match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    };
    let state_on = match lang {
        Lang::Zh => format!("{}（{}）", labels::STATE.pick(lang), s.today),
        Lang::En => format!("{} on {}", labels::STATE.pick(lang), s.today),
    };
    let mut text = format!(
        "{}{sep}{}\n{state_on}{sep}{}",
        labels::OWNERS.pick(lang),
        owners(&item.owners, lang),
        labels::state(s.state, lang)
    );
    let why = remark(plan, s, lang);
    if !why.is_empty() {
        let _ = match lang {
            Lang::Zh => write!(text, "（{why}）"),
            Lang::En => write!(text, " ({why})"),
        };
    }
    if item.step != s.index {
        let parent = &plan.items[item.step];
        let _ = write!(
            text,
            "\n{}{sep}{} {}",
            labels::STEP.pick(lang),
            parent.id,
            parent.title
        );
    }
    if let Some(detail) = &item.detail {
        let _ = write!(text, "\n\n{detail}");
    }
    text
}

/// A stable UID: FNV-1a (64 bits) of the plan title and the item id, as hex.
#[must_use]
pub fn uid(title: &str, id: &str) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut h = OFFSET;
    // The NUL keeps ("ab", "c") and ("a", "bc") apart.
    for &b in title.as_bytes().iter().chain(b"\0").chain(id.as_bytes()) {
        h = (h ^ u64::from(b)).wrapping_mul(PRIME);
    }
    format!("{h:016x}@chunjiang")
}

/// A TEXT value (RFC 5545 §3.3.11): `\`, `;`, `,` and newlines escaped; other control
/// characters, which TEXT may not hold, dropped.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let text = text.replace("\r\n", "\n");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded: at most 75 octets a line, each continuation starting
/// with a space (which counts), a break never inside a character, every line ending CRLF.
fn fold_into(out: &mut String, line: &str) {
    let mut room = MAX_LINE;
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > room {
            out.push_str("\r\n ");
            room = MAX_LINE;
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(line: &str) -> String {
        let mut s = String::new();
        fold_into(&mut s, line);
        s
    }

    #[test]
    fn short_lines_are_not_folded() {
        assert_eq!(folded("VERSION:2.0"), "VERSION:2.0\r\n");
        let exactly = "x".repeat(75);
        assert_eq!(folded(&exactly), format!("{exactly}\r\n"));
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let line = format!("SUMMARY:{}", "春江".repeat(40));
        let out = folded(&line);
        for l in out.split_terminator("\r\n") {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        // Every piece is whole UTF-8 (split_terminator on &str would have panicked
        // otherwise), and unfolding gives the line back.
        assert_eq!(out.replace("\r\n ", ""), format!("{line}\r\n"));
        assert!(
            out.split_terminator("\r\n")
                .skip(1)
                .all(|l| l.starts_with(' '))
        );
    }

    #[test]
    fn text_escapes_backslash_semicolon_comma_and_newlines() {
        assert_eq!(escape("a\\b;c,d\ne\r\nf\u{7}"), "a\\\\b\\;c\\,d\\ne\\nf");
    }

    #[test]
    fn uid_is_stable_and_depends_on_title_and_id() {
        assert_eq!(uid("计划", "5.1"), uid("计划", "5.1"));
        assert_ne!(uid("计划", "5.1"), uid("计划", "5.2"));
        assert_ne!(uid("ab", "c"), uid("a", "bc"));
        // Pinned (FNV-1a of one NUL byte): a change would duplicate every event in users' calendars.
        assert_eq!(uid("", ""), "af63bd4c8601b7df@chunjiang");
    }
}
