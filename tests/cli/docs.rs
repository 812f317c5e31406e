//! The documents in the repository point only at what the repository has.

use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The Markdown files people read first: the READMEs, CONTRIBUTING and docs/.
fn documents() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = ["README.md", "README.en.md", "CONTRIBUTING.md"]
        .iter()
        .map(|f| Path::new(ROOT).join(f))
        .filter(|p| p.exists())
        .collect();
    for entry in std::fs::read_dir(Path::new(ROOT).join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    files
}

/// Every relative link target (`[x](docs/plan-format.md#…)`) names a file that exists.
#[test]
fn relative_links_in_the_docs_name_files_the_repository_has() {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut checked = 0;
    for doc in documents() {
        let text = std::fs::read_to_string(&doc).unwrap();
        for event in Parser::new(&text) {
            let Event::Start(Tag::Link { dest_url, .. }) = event else {
                continue;
            };
            if dest_url.contains("://") || dest_url.starts_with('#') {
                continue;
            }
            let file = dest_url.split('#').next().unwrap_or_default();
            let target = doc.parent().unwrap().join(file);
            assert!(
                target.exists(),
                "{} links to {dest_url}, which the repository does not have",
                doc.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "the README links to the plan format");
}

/// The design contract lives outside the repository; the README must not send people there.
#[test]
fn the_readmes_do_not_point_to_a_design_document_the_repository_lacks() {
    assert!(!Path::new(ROOT).join("DESIGN.md").exists());
    for name in ["README.md", "README.en.md"] {
        let path = Path::new(ROOT).join(name);
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        assert!(!text.contains("DESIGN"), "{name} points to DESIGN.md");
        assert!(
            text.contains("docs/plan-format.md"),
            "{name} links the plan format"
        );
    }
}

/// README.md is Chinese, for the people the tool is for, and starts with the same two
/// commands as ever; the English one is README.en.md, and each links the other.
#[test]
fn the_readme_is_chinese_and_links_the_english_one() {
    let read = |name: &str| std::fs::read_to_string(Path::new(ROOT).join(name)).unwrap();
    let (zh, en) = (read("README.md"), read("README.en.md"));
    for (name, text) in [("README.md", &zh), ("README.en.md", &en)] {
        let first = text
            .split("```sh\n")
            .nth(1)
            .and_then(|b| b.split("```").next());
        let commands: Vec<&str> = first
            .unwrap_or_default()
            .lines()
            .map(|l| l.split('#').next().unwrap_or_default().trim())
            .collect();
        assert_eq!(
            commands,
            ["cargo run -- --today 2014-06-20 status", "cargo test"],
            "{name}"
        );
    }
    assert!(zh.contains("](README.en.md)") && en.contains("](README.md)"));
    // Prose, not code: the Chinese README's paragraphs are Chinese.
    let paragraphs = zh
        .split("\n\n")
        .filter(|p| !p.starts_with(['`', '|', '#', '[', ' ', '-']) && !p.contains("```"));
    for p in paragraphs {
        assert!(
            chunjiang::lang::has_cjk(p),
            "English paragraph in README.md:\n{p}"
        );
    }
}
