//! `export`: every format read back with a real parser — iCalendar (icalendar), CSV (csv),
//! Markdown (pulldown-cmark) — and checked field by field against `list --json`.

use std::collections::{HashMap, HashSet};

use chrono::{Days, NaiveDate};
use serde_json::Value;

use crate::harness::Env;

/// Step 1 done 06-16, step 2 done 06-15: DESIGN §6.
fn scenario() -> Env {
    let env = Env::seed();
    env.run(&["done", "1", "--on", "2014-06-16"]).ok();
    env.run(&["done", "2", "--on", "6月15日"]).ok();
    env
}

/// Every item as `list --json` reports it, by id, in plan order.
fn items(env: &Env) -> Vec<Value> {
    let mut v = env.run(&["--json", "list"]).json()["items"]
        .as_array()
        .expect("items")
        .clone();
    v.sort_by_key(|i| i["id"].as_str().unwrap().to_string());
    v
}

fn day(v: &Value) -> NaiveDate {
    v.as_str().unwrap().parse().unwrap()
}

const ZH_STATE: [(&str, &str); 6] = [
    ("overdue", "逾期"),
    ("due_today", "今日到期"),
    ("due_soon", "即将到期"),
    ("active", "进行中"),
    ("upcoming", "未开始"),
    ("done", "已完成"),
];

/// A plan whose text exercises every escape: `;` `,` `\` `|` `"` and line breaks.
const AWKWARD: &str = r#"
title = "Plan | one; two, three \\ four"
org = "Org, \"quoted\""
year = 2014
lang = "en"

[[step]]
id = 1
title = "a; b, c \\ d | e \"f\""
detail = "line one\nline two; with, commas"
when = "6月16日"
owners = ["Ann"]

[[step]]
id = 2
title = "finished"
when = "6月17日"
owners = ["Bob"]

[[step]]
id = 3
title = "一个很长很长的标题，用来检验按七十五个八位字节折行时不会把一个汉字劈成两半，也不会丢字"
when = "6月30日"
owners = ["Ann", "Bob"]

  [[step.task]]
  title = "two\nlines"
"#;

mod ics {
    use icalendar::parser::{Component, read_calendar, unfold};

    use super::*;

    fn prop(c: &Component, name: &str) -> String {
        c.find_prop(name)
            .unwrap_or_else(|| panic!("no {name} in {c:?}"))
            .val
            .as_str()
            .to_string()
    }

    fn check_lines(text: &str) {
        assert!(text.ends_with("\r\n"));
        for (n, line) in text.split_terminator("\r\n").enumerate() {
            assert!(
                line.len() <= 75,
                "line {n} has {} octets: {line}",
                line.len()
            );
            assert!(!line.contains('\n'), "bare LF in line {n}: {line:?}");
        }
    }

