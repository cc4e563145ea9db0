//! The portal's own address and the proxies in front of it. Both are configuration
//! (`PUBLIC_URL`, `TRUSTED_PROXIES`), never read from what a request says about itself: links in
//! mails, feeds, sitemaps and downloads use the configured origin; a request naming another host
//! is refused (421); the client's address is the socket's, or what a trusted proxy reported.
//! It also holds how people reach the team running the portal (`CONTACT_EMAIL`, `CONTACT_PHONE`),
//! shown on the contact page.

use std::net::{IpAddr, SocketAddr};

use http::HeaderMap;
use ipnet::IpNet;

/// Where the portal lives and who stands in front of it.
#[derive(Debug, Clone)]
pub struct Site {
    /// `scheme://host[:port]`, no trailing slash.
    origin: String,
    /// The `Host` values that name the public host (lower case, with and without the scheme's
    /// default port), reached over the public scheme.
    public_hosts: Vec<String>,
    /// The listen address's names, reached directly over plain HTTP.
    listen_hosts: Vec<String>,
    secure: bool,
    trusted_proxies: Vec<IpNet>,
    contact: Contact,
}

/// How people reach the team running the portal; nothing is shown that was not configured.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl Contact {
    /// The contact from its settings (empty ones are none): an email as sign-up takes one, with
    /// a single `@` and nothing to quote; a phone only digits, spaces and `+ - . ( )`.
    pub fn new(email: Option<&str>, phone: Option<&str>) -> Result<Self, String> {
        let email = email.map(str::trim).filter(|e| !e.is_empty());
        let phone = phone.map(str::trim).filter(|p| !p.is_empty());
        if let Some(email) = email {
            let plain = crate::accounts::model::is_plausible_email(email)
                && email.matches('@').count() == 1
                && !email.contains(['<', '>', '"', '\'']);
            if !plain {
                return Err(format!("CONTACT_EMAIL {email:?} is not an email address"));
            }
        }
        if let Some(phone) = phone {
            let plain = phone.chars().any(|c| c.is_ascii_digit())
                && phone.chars().all(|c| c.is_ascii_digit() || " +-.()".contains(c));
            if !plain {
                return Err(format!("CONTACT_PHONE {phone:?} is not a phone number"));
            }
        }
        Ok(Contact { email: email.map(str::to_string), phone: phone.map(str::to_string) })
    }
}

/// The address a request came from: the socket's, or the one a trusted proxy reported.
/// `None` when the request did not come over a socket (tests calling the router directly).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClientAddress(pub Option<IpAddr>);

impl std::fmt::Display for ClientAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(ip) => write!(f, "{ip}"),
            None => f.write_str("local"),
        }
    }
}

/// Whether `host` is one of `hosts` (which are lower case), whatever its case.
fn named(hosts: &[String], host: &str) -> bool {
    hosts.iter().any(|h| h.eq_ignore_ascii_case(host))
}

impl Default for Site {
    /// The portal on the default listen address, no proxy.
    fn default() -> Self {
        let listen = SocketAddr::from(([127, 0, 0, 1], 3000));
        Site::new(None, listen, "").expect("the default site is valid")
    }
}

