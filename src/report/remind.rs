//! Reminders ready to paste into a chat: one short message per owner listing what is
//! overdue or due within a few days, in the plan's language. Pure.

use chrono::{Datelike as _, NaiveDate};

use crate::plan::{ItemKind, Lang, Plan};
use crate::state::Status;

/// One owner's reminder: the items, most urgent first, and the message text.
#[derive(Debug, Clone)]
pub struct Reminder<'a> {
    pub owner: &'a str,
    pub items: Vec<&'a Status>,
    pub message: String,
}

/// A reminder for each owner with something not done that is overdue or due within `days`
/// of `today`; owners with nothing due get none. `statuses` come in the order to list them.
#[must_use]
pub fn reminders<'a>(
    plan: &'a Plan,
    statuses: &[&'a Status],
    owners: &[&'a str],
    days: i64,
    lang: Lang,
) -> Vec<Reminder<'a>> {
    owners
        .iter()
        .filter_map(|&owner| {
            let items: Vec<&Status> = statuses
                .iter()
                .copied()
                .filter(|s| s.done_on.is_none() && (s.due - s.today).num_days() <= days)
                .filter(|s| plan.items[s.index].owners.iter().any(|o| o == owner))
                .collect();
            if items.is_empty() {
                return None;
            }
            let message = message(plan, owner, &items, lang);
            Some(Reminder {
                owner,
                items,
                message,
            })
        })
        .collect()
}

fn message(plan: &Plan, owner: &str, items: &[&Status], lang: Lang) -> String {
    let mut lines = vec![match lang {
        Lang::Zh => format!("{owner}，您好！以下事项请留意："),
        Lang::En => format!("Hello {owner}, a reminder of what is due:"),
    }];
    for (n, s) in items.iter().enumerate() {
        let item = &plan.items[s.index];
        let what = format!("{} {}", item.id, item.title);
        let of_step = (item.kind == ItemKind::Task).then(|| {
            let step = &plan.items[item.step];
            match lang {
                Lang::Zh => format!("（属步骤{} {}）", step.id, step.title),
                Lang::En => format!(" (step {}: {})", step.id, step.title),
            }
        });
        let when = deadline(s, lang);
        lines.push(match lang {
            Lang::Zh => format!("{}. 【{what}】{}{when}", n + 1, of_step.unwrap_or_default()),
            Lang::En => format!(
                "{}. [{what}]{} — {when}",
                n + 1,
                of_step.unwrap_or_default()
            ),
        });
    }
    lines.push(match lang {
        Lang::Zh => "完成后请告知，谢谢！".to_string(),
        Lang::En => "Please tell me when it is done. Thank you!".to_string(),
    });
    lines.join("\n")
}

/// What `remind` says when there is nothing to remind of: for one owner, or for everyone.
#[must_use]
pub fn nothing_due(owner: Option<&str>, days: i64, lang: Lang) -> String {
    match (owner, lang) {
        (Some(o), Lang::Zh) => format!("{o}目前没有逾期或{days}天内到期的事项。"),
        (Some(o), Lang::En) => format!("{o} has nothing overdue or due within {days} days."),
        (None, Lang::Zh) => format!("目前没有人有逾期或{days}天内到期的事项。"),
        (None, Lang::En) => format!("Nobody has anything overdue or due within {days} days."),
    }
}

/// "6月25日（周三）截止，已逾期2天" / "due Wed Jun 25, 2 days overdue"; the year too when
/// it is not today's.
fn deadline(s: &Status, lang: Lang) -> String {
    let day = zh_or_en_day(s.due, s.today, lang);
    let tentative = match (s.tentative, lang) {
        (true, Lang::Zh) => "（暂定）",
        (true, Lang::En) => " (tentative)",
        (false, _) => "",
    };
    let left = (s.due - s.today).num_days();
    match lang {
        Lang::Zh if left < 0 => format!("{day}截止{tentative}，已逾期{}天", -left),
        Lang::Zh if left == 0 => format!("{day}截止{tentative}，今天到期"),
        Lang::Zh => format!("{day}截止{tentative}，还有{left}天"),
        Lang::En if left < 0 => format!("due {day}{tentative}, {} overdue", days_en(-left)),
        Lang::En if left == 0 => format!("due {day}{tentative}, today"),
        Lang::En => format!("due {day}{tentative}, in {}", days_en(left)),
    }
}

