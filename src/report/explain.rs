//! How each date of the plan was read: the text as written and the window it gave
//! (`7月上旬至7月中旬 → 2014-07-01 … 2014-07-20`), and how a relative due was counted:
//! for working days, which holidays it skipped and which weekend workdays it counted.

use chrono::{Datelike as _, NaiveDate};
use serde::Serialize;

use crate::calendar::{Counted, DayOff};
use crate::plan::{Due, Lang, Plan};
use crate::state::Status;

#[derive(Debug, Clone, Serialize)]
pub struct DateLine {
    pub id: String,
    /// `when`, `start` or `due`.
    pub field: &'static str,
    pub text: String,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub tentative: bool,
    /// How a relative due was counted, in English for JSON; None for plain dates.
    pub counted: Option<String>,
    #[serde(skip)]
    counted_zh: Option<String>,
    /// The text in Chinese where the plan's is TOML (`{ after = "5", days = 10 }` reads
    /// "步骤5完成后10天"); empty for a task that takes its step's due.
    #[serde(skip)]
    text_zh: Option<String>,
    /// Set when the due (the window's last day) is not a working day.
    pub day_off: Option<DayOffJson>,
}

/// Why a date is a day off, for `show --json`: `kind` is `holiday`, `weekend` or `local`;
/// `en` and `zh` name it ("Dragon Boat Festival" / "端午节", "Saturday" / "周六").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayOffJson {
    pub kind: &'static str,
    pub en: String,
    pub zh: String,
}

impl DayOffJson {
    #[must_use]
    pub fn new(off: &DayOff, d: NaiveDate) -> DayOffJson {
        match off {
            DayOff::Holiday { zh, en } => DayOffJson {
                kind: "holiday",
                en: (*en).to_string(),
                zh: (*zh).to_string(),
            },
            DayOff::Weekend => DayOffJson {
                kind: "weekend",
                en: d.format("%A").to_string(),
                zh: super::labels::weekday(d.weekday(), Lang::Zh).to_string(),
            },
            DayOff::Local => DayOffJson {
                kind: "local",
                en: "local day off".to_string(),
                zh: "本地休息日".to_string(),
            },
        }
    }
}

impl DateLine {
    #[must_use]
    pub fn to_line(&self, lang: Lang) -> String {
        let window = match (self.start, self.due) {
            (Some(s), Some(d)) if s != d => format!("{s} … {d}"),
            (_, Some(d)) => d.to_string(),
            (Some(s), None) => s.to_string(),
            (None, None) => String::new(),
        };
        let text: String = self.text.lines().map(str::trim).collect();
        let mut line = match lang {
            // "4 时间：6月18日至6月25日 → …", "7.1 截止：步骤5完成后10天 → …"; a task without
            // a due of its own: "4.1 截止：2014-06-25（同步骤4）".
            Lang::Zh => {
                let field = match self.field {
                    "when" => super::labels::WHEN.zh,
                    "start" => super::labels::START.zh,
                    _ => super::labels::DUE.zh,
                };
                match self.text_zh.as_deref().unwrap_or(&text) {
                    "" => format!("{} {field}：{window}", self.id),
                    t => format!("{} {field}：{t} → {window}", self.id),
                }
            }
            Lang::En => format!("{} {}: {text} → {window}", self.id, self.field),
        };
        let counted = match lang {
            Lang::Zh => self.counted_zh.as_ref(),
            Lang::En => self.counted.as_ref(),
        };
        if let Some(c) = counted {
            line.push_str(&super::labels::paren(c, lang));
        }
        line
    }
}

