//! Festivals a schedule may name (`国庆节前`, `“七一”前夕`, `春节前`). Fixed ones fall on the
//! same day every year; the lunar ones and 清明 come from `data/cn-festivals.csv`, compiled
//! into the binary by `build.rs`, and exist only for the years it covers.

use chrono::NaiveDate;

// The CSV's rows as a static table, generated at build time (build.rs):
// FESTIVAL_ROWS: &[(i32, u32, u32, &str)] — year, month, day, festival.
include!(concat!(env!("OUT_DIR"), "/cn_festivals.rs"));

/// A festival by its name in the data file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Festival(pub &'static str);

/// Names as schedules write them, and the festival each means.
const NAMES: &[(&str, &str)] = &[
    ("元旦", "元旦"),
    ("除夕", "除夕"),
    ("春节", "春节"),
    ("元宵节", "元宵节"),
    ("元宵", "元宵节"),
    ("妇女节", "妇女节"),
    ("三八妇女节", "妇女节"),
    ("三八节", "妇女节"),
    ("三八", "妇女节"),
    ("清明节", "清明节"),
    ("清明", "清明节"),
    ("劳动节", "劳动节"),
    ("五一劳动节", "劳动节"),
    ("五一节", "劳动节"),
    ("五一", "劳动节"),
    ("青年节", "青年节"),
    ("五四青年节", "青年节"),
    ("五四", "青年节"),
    ("儿童节", "儿童节"),
    ("六一儿童节", "儿童节"),
    ("六一节", "儿童节"),
    ("六一", "儿童节"),
    ("端午节", "端午节"),
    ("端午", "端午节"),
    ("建党节", "建党节"),
    ("七一建党节", "建党节"),
    ("七一", "建党节"),
    ("建军节", "建军节"),
    ("八一建军节", "建军节"),
    ("八一", "建军节"),
    ("七夕节", "七夕"),
    ("七夕", "七夕"),
    ("教师节", "教师节"),
    ("中秋节", "中秋节"),
    ("中秋", "中秋节"),
    ("国庆节", "国庆节"),
    ("国庆", "国庆节"),
    ("十一", "国庆节"),
    ("重阳节", "重阳节"),
    ("重阳", "重阳节"),
];

/// Festivals on the same day every year (month, day).
const FIXED: &[(&str, u32, u32)] = &[
    ("元旦", 1, 1),
    ("妇女节", 3, 8),
    ("劳动节", 5, 1),
    ("青年节", 5, 4),
    ("儿童节", 6, 1),
    ("建党节", 7, 1),
    ("建军节", 8, 1),
    ("教师节", 9, 10),
    ("国庆节", 10, 1),
];

/// The festival `s` names exactly, if any.
pub(super) fn named(s: &str) -> Option<Festival> {
    NAMES
        .iter()
        .find(|(n, _)| *n == s)
        .map(|&(_, f)| Festival(f))
}

/// Whether `s` ends with a festival's name (`2014年国庆`, `春节`).
pub(super) fn ends_with_one(s: &str) -> bool {
    NAMES.iter().any(|(n, _)| s.ends_with(n))
}

/// The years the data file covers, for messages.
pub(super) fn covered() -> Option<(i32, i32)> {
    let first = FESTIVAL_ROWS.first()?.0;
    let last = FESTIVAL_ROWS.last()?.0;
    Some((first, last))
}

/// The festival's day in `year`; `None` for a lunar festival (or 清明) in a year the data
/// does not cover.
pub(super) fn day(f: Festival, year: i32) -> Option<NaiveDate> {
    if let Some(&(_, m, d)) = FIXED.iter().find(|(n, _, _)| *n == f.0) {
        return NaiveDate::from_ymd_opt(year, m, d);
    }
    FESTIVAL_ROWS
        .iter()
        .find(|&&(y, _, _, n)| y == year && n == f.0)
        .and_then(|&(y, m, d, _)| NaiveDate::from_ymd_opt(y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_means_a_festival_of_the_data() {
        for (name, f) in NAMES {
            assert!(
                FESTIVAL_ROWS.iter().any(|r| r.3 == *f),
                "{name} → {f} is not in the data"
            );
        }
    }

    #[test]
    fn fixed_festivals_agree_with_the_data() {
        for &(y, m, d, n) in FESTIVAL_ROWS {
            if FIXED.iter().any(|f| f.0 == n) {
                assert_eq!(
                    day(Festival(n), y),
                    NaiveDate::from_ymd_opt(y, m, d),
                    "{n} {y}"
                );
            }
        }
    }

    #[test]
    fn lunar_festivals_only_where_the_data_has_them() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(day(Festival("春节"), 2015), d(2015, 2, 19));
        assert_eq!(day(Festival("中秋节"), 2014), d(2014, 9, 8));
        assert_eq!(day(Festival("清明节"), 2014), d(2014, 4, 5));
        assert_eq!(day(Festival("春节"), 2036), None);
        assert_eq!(day(Festival("国庆节"), 2040), d(2040, 10, 1));
        assert_eq!(covered(), Some((2004, 2035)));
    }
}
