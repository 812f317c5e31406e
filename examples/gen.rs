//! Synthetic plans and ledgers of any size, for benchmarks (`bench/run.sh`).
//!
//! ```text
//! cargo run --release --example gen -- --steps N --events M --out DIR [--today 2014-06-20] [--seed S]
//! cargo run --release --example gen -- --plan plan.toml --events 10 --out DIR
//! ```
//!
//! Writes `DIR/plan.toml` and `DIR/plan.ledger.jsonl`. Deterministic: the same arguments
//! give the same bytes (a small seeded PRNG, no `rand`). Plans use every date form of
//! DESIGN §1 (days, ranges, dekads, months, eves, deadlines, ISO, `start`/`due`, relative
//! dues in days and working days); about one task per step, so N steps are about 2N items.
//! Ledgers are written the way the tool writes them (`Event::to_line`), in `at` order except
//! for a few blocks recorded out of order (as after a git merge), with a few exact duplicate
//! lines, Chinese `by`/`note` text, quotes that need escaping, and two offsets.
//! Every generated plan is parsed with the crate's own parser before it is written.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

use chrono::{DateTime, Datelike as _, Days, Duration, FixedOffset, NaiveDate, TimeZone as _};
use chunjiang::ledger::{Event, EventKind};

/// splitmix64: tiny, deterministic, good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }
    fn pick<'a, T>(&mut self, from: &'a [T]) -> &'a T {
        &from[self.below(from.len() as u64) as usize]
    }
}

const SURNAMES: &[&str] = &[
    "徐", "唐", "韩", "杨", "刘", "王", "李", "张", "陈", "周", "吴", "孙",
];
const GIVEN: &[&str] = &[
    "燕娟", "健", "海英", "建祥", "明", "芳", "伟", "静", "强", "丽",
];
const VERBS: &[&str] = &[
    "制订", "完善", "开展", "召开", "撰写", "报送", "整理", "审核", "通报", "落实",
];
const THINGS: &[&str] = &[
    "“第二环节”实施办法",
    "谈心谈话记录",
    "对照检查材料",
    "专题民主生活会方案",
    "组织生活会",
    "征求意见情况报告",
    "整改清单",
    "建章立制重点项目",
    "台账资料",
    "边学边查边改工作",
];
const NOTES: &[&str] = &[
    "已报局活动办",
    "谈话记录已存档",
    "材料交督导员审核，待反馈",
    "按“四风”问题逐项整改",
    "会议纪要见附件 \"纪要-6.20\"",
    "路径 D:\\台账\\2014",
    "",
];

struct Args {
    steps: usize,
    events: usize,
    out: PathBuf,
    today: NaiveDate,
    seed: u64,
    plan: Option<PathBuf>,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        steps: 8,
        events: 10,
        out: PathBuf::from("bench-data"),
        today: NaiveDate::from_ymd_opt(2014, 6, 20).ok_or("date")?,
        seed: 2014,
        plan: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let num = || {
            value
                .replace('_', "")
                .parse::<u64>()
                .map_err(|e| e.to_string())
        };
        match flag.as_str() {
            "--steps" => a.steps = num()? as usize,
            "--events" => a.events = num()? as usize,
            "--seed" => a.seed = num()?,
            "--out" => a.out = PathBuf::from(&value),
            "--plan" => a.plan = Some(PathBuf::from(&value)),
            "--today" => a.today = value.parse().map_err(|e| format!("--today: {e}"))?,
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    Ok(a)
}

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let a = args()?;
    let mut rng = Rng(a.seed);
    std::fs::create_dir_all(&a.out).map_err(|e| e.to_string())?;
    let text = match &a.plan {
        Some(p) => std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?,
        None => plan_text(&mut rng, a.steps, a.today),
    };
    let plan = chunjiang::plan::parse(&text, "generated plan", a.today.year())
        .map_err(|p| p.render_all(chunjiang::lang::Lang::En))?;
    std::fs::write(a.out.join("plan.toml"), &text).map_err(|e| e.to_string())?;
    let ids: Vec<&str> = plan.items.iter().map(|i| i.id.as_str()).collect();
    let file = std::fs::File::create(a.out.join("plan.ledger.jsonl")).map_err(|e| e.to_string())?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    write_ledger(&mut rng, &ids, a.events, a.today, &mut w).map_err(|e| e.to_string())?;
    w.flush().map_err(|e| e.to_string())?;
    eprintln!(
        "{}: {} items, {} events, today {}",
        a.out.display(),
        ids.len(),
        a.events,
        a.today
    );
    Ok(())
}

