//! The office formats of `export`, opened with readers that share no code with the
//! writers: the workbook with calamine, the Word file unzipped (zip) and its XML read
//! with roxmltree, the page parsed with roxmltree. Checked against `list --json`,
//! `log --json`, `week --json` and `report --json`.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, DataType as _, Reader as _, Xlsx, open_workbook_from_rs};
use chrono::NaiveDate;
use serde_json::Value;

use crate::harness::Env;

/// Step 1 done 06-16 with a note, step 2 done 06-18 (late), a note explaining step 4,
/// and a title a spreadsheet would run as a formula; today is 2014-06-27 (week 26).
fn scenario() -> Env {
    let plan = crate::harness::SEED_PLAN.replacen(
        "title = \"制订谈话安排表，留存谈话记录备查\"",
        "title = \"=HYPERLINK(\\\"http://x\\\")谈话安排表\"",
        1,
    );
    assert_ne!(
        plan,
        crate::harness::SEED_PLAN,
        "the seed still has task 3.1"
    );
    let env = Env::with_plan(&plan);
    env.run(&[
        "done",
        "1",
        "--on",
        "2014-06-16",
        "--by",
        "徐燕娟",
        "--note",
        "已报局活动办",
    ])
    .ok();
    env.run(&["done", "2", "--on", "6月18日"]).ok();
    env.run(&["note", "4", "材料未交，等待学校反馈", "--by", "唐健"])
        .ok();
    // A week later, when 4 (due 06-25) is overdue.
    let mut env = env;
    env.today = "2014-06-27".to_string();
    env
}

fn day(v: &Value) -> Option<NaiveDate> {
    v.as_str().map(|s| s.parse().unwrap())
}

mod xlsx {
    use super::*;

    type Book = Xlsx<Cursor<Vec<u8>>>;

    fn open(env: &Env, name: &str) -> Book {
        let bytes = std::fs::read(env.path(name)).expect("the workbook was written");
        open_workbook_from_rs(Cursor::new(bytes)).expect("calamine opens it")
    }

    /// The rows of a sheet, header first.
    fn rows(book: &mut Book, sheet: &str) -> Vec<Vec<Data>> {
        book.worksheet_range(sheet)
            .unwrap_or_else(|e| panic!("no sheet {sheet}: {e}"))
            .rows()
            .map(<[Data]>::to_vec)
            .collect()
    }

    fn date(cell: &Data) -> Option<NaiveDate> {
        match cell {
            Data::Empty => None,
            Data::DateTime(_) => Some(cell.as_date().expect("a date")),
            other => panic!("not a date cell: {other:?}"),
        }
    }

    fn text(cell: &Data) -> String {
        match cell {
            Data::String(s) => s.clone(),
            Data::Empty => String::new(),
            other => panic!("not a text cell: {other:?}"),
        }
    }

