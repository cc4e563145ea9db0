//! The top floor: pages that draw several domains (the account page, a record's page, "my listings", the list
//! pages with their downloads, the admin page with accounts and suspensions, the search page
//! with its saved-search button, the find-partners page and a record's matches with their
//! introduction links, the home page, the about, contact, privacy and terms pages, "download my data", deleting one's account) and the frame around every page. They load what they show once and pass it down; no domain imports from
//! here.

pub mod account;
pub mod admin;
pub mod frame;
pub mod home;
pub mod info;
pub mod lang_switch;
pub mod leave;
pub mod list;
pub mod mine;
pub mod my_data;
pub mod partners;
pub mod record;
pub mod search;
