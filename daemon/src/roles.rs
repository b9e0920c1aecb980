//! The roles `artstationd` can run, as one table: adding a service is a row here, its flags in
//! `config.rs`, and its start function in `serve.rs` — the compiler points at each.

use std::net::SocketAddr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum)]
pub enum Role {
    Auth,
    Artwork,
    Commerce,
    Gateway,
}

/// What the daemon knows of a role apart from how to start it.
#[derive(Debug, Clone, Copy)]
pub struct RoleSpec {
    pub role: Role,
    /// Its name on the command line, in logs, in the TOML section and in
    /// `artstationd: NAME listening on ADDR`.
    pub name: &'static str,
    /// Where it listens unless configured.
    pub default_addr: &'static str,
    /// Its database file under the data dir on the embedded default; `None` for a role that
    /// owns no data.
    pub database_file: Option<&'static str>,
}

/// Every role, in start order (services before the gateway that fronts them).
pub const ROLES: [RoleSpec; 4] = [
    RoleSpec {
        role: Role::Auth,
        name: "auth",
        default_addr: "127.0.0.1:50051",
        database_file: Some("auth.db"),
    },
    RoleSpec {
        role: Role::Artwork,
        name: "artwork",
        default_addr: "127.0.0.1:50052",
        database_file: Some("artwork.db"),
    },
    RoleSpec {
        role: Role::Commerce,
        name: "commerce",
        default_addr: "127.0.0.1:50053",
        database_file: Some("commerce.db"),
    },
    RoleSpec {
        role: Role::Gateway,
        name: "gateway",
        default_addr: "127.0.0.1:8080",
        database_file: None,
    },
];

impl Role {
    pub fn spec(self) -> &'static RoleSpec {
        // ROLES lists every variant; the test below keeps it that way.
        ROLES
            .iter()
            .find(|s| s.role == self)
            .unwrap_or(&ROLES[ROLES.len() - 1])
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }

    pub fn all() -> impl Iterator<Item = Role> {
        ROLES.iter().map(|s| s.role)
    }

    pub fn default_addr(self) -> SocketAddr {
        // Checked by the test below, so parsing a constant cannot fail at run time.
        self.spec()
            .default_addr
            .parse()
            .unwrap_or(SocketAddr::from(([127, 0, 0, 1], 0)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum as _;

    #[test]
    fn the_table_lists_every_role_once_with_a_valid_address() {
        for role in Role::value_variants() {
            let specs: Vec<_> = ROLES.iter().filter(|s| s.role == *role).collect();
            assert_eq!(specs.len(), 1, "{role:?}");
            assert!(specs[0].default_addr.parse::<SocketAddr>().is_ok());
            let value = role.to_possible_value().map(|v| v.get_name().to_owned());
            assert_eq!(value.as_deref(), Some(specs[0].name));
        }
    }
}
