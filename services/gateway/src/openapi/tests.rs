//! The document and the router agree. Routes registered with `routes!` are documented by
//! construction; what can still slip through is a route added with a plain `.route(…)` (or
//! nested, or a service), which axum cannot list at run time — so the sources are read for them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A route added outside the documented table: where, its path, and the call's text.
struct Undocumented {
    at: String,
    path: String,
    call: String,
}

/// Router calls that add routes without documenting them, in `text`.
fn undocumented_calls(file: &str, text: &str) -> Vec<Undocumented> {
    // Spelled in pieces so this file does not find itself.
    let calls = [
        [".route", "("].concat(),
        [".route_service", "("].concat(),
        [".nest", "("].concat(),
        [".nest_service", "("].concat(),
    ];
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("//") {
            continue;
        }
        for call in &calls {
            let Some(at) = line.find(call.as_str()) else {
                continue;
            };
            // The call may wrap: read on to its first string literal and a little after.
            let rest: String = text.lines().skip(n).take(4).collect::<Vec<_>>().join(" ");
            let after = &rest[at.min(rest.len())..];
            let path = after
                .split('"')
                .nth(1)
                .unwrap_or("(a path not written as a literal)")
                .to_owned();
            let call_text = after.split_whitespace().collect::<Vec<_>>().join(" ");
            let call_text = up_to_closing_paren(&call_text);
            found.push(Undocumented {
                at: format!("{file}:{}", n + 1),
                path,
                call: call_text,
            });
        }
    }
    found
}

/// `text` up to the parenthesis that closes its first one.
fn up_to_closing_paren(text: &str) -> String {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth <= 1 => return text[..=i].to_owned(),
            ')' => depth -= 1,
            _ => {}
        }
    }
    text.to_owned()
}

#[test]
fn every_route_is_in_the_document() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    assert!(files.len() > 5, "no sources under {}", root.display());
    let mut missing = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let name = file
            .strip_prefix(&root)
            .unwrap_or(&file)
            .display()
            .to_string();
        missing.extend(undocumented_calls(&format!("src/{name}"), &text));
    }
    let report: Vec<String> = missing
        .iter()
        .map(|u| {
            format!(
                "- {} `{}` serves \"{}\" without documenting it in /openapi.json. To fix:\n  \
                 1. put on its handler `#[utoipa::path(get, path = \"{}\", tag = \"…\", \
                 responses((status = 200, description = \"…\", body = …)))]` (the method as \
                 routed; add `params((\"id\" = String, Path)…)` or `params(SomeQuery)` with \
                 `#[derive(utoipa::IntoParams)]`, `request_body = T`, `security((\"bearer\" = \
                 []))` when it takes a token, and `(status = 4xx, response = \
                 crate::openapi::NotFound)`-style problem responses; `body` types derive \
                 `utoipa::ToSchema`);\n  \
                 2. register it in `routes::documented()` as `.routes(routes!(module::handler))` \
                 (handlers of one path in one `routes!`) instead of this call.",
                u.at, u.call, u.path, u.path
            )
        })
        .collect();
    assert!(
        report.is_empty(),
        "{} route(s) are not documented:\n{}",
        report.len(),
        report.join("\n")
    );
}

#[test]
fn the_finder_finds_plain_routes() {
    let text = [
        "    x\n        .route",
        "(\n            \"/metrics\",\n            get(m::render),\n        )\n",
        "        // .route",
        "(\"/commented\", get(x))\n",
    ]
    .concat();
    let found = undocumented_calls("f.rs", &text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].path, "/metrics");
    assert_eq!(found[0].at, "f.rs:2");
}

fn document() -> Value {
    serde_json::from_slice(super::json()).unwrap_or_default()
}

const METHODS: [&str; 9] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
];

