//! Golden snapshots: for each fixture article under `fixtures/<name>/`
//! (`input.txt` plus optional `meta.json`), run the standard pipeline and
//! compare every layer it sets with `fixtures/<name>/golden/<layer>.snap`.
//!
//! Regenerate after an intended change with
//! `UPDATE_GOLDEN=1 cargo test -p newsgraph-pipeline --test golden`,
//! then read the diff before committing it.

use newsgraph_doc::{Doc, LayerKind, Meta};
use std::path::{Path, PathBuf};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

fn load(dir: &Path) -> Doc {
    let text = std::fs::read_to_string(dir.join("input.txt")).expect("input.txt");
    let mut meta = Meta {
        id: Some(dir.file_name().unwrap().to_string_lossy().into()),
        ..Meta::default()
    };
    if let Ok(raw) = std::fs::read_to_string(dir.join("meta.json")) {
        let v: serde_json::Value = serde_json::from_str(&raw).expect("meta.json parses");
        if let Some(p) = v.get("published").and_then(|p| p.as_str()) {
            meta.published = Some(p.parse().expect("published is YYYY-MM-DD"));
        }
    }
    Doc::new(text, meta)
}

#[test]
fn golden_snapshots_match() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let pipeline = newsgraph_pipeline::standard().expect("standard pipeline builds");
    let mut failures = Vec::new();
    let mut fixtures = 0;
    for entry in std::fs::read_dir(fixtures_dir()).expect("fixtures dir") {
        let dir = entry.unwrap().path();
        if !dir.join("input.txt").exists() {
            continue;
        }
        fixtures += 1;
        let mut doc = load(&dir);
        pipeline.run(&mut doc).expect("pipeline runs on fixture");
        let golden = dir.join("golden");
        std::fs::create_dir_all(&golden).unwrap();
        for kind in LayerKind::ALL {
            let path = golden.join(format!("{}.snap", kind.name()));
            let Some(lines) = doc.layers().snapshot(kind, doc.text()) else {
                if path.exists() && !update {
                    failures.push(format!("{}: layer no longer set", path.display()));
                } else if path.exists() {
                    std::fs::remove_file(&path).unwrap();
                }
                continue;
            };
            let actual = lines.join("\n") + "\n";
            if update {
                std::fs::write(&path, &actual).unwrap();
                continue;
            }
            match std::fs::read_to_string(&path) {
                Ok(expected) if expected == actual => {}
                Ok(expected) => failures.push(first_difference(&path, &expected, &actual)),
                Err(_) => failures.push(format!(
                    "{}: missing (run with UPDATE_GOLDEN=1)",
                    path.display()
                )),
            }
        }
    }
    assert!(
        fixtures > 0,
        "no fixtures found under {}",
        fixtures_dir().display()
    );
    assert!(
        failures.is_empty(),
        "golden snapshots differ:\n{}",
        failures.join("\n")
    );
}

fn first_difference(path: &Path, expected: &str, actual: &str) -> String {
    for (i, (e, a)) in expected.lines().zip(actual.lines()).enumerate() {
        if e != a {
            return format!(
                "{} line {}:\n  expected {e}\n  actual   {a}",
                path.display(),
                i + 1
            );
        }
    }
    format!(
        "{}: {} lines expected, {} actual",
        path.display(),
        expected.lines().count(),
        actual.lines().count()
    )
}