    #[test]
    fn every_open_item_is_an_all_day_event_with_its_fields() {
        let env = scenario();
        let text = env.run(&["export", "--format", "ics"]).ok().to_string();
        check_lines(&text);
        let unfolded = unfold(&text);
        let cal = read_calendar(&unfolded).expect("a valid calendar");
        let calprop = |n: &str| {
            cal.properties
                .iter()
                .find(|p| p.name == n)
                .map(|p| p.val.as_str().to_string())
        };
        assert_eq!(calprop("VERSION").as_deref(), Some("2.0"));
        assert!(calprop("PRODID").unwrap().contains("chunjiang"));
        assert_eq!(calprop("CALSCALE").as_deref(), Some("GREGORIAN"));

        let open: Vec<Value> = items(&env)
            .into_iter()
            .filter(|i| i["state"] != "done")
            .collect();
        assert_eq!(open.len(), 15, "19 items less 1, 1.1, 2, 2.1");
        let events: Vec<&Component> = cal
            .components
            .iter()
            .filter(|c| c.name == "VEVENT")
            .collect();
        assert_eq!(events.len(), open.len());
        let plan = crate::harness::SEED_PLAN;
        let mut uids = HashSet::new();
        for item in &open {
            let id = item["id"].as_str().unwrap();
            let title = item["title"].as_str().unwrap();
            let summary = format!("[{id}] {title}");
            let ev = events
                .iter()
                .find(|e| prop(e, "SUMMARY") == summary)
                .unwrap_or_else(|| panic!("no event for {summary}"));
            let due = day(&item["due"]);
            let start = ev.find_prop("DTSTART").unwrap();
            assert_eq!(start.val.as_str(), due.format("%Y%m%d").to_string(), "{id}");
            assert!(
                start
                    .params
                    .iter()
                    .any(|p| p.key == "VALUE" && p.val.as_ref().is_some_and(|v| *v == "DATE")),
                "{id}: {start:?}"
            );
            let end = (due + Days::new(1)).format("%Y%m%d").to_string();
            assert_eq!(prop(ev, "DTEND"), end, "{id}");
            let stamp = prop(ev, "DTSTAMP");
            assert!(
                stamp.len() == 16 && stamp.ends_with('Z') && stamp.as_bytes()[8] == b'T',
                "{stamp}"
            );
            let description = prop(ev, "DESCRIPTION");
            let owners: Vec<&str> = item["owners"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o.as_str().unwrap())
                .collect();
            assert!(
                description.contains(&owners.join("、")),
                "{id}: {description}"
            );
            let state = ZH_STATE
                .iter()
                .find(|(k, _)| item["state"] == *k)
                .unwrap()
                .1;
            assert!(
                description.contains(&format!("状态（2014-06-20）：{state}")),
                "{id}: {description}"
            );
            if item["kind"] == "step" {
                // The detail, as the plan holds it (some are multi-line).
                let first = description.lines().nth(3).unwrap_or_default();
                assert!(
                    !first.is_empty() && plan.contains(first),
                    "{id}: {description}"
                );
            }
            assert!(uids.insert(prop(ev, "UID")), "duplicate UID for {id}");
        }
        // Stable across runs (and a day later): a re-import updates, never duplicates.
        let again = env.run_on("2014-06-21", &["export", "--format", "ics"]);
        let again = read_calendar(&unfold(again.ok()))
            .unwrap()
            .components
            .iter()
            .map(|c| prop(c, "UID"))
            .collect::<HashSet<_>>();
        assert_eq!(again, uids);
    }

    #[test]
    fn text_is_escaped_and_long_lines_fold_without_splitting_characters() {
        let env = Env::with_plan(AWKWARD);
        env.run(&["done", "2", "--on", "2014-06-17"]).ok();
        let text = env.run(&["export", "--format", "ics"]).ok().to_string();
        check_lines(&text);
        assert!(text.contains("a\\; b\\, c \\\\ d"), "{text}");
        let unfolded = unfold(&text);
        let cal = read_calendar(&unfolded).expect("a valid calendar");
        let by_summary: HashMap<String, &Component> = cal
            .components
            .iter()
            .map(|c| (prop(c, "SUMMARY"), c))
            .collect();
        let mut keys: Vec<_> = by_summary.keys().cloned().collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "[1] a; b, c \\ d | e \"f\"",
                "[3.1] two\nlines",
                "[3] 一个很长很长的标题，用来检验按七十五个八位字节折行时不会把一个汉字劈成两半，也不会丢字",
            ]
        );
        let one = prop(by_summary["[1] a; b, c \\ d | e \"f\""], "DESCRIPTION");
        assert_eq!(
            one,
            "Owners: Ann\nState on 2014-06-20: overdue (4 days late)\n\nline one\nline two; with, commas"
        );
        let task = prop(by_summary["[3.1] two\nlines"], "DESCRIPTION");
        assert!(task.contains("Step: 3 一个很长"), "{task}");
        assert!(task.contains("Owners: Ann, Bob"), "{task}");
    }

    #[test]
    fn owner_keeps_only_their_items() {
        let env = scenario();
        let text = env
            .run(&["export", "--format", "ics", "--owner", "杨建祥"])
            .ok()
            .to_string();
        let unfolded = unfold(&text);
        let cal = read_calendar(&unfolded).unwrap();
        let mut summaries: Vec<String> =
            cal.components.iter().map(|c| prop(c, "SUMMARY")).collect();
        summaries.sort();
        assert_eq!(
            summaries,
            [
                "[6.1] 将专题民主生活会方案报活动办审核",
                "[6] 召开组织生活会，民主评议党员"
            ]
        );
    }
}