/// Each operation of the document as `(METHOD path, operation)`.
fn operations(doc: &Value) -> Vec<(String, Value)> {
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for m in METHODS {
            if let Some(op) = item.get(m) {
                ops.push((format!("{} {path}", m.to_uppercase()), op.clone()));
            }
        }
    }
    ops
}

#[test]
fn the_document_is_openapi_3_1_with_every_known_route() {
    let doc = document();
    assert_eq!(doc["openapi"], "3.1.0");
    let ops: BTreeSet<String> = operations(&doc).into_iter().map(|(k, _)| k).collect();
    // A sample across every module: a route lost from the table would vanish from both.
    for known in [
        "GET /openapi.json",
        "GET /healthz",
        "POST /v1/auth/login",
        "GET /v1/artworks",
        "POST /v1/artworks",
        "PATCH /v1/artworks/{id}",
        "DELETE /v1/artworks/{id}/favorite",
        "GET /v1/artworks/{id}/original",
        "POST /v1/admin/artworks/moderation",
        "POST /v1/artworks/{id}/purchase",
        "GET /v1/me/wallet",
        "PUT /v1/admin/sale",
    ] {
        assert!(ops.contains(known), "{known} is not documented: {ops:?}");
    }
    assert!(ops.len() >= 59, "only {} operations", ops.len());
    assert!(doc["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer");
}

#[test]
fn every_operation_declares_its_parameters_answers_and_errors() {
    let doc = document();
    for (name, op) in operations(&doc) {
        let path = name.split(' ').nth(1).unwrap_or_default();
        let declared: BTreeSet<String> = op["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["in"] == "path")
            .filter_map(|p| p["name"].as_str().map(str::to_owned))
            .collect();
        let in_path: BTreeSet<String> = path
            .split('/')
            .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
            .map(str::to_owned)
            .collect();
        assert_eq!(declared, in_path, "{name}: path parameters");
        let statuses: Vec<&String> = op["responses"]
            .as_object()
            .map(|r| r.keys().collect())
            .unwrap_or_default();
        assert!(
            statuses.iter().any(|s| s.starts_with('2')),
            "{name} has no success response"
        );
        for edge in ["429", "503", "504"] {
            assert!(statuses.iter().any(|s| *s == edge), "{name} lacks {edge}");
        }
        let secured = op["security"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|s| s.get("bearer").is_some());
        if secured {
            assert!(statuses.iter().any(|s| *s == "401"), "{name} lacks 401");
        }
        if op.get("requestBody").is_some() {
            assert!(statuses.iter().any(|s| *s == "400"), "{name} lacks 400");
        }
    }
}

#[test]
fn operation_ids_are_unique() {
    let doc = document();
    let mut seen = BTreeSet::new();
    for (name, op) in operations(&doc) {
        let id = op["operationId"].as_str().unwrap_or_default().to_owned();
        assert!(
            seen.insert(id.clone()),
            "{name}: operation id {id:?} is taken; give it `operation_id = \"…\"`"
        );
    }
}

#[test]
fn errors_are_problem_documents() {
    let doc = document();
    let problem = &doc["components"]["schemas"]["Problem"];
    for member in ["type", "title", "status", "detail", "code"] {
        assert!(
            problem["properties"].get(member).is_some(),
            "Problem lacks {member}: {problem}"
        );
    }
    let not_found = &doc["components"]["responses"]["NotFound"]["content"];
    assert_eq!(
        not_found[crate::problem::CONTENT_TYPE]["schema"]["$ref"],
        "#/components/schemas/Problem"
    );
}

#[test]
fn images_are_bytes_not_json() {
    let doc = document();
    let binary = &doc["components"]["schemas"]["Binary"];
    assert_eq!(binary["type"], "string", "{binary}");
    let original = &doc["paths"]["/v1/artworks/{id}/original"]["get"]["responses"]["200"];
    assert_eq!(
        original["content"]["application/octet-stream"]["schema"]["$ref"],
        "#/components/schemas/Binary",
        "{original}"
    );
}
