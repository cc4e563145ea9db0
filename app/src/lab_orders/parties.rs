//! What every order of a lab's work (a service request, an instrument booking) stores alike:
//! the lab and the two sides, read with the order; which side someone is on; telling both.

use super::access::answers_for;
use crate::accounts::model::User;
use crate::catalog::model::joined_title;
use crate::db::Db;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::labs::Side;

/// The lab an order is for and the people on its two sides, as read with the order.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Parties {
    pub lab: String,
    pub lab_title: Option<String>,
    pub lab_title_en: Option<String>,
    pub lab_title_vi: Option<String>,
    /// Who manages the lab's listing (none: nobody answers for it here).
    pub owner: Option<i64>,
    pub owner_email: Option<String>,
    /// Who ordered.
    pub customer: i64,
    pub customer_name: String,
    pub customer_email: String,
    /// The organization ordered for.
    pub organization: Option<String>,
    pub organization_title: Option<String>,
}

/// The `SELECT` of an order from `table` (aliased `t`, its orderer in column `customer`): the
/// columns of `Parties`, then `columns` of the order, from the order and the `joins` it needs.
pub fn select(table: &str, customer: &str, columns: &str, joins: &str) -> String {
    format!(
        "SELECT t.lab, r.title AS lab_title, r.title_en AS lab_title_en, r.title_vi AS lab_title_vi, l.owner,
           o.email AS owner_email, t.{customer} AS customer, u.name AS customer_name, u.email AS customer_email,
           t.organization, g.title AS organization_title, {columns}
         FROM {table} t JOIN users u ON u.id = t.{customer}
         LEFT JOIN records r ON r.kind = 'lab' AND r.id = t.lab
         LEFT JOIN listings l ON l.kind = 'lab' AND l.id = t.lab
         LEFT JOIN users o ON o.id = l.owner
         LEFT JOIN records g ON g.kind = 'organization' AND g.id = t.organization {joins} "
    )
}

impl Parties {
    pub fn lab_title(&self, lang: Lang) -> String {
        joined_title(lang, &self.lab_title, &self.lab_title_en, &self.lab_title_vi, &self.lab)
    }

    /// Which side `user` is on (none: neither): the one who ordered, or whoever answers for the
    /// lab.
    pub async fn side(&self, db: &Db, user: &User) -> Result<Option<Side>, AppError> {
        if self.customer == user.id {
            return Ok(Some(Side::Customer));
        }
        Ok(answers_for(db, user, &self.lab, self.owner).await?.then_some(Side::Lab))
    }

    /// In a list of `user`'s orders (each theirs, or their lab's): their side, the other side
    /// as named there (the lab for the one who ordered; who ordered, with their organization,
    /// for the lab) and the lab.
    pub fn in_list(&self, user: &User, lang: Lang) -> Listed {
        let lab_title = self.lab_title(lang);
        let (side, other_side) = if self.customer == user.id {
            (Side::Customer, lab_title.clone())
        } else {
            let named = match &self.organization_title {
                Some(org) => format!("{} ({org})", self.customer_name),
                None => self.customer_name.clone(),
            };
            (Side::Lab, named)
        };
        Listed { side, other_side, lab_title }
    }

    /// The two sides' emails (who ordered, the lab's manager), once the work is agreed.
    pub fn contacts(&self) -> (String, String) {
        (self.customer_email.clone(), self.owner_email.clone().unwrap_or_default())
    }

    /// Both sides: whoever manages the lab, and who ordered.
    pub fn both(&self) -> Vec<i64> {
        self.owner.into_iter().chain([self.customer]).collect()
    }
}

/// An order's parties as a list of `user`'s orders names them.
pub struct Listed {
    pub side: Side,
    pub other_side: String,
    pub lab_title: String,
}
