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
/// and a title a spreadsheet would run as a formula.
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