mod csv {
    use super::*;

    fn records(text: &str) -> Vec<::csv::StringRecord> {
        let body = text.strip_prefix('\u{feff}').expect("a UTF-8 BOM");
        ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(body.as_bytes())
            .records()
            .map(|r| r.expect("a valid CSV record"))
            .collect()
    }

    fn cell(v: &Value) -> String {
        match v {
            Value::Null => String::new(),
            Value::String(s) => s.clone(),
            Value::Array(a) => a
                .iter()
                .map(|x| x.as_str().unwrap())
                .collect::<Vec<_>>()
                .join(if a.iter().any(|x| x.as_str().unwrap().contains('.')) {
                    ","
                } else {
                    "、"
                }),
            other => other.to_string(),
        }
    }

    /// The CSV header of a Chinese plan, column by column the JSON item's keys.
    const ZH_HEADER: [&str; 14] = [
        "编号",
        "类型",
        "步骤",
        "事项",
        "责任人",
        "开始",
        "截止",
        "暂定",
        "状态",
        "逾期天数",
        "剩余天数",
        "完成日期",
        "晚交天数",
        "等待",
    ];

    /// A JSON value as the CSV of a Chinese plan writes it.
    fn zh_cell(key: &str, v: &Value) -> String {
        let word = |s: &str| {
            match s {
                "step" => "步骤",
                "task" => "任务",
                "overdue" => "逾期",
                "due_today" => "今日到期",
                "due_soon" => "即将到期",
                "active" => "进行中",
                "upcoming" => "未开始",
                "done" => "已完成",
                other => panic!("no word for {other}"),
            }
            .to_string()
        };
        match (key, v) {
            ("kind" | "state", Value::String(s)) => word(s),
            ("tentative", Value::Bool(b)) => if *b { "是" } else { "否" }.to_string(),
            _ => cell(v),
        }
    }

    #[test]
    fn one_row_per_item_with_the_json_fields_in_the_plans_language() {
        let env = scenario();
        let text = env.run(&["export", "--format", "csv"]).ok().to_string();
        assert!(text.starts_with('\u{feff}'));
        assert!(text.ends_with("\r\n"));
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
        for english in [
            "tentative",
            "blocked_by",
            "due_soon",
            "true",
            "false",
            "task",
        ] {
            assert!(
                !text.contains(english),
                "`{english}` in a Chinese plan's CSV:\n{text}"
            );
        }
        let rows = records(&text);
        let header: Vec<&str> = rows[0].iter().collect();
        assert_eq!(header, ZH_HEADER);
        let items = items(&env);
        assert_eq!(rows.len() - 1, items.len());
        for item in &items {
            let row = rows
                .iter()
                .find(|r| r[0] == *item["id"].as_str().unwrap())
                .unwrap_or_else(|| panic!("no row for {}", item["id"]));
            for (i, key) in crate::harness::ITEM_KEYS.iter().enumerate() {
                assert_eq!(&row[i], zh_cell(key, &item[*key]), "{} {key}", item["id"]);
            }
        }
        let two = rows.iter().find(|r| &r[0] == "2").unwrap();
        assert_eq!((&two[8], &two[11], &two[12]), ("已完成", "2014-06-15", "1"));
        let english = env.run(&["--lang", "en", "export", "--format", "csv"]);
        let rows = records(english.ok());
        assert_eq!(&rows[0][7], "Tentative");
        assert_eq!(&rows.iter().find(|r| &r[0] == "2").unwrap()[8], "done");
    }

    #[test]
    fn cells_that_would_run_as_formulas_are_defused() {
        let env = Env::with_plan(
            "title = \"t\"\nyear = 2014\nlang = \"zh\"\n\
             [[step]]\nid = 1\ntitle = \"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\"\ndue = \"6月1日\"\nowners = [\"@SUM(A1)\"]\n\
             [[step]]\nid = 2\ntitle = \"+1\"\ndue = \"6月2日\"\nowners = [\"-2\"]\n\
",
        );
        let text = env.run(&["export", "--format", "csv", "-o", "out.csv"]);
        text.ok();
        let text = std::fs::read_to_string(env.path("out.csv")).unwrap();
        let rows = records(&text);
        let cells: Vec<&str> = rows.iter().skip(1).flat_map(|r| [&r[3], &r[4]]).collect();
        assert_eq!(
            cells,
            ["'=HYPERLINK(\"http://x\",\"y\")", "'@SUM(A1)", "'+1", "'-2",]
        );
    }

