//! The words people read, in Chinese and English. JSON never uses these.

use chrono::{Datelike as _, NaiveDate, Weekday};

use crate::calendar::DayOff;
use crate::plan::{Item, ItemKind, Lang};
use crate::state::State;

#[must_use]
pub fn state(s: State, lang: Lang) -> &'static str {
    match (lang, s) {
        (Lang::Zh, State::Overdue) => "逾期",
        (Lang::Zh, State::DueToday) => "今日到期",
        (Lang::Zh, State::DueSoon) => "即将到期",
        (Lang::Zh, State::Active) => "进行中",
        (Lang::Zh, State::Upcoming) => "未开始",
        (Lang::Zh, State::Done) => "已完成",
        (Lang::En, State::Overdue) => "overdue",
        (Lang::En, State::DueToday) => "due today",
        (Lang::En, State::DueSoon) => "due soon",
        (Lang::En, State::Active) => "active",
        (Lang::En, State::Upcoming) => "upcoming",
        (Lang::En, State::Done) => "done",
    }
}

#[must_use]
pub fn weekday(w: Weekday, lang: Lang) -> &'static str {
    const ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let i = w.num_days_from_monday() as usize;
    match lang {
        Lang::Zh => ZH[i],
        Lang::En => EN[i],
    }
}

/// A phrase in both languages; `pick` chooses.
#[derive(Debug, Clone, Copy)]
pub struct Word {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Word {
    #[must_use]
    pub fn pick(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

macro_rules! words {
    ($($name:ident = $zh:literal, $en:literal;)*) => {
        $(pub const $name: Word = Word { zh: $zh, en: $en };)*
    };
}

words! {
    ID = "编号", "ID";
    ITEM = "事项", "Item";
    STEP = "步骤", "Step";
    TASK = "任务", "Task";
    OWNERS = "责任人", "Owners";
    START = "开始", "Start";
    DUE = "截止", "Due";
    STATE = "状态", "State";
    REMARK = "说明", "Remark";
    DONE_ON = "完成日期", "Done on";
    WEEK = "周次", "Week";
    FROM = "起", "From";
    TO = "止", "To";
    DUE_COUNT = "到期", "Due";
    DONE_COUNT = "完成", "Done";
    DONE_LATE = "逾期完成", "Done late";
    OVERDUE_COUNT = "逾期未完成", "Overdue";
    DUE_SOON_COUNT = "即将到期", "Due soon";
    ITEMS = "事项数", "Items";
    OWNER = "责任人", "Owner";
    TOTAL = "合计", "Total";
    TENTATIVE = "暂定", "tentative";
    YES = "是", "yes";
    NO = "否", "no";
    NOTHING_OVERDUE = "没有逾期事项。", "Nothing is overdue.";
    NOTHING_DUE = "近期没有到期事项。", "Nothing is due soon.";
    WHEN = "时间", "When";
    DATES = "日期安排", "When";
    DETAIL = "内容", "Detail";
    HISTORY = "记录", "History";
    AT = "记录时间", "Recorded at";
    EVENT = "事件", "Event";
    ON = "日期", "On";
    BY = "记录人", "By";
    NOTE = "备注", "Note";
    TODAY = "今天", "Today";
    THIS_WEEK = "本周", "This week";
    DUE_THIS_WEEK = "本周到期", "Due this week";
    DONE_THIS_WEEK = "本周完成", "Done this week";
    OVERDUE_AND_WHY = "逾期事项及原因", "Overdue, and why";
    DUE_NEXT_WEEK = "下周到期", "Due next week";
    APPENDIX_ALL = "附：全部事项", "Appendix: all items";
    LATE_BY = "逾期", "Late by";
    REASON = "原因及记录", "Notes";
    NO_NOTES = "（无记录）", "(no notes)";
    NONE = "无。", "None.";
}

/// `：` in Chinese, `: ` in English: after a label ("责任人：唐健" / "Owners: 唐健").
#[must_use]
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    }
}

/// Text in brackets after a word: "（还有5天）" in Chinese, " (5 days left)" in English.
#[must_use]
pub fn paren(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("（{text}）"),
        Lang::En => format!(" ({text})"),
    }
}

