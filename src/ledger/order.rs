//! The replay order of DESIGN §2 — by `at` (the instant), then by `id` — and the one id
//! parser and id hash of the ledger.
//!
//! Owns [`Order`], [`At`] and [`Id`]: ids this tool writes (32 lowercase hex digits) are kept
//! as the number they spell, whose order is their text's; any other id as its text. The
//! hex parse reads eight digits at a time (`hex_word`, pinned to a digit-by-digit
//! reference by a test): random hex digits mispredict a branch per digit one time in three.

use std::cmp::Ordering;
use std::fmt;
use std::hash::BuildHasher as _;

use chrono::{DateTime, FixedOffset, Utc};

/// An event id, ordered as its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Id {
    Hex(u128),
    Text(Box<str>),
}

impl Id {
    #[must_use]
    pub fn new(id: &str) -> Id {
        match hex_id(id.as_bytes()) {
            Some(n) => Id::Hex(n),
            None => Id::Text(id.into()),
        }
    }

    /// The id's 64-bit hash (foldhash, like the plan's id index): equal ids hash alike,
    /// since an id's text decides its variant.
    pub(super) fn hash(&self) -> u64 {
        let hasher = foldhash::fast::FixedState::default();
        match self {
            Id::Hex(n) => hasher.hash_one(n),
            Id::Text(s) => hasher.hash_one(s),
        }
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Id::Hex(n) => write!(f, "{n:032x}"),
            Id::Text(s) => f.write_str(s),
        }
    }
}

impl Ord for Id {
    fn cmp(&self, other: &Id) -> Ordering {
        match (self, other) {
            (Id::Hex(a), Id::Hex(b)) => a.cmp(b),
            (Id::Text(a), Id::Text(b)) => a.cmp(b),
            (Id::Hex(a), Id::Text(b)) => format!("{a:032x}").as_str().cmp(b),
            (Id::Text(a), Id::Hex(b)) => (**a).cmp(format!("{b:032x}").as_str()),
        }
    }
}

impl PartialOrd for Id {
    fn partial_cmp(&self, other: &Id) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// 32 lowercase hex digits as the number they spell; `None` for anything else.
pub(super) fn hex_id(id: &[u8]) -> Option<u128> {
    let id: &[u8; 32] = id.try_into().ok()?;
    id.chunks_exact(8).try_fold(0u128, |n, word| {
        let word = u64::from_le_bytes(word.try_into().ok()?);
        Some((n << 32) | u128::from(hex_word(word)?))
    })
}

/// Eight lowercase hex digits (the first in the lowest byte) as the number they spell,
/// without a branch per digit.
fn hex_word(w: u64) -> Option<u32> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    if w & HIGH != 0 {
        return None;
    }
    // Per byte (each below 0x80, so no sum carries into the next): its high bit set when
    // the byte is at least `lo`, or more than `hi`.
    let at_least = |lo: u8| w.wrapping_add(ONES * u64::from(0x80 - lo)) & HIGH;
    let above = |hi: u8| w.wrapping_add(ONES * u64::from(0x7f - hi)) & HIGH;
    let digit = at_least(b'0') & !above(b'9');
    let lower = at_least(b'a') & !above(b'f');
    if digit | lower != HIGH {
        return None;
    }
    // '0'..'9' → 0..9, 'a'..'f' → 1..6 + 9.
    let v = (w & (ONES * 0x0f)) + (lower >> 7) * 9;
    let v = ((v & 0x0f00_0f00_0f00_0f00) >> 8) | ((v & 0x000f_000f_000f_000f) << 4);
    let v = ((v & 0x00ff_0000_00ff_0000) >> 16) | ((v & 0x0000_00ff_0000_00ff) << 8);
    let v = ((v & 0x0000_ffff_0000_0000) >> 32) | ((v & 0x0000_0000_0000_ffff) << 16);
    u32::try_from(v).ok()
}

/// An instant as UTC seconds and nanoseconds: ordered as `DateTime` orders instants (a
/// leap second's nanoseconds run past 10^9 in both), but plain integers to compare and copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct At {
    pub(super) secs: i64,
    pub(super) nanos: u32,
}

impl At {
    #[must_use]
    pub fn of(at: &DateTime<FixedOffset>) -> At {
        At {
            secs: at.timestamp(),
            nanos: at.timestamp_subsec_nanos(),
        }
    }

    /// The instant back as a `DateTime` (the earliest one if it is out of chrono's range,
    /// which no parsed `at` is).
    #[must_use]
    pub fn utc(self) -> DateTime<Utc> {
        DateTime::from_timestamp(self.secs, self.nanos).unwrap_or(DateTime::<Utc>::MIN_UTC)
    }
}

/// The replay order of DESIGN §2: by `at` (the instant), then by `id`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Order {
    pub at: At,
    pub id: Id,
}

impl Order {
    #[must_use]
    pub fn new(at: &DateTime<FixedOffset>, id: &str) -> Order {
        Order {
            at: At::of(at),
            id: Id::new(id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain reference: one digit at a time.
    fn reference(id: &[u8]) -> Option<u128> {
        if id.len() != 32 {
            return None;
        }
        id.iter().try_fold(0u128, |n, &b| {
            let d = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                _ => return None,
            };
            Some((n << 4) | u128::from(d))
        })
    }

    #[test]
    fn hex_ids_read_as_digit_by_digit() {
        let base = *b"0190f6b3c2d14e7a9f3b5c6d7e8f9012";
        assert_eq!(hex_id(&base), reference(&base));
        assert!(hex_id(&base).is_some());
        for at in 0..32 {
            for b in 0..=255u8 {
                let mut id = base;
                id[at] = b;
                assert_eq!(hex_id(&id), reference(&id), "{at} {b}");
            }
        }
        assert_eq!(hex_id(&[b'f'; 32]), Some(u128::MAX));
        assert_eq!(hex_id(&base[..31]), None);
    }

    #[test]
    fn id_order_is_text_order_and_display_gives_the_text_back() {
        let text = "0190f6b3c2d14e7a9f3b5c6d7e8f9012";
        let hex = Id::new(text);
        assert!(matches!(hex, Id::Hex(_)));
        assert_eq!(hex.to_string(), text);
        for other in ["0", "1", "0190F6", "0190f6b3c2d14e7a9f3b5c6d7e8f90123", "z"] {
            assert_eq!(hex.cmp(&Id::new(other)), text.cmp(other), "{other}");
            assert_eq!(Id::new(other).to_string(), other);
        }
    }
}