    #[test]
    fn quotes_commas_and_line_breaks_round_trip() {
        let env = Env::with_plan(AWKWARD);
        let text = env.run(&["export", "--format", "csv"]).ok().to_string();
        assert!(text.contains("\"a; b, c \\ d | e \"\"f\"\"\""), "{text}");
        let rows = records(&text);
        let titles: Vec<&str> = rows.iter().skip(1).map(|r| &r[3]).collect();
        assert!(titles.contains(&"a; b, c \\ d | e \"f\""), "{titles:?}");
        assert!(titles.contains(&"two\nlines"), "{titles:?}");
        let task = rows.iter().find(|r| &r[0] == "3.1").unwrap();
        assert_eq!(&task[4], "Ann, Bob", "an English plan's owners");
        assert!(rows.iter().all(|r| r.len() == 14));
    }

    #[test]
    fn owner_filters_rows() {
        let env = scenario();
        let text = env
            .run(&["export", "--format", "csv", "--owner", "刘明"])
            .ok()
            .to_string();
        let ids: Vec<String> = records(&text)
            .iter()
            .skip(1)
            .map(|r| r[0].to_string())
            .collect();
        assert_eq!(ids, ["8", "8.1"]);
    }
}

mod md {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    use super::*;

    /// What a reader sees: headings' text, and every table as rows of cell texts.
    #[derive(Debug, Default)]
    struct Doc {
        headings: Vec<String>,
        tables: Vec<Vec<Vec<String>>>,
        paragraphs: Vec<String>,
    }

    fn parse(text: &str) -> Doc {
        let mut doc = Doc::default();
        let mut buf = String::new();
        for ev in Parser::new_ext(text, Options::ENABLE_TABLES) {
            match ev {
                Event::Start(Tag::Table(_)) => doc.tables.push(Vec::new()),
                Event::Start(Tag::TableHead | Tag::TableRow) => {
                    doc.tables.last_mut().unwrap().push(Vec::new());
                }
                Event::Start(Tag::TableCell | Tag::Heading { .. } | Tag::Paragraph) => {
                    buf.clear();
                }
                Event::End(TagEnd::TableCell) => doc
                    .tables
                    .last_mut()
                    .unwrap()
                    .last_mut()
                    .unwrap()
                    .push(std::mem::take(&mut buf)),
                Event::End(TagEnd::Heading(_)) => doc.headings.push(std::mem::take(&mut buf)),
                Event::End(TagEnd::Paragraph) => doc.paragraphs.push(std::mem::take(&mut buf)),
                Event::Text(t) | Event::Code(t) => buf.push_str(&t),
                Event::InlineHtml(h) | Event::Html(h) => {
                    assert_eq!(&*h, "<br>", "only line breaks are HTML");
                    buf.push('\n');
                }
                Event::SoftBreak | Event::HardBreak => buf.push('\n'),
                _ => {}
            }
        }
        doc
    }

    fn ids(table: &[Vec<String>]) -> Vec<&str> {
        table.iter().skip(1).map(|r| r[0].as_str()).collect()
    }