fn name(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN))
}

/// A Chinese day, with the year written only when it is not the plan's.
fn zh_day(d: NaiveDate, year: i32) -> String {
    if d.year() == year {
        format!("{}月{}日", d.month(), d.day())
    } else {
        format!("{}年{}月{}日", d.year(), d.month(), d.day())
    }
}

fn last_of_month(d: NaiveDate) -> NaiveDate {
    let first_next = if d.month() == 12 {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
    };
    first_next.and_then(|n| n.pred_opt()).unwrap_or(d)
}

/// `when = …` (or `start`/`due`) for a step around `d`, in one of the forms of DESIGN §1.
fn when(rng: &mut Rng, form: usize, d: NaiveDate, year: i32) -> String {
    let other_year = d.year() != year;
    let later = |n: u64| d.checked_add_days(Days::new(n)).unwrap_or(d);
    match form {
        1 if !other_year => {
            let end = later(1 + rng.below(8));
            if end.month() == d.month() {
                format!("when = \"{}至{}日\"", zh_day(d, year), end.day())
            } else {
                format!("when = \"{}至{}\"", zh_day(d, year), zh_day(end, year))
            }
        }
        2 if !other_year => {
            let part = ["上旬", "中旬", "下旬"][((d.day() - 1) / 10).min(2) as usize];
            format!("when = \"{}月{part}\"", d.month())
        }
        3 if !other_year => {
            let next = later(u64::from(last_of_month(d).day() - d.day() + 1));
            format!("when = \"{}月至{}月\"", d.month(), next.month())
        }
        4 if later(1).year() == year => {
            // The eve of the next day is this day.
            format!("when = \"{}.{}前夕\"", later(1).month(), later(1).day())
        }
        5 => format!("when = \"{}前\"", zh_day(d, year)),
        6 => format!("when = \"{d}\""),
        7 => format!("when = \"{d}..{}\"", later(rng.below(10))),
        8 => format!(
            "start = \"{}\"\ndue = \"{}\"",
            zh_day(d, year),
            zh_day(later(3 + rng.below(20)), year)
        ),
        // 0, and the forms above when the day is in another year than the plan's.
        _ => format!("when = \"{}\"", zh_day(d, year)),
    }
}

fn plan_text(rng: &mut Rng, steps: usize, today: NaiveDate) -> String {
    let year = today.year();
    let people: Vec<String> = SURNAMES
        .iter()
        .flat_map(|s| GIVEN.iter().map(move |g| format!("{s}{g}")))
        .collect();
    let mut t = String::with_capacity(steps * 400);
    let _ = write!(
        t,
        "# generated by `cargo run --example gen`: {steps} steps around {today}\n\
         title = \"合成计划（{steps} 步）\"\norg = \"春江中心小学\"\nyear = {year}\n\
         timezone = \"+08:00\"\nlang = \"zh\"\n\n[people]\n"
    );
    for p in &people {
        let _ = writeln!(t, "\"{p}\" = {{}}");
    }
    for i in 1..=steps {
        let center = today
            .checked_add_signed(Duration::days(rng.below(183) as i64 - 91))
            .unwrap_or(today);
        let _ = write!(
            t,
            "\n[[step]]\nid = {i}\ntitle = \"{}{}（第{i}项）\"\n",
            rng.pick(VERBS),
            rng.pick(THINGS)
        );
        if rng.chance(300) {
            let _ = writeln!(
                t,
                "detail = \"根据第一环节工作，{}{}，明确责任分工。\"",
                rng.pick(VERBS),
                rng.pick(THINGS)
            );
        }
        let _ = writeln!(t, "{}", when(rng, i % 9, center, year));
        let owners: Vec<String> = (0..=rng.below(3))
            .map(|_| format!("\"{}\"", name(rng)))
            .collect();
        let _ = writeln!(t, "owners = [{}]", owners.join(", "));
        if i > 1 && rng.chance(150) {
            let _ = writeln!(
                t,
                "after = [\"{}\"]",
                i - 1 - rng.below(3.min(i as u64 - 1)) as usize
            );
        }
        for _ in 0..i % 3 {
            let _ = write!(
                t,
                "\n  [[step.task]]\n  title = \"{}{}\"\n",
                rng.pick(VERBS),
                rng.pick(THINGS)
            );
            match rng.below(10) {
                0..=3 => {}
                4..=6 => {
                    let due = center
                        .checked_add_days(Days::new(rng.below(5)))
                        .unwrap_or(center);
                    let _ = writeln!(t, "  due = \"{}\"", zh_day(due, year));
                }
                7 => {
                    let _ = writeln!(t, "  due = \"{}前\"", zh_day(center, year));
                }
                _ if i > 1 => {
                    let anchor = i - 1 - rng.below(5.min(i as u64 - 1)) as usize;
                    let unit = if rng.chance(300) { "workdays" } else { "days" };
                    let _ = writeln!(
                        t,
                        "  due = {{ after = \"{anchor}\", {unit} = {} }}",
                        5 + rng.below(11)
                    );
                }
                _ => {}
            }
            if rng.chance(200) {
                let _ = writeln!(t, "  owners = [\"{}\"]", name(rng));
            }
        }
    }
    t
}

