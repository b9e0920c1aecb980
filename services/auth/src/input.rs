//! Input rules more than one feature applies: how a login (email or username) is matched, and
//! roles as the wire names them.

use artstation_common::ServiceError;
use artstation_domain::Role;
use artstation_proto::auth::v1 as pb;

/// Longest login (email or username) worth looking up.
pub(crate) const MAX_LOGIN_BYTES: usize = 254;

/// Logins are looked up the way they were stored: Unicode-normalised (NFKC) and lower-cased.
pub(crate) fn normalise_login(login: &str) -> String {
    use unicode_normalization::UnicodeNormalization as _;
    login.trim().nfkc().collect::<String>().to_lowercase()
}

/// A role a request names; anything but buyer, artist or admin is a validation error on
/// `field`.
pub(crate) fn role_from_pb(role: i32, field: &str) -> Result<Role, ServiceError> {
    match pb::Role::try_from(role) {
        Ok(pb::Role::Buyer) => Ok(Role::Buyer),
        Ok(pb::Role::Artist) => Ok(Role::Artist),
        Ok(pb::Role::Admin) => Ok(Role::Admin),
        _ => Err(ServiceError::validation(
            field,
            "role must be buyer, artist or admin",
        )),
    }
}

/// The one answer to a wrong login or password, so neither reveals which was wrong.
pub(crate) fn invalid_credentials() -> ServiceError {
    ServiceError::new(
        artstation_common::ErrorCode::InvalidCredentials,
        "the login or password is incorrect",
    )
}

/// The end client's address: as the gateway names it, else the gRPC peer's.
pub(crate) fn client_address(named: String, peer: Option<String>) -> Option<String> {
    let named = named.trim();
    if named.is_empty() {
        peer
    } else {
        Some(named.to_owned())
    }
}
