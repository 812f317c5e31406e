//! One ledger event: its fields, its exact line form, and how one line is understood.
//!
//! Owns the line format of DESIGN.md §2 — key order, which fields are required, what makes a
//! line malformed — and fresh event ids. It must not read files, decide what an event means
//! for the plan (that is the replay), or drop anything it does not understand: unknown event
//! kinds and extra fields are carried along so they survive and can be shown.

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// What an event records. Anything this version does not know is kept as `Other` so a
/// ledger written by a newer version passes through untouched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventKind {
    Done,
    Reopen,
    Note,
    Other(String),
}

impl EventKind {
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            EventKind::Done => "done",
            EventKind::Reopen => "reopen",
            EventKind::Note => "note",
            EventKind::Other(s) => s,
        }
    }

    fn from_name(name: &str) -> EventKind {
        match name {
            "done" => EventKind::Done,
            "reopen" => EventKind::Reopen,
            "note" => EventKind::Note,
            other => EventKind::Other(other.to_owned()),
        }
    }

    /// Done and reopen change a step's state as of a day, so they need `on`.
    fn needs_on(&self) -> bool {
        matches!(self, EventKind::Done | EventKind::Reopen)
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for EventKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for EventKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = CowStr::deserialize(deserializer)?;
        Ok(EventKind::from_name(&name.0))
    }
}

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Format version; 1 today. Other values are kept as they are.
    pub v: u32,
    /// 32 lowercase hex digits for events we create; any non-empty string is accepted on read.
    pub id: String,
    /// When the event was recorded.
    pub at: DateTime<FixedOffset>,
    pub event: EventKind,
    /// Step or task id as written in the plan ("3", "5.1").
    pub step: String,
    /// Effective date; required for done and reopen.
    pub on: Option<NaiveDate>,
    pub by: Option<String>,
    pub note: Option<String>,
    /// Fields this version does not know, kept so they are never lost.
    pub extra: Map<String, Value>,
}

impl Event {
    /// A version-1 event with a fresh random id.
    #[must_use]
    pub fn new(
        kind: EventKind,
        step: &str,
        at: DateTime<FixedOffset>,
        on: Option<NaiveDate>,
        by: Option<String>,
        note: Option<String>,
    ) -> Event {
        Event {
            v: 1,
            id: new_id(),
            at,
            event: kind,
            step: step.to_owned(),
            on,
            by,
            note,
            extra: Map::new(),
        }
    }

    /// The event as one JSON line, without the trailing newline, keys in the order of §2.
    ///
    /// # Panics
    ///
    /// Never: serialising these field types to a `String` cannot fail.
    #[must_use]
    pub fn to_line(&self) -> String {
        // Invariant: serialising only strings, a u32 and `serde_json::Value`s (whose map keys
        // are strings) into a String cannot fail; serde_json errors here only for non-string
        // map keys or a failing writer, neither of which exists.
        serde_json::to_string(self).expect("an Event always serialises to JSON")
    }
}