fn write_ledger(
    rng: &mut Rng,
    ids: &[&str],
    events: usize,
    today: NaiveDate,
    w: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let cst = FixedOffset::east_opt(8 * 3600).expect("a valid offset");
    let utc = FixedOffset::east_opt(0).expect("a valid offset");
    // Events spread over the 120 days before today, in time order.
    let first = today - Days::new(120);
    let start = cst
        .from_local_datetime(&first.and_hms_opt(8, 0, 0).expect("a valid time"))
        .single()
        .expect("a fixed offset has one local time");
    let span_us: i64 = 120 * 86_400 * 1_000_000;
    let step_us = (span_us / events.max(1) as i64).max(1);
    let mut recent: Vec<String> = Vec::new();
    for n in 0..events {
        let mut at: DateTime<FixedOffset> =
            start + Duration::microseconds(step_us * n as i64 + rng.below(step_us as u64) as i64);
        if rng.chance(5) {
            // Recorded on another clone and merged later: out of order by up to two days.
            at -= Duration::seconds(rng.below(2 * 86_400) as i64);
        }
        if rng.chance(500) {
            at = at.trunc_to_seconds();
        }
        if rng.chance(50) {
            at = at.with_timezone(&utc);
        }
        let kind = match rng.below(100) {
            0..=64 => EventKind::Done,
            65..=74 => EventKind::Reopen,
            _ => EventKind::Note,
        };
        let day = at.date_naive().min(today);
        let on = match kind {
            EventKind::Note | EventKind::Other(_) => None,
            _ => Some(day - Days::new(rng.below(4))),
        };
        let note = match kind {
            EventKind::Note => Some((*rng.pick(&NOTES[..NOTES.len() - 1])).to_owned()),
            _ if rng.chance(300) => Some((*rng.pick(NOTES)).to_owned()),
            _ => None,
        };
        let event = Event {
            v: 1,
            id: format!("{:016x}{:016x}", rng.next(), rng.next()),
            at,
            event: kind,
            step: (*rng.pick(ids)).to_owned(),
            on,
            by: rng.chance(600).then(|| name(rng)),
            note,
            extra: serde_json::Map::new(),
        };
        let line = event.to_line();
        writeln!(w, "{line}")?;
        if rng.chance(2) && !recent.is_empty() {
            // An exact duplicate, as a union merge of two clones leaves.
            let again = rng.pick(&recent).clone();
            writeln!(w, "{again}")?;
        }
        if recent.len() < 64 {
            recent.push(line);
        } else {
            let slot = rng.below(64) as usize;
            recent[slot] = line;
        }
    }
    Ok(())
}

trait TruncSeconds {
    fn trunc_to_seconds(self) -> Self;
}

impl TruncSeconds for DateTime<FixedOffset> {
    fn trunc_to_seconds(self) -> Self {
        use chrono::SubsecRound as _;
        self.trunc_subsecs(0)
    }
}
