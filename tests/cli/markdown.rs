//! `export --format md` in the plan's language: a Chinese plan's report has no English word.

use crate::harness::Env;

/// The seed plan (Chinese, no Latin letters in its text) with records of every kind: the
/// report's headings, labels, states, remarks and notes are all in view.
fn scenario() -> Env {
    let mut env = Env::seed();
    env.today = "2014-06-27".to_string();
    for args in [
        &[
            "done",
            "1",
            "--on",
            "2014-06-16",
            "--by",
            "徐燕娟",
            "--note",
            "已报局活动办",
        ][..],
        &["reopen", "1", "--note", "退回重写"],
        &["done", "2", "--on", "2014-06-26"],
        &["note", "3", "谈心记录已交", "--by", "唐健"],
    ] {
        env.run(args).ok();
    }
    env
}

#[test]
fn a_chinese_plans_markdown_report_has_no_english_word() {
    let env = scenario();
    let md = env.run(&["export", "--format", "md"]);
    let text = md.ok();
    for heading in [
        "## 本周 2014年第26周（",
        "## 逾期事项及原因",
        "## 下周到期 2014年第27周（",
    ] {
        assert!(text.contains(heading), "{heading}\n{text}");
    }
    assert!(
        text.contains("| 逾期 |") && text.contains("重新打开"),
        "{text}"
    );
    // `<br>` is Markdown's line break inside a cell, not a word.
    let latin: Vec<&str> = text
        .split("<br>")
        .flat_map(|part| part.split(|c: char| !c.is_ascii_alphabetic()))
        .filter(|w| !w.is_empty())
        .collect();
    assert!(
        latin.is_empty(),
        "English in a Chinese report: {latin:?}\n{text}"
    );
}

#[test]
fn the_same_report_is_english_for_an_english_reader() {
    let env = scenario();
    let md = env.run(&["--lang", "en", "export", "--format", "md"]);
    let text = md.ok();
    assert!(
        text.contains("## This week 2014-W26 (2014-06-23 Mon – 2014-06-29 Sun)"),
        "{text}"
    );
    assert!(text.contains("## Overdue, and why"), "{text}");
}
