//! Who may create and edit which records. Pure, so the rules are tested on their own; the
//! server functions apply them to the person signed in.

use crate::accounts::model::{Role, User};
use crate::catalog::model::{Kind, Record};

/// Whether `user` may create a record of `kind`.
pub fn may_create(user: &User, kind: Kind) -> bool {
    if user.is_staff() {
        return true;
    }
    let member = user.has(Role::Member);
    let researcher = user.has(Role::Researcher);
    match kind {
        // A person creates the profile of the organization they belong to, once.
        Kind::Organization => user.organization.is_none() && (member || researcher),
        Kind::Need => member && user.organization.is_some(),
        Kind::Offer => researcher || (member && user.organization.is_some()),
        Kind::Lab | Kind::Expert => researcher,
        Kind::Call | Kind::Pilot => false,
    }
}

/// Why someone may not create a kind of record: the one reason the form page explains and the
/// server gives when such a form is sent anyway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CannotCreate {
    /// A member of no organization: needs and offers are posted on an organization's behalf.
    NoOrganization,
    /// They already belong to organization `0`, and create no second one.
    HasOrganization(String),
    /// Their account does not post this kind at all.
    NotForThisAccount,
}

/// Why `user` may not create a record of `kind`, if they may not.
pub fn cannot_create(user: &User, kind: Kind) -> Option<CannotCreate> {
    if may_create(user, kind) {
        return None;
    }
    Some(match (kind, &user.organization) {
        (Kind::Need | Kind::Offer, None) if user.has(Role::Member) => CannotCreate::NoOrganization,
        (Kind::Organization, Some(organization)) => CannotCreate::HasOrganization(organization.clone()),
        _ => CannotCreate::NotForThisAccount,
    })
}

/// The organization a record belongs to, for members' rights over it.
pub fn organization_of(record: &Record) -> Option<&str> {
    match record {
        Record::Organization(o) => Some(&o.id),
        Record::Need(n) => Some(&n.organization),
        Record::Offer(o) => o.owner_org.as_deref(),
        _ => None,
    }
}

/// Whether `user` may edit `record`, whose listing is owned by `owner`.
pub fn may_edit(user: &User, owner: Option<i64>, record: &Record) -> bool {
    user.is_staff() || speaks_for(user, owner, record)
}

/// Whether `record` is `user`'s own, or their organization's: what they may offer or ask in its
/// name (officers look after every record but speak for none).
pub fn speaks_for(user: &User, owner: Option<i64>, record: &Record) -> bool {
    if owner == Some(user.id) {
        return true;
    }
    let colleague = user.organization.is_some() && user.organization.as_deref() == organization_of(record);
    colleague
        && (user.has(Role::Member) || user.has(Role::Researcher))
        && !matches!(record, Record::Call(_) | Record::Pilot(_))
}

/// A new record id from its title: folded, hyphenated, at most 60 characters.
pub fn slug(title: &str, kind: Kind) -> String {
    let folded = crate::text::fold(title);
    let mut slug = String::new();
    for word in folded.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if slug.is_empty() && word.len() > 60 {
            // One endless word (a pasted code, a key held down) is cut, not dropped.
            slug.push_str(&word[..60]);
            break;
        }
        if slug.len() + word.len() + 1 > 60 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    // `new` and `edit` name pages of the kind (`/needs/new`), never a record.
    if slug.len() < 2 || crate::catalog::validate::RESERVED_IDS.contains(&slug.as_str()) {
        kind.code().to_string()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slug_never_names_a_page() {
        assert_eq!(slug("New", Kind::Need), "need");
        assert_eq!(slug("edit", Kind::Lab), "lab");
        assert_eq!(slug("New lab", Kind::Lab), "new-lab");
        assert_eq!(slug("Tôm hùm", Kind::Need), "tom-hum");
    }

    fn user(roles: &[Role], organization: Option<&str>) -> User {
        User::sample(roles, organization)
    }

    #[test]
    fn creating_follows_roles() {
        let member = user(&[Role::Member], Some("tom-viet"));
        assert!(may_create(&member, Kind::Need));
        assert!(!may_create(&member, Kind::Organization));
        assert!(!may_create(&member, Kind::Call));
        assert!(!may_create(&member, Kind::Lab));
        let newcomer = user(&[Role::Member], None);
        assert!(may_create(&newcomer, Kind::Organization));
        assert!(!may_create(&newcomer, Kind::Need));
        let researcher = user(&[Role::Researcher], None);
        assert!(may_create(&researcher, Kind::Lab) && may_create(&researcher, Kind::Offer));
        assert!(!may_create(&researcher, Kind::Pilot));
        assert!(may_create(&user(&[Role::Officer], None), Kind::Call));
        assert!(!may_create(&user(&[], None), Kind::Organization));
    }

    #[test]
    fn a_refusal_says_why() {
        let member = user(&[Role::Member], Some("tom-viet"));
        assert_eq!(cannot_create(&member, Kind::Need), None);
        assert_eq!(cannot_create(&member, Kind::Organization), Some(CannotCreate::HasOrganization("tom-viet".into())));
        assert_eq!(cannot_create(&member, Kind::Lab), Some(CannotCreate::NotForThisAccount));
        let newcomer = user(&[Role::Member], None);
        assert_eq!(cannot_create(&newcomer, Kind::Offer), Some(CannotCreate::NoOrganization));
        assert_eq!(cannot_create(&user(&[Role::Researcher], None), Kind::Need), Some(CannotCreate::NotForThisAccount));
    }

    #[test]
    fn slugs_are_valid_ids() {
        assert_eq!(slug("Cảm biến oxy hòa tan cho ao tôm!", Kind::Need), "cam-bien-oxy-hoa-tan-cho-ao-tom");
        assert_eq!(slug("Đ", Kind::Need), "need");
        assert!(crate::catalog::validate::is_valid_id(&slug(&"dài ".repeat(40), Kind::Lab)));
        // One word longer than an id may be is cut, not left for the kind's name (`/needs/need`).
        let endless = slug(&"X".repeat(300), Kind::Need);
        assert_eq!(endless, "x".repeat(60));
        assert!(crate::catalog::validate::is_valid_id(&endless));
        assert_eq!(slug(&format!("{} nước mắm", "Y".repeat(70)), Kind::Need), "y".repeat(60));
    }
}
