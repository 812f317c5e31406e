//! The fast line parser: a line in exactly the form `Event::to_line` writes, read by
//! scanning bytes instead of serde.
//!
//! Owns only lines it reads certainly as `from_line` does (fixed key order, no spaces, no
//! escapes but the one-character ones in `by` and `note`, valid dates); any doubt is `None`
//! and serde decides, so both agree on what a line means (a property test compares them).
//! Every byte outside `step`, `by` and `note` is checked to be a given ASCII byte, so those
//! three being UTF-8 is the whole line being UTF-8, which `from_line` requires.

use chrono::{Datelike as _, NaiveDate};

use super::event::EventKind;
use super::order::{At, hex_id};

/// What the fast path reads of a line: what replay needs.
pub(super) struct Fast<'a> {
    pub id: u128,
    pub at: At,
    pub kind: EventKind,
    pub step: &'a str,
    pub on: Option<NaiveDate>,
}

/// The start of every line this tool writes, up to the id's digits.
pub(super) const PREFIX: &[u8] = b"{\"v\":1,\"id\":\"";

pub(super) fn fast_line(line: &[u8]) -> Option<Fast<'_>> {
    let mut c = Cursor { b: line, i: 0 };
    c.lit(PREFIX)?;
    let id = hex_id(c.take(32)?)?;
    c.lit(b"\",\"at\":\"")?;
    let at = c.until_quote().and_then(parse_at)?;
    c.lit(b",\"event\":\"")?;
    let kind = match c.until_quote()? {
        b"done" => EventKind::Done,
        b"reopen" => EventKind::Reopen,
        b"note" => EventKind::Note,
        _ => return None,
    };
    c.lit(b",\"step\":\"")?;
    let step = c.until_quote().filter(|s| !s.is_empty())?;
    let mut on = None;
    if c.lit(b",\"on\":\"").is_some() {
        on = Some(c.until_quote().and_then(parse_day)?);
    }
    if c.lit(b",\"by\":\"").is_some() {
        c.skip_string()?;
    }
    if c.lit(b",\"note\":\"").is_some() {
        c.skip_string()?;
    }
    c.lit(b"}")?;
    if c.i != line.len() || (on.is_none() && kind != EventKind::Note) {
        return None;
    }
    Some(Fast {
        id,
        at,
        kind,
        step: std::str::from_utf8(step).ok()?,
        on,
    })
}

struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Cursor<'a> {
    fn lit(&mut self, s: &[u8]) -> Option<()> {
        if self.b[self.i..].starts_with(s) {
            self.i += s.len();
            Some(())
        } else {
            None
        }
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.i..self.i + n)?;
        self.i += n;
        Some(s)
    }

    /// A string's contents up to its closing quote (consumed), if it needs no unescaping.
    fn until_quote(&mut self) -> Option<&'a [u8]> {
        let rest = &self.b[self.i..];
        let end = rest
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
        if rest[end] != b'"' {
            return None;
        }
        self.i += end + 1;
        Some(&rest[..end])
    }

    /// Past a string's closing quote, if it is UTF-8 with no control characters and no
    /// escapes but the one-character ones JSON has (`\uXXXX`, whose surrogates serde
    /// judges, is left to serde).
    fn skip_string(&mut self) -> Option<()> {
        let rest = &self.b[self.i..];
        let mut i = 0;
        loop {
            i += rest[i..]
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
            match rest[i] {
                b'"' => break,
                b'\\' => match rest.get(i + 1)? {
                    b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => i += 2,
                    _ => return None,
                },
                _ => return None,
            }
        }
        std::str::from_utf8(&rest[..i]).ok()?;
        self.i += i + 1;
        Some(())
    }
}