/// An item named in a sentence: "步骤5" / "任务5.1" in Chinese, the bare id in English.
#[must_use]
pub fn item_ref(item: &Item, lang: Lang) -> String {
    let id = &item.id;
    match (lang, item.kind) {
        (Lang::Zh, ItemKind::Step) => format!("步骤{id}"),
        (Lang::Zh, ItemKind::Task) => format!("任务{id}"),
        (Lang::En, _) => id.clone(),
    }
}

/// What an item waits for, as a remark reads it: "待步骤5完成" / "waiting for 5". `refs`
/// are the waited-for items as [`item_ref`] names them.
#[must_use]
pub fn waiting_for(refs: &[String], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("待{}完成", refs.join("、")),
        Lang::En => format!("waiting for {}", refs.join(",")),
    }
}

/// "3天" / "3 days".
#[must_use]
pub fn days(n: i64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{n}天"),
        Lang::En if n == 1 => "1 day".to_string(),
        Lang::En => format!("{n} days"),
    }
}

/// `status`'s count of what is late: "逾期3项。" / "3 items overdue."
#[must_use]
pub fn overdue_count(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("逾期{n}项。"),
        Lang::En if n == 1 => "1 item overdue.".to_string(),
        Lang::En => format!("{n} items overdue."),
    }
}

/// `status` before the plan starts: the item that comes first and when. `item` is its id
/// and title, `day` the day as a table shows it; `starts` whether that day is a start (else
/// a due), `days` how many days from today.
#[must_use]
pub fn not_started(item: &str, day: &str, starts: bool, days: i64, lang: Lang) -> String {
    match (lang, starts) {
        (Lang::Zh, true) => format!("计划尚未开始。第一项：{item}，{day}开始（还有{days}天）。"),
        (Lang::Zh, false) => format!("计划尚未开始。第一项：{item}，{day}截止（还有{days}天）。"),
        (Lang::En, true) => format!(
            "The plan has not started. First: {item}, starting {day} (in {}).",
            self::days(days, lang)
        ),
        (Lang::En, false) => format!(
            "The plan has not started. First: {item}, due {day} (in {}).",
            self::days(days, lang)
        ),
    }
}

/// Why a due date is a day off, as a remark reads it: "端午节休息日" / "Dragon Boat
/// Festival — a day off"; "周六休息日" / "Saturday — a day off"; a `[calendar]` holiday of
/// the plan's own: "本地休息日" / "a local day off".
#[must_use]
pub fn day_off(off: &DayOff, d: NaiveDate, lang: Lang) -> String {
    match (off, lang) {
        (DayOff::Holiday { zh, .. }, Lang::Zh) => format!("{zh}休息日"),
        (DayOff::Holiday { en, .. }, Lang::En) => format!("{en} — a day off"),
        (DayOff::Weekend, Lang::Zh) => format!("{}休息日", weekday(d.weekday(), Lang::Zh)),
        (DayOff::Weekend, Lang::En) => format!("{} — a day off", d.format("%A")),
        (DayOff::Local, Lang::Zh) => "本地休息日".to_string(),
        (DayOff::Local, Lang::En) => "a local day off".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_off_reads_as_a_remark() {
        let d = |m, day| NaiveDate::from_ymd_opt(2014, m, day).unwrap();
        let dragon = DayOff::Holiday {
            zh: "端午节",
            en: "Dragon Boat Festival",
        };
        let cases = [
            (&dragon, d(6, 2), Lang::Zh, "端午节休息日"),
            (
                &dragon,
                d(6, 2),
                Lang::En,
                "Dragon Boat Festival — a day off",
            ),
            (&DayOff::Weekend, d(6, 14), Lang::Zh, "周六休息日"),
            (&DayOff::Weekend, d(6, 15), Lang::En, "Sunday — a day off"),
            (&DayOff::Local, d(7, 15), Lang::Zh, "本地休息日"),
            (&DayOff::Local, d(7, 15), Lang::En, "a local day off"),
        ];
        for (off, day, lang, want) in cases {
            assert_eq!(day_off(off, day, lang), want);
        }
    }
}