impl Site {
    /// The site at `public_url` (or `http://` + `listen` without it), trusting the proxies of
    /// `trusted_proxies` (addresses or CIDR blocks, separated by commas or spaces).
    pub fn new(public_url: Option<&str>, listen: SocketAddr, trusted_proxies: &str) -> Result<Self, String> {
        let loopback = listen.ip().is_loopback() || listen.ip().is_unspecified();
        let listen_name =
            if listen.ip().is_unspecified() { format!("localhost:{}", listen.port()) } else { listen.to_string() };
        let text = match public_url.map(str::trim).filter(|u| !u.is_empty()) {
            Some(url) => url.to_string(),
            None => format!("http://{listen_name}"),
        };
        let url = url::Url::parse(&text).map_err(|e| format!("PUBLIC_URL {text:?}: {e}"))?;
        let plain = matches!(url.scheme(), "http" | "https")
            && url.host_str().is_some()
            && url.username().is_empty()
            && url.password().is_none()
            && url.path() == "/"
            && url.query().is_none()
            && url.fragment().is_none();
        if !plain {
            return Err(format!("PUBLIC_URL {text:?} must be http(s)://host[:port], without a path"));
        }
        let origin = url.origin().ascii_serialization();
        let authority = origin.split_once("://").map(|(_, a)| a.to_string()).unwrap_or_default();
        let mut public_hosts = vec![authority.to_ascii_lowercase()];
        if url.port().is_none() {
            public_hosts.push(format!("{}:{}", public_hosts[0], url.port_or_known_default().unwrap_or(80)));
        }
        let mut listen_hosts = vec![listen.to_string()];
        if loopback {
            let port = listen.port();
            listen_hosts.extend([format!("localhost:{port}"), format!("127.0.0.1:{port}"), format!("[::1]:{port}")]);
        }
        let trusted_proxies = trusted_proxies
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|item| !item.is_empty())
            .map(|item| {
                item.parse::<IpNet>()
                    .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("TRUSTED_PROXIES: {item:?} is not an address or CIDR block"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Site {
            secure: url.scheme() == "https",
            origin,
            public_hosts,
            listen_hosts,
            trusted_proxies,
            contact: Contact::default(),
        })
    }

    /// The same site, reached by people through `contact`.
    pub fn with_contact(mut self, contact: Contact) -> Self {
        self.contact = contact;
        self
    }

    /// How people reach the team running the portal.
    pub fn contact(&self) -> &Contact {
        &self.contact
    }

    /// `scheme://host[:port]`: the prefix of every absolute link the portal writes.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Whether the portal is served over HTTPS (cookies are then `Secure` and `__Host-`).
    pub fn is_secure(&self) -> bool {
        self.secure
    }

    /// Whether a request's `Host` names this portal.
    pub fn accepts_host(&self, host: &str) -> bool {
        named(&self.public_hosts, host) || named(&self.listen_hosts, host)
    }

    /// Whether an `Origin` header is this portal's: the public host over HTTPS, or over plain
    /// HTTP when the portal is not HTTPS (an `http://` page of an HTTPS portal is someone else's,
    /// e.g. injected on the way), or the listen address over HTTP (reached directly, without
    /// the proxy).
    pub fn is_own_origin(&self, origin: &str) -> bool {
        let Some((scheme, authority)) = origin.split_once("://") else { return false };
        let public = named(&self.public_hosts, authority);
        // The listen address speaks plain HTTP only.
        match scheme {
            "https" => public,
            "http" => (!self.secure && public) || named(&self.listen_hosts, authority),
            _ => false,
        }
    }

    /// The address a request came from: the socket's `peer`; when that is a trusted proxy, the
    /// right-most address of `X-Forwarded-For` that no trusted proxy added.
    pub fn client_address(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> ClientAddress {
        let Some(mut address) = peer else {
            return ClientAddress(None);
        };
        let forwarded =
            headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>().join(",");
        let mut hops = forwarded.rsplit(',').map(str::trim);
        while self.trusts(address) {
            match hops.next().and_then(|hop| hop.parse::<IpAddr>().ok()) {
                Some(hop) => address = hop,
                None => break,
            }
        }
        ClientAddress(Some(address))
    }

    /// The name of the cookie `base` here: `__Host-{base}` over HTTPS (a browser then takes it
    /// only from this very host, over HTTPS, for the whole site; no sibling subdomain can plant
    /// one), plain `{base}` over HTTP (where browsers refuse the prefix).
    pub fn cookie_name(&self, base: &str) -> String {
        if self.secure {
            format!("__Host-{base}")
        } else {
            base.to_string()
        }
    }

    /// The `Set-Cookie` value storing `value` in this site's cookie `base`: HttpOnly, SameSite=Lax,
    /// `Secure` over HTTPS; for `max_age` seconds (0 clears it), or the browser's session.
    pub fn cookie(&self, base: &str, value: &str, max_age: Option<i64>) -> String {
        let name = self.cookie_name(base);
        let age = max_age.map(|s| format!("; Max-Age={s}")).unwrap_or_default();
        let secure = if self.secure { "; Secure" } else { "" };
        format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax{age}{secure}")
    }

    /// The value of this site's cookie `base` in the request, if it carries one.
    pub fn read_cookie<'h>(&self, headers: &'h HeaderMap, base: &str) -> Option<&'h str> {
        let name = self.cookie_name(base);
        headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(n, _)| *n == name)
            .map(|(_, value)| value)
    }

    fn trusts(&self, address: IpAddr) -> bool {
        let address = match address {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(address),
            v4 => v4,
        };
        self.trusted_proxies.iter().any(|net| net.contains(&address))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listen() -> SocketAddr {
        "127.0.0.1:3000".parse().unwrap()
    }

    fn forwarded(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", value.parse().unwrap());
        headers
    }

    #[test]
    fn the_origin_comes_from_configuration() {
        let site = Site::new(Some("https://doimoisangtao.khanhhoa.gov.vn/"), listen(), "").unwrap();
        assert_eq!(site.origin(), "https://doimoisangtao.khanhhoa.gov.vn");
        assert!(site.is_secure());
        assert!(site.accepts_host("DoiMoiSangTao.khanhhoa.gov.vn"));
        assert!(site.accepts_host("doimoisangtao.khanhhoa.gov.vn:443"));
        assert!(site.accepts_host("127.0.0.1:3000"), "a proxy may pass the upstream address");
        assert!(!site.accepts_host("evil.example"));
        assert!(site.is_own_origin("https://doimoisangtao.khanhhoa.gov.vn"));
        assert!(!site.is_own_origin("https://doimoisangtao.khanhhoa.gov.vn.evil.example"));
        assert!(!site.is_own_origin("null"));
        assert!(!site.is_own_origin("http://doimoisangtao.khanhhoa.gov.vn"), "a plain-HTTP page is not ours");
        assert!(site.is_own_origin("http://127.0.0.1:3000"), "the listen address, reached directly");
        assert!(!site.is_own_origin("https://127.0.0.1:3000"), "which speaks plain HTTP only");
        assert!(!site.is_own_origin("https://evil.example"));
        let local = Site::new(None, listen(), "").unwrap();
        assert_eq!(local.origin(), "http://127.0.0.1:3000");
        assert!(local.accepts_host("localhost:3000") && !local.accepts_host("localhost:3001"));
    }

    #[test]
    fn a_public_url_with_a_path_or_another_scheme_is_refused() {
        for url in ["https://example.vn/portal", "ftp://example.vn", "https://user@example.vn", "example.vn"] {
            assert!(Site::new(Some(url), listen(), "").is_err(), "{url}");
        }
        assert!(Site::new(None, listen(), "10.0.0.0/8, nonsense").is_err());
    }

    #[test]
    fn a_contact_is_what_was_configured_and_well_formed() {
        let contact = Contact::new(Some(" lienhe@skhcn.example.vn "), Some("+84 258 000 0000")).unwrap();
        assert_eq!(contact.email.as_deref(), Some("lienhe@skhcn.example.vn"));
        assert_eq!(Contact::new(Some(""), None).unwrap(), Contact::default());
        for email in ["no-at-sign", "a@b", "a b@c.vn", "<x@y.vn>", "a@b@c.vn"] {
            assert!(Contact::new(Some(email), None).is_err(), "{email}");
        }
        assert!(Contact::new(None, Some("call us")).is_err());
    }

    #[test]
    fn forwarded_addresses_are_read_only_from_trusted_proxies() {
        let site = Site::new(None, listen(), "10.0.0.0/8 ::1").unwrap();
        let stranger: IpAddr = "203.0.113.7".parse().unwrap();
        assert_eq!(
            site.client_address(Some(stranger), &forwarded("1.2.3.4")).0,
            Some(stranger),
            "a client's own header is ignored"
        );
        let proxy: IpAddr = "10.0.0.2".parse().unwrap();
        let seen = site.client_address(Some(proxy), &forwarded("1.2.3.4, 198.51.100.9, 10.0.0.5"));
        assert_eq!(seen.0, Some("198.51.100.9".parse().unwrap()), "the right-most address a trusted proxy did not add");
        assert_eq!(site.client_address(Some(proxy), &HeaderMap::new()).0, Some(proxy));
        assert_eq!(site.client_address(Some(proxy), &forwarded("garbage")).0, Some(proxy));
        assert_eq!(site.client_address(None, &forwarded("1.2.3.4")).0, None);
    }

    #[test]
    fn cookies_are_host_only_and_secure_over_https() {
        let secure = Site::new(Some("https://portal.example"), listen(), "").unwrap();
        let set = secure.cookie("kh_session", "abc", Some(60));
        assert_eq!(set, "__Host-kh_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure");
        let mut headers = HeaderMap::new();
        headers.insert(http::header::COOKIE, "kh_session=planted; __Host-kh_session=real".parse().unwrap());
        assert_eq!(secure.read_cookie(&headers, "kh_session"), Some("real"), "a cookie without the prefix is not read");
        let plain = Site::new(None, listen(), "").unwrap();
        assert_eq!(plain.cookie("kh_form", "x", None), "kh_form=x; Path=/; HttpOnly; SameSite=Lax");
        assert_eq!(plain.read_cookie(&headers, "kh_session"), Some("planted"));
    }
}