fn digits(s: &[u8]) -> Option<u32> {
    s.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// `YYYY-MM-DD`, as `NaiveDate::from_str` reads it.
fn parse_day(s: &[u8]) -> Option<NaiveDate> {
    if s.len() != 10 || s[4] != b'-' || s[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(&s[..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(&s[5..7])?, digits(&s[8..10])?)
        .filter(|d| crate::dates::in_range(*d))
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction]±HH:MM`, the subset of RFC 3339 that
/// `DateTime::parse_from_rfc3339` certainly reads as the same instant.
fn parse_at(s: &[u8]) -> Option<At> {
    if s.len() < 25 || s[10] != b'T' || s[13] != b':' || s[16] != b':' {
        return None;
    }
    let day = parse_day(&s[..10])?;
    let (h, m, sec) = (
        digits(&s[11..13])?,
        digits(&s[14..16])?,
        digits(&s[17..19])?,
    );
    let mut rest = &s[19..];
    let mut nanos = 0;
    if rest[0] == b'.' {
        let n = rest[1..].iter().take_while(|b| b.is_ascii_digit()).count();
        if !(1..=9).contains(&n) {
            return None;
        }
        nanos = digits(&rest[1..=n])? * 10u32.pow(9 - n as u32);
        rest = &rest[1 + n..];
    }
    if rest.len() != 6 || rest[3] != b':' || h > 23 || m > 59 || sec > 59 {
        return None;
    }
    let sign = match rest[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (oh, om) = (digits(&rest[1..3])?, digits(&rest[4..6])?);
    if oh > 23 || om > 59 {
        return None;
    }
    // Days from 0001-01-01 (day 1) to 1970-01-01.
    let days = i64::from(day.num_days_from_ce()) - 719_163;
    let local = days * 86_400 + i64::from(h * 3600 + m * 60 + sec);
    Some(At {
        secs: local - sign * i64::from(oh * 3600 + om * 60),
        nanos,
    })
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::ledger::event::from_line;
    use proptest::prelude::*;

    pub(in crate::ledger) const LINE: &str = r#"{"v":1,"id":"0190f6b3c2d14e7a9f3b5c6d7e8f9012","at":"2014-06-16T09:30:00+08:00","event":"done","step":"1","on":"2014-06-16","by":"徐燕娟","note":"已报局活动办"}"#;

    #[test]
    fn the_design_example_takes_the_fast_path() {
        let f = fast_line(LINE.as_bytes()).expect("canonical");
        let e = from_line(LINE.as_bytes()).unwrap();
        assert_eq!(
            (f.at, f.step, f.on, f.kind),
            (At::of(&e.at), "1", e.on, e.event)
        );
    }

    #[test]
    fn lines_with_escapes_spaces_or_extra_fields_go_to_serde() {
        for line in [
            LINE.replace("已报", "\\u5df2报"),
            LINE.replace("\"1\"", "\"\\\"1\""),
            LINE.replace("\"v\":1,", "\"v\": 1,"),
            LINE.replace('}', ",\"x\":1}"),
            LINE.replace("done", "assign"),
            LINE.replace("+08:00", "Z"),
            LINE.replace(":00+", ":60+"),
        ] {
            assert!(fast_line(line.as_bytes()).is_none(), "{line}");
        }
    }

    #[test]
    fn one_character_escapes_in_by_and_note_take_the_fast_path() {
        let line = LINE.replace("已报", "\\\"已报\\\"\\\\\\n");
        let f = fast_line(line.as_bytes()).expect("canonical");
        let e = from_line(line.as_bytes()).unwrap();
        assert_eq!((f.at, f.step, f.on), (At::of(&e.at), "1", e.on));
        assert_eq!(e.note.as_deref(), Some("\"已报\"\\\n局活动办"));
    }

    /// Ledger lines: mostly events in and near the canonical form, some not events at all.
    pub(in crate::ledger) fn piece() -> impl Strategy<Value = String> {
        let ids = prop_oneof![
            prop::sample::select(vec![
                "0190f6b3c2d14e7a9f3b5c6d7e8f9012",
                "ffffffffffffffffffffffffffffffff",
                "a",
                "0190F6B3C2D14E7A9F3B5C6D7E8F9012",
            ])
            .prop_map(str::to_owned),
            "[0-9a-f]{32}",
        ];
        let ats = prop::sample::select(vec![
            "2014-06-16T09:30:00+08:00",
            "2014-06-16T01:30:00+00:00",
            "2014-06-16T01:30:00.5-00:00",
            "2014-06-16T09:30:00.123456789+08:00",
            "2014-06-16T09:30:00Z",
            "2014-02-30T09:30:00+08:00",
            "2014-06-16T24:00:00+08:00",
        ]);
        let kinds = prop::sample::select(vec!["done", "reopen", "note", "assign", "DONE"]);
        let steps =
            prop::sample::select(vec!["1", "5.1", "", "\\u0035", "步", "1\\u001b]0;x\\u0007"]);
        let ons = prop::sample::select(vec![
            "",
            r#","on":"2014-06-16""#,
            r#","on":"2014-6-16""#,
            r#","on":null"#,
            r#","on":"+262142-12-25""#,
            r#","on":"9999-01-01""#,
            r#","on":"1899-12-31""#,
        ]);
        let tails = prop::sample::select(vec![
            "",
            r#","by":"徐燕娟""#,
            r#","note":"“四风” \"纪要\" \u00e9""#,
            r#","by":"","note":"""#,
            r#","by":"徐\\燕","note":"a\"b\/c\n\t\b\f\r""#,
            r#","note":"bad \x""#,
            r#","x":[1,{"y":2}]"#,
            r#","by":5"#,
        ]);
        let good = (ids, ats, kinds, steps, ons, tails).prop_map(|(id, at, kind, step, on, tail)| {
            format!(r#"{{"v":1,"id":"{id}","at":"{at}","event":"{kind}","step":"{step}"{on}{tail}}}"#)
        });
        prop_oneof![
            8 => good,
            1 => Just(
                r#"{ "id":"0190f6b3c2d14e7a9f3b5c6d7e8f9012", "v":1, "at":"2014-06-16T09:30:00+08:00","event":"done","step":"1","on":"2014-06-16"}"#
                    .to_owned()
            ),
            1 => prop::sample::select(vec![
                String::new(), "  ".to_owned(), "not json".to_owned(), "<<<<<<< HEAD".to_owned(),
                "=======".to_owned(), "{\"v\":1".to_owned(), "[1]".to_owned(), "\u{fffd}\u{1}".to_owned(),
            ]),
        ]
    }

    proptest! {
        /// Whatever the fast path reads, serde reads the same way.
        #[test]
        fn the_fast_path_agrees_with_serde(line in piece()) {
            if let Some(f) = fast_line(line.as_bytes()) {
                let e = from_line(line.as_bytes());
                prop_assert!(e.is_ok(), "{line}");
                let e = e.unwrap();
                prop_assert_eq!(format!("{:032x}", f.id), e.id);
                prop_assert_eq!((f.at, f.step, f.kind, f.on), (At::of(&e.at), e.step.as_str(), e.event, e.on));
            }
        }
    }
}