impl Serialize for Event {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("v", &self.v)?;
        map.serialize_entry("id", &self.id)?;
        map.serialize_entry("at", &format_at(&self.at))?;
        map.serialize_entry("event", &self.event)?;
        map.serialize_entry("step", &self.step)?;
        if let Some(on) = &self.on {
            map.serialize_entry("on", &on.to_string())?;
        }
        if let Some(by) = &self.by {
            map.serialize_entry("by", by)?;
        }
        if let Some(note) = &self.note {
            map.serialize_entry("note", note)?;
        }
        for (key, value) in &self.extra {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// RFC 3339 with the recorded offset (never `Z`), fractional seconds only when present, so
/// that `DateTime::parse_from_rfc3339` reads back the same instant and offset.
fn format_at(at: &DateTime<FixedOffset>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, false)
}

/// 32 lowercase hex digits from 128 random bits: ids must not collide across machines whose
/// ledgers are later merged, so they cannot be counters or timestamps.
///
/// # Panics
///
/// Only if the operating system has no random source at all.
#[must_use]
pub fn new_id() -> String {
    let mut bytes = [0u8; 16];
    // Invariant: on the supported platforms getrandom only fails when the OS has no random
    // source at all (no getrandom(2) and no /dev/urandom); an id that is not random would
    // silently break de-duplication of merged ledgers, which is worse than stopping.
    getrandom::fill(&mut bytes).expect("the operating system's random source is available");
    let mut id = String::with_capacity(32);
    for b in bytes {
        id.push(hex_digit(b >> 4));
        id.push(hex_digit(b & 0x0f));
    }
    id
}

fn hex_digit(nibble: u8) -> char {
    char::from(b"0123456789abcdef"[usize::from(nibble & 0x0f)])
}

/// Why one line is not an event; the text goes after "line N: " in a problem report.
pub(crate) type Reason = String;

/// Understand one line (without its newline). The line must be valid UTF-8 JSON holding one
/// object with the required fields of the right types.
pub(crate) fn from_line(line: &[u8]) -> Result<Event, Reason> {
    if let Err(e) = std::str::from_utf8(line) {
        return Err(format!(
            "not valid UTF-8 (bad byte at column {})",
            e.valid_up_to() + 1
        ));
    }
    let raw: RawEvent = serde_json::from_slice(line).map_err(|e| describe_json_error(&e))?;
    raw.into_event()
}

/// `serde_json`'s messages end in " at line 1 column N"; a ledger line is always line 1 of its
/// own parse, so keep only the column and say whether the JSON or the event was wrong.
fn describe_json_error(e: &serde_json::Error) -> Reason {
    let text = e.to_string();
    let message = text
        .rfind(" at line ")
        .map_or(text.as_str(), |i| &text[..i]);
    let what = match e.classify() {
        serde_json::error::Category::Data => "not a valid event",
        _ => "not valid JSON",
    };
    if e.column() == 0 {
        format!("{what}: {message}")
    } else {
        format!("{what}: {message} at column {}", e.column())
    }
}

/// A string that borrows from the line when it has no escapes, so parsing a million lines
/// does not allocate for fields that are converted right away (`at`, `on`, `event`, keys).
struct CowStr<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for CowStr<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CowStr<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(V)
    }
}

/// The fields as found, before the checks that need more than one field.
///
/// For the optional fields the outer `Option` says whether the key was present (so a
/// second occurrence is caught even after `null`), the inner one whether it was `null`.
#[derive(Default)]
#[allow(
    clippy::option_option,
    reason = "present-but-null must differ from absent to refuse duplicate keys"
)]
struct RawEvent<'de> {
    v: Option<u32>,
    id: Option<String>,
    at: Option<CowStr<'de>>,
    event: Option<CowStr<'de>>,
    step: Option<String>,
    on: Option<Option<CowStr<'de>>>,
    by: Option<Option<String>>,
    note: Option<Option<String>>,
    extra: Map<String, Value>,
}

impl<'de> Deserialize<'de> for RawEvent<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(RawVisitor)
    }
}

struct RawVisitor;

/// Store a field, refusing a second occurrence: with duplicate keys two readers could
/// disagree about what the line says, so such a line is malformed rather than guessed at.
fn set_once<T, E: de::Error>(slot: &mut Option<T>, value: T, key: &str) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::custom(format_args!("duplicate field `{key}`")));
    }
    *slot = Some(value);
    Ok(())
}

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawEvent<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a ledger event (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut raw = RawEvent::default();
        while let Some(CowStr(key)) = map.next_key::<CowStr<'de>>()? {
            match &*key {
                "v" => set_once(&mut raw.v, map.next_value()?, "v")?,
                "id" => set_once(&mut raw.id, map.next_value()?, "id")?,
                "at" => set_once(&mut raw.at, map.next_value()?, "at")?,
                "event" => set_once(&mut raw.event, map.next_value()?, "event")?,
                "step" => set_once(&mut raw.step, map.next_value()?, "step")?,
                "on" => set_once(&mut raw.on, map.next_value()?, "on")?,
                "by" => set_once(&mut raw.by, map.next_value()?, "by")?,
                "note" => set_once(&mut raw.note, map.next_value()?, "note")?,
                _ => {
                    let value: Value = map.next_value()?;
                    if raw.extra.contains_key(&*key) {
                        return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
                    }
                    raw.extra.insert(key.into_owned(), value);
                }
            }
        }
        Ok(raw)
    }
}