    #[test]
    fn every_item_with_real_dates_every_event_and_every_week() {
        let env = scenario();
        let out = env.run(&["export", "--format", "xlsx", "-o", "台账.xlsx"]);
        assert!(out.ok().contains("台账.xlsx"), "{}", out.stdout);
        let mut book = open(&env, "台账.xlsx");
        assert_eq!(book.sheet_names(), ["事项台账", "记录", "每周统计"]);

        // Items: one row each, in plan order, the dates as date cells.
        let items = rows(&mut book, "事项台账");
        assert_eq!(
            items[0].iter().map(text).collect::<Vec<_>>(),
            [
                "编号",
                "事项",
                "责任人",
                "开始",
                "截止",
                "状态",
                "完成日期",
                "逾期天数",
                "说明/记录"
            ]
        );
        let list = env.run(&["--json", "list"]).json();
        let list = list["items"].as_array().unwrap();
        let by_id: HashMap<&str, &Value> = list
            .iter()
            .map(|i| (i["id"].as_str().unwrap(), i))
            .collect();
        assert_eq!(items.len() - 1, list.len());
        for row in &items[1..] {
            let id = text(&row[0]);
            let want = by_id[id.as_str()];
            assert_eq!(text(&row[1]), want["title"].as_str().unwrap(), "{id}");
            assert_eq!(date(&row[3]), day(&want["start"]), "{id} start");
            assert_eq!(date(&row[4]), day(&want["due"]), "{id} due");
            assert_eq!(date(&row[6]), day(&want["done_on"]), "{id} done on");
            let late = want["days_overdue"]
                .as_i64()
                .or(want["late_days"].as_i64().filter(|&n| n > 0));
            assert_eq!(row[7].as_i64(), late, "{id} days late");
        }
        let row = |id: &str| items.iter().find(|r| text(&r[0]) == id).unwrap();
        // The formula-looking title is a string cell, as written.
        assert_eq!(text(&row("3.1")[1]), "=HYPERLINK(\"http://x\")谈话安排表");
        assert_eq!(text(&row("2")[5]), "已完成");
        assert!(text(&row("1")[8]).contains("已报局活动办"));
        assert!(text(&row("4")[8]).contains("唐健：材料未交，等待学校反馈"));

        // Events: every ledger event, in ledger order.
        let events = rows(&mut book, "记录");
        assert_eq!(
            events[0].iter().map(text).collect::<Vec<_>>(),
            ["记录时间", "事项", "动作", "日期", "记录人", "备注"]
        );
        let log = env.run(&["--json", "log"]).json();
        let log = log["events"].as_array().unwrap();
        assert_eq!(events.len() - 1, log.len());
        for (row, e) in events[1..].iter().zip(log) {
            assert!(matches!(row[0], Data::DateTime(_)), "{row:?}");
            let at = chrono::DateTime::parse_from_rfc3339(e["at"].as_str().unwrap()).unwrap();
            let recorded = row[0].as_datetime().unwrap();
            assert!(
                (recorded - at.naive_local()).num_seconds().abs() <= 1,
                "{recorded} vs {at}"
            );
            assert!(text(&row[1]).starts_with(e["step"].as_str().unwrap()));
            assert_eq!(date(&row[3]), day(&e["on"]));
            assert_eq!(text(&row[4]), e["by"].as_str().unwrap_or(""));
            assert_eq!(text(&row[5]), e["note"].as_str().unwrap_or(""));
        }

        // Weeks: the numbers of `report`.
        let weeks = rows(&mut book, "每周统计");
        let report = env.run(&["--json", "report", "--by", "week"]).json();
        let report = report["weeks"].as_array().unwrap();
        assert_eq!(weeks.len() - 1, report.len());
        for (row, w) in weeks[1..].iter().zip(report) {
            assert_eq!(text(&row[0]), w["week"].as_str().unwrap());
            assert_eq!(date(&row[1]), day(&w["from"]));
            assert_eq!(date(&row[2]), day(&w["to"]));
            let n = |k: &str| w[k].as_i64();
            assert_eq!(
                [3, 4, 5, 6].map(|c| row[c].as_i64()),
                [n("due"), n("done"), n("done_late"), n("overdue")],
                "{row:?}"
            );
        }
    }

    #[test]
    fn english_names_and_an_owner_filter() {
        let env = scenario();
        env.run(&[
            "--lang", "en", "export", "-f", "xlsx", "--owner", "唐健", "-o", "t.xlsx",
        ])
        .ok();
        let mut book = open(&env, "t.xlsx");
        assert_eq!(book.sheet_names(), ["Items", "Ledger", "Weeks"]);
        let items = rows(&mut book, "Items");
        assert_eq!(text(&items[0][0]), "ID");
        assert!(items.len() > 1);
        let mine = env.run(&["--json", "list", "--owner", "唐健"]).json();
        assert_eq!(items.len() - 1, mine["items"].as_array().unwrap().len());
        let events = rows(&mut book, "Ledger");
        // 唐健 owns steps 2 and 4: the done of 2 and the note on 4, not 徐燕娟's step 1.
        let steps: Vec<String> = events[1..]
            .iter()
            .map(|r| text(&r[1]).split(' ').next().unwrap().to_string())
            .collect();
        assert_eq!(steps, ["2", "4"]);
    }

    #[test]
    fn a_pipe_gets_the_bytes_and_week_is_refused() {
        let env = scenario();
        let out = env.cmd(&["export", "-f", "xlsx"]).output().unwrap();
        assert!(out.status.success());
        assert!(out.stdout.starts_with(b"PK"), "a zip file");
        let book: Result<Book, _> = open_workbook_from_rs(Cursor::new(out.stdout));
        assert!(book.is_ok());
        let err = env.run(&[
            "export",
            "-f",
            "xlsx",
            "--week",
            "2014-06-20",
            "-o",
            "w.xlsx",
        ]);
        assert!(err.fails().contains("--week"), "{}", err.stderr);
        assert!(!env.path("w.xlsx").exists());
    }
}

/// On a terminal (a pty made by `script`, from util-linux, Essential in Debian) a binary
/// format is refused with a hint to use -o, and nothing is written.
#[test]
fn binary_formats_are_not_written_to_a_terminal() {
    let env = scenario();
    let run: crate::harness::Run = env
        .shell(
            r#"exec script -qec "'$0' export --format xlsx" /dev/null"#,
            &[],
        )
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.contains("-o 台账.xlsx"), "{run:?}");
    assert!(!run.stdout.contains("PK"), "{run:?}");
}

