//! How the service's records look on the wire: users and roles as protobuf.

use artstation_domain::Role;
use artstation_proto::auth::v1 as pb;

use crate::store::UserRecord;

pub(crate) fn role_to_pb(r: Role) -> pb::Role {
    match r {
        Role::Buyer => pb::Role::Buyer,
        Role::Artist => pb::Role::Artist,
        Role::Admin => pb::Role::Admin,
    }
}

/// A user as others may see them: never the password hash.
pub(crate) fn user_to_pb(u: &UserRecord) -> pb::User {
    pb::User {
        id: u.id.clone(),
        username: u.username.clone(),
        email: u.email.clone(),
        role: role_to_pb(u.role).into(),
        created_at: Some(artstation_common::time::to_proto(u.created_at)),
        banned: u.banned_at.is_some(),
    }
}
