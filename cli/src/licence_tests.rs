use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::pkcs8::EncodePrivateKey as _;
use jsonwebtoken::{EncodingKey, Header};
use serde_json::json;

use super::*;

/// A key made in the test, its JWK, and a certificate signed with it.
struct Fixture {
    signing: EncodingKey,
    jwk: Jwk,
}

fn fixture(seed: u8, kid: &str) -> anyhow::Result<Fixture> {
    let key = ed25519_dalek::SigningKey::from_bytes(&[seed; 32]);
    let der = key
        .to_pkcs8_der()
        .map_err(|e| anyhow::anyhow!("pkcs8: {e}"))?;
    Ok(Fixture {
        signing: EncodingKey::from_ed_der(der.as_bytes()),
        jwk: Jwk {
            kid: Some(kid.into()),
            kty: "OKP".into(),
            crv: Some("Ed25519".into()),
            alg: Some("EdDSA".into()),
            x: Some(URL_SAFE_NO_PAD.encode(key.verifying_key().as_bytes())),
        },
    })
}

fn claims() -> serde_json::Value {
    json!({
        "iss": "artstation", "sub": "u1", "jti": "o1", "iat": 1_764_460_800,
        "order_id": "o1", "artwork_id": "a1", "title": "Sunset",
        "original_sha256": "ab".repeat(32), "licence": "personal", "serial": 2,
        "edition_size": 10, "price": {"amount_minor": 1250, "currency": "EUR"},
    })
}

fn sign(f: &Fixture, typ: &str, claims: &serde_json::Value) -> anyhow::Result<String> {
    let _ = jsonwebtoken::crypto::rust_crypto::DEFAULT_PROVIDER.install_default();
    let mut header = Header::new(Algorithm::EdDSA);
    header.kid = f.jwk.kid.clone();
    header.typ = Some(typ.into());
    Ok(jsonwebtoken::encode(&header, claims, &f.signing)?)
}

fn is_invalid(result: Result<Verified, CliError>) -> bool {
    matches!(
        result,
        Err(CliError::Check {
            code: "invalid_licence",
            ..
        })
    )
}

#[test]
fn a_signed_certificate_verifies_and_says_what_was_bought() -> anyhow::Result<()> {
    let f = fixture(7, "k1")?;
    let cert = sign(&f, CERTIFICATE_TYP, &claims())?;
    let keys = Jwks {
        keys: vec![fixture(9, "k0")?.jwk, f.jwk.clone()],
    };
    let verified = verify(&format!("{cert}\n"), &keys)?;
    assert_eq!(verified.kid.as_deref(), Some("k1"));
    assert_eq!(verified.claims.order_id, "o1");
    assert_eq!(verified.claims.serial, 2);
    assert_eq!(verified.claims.edition_size, Some(10));
    assert_eq!(verified.claims.price.amount_minor, 1250);
    assert_eq!(unverified_claims(&cert)?, verified.claims);
    assert_eq!(certificate_kid(&cert).as_deref(), Some("k1"));
    Ok(())
}

#[test]
fn tampered_or_foreign_certificates_fail() -> anyhow::Result<()> {
    let f = fixture(7, "k1")?;
    let keys = Jwks {
        keys: vec![f.jwk.clone()],
    };
    let cert = sign(&f, CERTIFICATE_TYP, &claims())?;

    // Another payload under the original signature: serial 1 instead of 2.
    let mut parts: Vec<String> = cert.split('.').map(str::to_owned).collect();
    let mut forged = claims();
    forged["serial"] = json!(1);
    parts[1] = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&forged)?);
    assert!(is_invalid(verify(&parts.join("."), &keys)));

    // The right kid but another key.
    let impostor = Fixture {
        jwk: f.jwk.clone(),
        ..fixture(8, "k1")?
    };
    assert!(is_invalid(verify(
        &sign(&impostor, CERTIFICATE_TYP, &claims())?,
        &keys
    )));

    // An unknown kid, a token of another type, another issuer, garbage.
    assert!(is_invalid(verify(
        &sign(&fixture(7, "k2")?, CERTIFICATE_TYP, &claims())?,
        &keys
    )));
    assert!(is_invalid(verify(&sign(&f, "JWT", &claims())?, &keys)));
    let mut other = claims();
    other["iss"] = json!("elsewhere");
    assert!(is_invalid(verify(
        &sign(&f, CERTIFICATE_TYP, &other)?,
        &keys
    )));
    assert!(is_invalid(verify("not.a.jws", &keys)));
    assert!(is_invalid(verify(&cert, &Jwks::default())));
    Ok(())
}

#[test]
fn key_files_are_a_set_or_one_key() -> anyhow::Result<()> {
    let f = fixture(7, "k1")?;
    let cert = sign(&f, CERTIFICATE_TYP, &claims())?;
    let mut single = f.jwk.clone();
    single.kid = None;
    let set =
        parse_keys(&serde_json::to_vec(&json!({"keys": [f.jwk]}))?).map_err(anyhow::Error::msg)?;
    let one = parse_keys(&serde_json::to_vec(&single)?).map_err(anyhow::Error::msg)?;
    verify(&cert, &set)?;
    // A lone key without a kid is taken as the one meant.
    verify(&cert, &one)?;
    assert!(parse_keys(b"{\"nope\": 1}").is_err());
    Ok(())
}

#[test]
fn the_cache_is_per_server_and_round_trips() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let a = cache_path(dir.path(), "http://127.0.0.1:8080/");
    let b = cache_path(dir.path(), "https://shop.example/api");
    assert_ne!(a, b);
    assert!(a.ends_with("licence-keys/127_0_0_1_8080.json"));
    assert!(load_cached(&a).is_none());
    let keys = Jwks {
        keys: vec![fixture(7, "k1")?.jwk],
    };
    store_cached(&a, &keys)?;
    assert_eq!(load_cached(&a), Some(keys));
    Ok(())
}