/// The date lines of one item: its `when` or `start`/`due` as written and as read.
#[must_use]
pub fn dates(plan: &Plan, statuses: &[Status], index: usize) -> Vec<DateLine> {
    let item = &plan.items[index];
    let st = &statuses[index];
    let line = |field, text: &String, start, due| DateLine {
        id: item.id.clone(),
        field,
        text: text.clone(),
        start,
        due,
        tentative: false,
        counted: None,
        counted_zh: None,
        text_zh: None,
        day_off: due.and_then(|d| plan.calendar.day_off(d).map(|off| DayOffJson::new(&off, d))),
    };
    let mut out = Vec::new();
    if let Some(w) = &item.texts.when {
        out.push(line("when", w, item.start, Some(st.due)));
    }
    if let Some(s) = &item.texts.start {
        out.push(line("start", s, item.start, None));
    }
    match (&item.texts.due, item.due) {
        (
            Some(text),
            Due::After {
                anchor,
                count,
                workdays,
            },
        ) => {
            let a = &plan.items[anchor];
            let unit_en = if workdays { "working days" } else { "days" };
            let unit_zh = if workdays { "个工作日" } else { "天" };
            let a_zh = super::labels::item_ref(a, Lang::Zh);
            let (base, (mut en, mut zh)) = match statuses[anchor].done_on {
                Some(done) => (
                    done,
                    if workdays {
                        (
                            format!("{count} {unit_en} after {} (done {done})", a.id),
                            format!("{a_zh}于{done}完成"),
                        )
                    } else {
                        (
                            format!("{count} {unit_en} after {} was done on {done}", a.id),
                            format!("{a_zh}于{done}完成"),
                        )
                    },
                ),
                None => (
                    statuses[anchor].due,
                    (
                        format!(
                            "{count} {unit_en} after {}, not done yet: its due {} stands in, so this is tentative",
                            a.id, statuses[anchor].due
                        ),
                        format!(
                            "{a_zh}尚未完成，暂按其截止日{}起算，暂定",
                            statuses[anchor].due
                        ),
                    ),
                ),
            };
            if workdays {
                let met = plan.calendar.counted(base, st.due);
                let short = base.year() == st.due.year();
                if let Some((more_en, more_zh)) = describe(&met, short, &st.unknown_years) {
                    // After "…, so this is tentative" a colon would read as its reason.
                    let (sep, sep_zh) = if st.tentative {
                        ("; ", "；")
                    } else {
                        (": ", "：")
                    };
                    en = format!("{en}{sep}{more_en}");
                    zh = format!("{zh}{sep_zh}{more_zh}");
                }
            }
            let mut l = line("due", text, None, Some(st.due));
            l.text_zh = Some(format!("{a_zh}完成后{count}{unit_zh}"));
            l.tentative = st.tentative;
            l.counted = Some(en);
            l.counted_zh = Some(zh);
            out.push(l);
        }
        (Some(text), Due::Fixed(_)) => out.push(line("due", text, item.start, Some(st.due))),
        (None, _) if item.texts.when.is_none() => {
            // A task without a due of its own takes its step's.
            let mut l = line("due", &String::new(), None, Some(st.due));
            l.counted = Some(format!("the due of step {}", plan.items[item.step].id));
            l.counted_zh = Some(format!(
                "同{}",
                super::labels::item_ref(&plan.items[item.step], Lang::Zh)
            ));
            l.text_zh = Some(String::new());
            l.text = "-".to_string();
            l.tentative = st.tentative;
            out.push(l);
        }
        (None, _) => {}
    }
    out
}

/// How many runs of days off a line names before it says "and N more".
const MAX_RUNS: usize = 6;
/// How many weekend workdays a line names before it says "and N more".
const MAX_WORKED: usize = 8;

