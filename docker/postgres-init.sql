-- Each service owns its own database; neither reads the other's tables.
CREATE DATABASE artstation_auth;
CREATE DATABASE artstation_artwork;
