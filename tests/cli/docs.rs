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