    #[test]
    fn the_report_has_this_week_what_is_overdue_and_why_and_next_week() {
        let env = scenario();
        env.run(&["reopen", "2", "--note", "报告需补充材料"]).ok();
        env.run(&["note", "2.1", "已电话催办", "--by", "唐健"]).ok();
        let text = env.run(&["export", "--format", "md"]).ok().to_string();
        let doc = parse(&text);
        assert_eq!(doc.headings[0], "党的群众路线教育实践活动第二环节");
        assert!(
            doc.paragraphs[0].contains("常州市新北区春江中心小学")
                && doc.paragraphs[0].contains("2014-06-20"),
            "{doc:?}"
        );
        assert_eq!(
            doc.headings[1..],
            [
                "本周 2014年第25周（2014-06-16 周一至2014-06-22 周日）",
                "本周到期",
                "本周完成",
                "逾期事项及原因",
                "下周到期 2014年第26周（2014-06-23 周一至2014-06-29 周日）",
                "附：全部事项",
            ]
        );
        let [totals, due, done, overdue, next, all] = &doc.tables[..] else {
            panic!("expected six tables: {doc:#?}\n{text}");
        };
        assert_eq!(totals[0], ["到期", "完成", "逾期完成", "逾期未完成"]);
        assert_eq!(totals[1], ["4", "2", "0", "2"]);
        assert_eq!(ids(due), ["1", "1.1", "5.1", "6.1"]);
        assert_eq!(due[0], ["编号", "事项", "责任人", "截止", "状态", "说明"]);
        assert_eq!(due[4][2], "唐健、杨建祥");
        assert_eq!(due[4][4], "今日到期");
        assert_eq!(ids(done), ["1", "1.1"]);
        assert_eq!(done[0][4], "完成日期");
        assert_eq!(done[1][4], "06-16");
        assert_eq!(ids(overdue), ["2", "2.1"]);
        assert_eq!(overdue[1][4], "6天");
        assert!(
            overdue[1][5].ends_with("重新打开：报告需补充材料"),
            "{:?}",
            overdue[1]
        );
        assert!(
            overdue[2][5].ends_with("唐健：已电话催办"),
            "{:?}",
            overdue[2]
        );
        assert_eq!(ids(next), ["3", "3.1", "4", "4.1", "4.2", "4.3", "5", "6"]);
        // The appendix: the whole plan, every item with what defines it, dates as ISO days.
        assert_eq!(
            all[0],
            [
                "编号",
                "类型",
                "步骤",
                "事项",
                "责任人",
                "开始",
                "截止",
                "暂定",
                "等待"
            ]
        );
        assert_eq!(all.len(), 1 + 19);
        assert_eq!(
            all[3],
            [
                "2",
                "步骤",
                "2",
                "开展“回头看”",
                "唐健",
                "2014-06-06",
                "2014-06-14",
                "否",
                ""
            ]
        );
        let task = all.iter().find(|r| r[0] == "7.1").expect("7.1");
        assert_eq!(task[1..3], ["任务", "7"]);
        assert_eq!(task[5..], ["", "2014-07-06", "是", "5"]);
        for table in &doc.tables {
            assert!(table.iter().all(|r| r.len() == table[0].len()), "{table:?}");
        }
    }

    #[test]
    fn pipes_and_line_breaks_stay_inside_their_cells() {
        let mut env = Env::with_plan(AWKWARD);
        env.today = "2014-06-30".to_string();
        let text = env.run(&["export", "--format", "md"]).ok().to_string();
        let doc = parse(&text);
        assert_eq!(doc.headings[0], "Plan | one; two, three \\ four");
        let overdue = doc
            .tables
            .iter()
            .find(|t| t[0].get(4).is_some_and(|h| h == "Late by"))
            .expect("an overdue table");
        assert_eq!(
            overdue[0],
            ["ID", "Item", "Owners", "Due", "Late by", "Notes"]
        );
        let one = overdue
            .iter()
            .find(|r| r[0] == "1")
            .expect("step 1 overdue");
        assert_eq!(one[1], "a; b, c \\ d | e \"f\"");
        assert_eq!(one.len(), 6);
        let due = &doc.tables[1];
        assert_eq!(due[0][4], "State");
        let task = due
            .iter()
            .find(|r| r[0] == "3.1")
            .expect("3.1 due this week");
        assert_eq!(task[1], "two\nlines");
        let all = doc.tables.last().expect("the appendix");
        assert_eq!(all[0][..4], ["ID", "Kind", "Step", "Item"]);
        assert_eq!(all[1][3], "a; b, c \\ d | e \"f\"");
        assert_eq!(all[4][..4], ["3.1", "Task", "3", "two\nlines"]);
    }

