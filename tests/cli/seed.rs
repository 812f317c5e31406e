//! The seed scenario of DESIGN §6, end to end through `--json`.

use serde_json::Value;

use crate::harness::{Env, item_ids};

/// Step 1 done 06-16, step 2 done 06-15 (one day late).
fn scenario() -> Env {
    let env = Env::seed();
    env.run(&["done", "1", "--on", "2014-06-16"]).ok();
    env.run(&["done", "2", "--on", "6月15日"]).ok();
    env
}

fn by_id<'a>(items: &'a Value, id: &str) -> &'a Value {
    items
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no item {id} in {items}"))
}

#[test]
fn seed_plan_lists_the_documents_dates() {
    let env = Env::seed();
    let list = env.run(&["--json", "list"]).json();
    let items = &list["items"];
    assert_eq!(items.as_array().unwrap().len(), 19);
    let window = |id: &str| {
        (
            by_id(items, id)["start"].clone(),
            by_id(items, id)["due"].clone(),
        )
    };
    assert_eq!(window("7"), ("2014-07-01".into(), "2014-07-20".into()));
    assert_eq!(window("8"), ("2014-06-01".into(), "2014-07-31".into()));
    assert_eq!(window("2"), ("2014-06-06".into(), "2014-06-14".into()));
    assert_eq!(by_id(items, "5.1")["due"], "2014-06-20");
    assert_eq!(by_id(items, "5.1")["start"], Value::Null);
    assert_eq!(window("8.1"), ("2014-07-11".into(), "2014-07-20".into()));
    for (id, due) in [("7.1", "2014-07-06"), ("7.2", "2014-07-11")] {
        assert_eq!(by_id(items, id)["due"], due);
        assert_eq!(by_id(items, id)["tentative"], true);
    }
}

#[test]
fn status_on_june_20_matches_design_section_6() {
    let env = scenario();
    let status = env.run(&["--json", "status", "--all"]).json();
    assert_eq!(status["today"], "2014-06-20");
    let items = &status["items"];
    let two = by_id(items, "2");
    assert_eq!(
        (
            two["state"].as_str(),
            two["done_on"].as_str(),
            two["late_days"].as_i64()
        ),
        (Some("done"), Some("2014-06-15"), Some(1))
    );
    assert_eq!(by_id(items, "1")["late_days"], 0);
    for id in ["5.1", "6.1"] {
        assert_eq!(by_id(items, id)["state"], "due_today", "{id}");
        assert_eq!(by_id(items, id)["days_left"], 0, "{id}");
    }
    for (id, left) in [("3", 6), ("4", 5), ("5", 6), ("6", 6)] {
        assert_eq!(by_id(items, id)["state"], "due_soon", "{id}");
        assert_eq!(by_id(items, id)["days_left"], left, "{id}");
    }
    assert_eq!(by_id(items, "8")["state"], "active");
    assert_eq!(by_id(items, "7")["state"], "upcoming");
    assert_eq!(by_id(items, "7")["blocked_by"], serde_json::json!(["5"]));
    assert_eq!(by_id(items, "7.1")["due"], "2014-07-06");
    assert_eq!(by_id(items, "7.1")["tentative"], true);
    assert!(
        items
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["state"] != "overdue")
    );
    // The item object carries exactly the keys of DESIGN §5.
    let keys: Vec<&str> = by_id(items, "5.1")
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        crate::harness::ITEM_KEYS,
        "keys in the order of DESIGN §5"
    );
}

#[test]
fn status_without_all_lists_overdue_then_today_then_soon() {
    let env = scenario();
    let status = env.run(&["--json", "status"]).json();
    let ids = item_ids(&status);
    assert_eq!(
        ids,
        ["5.1", "6.1", "4", "4.1", "4.2", "4.3", "3", "3.1", "5", "6"]
    );
}

#[test]
fn a_week_later_everything_due_by_june_26_is_overdue_most_overdue_first() {
    let env = scenario();
    let status = env.run_on("2014-06-27", &["--json", "status"]).json();
    let items = status["items"].as_array().unwrap();
    let overdue: Vec<(&str, i64)> = items
        .iter()
        .filter(|i| i["state"] == "overdue")
        .map(|i| {
            (
                i["id"].as_str().unwrap(),
                i["days_overdue"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        overdue,
        [
            ("5.1", 7),
            ("6.1", 7),
            ("4", 2),
            ("4.1", 2),
            ("4.2", 2),
            ("4.3", 2),
            ("3", 1),
            ("3.1", 1),
            ("5", 1),
            ("6", 1)
        ]
    );
    let text = env.run_on("2014-06-27", &["status"]);
    assert!(text.ok().contains("逾期7天"), "{}", text.stdout);
}
