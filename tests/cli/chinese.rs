//! Issue 13: what a Chinese user types and reads. Ids and dates typed on a Chinese
//! keyboard; a Chinese plan without `lang` under `LANG=C.UTF-8` says nothing in English.

use crate::harness::Env;

#[test]
fn full_width_ids_and_dates_on_the_command_line_are_read() {
    let env = Env::seed();
    // `done ６`: a full-width digit is the digit.
    let out = env
        .run(&["done", "６", "--by", "唐健", "--on", "６。１９"])
        .ok()
        .to_string();
    assert!(out.contains("已记录：6 召开组织生活会"), "{out}");
    assert!(env.ledger().contains("\"step\":\"6\""), "{}", env.ledger());
    assert!(
        env.ledger().contains("\"on\":\"2014-06-19\""),
        "{}",
        env.ledger()
    );
    // `．` and `。` between digits are the dot of a task id, in every command taking one.
    for id in ["５．１", "５。１", "\u{3000}５.１ "] {
        let show = env.run(&["show", id]).ok().to_string();
        assert!(
            show.starts_with("步骤 5 · 召开专题民主生活会"),
            "{id}: {show}"
        );
    }
    env.run(&["note", "５。１", "方案已交", "--by", "韩海英"])
        .ok();
    let log = env.run(&["log", "５．１"]).ok().to_string();
    assert!(log.contains("方案已交"), "{log}");
    let reopen = env.run(&["reopen", "６", "--by", "唐健"]).ok().to_string();
    assert!(reopen.contains("6 召开组织生活会"), "{reopen}");
    // Dates: full-width digits and a Chinese full stop as the month-day dot.
    let week = env.run(&[
        "--json",
        "--today",
        "２０１４。６。２０",
        "week",
        "２０１４-W２５",
    ]);
    assert_eq!(week.json()["week"], "2014-W25");
    // A full stop that ends the text is not an id's dot: the error quotes what was typed.
    let err = env.run(&["show", "５。"]).fails().to_string();
    assert!(err.contains("没有编号为“５。”的步骤或任务"), "{err}");
    assert!(err.contains("是不是“5”"), "{err}");
}
