//! Configuration from flags and the environment; every setting has a default that works from
//! the repository root.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;
use leptos::prelude::LeptosOptions;

#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Folder for the embedded database and the search index.
    #[arg(long, env = "DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,

    /// Database to use (`sqlite:…`); defaults to `sqlite:<DATA_DIR>/portal.db`.
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,

    /// Address to listen on.
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000", global = true)]
    pub site_addr: SocketAddr,

    /// Folder of the built site (styles, wasm, static files).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site", global = true)]
    pub site_root: String,

    /// Sub-folder of the site holding the wasm bundle and styles.
    #[arg(long, env = "LEPTOS_SITE_PKG_DIR", default_value = "pkg", global = true)]
    pub site_pkg_dir: String,

    /// Outgoing mail server, e.g. `smtps://user:password@mail.example.vn`; without it mail
    /// stays in the outbox (admins read it on /admin).
    #[arg(long, env = "SMTP_URL", global = true, hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// Without SMTP_URL: a folder where each mail is written as an `.eml` file (for a demo or a
    /// test machine without a mail server).
    #[arg(long, env = "MAIL_DIR", global = true)]
    pub mail_dir: Option<PathBuf>,

    /// Sender of the portal's mail.
    #[arg(long, env = "MAIL_FROM", default_value = "Sàn ĐMST Khánh Hòa <no-reply@localhost>", global = true)]
    pub mail_from: String,

    /// The portal's public address, `http(s)://host[:port]`: the origin of every link in mails,
    /// feeds, sitemaps and downloads, and the only host requests may name (besides the listen
    /// address). Defaults to `http://` + the listen address.
    #[arg(long, env = "PUBLIC_URL", global = true)]
    pub public_url: Option<String>,

    /// Reverse proxies whose `X-Forwarded-For` is believed (addresses or CIDR blocks, separated
    /// by commas), e.g. `127.0.0.1,10.0.0.0/8`. Without it the client is the socket's address.
    #[arg(long, env = "TRUSTED_PROXIES", default_value = "", global = true)]
    pub trusted_proxies: String,

    /// Where people write to the team running the portal, shown on the contact page (nothing
    /// is shown without it).
    #[arg(long, env = "CONTACT_EMAIL", global = true)]
    pub contact_email: Option<String>,

    /// The team's phone number, shown on the contact page when set.
    #[arg(long, env = "CONTACT_PHONE", global = true)]
    pub contact_phone: Option<String>,

    /// Base name of the bundle files.
    #[arg(long, env = "LEPTOS_OUTPUT_NAME", default_value = "kh-innovation", global = true)]
    pub output_name: String,
}

impl Config {
    pub fn database_url(&self) -> String {
        self.database_url.clone().unwrap_or_else(|| format!("sqlite:{}", self.data_dir.join("portal.db").display()))
    }

    /// Where the portal lives and which proxies stand in front of it.
    pub fn site(&self) -> anyhow::Result<app::site::Site> {
        let contact = app::site::Contact::new(self.contact_email.as_deref(), self.contact_phone.as_deref())
            .map_err(anyhow::Error::msg)?;
        let site = app::site::Site::new(self.public_url.as_deref(), self.site_addr, &self.trusted_proxies)
            .map_err(anyhow::Error::msg)?;
        Ok(site.with_contact(contact))
    }

    pub fn leptos_options(&self) -> LeptosOptions {
        LeptosOptions::builder()
            .output_name(self.output_name.clone())
            .site_root(self.site_root.clone())
            .site_pkg_dir(self.site_pkg_dir.clone())
            .site_addr(self.site_addr)
            // A release build names its assets by content and leaves their hashes beside the binary.
            .hash_files(app::app::asset_hashes().is_some())
            .build()
    }
}
