//! A JSON body extractor whose failures are problem+json naming the offending field, instead of
//! axum's plain-text rejections.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, header};
use serde::de::DeserializeOwned;

use crate::problem::ApiError;
use artstation_common::{ErrorCode, ServiceError};

const MAX_JSON_BYTES: usize = 64 * 1024;

pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        require_json(req.headers())?;
        let bytes = Bytes::from_request(req, state).await.map_err(|_| {
            ApiError(ServiceError::validation(
                "body",
                "cannot read the request body",
            ))
        })?;
        check_size(&bytes)?;
        parse(&bytes).map(ApiJson)
    }
}

/// Refuses (415) a body whose `Content-Type` is not JSON.
pub fn require_json(headers: &HeaderMap) -> Result<(), ApiError> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|m| {
            let m = m.trim().to_ascii_lowercase();
            m == "application/json" || (m.starts_with("application/") && m.ends_with("+json"))
        })
        .unwrap_or(false);
    if is_json {
        Ok(())
    } else {
        Err(ApiError(ServiceError::new(
            ErrorCode::UnsupportedMediaType,
            "expected a JSON body (Content-Type: application/json)",
        )))
    }
}

/// Bodies of the JSON routes are small; anything bigger is a mistake or an attack.
pub fn check_size(bytes: &[u8]) -> Result<(), ApiError> {
    if bytes.len() > MAX_JSON_BYTES {
        return Err(ApiError(ServiceError::new(
            ErrorCode::PayloadTooLarge,
            format!("JSON bodies are limited to {MAX_JSON_BYTES} bytes"),
        )));
    }
    Ok(())
}

/// Parses JSON, naming the field at fault: a missing field by its name, a wrong type by its path.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let msg = inner.to_string();
        let field = if let Some(rest) = msg.strip_prefix("unknown field `") {
            // The path already ends at the unknown field.
            let name = rest.split('`').next().unwrap_or_default();
            if path == "." || path == "?" {
                name.to_owned()
            } else {
                path
            }
        } else if let Some(rest) = msg.strip_prefix("missing field `") {
            let name = rest.split('`').next().unwrap_or_default();
            if path == "." {
                name.to_owned()
            } else {
                format!("{path}.{name}")
            }
        } else if path == "." || path == "?" {
            "body".to_owned()
        } else {
            path
        };
        let detail = msg.split(" at line ").next().unwrap_or(&msg).to_owned();
        ApiError(ServiceError::validation(field, detail))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Body {
        email: String,
        price: Price,
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Price {
        amount_minor: i64,
    }

    fn field(json: &str) -> Option<String> {
        parse::<Body>(json.as_bytes()).err().and_then(|e| e.0.field)
    }

    #[test]
    fn errors_name_the_field() {
        assert_eq!(
            field(r#"{"price": {"amount_minor": 1}}"#).as_deref(),
            Some("email")
        );
        assert_eq!(
            field(r#"{"email": 5, "price": {"amount_minor": 1}}"#).as_deref(),
            Some("email")
        );
        assert_eq!(
            field(r#"{"email": "a", "price": {}}"#).as_deref(),
            Some("price.amount_minor")
        );
        assert_eq!(
            field(r#"{"email": "a", "price": {"amount_minor": "x"}}"#).as_deref(),
            Some("price.amount_minor")
        );
        assert_eq!(field("{not json").as_deref(), Some("body"));
        assert_eq!(
            strict(r#"{"a": 1, "owner": "x"}"#).as_deref(),
            Some("owner")
        );
        assert_eq!(
            strict(r#"{"a": 1, "inner": {"b": 1, "evil": 2}}"#).as_deref(),
            Some("inner.evil")
        );
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Strict {
        a: i64,
        inner: Option<Inner>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        b: i64,
    }

    fn strict(json: &str) -> Option<String> {
        parse::<Strict>(json.as_bytes())
            .err()
            .and_then(|e| e.0.field)
    }
}
