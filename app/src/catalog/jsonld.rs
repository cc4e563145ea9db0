//! schema.org structured data for a record's page, so that search engines and other systems
//! read what a record is: an Organization, a Person, a Grant, a Product…

use serde_json::{json, Value};

use super::model::Record;
use crate::i18n::Lang;

/// The JSON-LD object describing `record`, in `lang`, at the page path `path`.
pub fn json_ld(record: &Record, lang: Lang, path: &str) -> Value {
    let entry = record.entry();
    let name = entry.title().get(lang);
    let description = entry.summary().get(lang);
    let sectors: Vec<&str> = entry.sectors().iter().map(|s| s.label(lang)).collect();
    let mut value = json!({
        "@context": "https://schema.org",
        "@id": path,
        "url": path,
        "name": name,
        "description": description,
        "inLanguage": lang.code(),
    });
    let extra = match record {
        Record::Organization(o) => json!({
            "@type": "Organization",
            "address": { "@type": "PostalAddress", "addressLocality": o.location, "addressRegion": "Khánh Hòa", "addressCountry": "VN" },
            "foundingDate": o.founded.map(|y| y.to_string()),
            "numberOfEmployees": o.employees,
            "sameAs": o.website,
            "knowsAbout": sectors,
        }),
        Record::Lab(l) => json!({
            "@type": "Organization",
            "parentOrganization": { "@id": format!("/organizations/{}", l.organization) },
            "knowsAbout": l.capabilities,
            "hasCredential": l.accreditations,
        }),
        Record::Expert(e) => json!({
            "@type": "Person",
            "name": e.name,
            "honorificPrefix": e.title,
            "knowsAbout": e.expertise,
            "knowsLanguage": e.languages,
            "worksFor": e.organization.as_ref().map(|o| json!({ "@id": format!("/organizations/{o}") })),
        }),
        Record::Offer(o) => json!({
            "@type": "Service",
            "serviceType": sectors,
            "keywords": o.keywords.join(", "),
            "provider": o.owner_org.as_ref().map(|id| json!({ "@id": format!("/organizations/{id}") })),
        }),
        Record::Need(n) => json!({
            "@type": "Demand",
            "seeks": { "@type": "Service", "category": sectors },
            "availabilityEnds": n.deadline.map(|d| d.to_string()),
            "seller": { "@id": format!("/organizations/{}", n.organization) },
        }),
        Record::Call(c) => json!({
            "@type": "Grant",
            "funder": { "@id": format!("/organizations/{}", c.issuer) },
            "startDate": c.opens.to_string(),
            "endDate": c.closes.to_string(),
            "amount": c.max_award_vnd.map(|v| json!({ "@type": "MonetaryAmount", "currency": "VND", "maxValue": v })),
            "url": c.url.clone().unwrap_or_else(|| path.to_string()),
        }),
        Record::Pilot(p) => json!({
            "@type": "Project",
            "areaServed": p.area,
            "funder": { "@id": format!("/organizations/{}", p.supervisor) },
            "startDate": p.opens.map(|d| d.to_string()),
            "endDate": p.closes.map(|d| d.to_string()),
        }),
    };
    if let (Some(obj), Value::Object(more)) = (value.as_object_mut(), extra) {
        for (k, v) in more {
            if !v.is_null() {
                obj.insert(k, v);
            }
        }
    }
    value
}

/// The object as the text of a `<script type="application/ld+json">`: nothing in it can end the
/// script early or start markup (`</script>`, `<!--`), whatever a record's text holds.
pub fn script_text(value: &Value) -> String {
    // `<`, `>` and `&` occur only inside JSON strings, where their \u escapes mean the same.
    value.to_string().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    #[test]
    fn script_text_holds_no_markup() {
        let value = serde_json::json!({ "name": "</script><script>alert(1)</script> & <!--" });
        let text = super::script_text(&value);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'), "{text}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), value, "the same data");
    }
}