    #[test]
    fn english_labels_and_an_owner_filter() {
        let env = scenario();
        let text = env
            .run(&[
                "--lang",
                "en",
                "export",
                "--format",
                "md",
                "--owner",
                "韩海英",
            ])
            .ok()
            .to_string();
        let doc = parse(&text);
        assert!(doc.headings.iter().any(|h| h == "Overdue, and why"));
        assert_eq!(ids(&doc.tables[1]), ["5.1"]);
        // The appendix holds the owner's items only.
        assert_eq!(
            doc.headings.last().map(String::as_str),
            Some("Appendix: all items")
        );
        assert_eq!(
            ids(doc.tables.last().expect("appendix")),
            ["4", "4.1", "4.2", "4.3", "5", "5.1"]
        );
        assert!(doc.paragraphs.iter().any(|p| p == "None."), "{doc:?}");
    }
}

#[test]
fn json_is_the_whole_state() {
    let env = scenario();
    let v: Value = serde_json::from_str(env.run(&["export", "--format", "json"]).ok()).unwrap();
    assert_eq!(v["today"], "2014-06-20");
    assert_eq!(v["plan"]["title"], "党的群众路线教育实践活动第二环节");
    assert_eq!(v["plan"]["org"], "常州市新北区春江中心小学");
    assert_eq!(v["plan"]["year"], 2014);
    assert_eq!(v["plan"]["timezone"], "+08:00");
    assert_eq!(v["items"].as_array().unwrap().len(), 19);
    assert_eq!(v["events"].as_array().unwrap().len(), 2);
    assert_eq!(v["events"][1]["step"], "2");
    let mine: Value =
        serde_json::from_str(env.run(&["export", "-f", "json", "--owner", "唐健"]).ok()).unwrap();
    assert!(
        mine["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| { i["owners"].as_array().unwrap().iter().any(|o| o == "唐健") })
    );
    assert_eq!(mine["events"].as_array().unwrap().len(), 1);
}

#[test]
fn output_file_is_written_and_a_missing_directory_is_refused() {
    let env = scenario();
    let out = env.run(&["export", "-f", "ics", "-o", "plan.ics"]);
    assert!(out.ok().contains("plan.ics"));
    let written = std::fs::read_to_string(env.path("plan.ics")).unwrap();
    assert!(written.starts_with("BEGIN:VCALENDAR\r\n"));
    // Replacing an earlier export is fine.
    env.run(&["export", "-f", "csv", "-o", "plan.ics"]).ok();
    assert!(
        std::fs::read_to_string(env.path("plan.ics"))
            .unwrap()
            .starts_with('\u{feff}')
    );

    let err = env.run(&["export", "-f", "csv", "-o", "nowhere/plan.csv"]);
    let err = err.fails();
    assert!(err.contains("目录 nowhere 不存在"), "{err}");
    assert!(!env.path("nowhere").exists());

    let before = env.ledger();
    let err = env.run(&["export", "-f", "csv", "-o", "plan.ledger.jsonl"]);
    assert!(err.fails().contains("不把导出写到"), "{}", err.stderr);
    assert_eq!(env.ledger(), before);
}

#[test]
fn an_unknown_owner_is_an_error() {
    let env = scenario();
    let err = env.run(&["export", "-f", "csv", "--owner", "韩海"]);
    assert!(err.fails().contains("是不是“韩海英”？"), "{}", err.stderr);
}

#[test]
fn svg_and_html_exports_draw_every_step_of_the_owner() {
    let env = Env::seed();
    let svg = env.run(&["export", "--format", "svg", "--owner", "唐健"]);
    let doc = roxmltree::Document::parse(svg.ok()).expect("well-formed SVG");
    let mut bars: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("bar"))
        .filter_map(|n| n.attribute("data-id"))
        .collect();
    bars.sort_unstable();
    assert_eq!(
        bars,
        ["2", "4", "6", "8", "8.1"],
        "唐健's steps, and 8.1 which has a window"
    );
    let html = env.run(&["export", "--format", "html", "-o", "plan.html"]);
    assert!(html.ok().contains("plan.html"));
    let page = std::fs::read_to_string(env.path("plan.html")).unwrap();
    assert!(
        page.starts_with("<!DOCTYPE html>") && page.contains("<svg") && !page.contains("<script")
    );
}