fn days_en(n: i64) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

fn zh_or_en_day(d: NaiveDate, today: NaiveDate, lang: Lang) -> String {
    let wd = super::labels::weekday(d.weekday(), lang);
    let other_year = d.year() != today.year();
    match (lang, other_year) {
        (Lang::Zh, false) => format!("{}（{wd}）", crate::dates::zh_day(d)),
        (Lang::Zh, true) => format!("{}年{}（{wd}）", d.year(), crate::dates::zh_day(d)),
        (Lang::En, false) => format!("{wd} {} {}", d.format("%b"), d.day()),
        (Lang::En, true) => format!("{wd} {} {}, {}", d.format("%b"), d.day(), d.year()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Change, Completion, evaluate};

    fn seed() -> Plan {
        crate::plan::parse(include_str!("../../plan.toml"), "plan.toml", 2000).unwrap()
    }

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2014, m, day).unwrap()
    }

    #[test]
    fn one_block_per_owner_with_something_due_and_none_for_the_rest() {
        let plan = seed();
        let done = Completion::replay(&plan, [("1", Change::Done(d(6, 16)))], None);
        let all = evaluate(&plan, &done, d(6, 27));
        let refs: Vec<&Status> = all.iter().collect();
        let owners = plan.owners();
        let r = reminders(&plan, &refs, &owners, 7, Lang::Zh);
        let names: Vec<&str> = r.iter().map(|r| r.owner).collect();
        assert_eq!(
            names,
            ["徐燕娟", "唐健", "韩海英", "杨建祥"],
            "刘明 has nothing due within 7 days"
        );
        let han = r.iter().find(|r| r.owner == "韩海英").unwrap();
        assert!(han.message.starts_with("韩海英，您好！"), "{}", han.message);
        assert!(han.message.contains("【5.1 将专题民主生活会方案报活动办审核】（属步骤5 召开专题民主生活会）6月20日（周五）截止，已逾期7天"), "{}", han.message);
        assert!(
            han.message
                .contains("【4 撰写对照检查材料】6月25日（周三）截止，已逾期2天"),
            "{}",
            han.message
        );
    }

    #[test]
    fn english_reminders_say_how_long_is_left() {
        let plan = seed();
        let none = Completion::replay(&plan, [], None);
        let all = evaluate(&plan, &none, d(6, 20));
        let refs: Vec<&Status> = all.iter().collect();
        let r = reminders(&plan, &refs, &["韩海英"], 0, Lang::En);
        assert_eq!(r.len(), 1);
        assert!(r[0].message.contains("[5.1 将专题民主生活会方案报活动办审核] (step 5: 召开专题民主生活会) — due Fri Jun 20, today"), "{}", r[0].message);
        assert!(
            !r[0].message.contains("[4 "),
            "4 is due in 5 days, beyond --days 0"
        );
    }

    #[test]
    fn a_deadline_in_another_year_than_today_names_it() {
        let plan = seed();
        let none = Completion::replay(&plan, [], None);
        let all = evaluate(&plan, &none, NaiveDate::from_ymd_opt(2015, 1, 5).unwrap());
        let refs: Vec<&Status> = all.iter().collect();
        let zh = reminders(&plan, &refs, &["韩海英"], 0, Lang::Zh);
        assert!(
            zh[0].message.contains("2014年6月20日（周五）截止"),
            "{}",
            zh[0].message
        );
        let en = reminders(&plan, &refs, &["韩海英"], 0, Lang::En);
        assert!(
            en[0].message.contains("due Fri Jun 20, 2014,"),
            "{}",
            en[0].message
        );
    }
}
