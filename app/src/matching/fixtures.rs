//! Records the matching tests share.

use chrono::NaiveDate;

use crate::catalog::import::parse_line;
use crate::catalog::model::Record;

pub fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A PCR kit for lobster milky disease (from Vạn Ninh) at `trl`.
pub fn offer(trl: u8) -> Record {
    parse_line(&format!(
        r#"{{"kind":"offer","id":"kit","title":"Bộ kit PCR bệnh sữa tôm hùm","summary":"Phát hiện nhanh bệnh sữa trên tôm hùm nuôi lồng ở Vạn Ninh.","owner_org":"x1","sectors":["aquaculture"],"trl":{trl},"ip_status":"none","transfer_modes":[],"keywords":["xét nghiệm PCR","bệnh sữa","tôm hùm"]}}"#
    ))
    .unwrap()
}

pub fn call(status: &str, closes: &str) -> Record {
    parse_line(&format!(
        r#"{{"kind":"call","id":"c1","title":"Đặt hàng","description":"d","issuer":"x1","sectors":["aquaculture"],"eligible":[],"opens":"2026-01-01","closes":"{closes}","status":"{status}"}}"#
    ))
    .unwrap()
}