impl RawEvent<'_> {
    fn into_event(self) -> Result<Event, Reason> {
        let missing = |name: &str| format!("not a valid event: missing field `{name}`");
        let v = self.v.ok_or_else(|| missing("v"))?;
        let id = self.id.ok_or_else(|| missing("id"))?;
        if id.is_empty() {
            return Err("not a valid event: `id` is empty".to_owned());
        }
        let at_text = self.at.ok_or_else(|| missing("at"))?;
        let at = DateTime::parse_from_rfc3339(&at_text.0).map_err(|e| {
            format!(
                "not a valid event: `at` {:?} is not an RFC 3339 time with offset ({e})",
                at_text.0
            )
        })?;
        let name = self.event.ok_or_else(|| missing("event"))?.0;
        // Only version 1 is understood: a line of a later format is kept and shown, but its
        // `done` is not ours to interpret (CONTRIBUTING: a format change needs a new `v`).
        let event = if v == 1 {
            EventKind::from_name(&name)
        } else {
            EventKind::Other(name.into_owned())
        };
        let step = self.step.ok_or_else(|| missing("step"))?;
        if step.is_empty() {
            return Err("not a valid event: `step` is empty".to_owned());
        }
        let on = match self.on.flatten() {
            None => None,
            Some(text) => Some(text.0.parse::<NaiveDate>().map_err(|e| {
                format!(
                    "not a valid event: `on` {:?} is not a date like 2014-06-16 ({e})",
                    text.0
                )
            })?),
        };
        if let Some(d) = on
            && !crate::dates::in_range(d)
        {
            return Err(format!(
                "not a valid event: `on` {d} is outside the years {}–{}",
                crate::dates::YEARS.start(),
                crate::dates::YEARS.end()
            ));
        }
        if on.is_none() && event.needs_on() {
            return Err(format!(
                "not a valid event: `{event}` needs `on` (the effective date)"
            ));
        }
        Ok(Event {
            v,
            id,
            at,
            event,
            step,
            on,
            by: self.by.flatten(),
            note: self.note.flatten(),
            extra: self.extra,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"{"v":1,"id":"0190f6b3c2d14e7a9f3b5c6d7e8f9012","at":"2014-06-16T09:30:00+08:00","event":"done","step":"1","on":"2014-06-16","by":"徐燕娟","note":"已报局活动办"}"#;

    fn example() -> Event {
        Event {
            v: 1,
            id: "0190f6b3c2d14e7a9f3b5c6d7e8f9012".to_owned(),
            at: DateTime::parse_from_rfc3339("2014-06-16T09:30:00+08:00").unwrap(),
            event: EventKind::Done,
            step: "1".to_owned(),
            on: NaiveDate::from_ymd_opt(2014, 6, 16),
            by: Some("徐燕娟".to_owned()),
            note: Some("已报局活动办".to_owned()),
            extra: Map::new(),
        }
    }

    #[test]
    fn to_line_matches_the_design_example_byte_for_byte() {
        assert_eq!(example().to_line(), EXAMPLE);
    }

    #[test]
    fn round_trip() {
        let e = example();
        let back = from_line(e.to_line().as_bytes()).unwrap();
        assert_eq!(back, e);
        assert_eq!(back.at.offset(), e.at.offset());
        assert_eq!(from_line(EXAMPLE.as_bytes()).unwrap(), e);
    }

    #[test]
    fn optional_fields_are_omitted() {
        let at = DateTime::parse_from_rfc3339("2014-06-16T09:30:00.250-05:00").unwrap();
        let e = Event::new(EventKind::Note, "5.1", at, None, None, None);
        let line = e.to_line();
        assert_eq!(
            line,
            format!(
                r#"{{"v":1,"id":"{}","at":"2014-06-16T09:30:00.250-05:00","event":"note","step":"5.1"}}"#,
                e.id
            )
        );
        assert_eq!(from_line(line.as_bytes()).unwrap(), e);
    }

    #[test]
    fn utc_keeps_a_numeric_offset() {
        let at = DateTime::parse_from_rfc3339("2014-06-16T01:30:00Z").unwrap();
        let e = Event::new(EventKind::Note, "1", at, None, None, None);
        assert!(e.to_line().contains(r#""at":"2014-06-16T01:30:00+00:00""#));
    }

    #[test]
    fn ids_are_32_lowercase_hex_and_differ() {
        let a = new_id();
        let b = new_id();
        assert_eq!(a.len(), 32);
        assert!(
            a.bytes()
                .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
        );
        assert_ne!(a, b);
    }

    #[test]
    fn unknown_kind_and_extra_fields_are_kept_and_written_back() {
        let line = r#"{"v":2,"id":"x1","at":"2014-06-16T09:30:00+08:00","event":"assign","step":"3","tags":["a",1],"to":"王"}"#;
        let e = from_line(line.as_bytes()).unwrap();
        assert_eq!(e.v, 2);
        assert_eq!(e.event, EventKind::Other("assign".to_owned()));
        assert_eq!(e.extra["to"], Value::from("王"));
        // Extra fields come back in file order (serde_json's preserve_order); the line
        // itself is never rewritten anyway.
        assert_eq!(e.to_line(), line);
    }

    #[test]
    fn a_later_format_version_is_kept_but_not_interpreted() {
        let line = r#"{"v":2,"id":"x2","at":"2014-06-16T09:30:00+08:00","event":"done","step":"3","on":"2014-06-16"}"#;
        let e = from_line(line.as_bytes()).unwrap();
        assert_eq!(e.event, EventKind::Other("done".to_owned()));
        assert_eq!(e.to_line(), line);
    }

    #[test]
    fn malformed_lines_say_why() {
        let cases: &[(&[u8], &str)] = &[
            (b"", "not valid JSON: EOF while parsing a value"),
            (b"xyz", "not valid JSON: expected value at column 1"),
            (b"[1]", "not a valid event: invalid type: sequence"),
            (br#"{"v":1}"#, "missing field `id`"),
            (
                br#"{"v":1,"id":"a","at":"2014-06-16T09:30:00+08:00","event":"done","step":"1","on":5}"#,
                "invalid type: integer `5`, expected a string",
            ),
            (
                br#"{"v":1,"id":"a","at":"2014-06-16T09:30:00","event":"note","step":"1"}"#,
                "`at` \"2014-06-16T09:30:00\" is not an RFC 3339 time",
            ),
            (
                br#"{"v":1,"id":"a","at":"2014-06-16T09:30:00+08:00","event":"done","step":"1"}"#,
                "`done` needs `on`",
            ),
            (
                br#"{"v":1,"id":"a","at":"2014-06-16T09:30:00+08:00","event":"done","step":"1","on":"2014-02-30"}"#,
                "`on` \"2014-02-30\" is not a date",
            ),
            (
                br#"{"v":1,"v":1,"id":"a","at":"2014-06-16T09:30:00+08:00","event":"note","step":"1"}"#,
                "duplicate field `v`",
            ),
            (
                br#"{"v":1,"x":1,"x":2,"id":"a","at":"2014-06-16T09:30:00+08:00","event":"note","step":"1"}"#,
                "duplicate field `x`",
            ),
            (
                br#"{"v":1,"id":"a","at":"2014-06-16T09:30:00+08:00","event":"note","step":"1"} x"#,
                "not valid JSON: trailing characters",
            ),
            (b"{\"v\":1,\"id\":\"\xff\"}", "not valid UTF-8 (bad byte at column 14)"),
        ];
        for (line, want) in cases {
            let got = from_line(line).unwrap_err();
            assert!(
                got.contains(want),
                "{:?}: {got:?} lacks {want:?}",
                String::from_utf8_lossy(line)
            );
        }
    }
}