/// The tail of a working-day explanation: "skips National Day 10-01…10-07; counts the
/// weekend workdays 09-28, 10-11", in English and in Chinese, plus the years only weekends
/// were known for. `None` when the count met nothing but plain weekends. `short` writes `10-01`
/// rather than `2014-10-01` (the count stays within one year).
#[must_use]
pub fn describe(met: &Counted, short: bool, unknown_years: &[i32]) -> Option<(String, String)> {
    let day = |d: NaiveDate| {
        if short {
            d.format("%m-%d").to_string()
        } else {
            d.to_string()
        }
    };
    let run = |first: NaiveDate, last: NaiveDate| {
        if first == last {
            day(first)
        } else {
            format!("{}…{}", day(first), day(last))
        }
    };
    let mut en: Vec<String> = Vec::new();
    let mut zh: Vec<String> = Vec::new();
    if !met.skipped.is_empty() {
        let names = |lang: Lang| -> Vec<String> {
            let mut v: Vec<String> = met
                .skipped
                .iter()
                .take(MAX_RUNS)
                .map(|r| {
                    let name = match (&r.why, lang) {
                        (DayOff::Holiday { en, .. }, Lang::En) => (*en).to_string(),
                        (DayOff::Holiday { zh, .. }, Lang::Zh) => (*zh).to_string(),
                        (_, Lang::En) => "local days off".to_string(),
                        (_, Lang::Zh) => "本地休息日".to_string(),
                    };
                    format!("{name} {}", run(r.first, r.last))
                })
                .collect();
            let rest = met.skipped.len().saturating_sub(MAX_RUNS);
            if rest > 0 {
                v.push(match lang {
                    Lang::En => format!("and {rest} more"),
                    Lang::Zh => format!("等另{rest}段"),
                });
            }
            v
        };
        en.push(format!("skips {}", names(Lang::En).join(", ")));
        zh.push(format!("跳过{}", names(Lang::Zh).join("、")));
    }
    if !met.worked_weekends.is_empty() {
        let days: Vec<String> = met
            .worked_weekends
            .iter()
            .take(MAX_WORKED)
            .map(|&d| day(d))
            .collect();
        let rest = met.worked_weekends.len().saturating_sub(MAX_WORKED);
        let (mut d_en, mut d_zh) = (days.join(", "), days.join("、"));
        if rest > 0 {
            d_en = format!("{d_en} and {rest} more");
            d_zh = format!("{d_zh}等另{rest}天");
        }
        en.push(format!("counts the weekend workdays {d_en}"));
        zh.push(format!("计入周末调休上班日 {d_zh}"));
    }
    if !unknown_years.is_empty() {
        let years = years_text(unknown_years);
        en.push(format!(
            "official days off for {years} are unknown, only weekends were used"
        ));
        zh.push(format!("{years}年法定节假日未知，仅按周末计算"));
    }
    (!en.is_empty()).then(|| (en.join("; "), zh.join("；")))
}

/// Years as a short list with consecutive ones joined: `2027`, `2027–2029, 2031`.
#[must_use]
pub fn years_text(years: &[i32]) -> String {
    let mut runs: Vec<(i32, i32)> = Vec::new();
    for &y in years {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == y => *last = y,
            _ => runs.push((y, y)),
        }
    }
    runs.iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The warning a command prints once when dues it shows were counted through years the
/// official calendar does not know; `None` when there are none.
#[must_use]
pub fn unknown_years_warning(years: &[i32]) -> Option<crate::message::Warning> {
    (!years.is_empty()).then(|| crate::message::Warning::UnknownYears {
        years: years.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{Calendar, CalendarKind};

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn describe_names_skipped_holidays_and_worked_weekends() {
        let cal = Calendar::new(CalendarKind::Cn, &[], &[]);
        let met = cal.counted(date("2014-09-26"), date("2014-10-15"));
        let (en, zh) = describe(&met, true, &[]).unwrap();
        assert_eq!(
            en,
            "skips National Day 10-01…10-07; counts the weekend workdays 09-28, 10-11"
        );
        assert_eq!(
            zh,
            "跳过国庆节 10-01…10-07；计入周末调休上班日 09-28、10-11"
        );
        let (en, _) = describe(&met, false, &[]).unwrap();
        assert!(en.contains("2014-10-01…2014-10-07"), "{en}");
        assert_eq!(describe(&Counted::default(), true, &[]), None);
        let (en, zh) = describe(&Counted::default(), true, &[2030]).unwrap();
        assert_eq!(
            en,
            "official days off for 2030 are unknown, only weekends were used"
        );
        assert_eq!(zh, "2030年法定节假日未知，仅按周末计算");
    }

    #[test]
    fn describe_cuts_long_lists() {
        let cal = Calendar::new(CalendarKind::Cn, &[], &[]);
        let met = cal.counted(date("2013-12-31"), date("2016-12-31"));
        let (en, zh) = describe(&met, false, &[]).unwrap();
        assert!(en.contains(" more; counts"), "{en}");
        assert!(en.ends_with(" more"), "{en}");
        assert!(zh.contains("等另"), "{zh}");
    }

    #[test]
    fn years_and_the_warning_read_short() {
        assert_eq!(years_text(&[2027]), "2027");
        assert_eq!(years_text(&[2027, 2028, 2029, 2031]), "2027–2029, 2031");
        let w = unknown_years_warning(&[2027]).unwrap();
        assert_eq!(
            w.text(Lang::En).message,
            "official days off for 2027 are unknown; only weekends were used"
        );
        assert_eq!(
            w.text(Lang::Zh).message,
            "不知道 2027 年的法定节假日，只按周末计算了工作日"
        );
        assert_eq!(unknown_years_warning(&[]), None);
    }
}
