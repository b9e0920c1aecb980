//! The roles `artstationd` runs, as data: the harness starts, finds, configures and checks
//! every role from this one table, so a new service is one line here.

/// One role of `artstationd`.
#[derive(Debug)]
pub struct RoleSpec {
    /// The name the daemon prints when the role is up: `artstationd: NAME listening on ADDR`.
    pub name: &'static str,
    /// The prefix of the role's settings: `{prefix}_ADDR` is where it listens, and
    /// `{prefix}_DATABASE_URL` its database when it owns one.
    pub env_prefix: &'static str,
    /// Whether the role owns a database (the production profile gives it a PostgreSQL one).
    pub has_database: bool,
    /// The gRPC service it serves beside health and reflection; `None` for the HTTP gateway.
    pub grpc_service: Option<&'static str>,
}

impl RoleSpec {
    /// The variable that says where the role listens.
    pub fn addr_env(&self) -> String {
        format!("{}_ADDR", self.env_prefix)
    }

    /// The variable that names the role's database, for roles that own one.
    pub fn database_env(&self) -> Option<String> {
        self.has_database
            .then(|| format!("{}_DATABASE_URL", self.env_prefix))
    }

    /// The marker the daemon's start-up line carries for this role.
    pub fn listening_marker(&self) -> String {
        format!(" {} listening on ", self.name)
    }
}

/// Every role a default `artstationd` runs.
pub const ROLES: &[RoleSpec] = &[
    RoleSpec {
        name: "gateway",
        env_prefix: "ARTSTATION_HTTP",
        has_database: false,
        grpc_service: None,
    },
    RoleSpec {
        name: "auth",
        env_prefix: "ARTSTATION_AUTH",
        has_database: true,
        grpc_service: Some("artstation.auth.v1.AuthService"),
    },
    RoleSpec {
        name: "artwork",
        env_prefix: "ARTSTATION_ARTWORK",
        has_database: true,
        grpc_service: Some("artstation.artwork.v1.ArtworkService"),
    },
    RoleSpec {
        name: "commerce",
        env_prefix: "ARTSTATION_COMMERCE",
        has_database: true,
        grpc_service: Some("artstation.commerce.v1.CommerceService"),
    },
];

/// The role called `name`, if the table has it.
pub fn role(name: &str) -> Option<&'static RoleSpec> {
    ROLES.iter().find(|r| r.name == name)
}
