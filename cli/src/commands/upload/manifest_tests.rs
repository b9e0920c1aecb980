use super::*;

const FLAGS: Defaults<'static> = Defaults {
    price: Some("5"),
    currency: "EUR",
};

fn write(dir: &Path, name: &str, text: &str) -> anyhow::Result<PathBuf> {
    let p = dir.join(name);
    std::fs::write(&p, text)?;
    Ok(p)
}

#[test]
fn csv_rows_become_overrides_with_paths_from_the_manifest_folder() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    write(dir.path(), "a.png", "x")?;
    write(dir.path(), "b.png", "y")?;
    let m = write(
        dir.path(),
        "m.csv",
        "path,title,tags,price,currency,licence,edition,draft\n\
         a.png,Sunrise,\"sky;sea\",12.50,usd,commercial,3,yes\n\
         b.png,,,,JPY,,,\n",
    )?;
    let (rows, errors) = load(&m, FLAGS);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].path, dir.path().join("a.png"));
    let a = &rows[0].overrides;
    assert_eq!(a.title.as_deref(), Some("Sunrise"));
    assert_eq!(a.tags, Some(vec!["sky".into(), "sea".into()]));
    assert_eq!(
        a.price,
        Some(Price {
            amount_minor: 1250,
            currency: "USD".into()
        })
    );
    assert_eq!(a.licence.as_deref(), Some("commercial"));
    assert_eq!((a.edition, a.draft), (Some(3), Some(true)));
    // A currency alone reprices the flag's amount in it.
    assert_eq!(
        rows[1].overrides.price,
        Some(Price {
            amount_minor: 5,
            currency: "JPY".into()
        })
    );
    Ok(())
}

#[test]
fn every_error_is_named_by_line_and_field() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    write(dir.path(), "a.png", "x")?;
    let m = write(
        dir.path(),
        "m.jsonl",
        "{\"path\": \"a.png\", \"currency\": \"XYZ\"}\n\
         {\"path\": \"missing.png\"}\n\
         \n\
         {\"path\": \"a.png\", \"edition\": 0, \"colour\": \"red\"}\n\
         not json\n",
    )?;
    let (rows, errors) = load(&m, FLAGS);
    assert!(rows.is_empty(), "{rows:?}");
    let named: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, e.field.as_str())).collect();
    assert_eq!(
        named,
        [
            (5, "json"),
            (1, "currency"),
            (2, "path"),
            (4, "colour"),
            (4, "edition"),
        ]
    );
    let f = errors[1].to_failed();
    assert_eq!(f.code, "validation_failed");
    assert_eq!((f.line, f.field.as_deref()), (Some(1), Some("currency")));
    assert!(f.path.ends_with("a.png"), "{f:?}");
    Ok(())
}

#[test]
fn a_path_listed_twice_is_refused_on_its_second_line() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    write(dir.path(), "a.png", "x")?;
    let m = write(dir.path(), "m.csv", "path,title\na.png,One\n./a.png,Two\n")?;
    let (rows, errors) = load(&m, FLAGS);
    assert_eq!(rows.len(), 1);
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0].line, errors[0].field.as_str()), (3, "path"));
    assert!(errors[0].message.contains("line 2"), "{errors:?}");
    Ok(())
}

#[test]
fn sidecars_override_and_are_checked() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let img = write(dir.path(), "a.png", "x")?;
    assert_eq!(sidecar(&img, FLAGS), Ok(None));
    write(
        dir.path(),
        "a.png.json",
        r#"{"title": "From the side", "price": 2}"#,
    )?;
    let side = sidecar(&img, FLAGS).map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let side = side.unwrap_or_default();
    assert_eq!(side.title.as_deref(), Some("From the side"));
    assert_eq!(side.price.as_ref().map(|p| p.amount_minor), Some(200));
    let row = Overrides {
        title: Some("From the row".into()),
        ..Overrides::default()
    };
    let merged = Overrides::default().then(&side).then(&row);
    assert_eq!(merged.title.as_deref(), Some("From the row"));
    assert_eq!(merged.price.map(|p| p.amount_minor), Some(200));
    write(dir.path(), "a.png.json", r#"{"licence": "free"}"#)?;
    let errors = sidecar(&img, FLAGS).err().unwrap_or_default();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, "licence");
    Ok(())
}