/// The ids in the first column of each table, and every paragraph's text.
#[derive(Debug, Default)]
struct Doc {
    paragraphs: Vec<String>,
    tables: Vec<Vec<Vec<String>>>,
}

/// The ids of `week --json` for the week holding `day`: due, done, overdue.
fn week_ids(env: &Env, day: &str) -> (Value, Vec<String>) {
    let w = env.run(&["--json", "week", day]).json();
    let mut ids: Vec<String> = ["due", "done", "overdue"]
        .iter()
        .flat_map(|k| w[k].as_array().unwrap().clone())
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids.dedup();
    (w, ids)
}

fn first_column(doc: &Doc) -> Vec<String> {
    let mut ids: Vec<String> = doc
        .tables
        .iter()
        .flat_map(|t| t.iter().skip(1).map(|r| r[0].clone()))
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

mod docx {
    use std::io::Read as _;

    use super::*;

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    fn part(env: &Env, name: &str, part: &str) -> String {
        let bytes = std::fs::read(env.path(name)).expect("the document was written");
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip file");
        let mut text = String::new();
        zip.by_name(part)
            .unwrap_or_else(|e| panic!("no {part}: {e}"))
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    /// The text of a paragraph or cell: its `w:t` runs, paragraphs joined by line breaks.
    fn text(node: roxmltree::Node) -> String {
        let paragraphs: Vec<String> = node
            .descendants()
            .filter(|n| n.has_tag_name((W, "p")))
            .map(|p| {
                p.descendants()
                    .filter(|n| n.has_tag_name((W, "t")))
                    .filter_map(|t| t.text())
                    .collect()
            })
            .collect();
        paragraphs.join("\n")
    }

    fn parse(xml: &str) -> Doc {
        let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
        let body = doc
            .descendants()
            .find(|n| n.has_tag_name((W, "body")))
            .expect("a body");
        let mut out = Doc::default();
        for child in body.children() {
            if child.has_tag_name((W, "p")) {
                out.paragraphs.push(text(child));
            } else if child.has_tag_name((W, "tbl")) {
                out.tables.push(
                    child
                        .children()
                        .filter(|n| n.has_tag_name((W, "tr")))
                        .map(|tr| {
                            tr.children()
                                .filter(|n| n.has_tag_name((W, "tc")))
                                .map(text)
                                .collect()
                        })
                        .collect(),
                );
            }
        }
        out
    }

    #[test]
    fn the_weekly_report_has_the_title_the_week_and_its_items() {
        let env = scenario();
        let out = env.run(&["export", "--format", "docx", "-o", "周报.docx"]);
        assert!(out.ok().contains("周报.docx"), "{}", out.stdout);
        let doc = parse(&part(&env, "周报.docx", "word/document.xml"));
        assert_eq!(doc.paragraphs[0], "党的群众路线教育实践活动第二环节");
        let (w, ids) = week_ids(&env, "2014-06-27");
        assert_eq!(w["week"], "2014-W26");
        let all = doc.paragraphs.join("\n");
        assert!(all.contains("2014-W26"), "{all}");
        assert!(all.contains("常州市新北区春江中心小学"), "{all}");
        assert!(all.contains("2014-06-23 周一 – 2014-06-29 周日"), "{all}");
        let t = &w["totals"];
        assert!(
            all.contains(&format!(
                "合计：到期 {}，完成 {}（逾期完成 {}），逾期未完成 {}",
                t["due"], t["done"], t["done_late"], t["overdue"]
            )),
            "{all}"
        );
        for h in [
            "一、本周到期",
            "二、本周完成",
            "三、逾期事项及原因",
            "四、下周到期",
        ] {
            assert!(doc.paragraphs.iter().any(|p| p == h), "{h}: {all}");
        }
        // Every item of the week is in a table; so is what is due next week.
        let shown = first_column(&doc);
        for id in &ids {
            assert!(shown.contains(id), "{id} missing from {shown:?}");
        }
        let next = env.run(&["--json", "week", "2014-07-04"]).json();
        for i in next["due"].as_array().unwrap() {
            if i["state"] != "done" {
                assert!(shown.contains(&i["id"].as_str().unwrap().to_string()));
            }
        }
        // The overdue table explains with the ledger's notes.
        let overdue = doc
            .tables
            .iter()
            .find(|t| t[0][5] == "原因及记录")
            .expect("the overdue table");
        let four = overdue
            .iter()
            .find(|r| r[0] == "4")
            .expect("step 4 is overdue");
        assert!(four[5].contains("唐健：材料未交，等待学校反馈"), "{four:?}");
        // A4, and the Chinese font named with its fallback.
        let xml = part(&env, "周报.docx", "word/document.xml");
        assert!(
            xml.contains(r#"w:w="11906""#) && xml.contains(r#"w:h="16838""#),
            "A4"
        );
        let fonts = part(&env, "周报.docx", "word/fontTable.xml");
        assert!(
            fonts.contains("宋体") && fonts.contains("SimSun"),
            "{fonts}"
        );
    }

    #[test]
    fn another_week_in_english() {
        let env = scenario();
        env.run(&[
            "--lang", "en", "export", "-f", "docx", "--week", "2014-W24", "-o", "w.docx",
        ])
        .ok();
        let doc = parse(&part(&env, "w.docx", "word/document.xml"));
        let all = doc.paragraphs.join("\n");
        assert!(all.contains("Weekly report 2014-W24"), "{all}");
        assert!(all.contains("2014-06-09 Mon – 2014-06-15 Sun"), "{all}");
        let (_, ids) = week_ids(&env, "2014-06-10");
        let shown = first_column(&doc);
        for id in &ids {
            assert!(shown.contains(id), "{id} missing from {shown:?}");
        }
        assert!(
            doc.paragraphs.iter().any(|p| p == "1. Due this week"),
            "{all}"
        );
    }
}

mod html {
    use super::*;

    fn parse(text: &str) -> roxmltree::Document<'_> {
        let opt = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        };
        roxmltree::Document::parse_with_options(text, opt).expect("well-formed XHTML")
    }

    fn cell_text(n: roxmltree::Node) -> String {
        n.descendants()
            .filter(roxmltree::Node::is_text)
            .filter_map(|d| d.text())
            .collect()
    }

    #[test]
    fn the_page_has_the_report_tables_the_status_and_the_timeline() {
        let env = scenario();
        env.run(&[
            "note",
            "5",
            "<script>alert(1)</script> & \u{1b}[31m",
            "--by",
            "韩海英",
        ])
        .ok();
        env.run(&["export", "--format", "html", "-o", "周报.html"])
            .ok();
        let page = std::fs::read_to_string(env.path("周报.html")).unwrap();
        let doc = parse(&page);
        let tag = |name: &'static str| {
            doc.descendants()
                .filter(move |n| n.tag_name().name() == name)
        };
        assert!(
            tag("meta").any(|m| m.attribute("name") == Some("viewport")),
            "readable on a phone"
        );
        assert!(page.contains("@media print"));
        assert_eq!(tag("script").count(), 0);
        assert!(!page.contains("<link") && !page.contains("@import") && !page.contains("url("));
        assert_eq!(tag("svg").count(), 1, "the timeline");
        assert_eq!(
            tag("h1").next().map(cell_text).as_deref(),
            Some("党的群众路线教育实践活动第二环节")
        );
        // Five tables: due, done, overdue and why, next week, every item.
        let tables: Vec<Vec<Vec<String>>> = tag("table")
            .map(|t| {
                t.descendants()
                    .filter(|n| n.tag_name().name() == "tr")
                    .map(|tr| {
                        tr.children()
                            .filter(|c| matches!(c.tag_name().name(), "td" | "th"))
                            .map(cell_text)
                            .collect()
                    })
                    .collect()
            })
            .collect();
        // The report's tables (nothing was done in week 26: "无。" stands for that one),
        // then every item.
        assert_eq!(tables.len(), 4, "{tables:?}");
        assert!(tag("p").any(|p| cell_text(p) == "无。"));
        let (status, report) = tables.split_last().unwrap();
        assert_eq!(status[0][3], "开始", "the status table is last");
        let (_, ids) = week_ids(&env, "2014-06-27");
        let doc_like = Doc {
            paragraphs: Vec::new(),
            tables: report.to_vec(),
        };
        let shown = first_column(&doc_like);
        for id in &ids {
            assert!(shown.contains(id), "{id} missing from {shown:?}");
        }
        let list = env.run(&["--json", "list"]).json();
        assert_eq!(status.len() - 1, list["items"].as_array().unwrap().len());
        // The note is text, escaped, its control character shown.
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; \\u{1b}[31m"),
            "{page}"
        );
        assert!(!page.contains('\u{1b}'));
        let overdue_rows = tag("tr")
            .filter(|r| r.attribute("class") == Some("overdue"))
            .count();
        assert!(overdue_rows > 0);
    }
}
