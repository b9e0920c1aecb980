//! The crate invariants ARCHITECTURE.md states about dependencies, checked against each crate's
//! Cargo.toml, so the document cannot drift from the code unnoticed.

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The names in a manifest's `[dependencies]` section (not dev- or build-dependencies).
    fn dependencies(crate_dir: &str) -> Vec<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let manifest = std::fs::read_to_string(root.join(crate_dir).join("Cargo.toml"))
            .unwrap_or_else(|e| panic!("{crate_dir}/Cargo.toml: {e}"));
        let mut in_deps = false;
        let mut names = Vec::new();
        for line in manifest.lines().map(str::trim) {
            if line.starts_with('[') {
                in_deps = line == "[dependencies]" || line.ends_with(".dependencies]");
                in_deps &= !line.contains("dev-dependencies") && !line.contains("build-");
                continue;
            }
            if in_deps && !line.is_empty() && !line.starts_with('#') {
                let name = line.split(['=', '.', ' ']).next().unwrap_or_default();
                names.push(name.to_owned());
            }
        }
        names
    }

    fn only(crate_dir: &str, allowed: &[&str]) {
        let extra: Vec<String> = dependencies(crate_dir)
            .into_iter()
            .filter(|d| !allowed.contains(&d.as_str()))
            .collect();
        assert!(
            extra.is_empty(),
            "{crate_dir} must depend on {allowed:?} only; also has {extra:?}"
        );
    }

    fn none_of(crate_dir: &str, forbidden: &[&str]) {
        let deps = dependencies(crate_dir);
        assert!(!deps.is_empty(), "{crate_dir} has no [dependencies]?");
        let found: Vec<&String> = deps
            .iter()
            .filter(|d| forbidden.contains(&d.as_str()))
            .collect();
        assert!(found.is_empty(), "{crate_dir} must not depend on {found:?}");
    }

    const SERVICES: [&str; 4] = [
        "artstation-auth",
        "artstation-artwork",
        "artstation-commerce",
        "artstation-gateway",
    ];

    #[test]
    fn the_plain_crates_stay_plain() {
        // The CLI uses both, so no transport, storage or async may creep in. utoipa is an
        // optional schema derive behind the `openapi` feature, which only the gateway turns on.
        only(
            "services/domain",
            &["serde", "thiserror", "unicode-normalization", "utoipa"],
        );
        only(
            "services/api",
            &["artstation-domain", "serde", "chrono", "utoipa"],
        );
        for dir in ["services/domain", "services/api"] {
            let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
            let manifest = std::fs::read_to_string(root.join(dir).join("Cargo.toml"))
                .unwrap_or_else(|e| panic!("{dir}/Cargo.toml: {e}"));
            assert!(
                manifest
                    .lines()
                    .filter(|l| l.trim_start().starts_with("utoipa"))
                    .all(|l| l.contains("optional = true")),
                "{dir}: utoipa must stay optional (the CLI builds without it)"
            );
        }
    }

    #[test]
    fn the_shared_kit_knows_no_service() {
        none_of("services/common", &SERVICES);
    }

    #[test]
    fn services_call_each_other_only_over_grpc() {
        for (dir, own) in [
            ("services/auth", "artstation-auth"),
            ("services/artwork", "artstation-artwork"),
            ("services/commerce", "artstation-commerce"),
            ("services/gateway", "artstation-gateway"),
        ] {
            let others: Vec<&str> = SERVICES.into_iter().filter(|s| *s != own).collect();
            none_of(dir, &others);
        }
        // The gateway owns no data.
        none_of("services/gateway", &["sqlx", "redis", "aws-sdk-s3"]);
    }

    #[test]
    fn the_cli_talks_rest_only() {
        let mut forbidden = SERVICES.to_vec();
        forbidden.extend(["artstation-proto", "artstation-common", "tonic", "sqlx"]);
        none_of("cli", &forbidden);
    }
}
