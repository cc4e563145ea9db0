//! A realistic synthetic catalogue of any size, for benchmarks: records of every kind, made
//! from the demo catalogue's records (their Vietnamese and English texts recombined, their
//! places and numbers varied) and related to each other as real records are.

use serde_json::Value;

use app::catalog::model::Kind;

/// Share of each kind, as in the demo catalogue (organization … pilot).
const SHARES: [(Kind, u32); 7] = [
    (Kind::Organization, 18),
    (Kind::Lab, 11),
    (Kind::Expert, 19),
    (Kind::Offer, 19),
    (Kind::Need, 18),
    (Kind::Call, 7),
    (Kind::Pilot, 8),
];

const PLACES: [&str; 12] = [
    "Nha Trang",
    "Cam Ranh",
    "Ninh Hòa",
    "Vạn Ninh",
    "Diên Khánh",
    "Cam Lâm",
    "Khánh Vĩnh",
    "Khánh Sơn",
    "Phan Rang",
    "Vân Phong",
    "Ninh Phước",
    "Bác Ái",
];

/// Which kind a reference field points to.
fn reference_kind(field: &str) -> Option<Kind> {
    match field {
        "organization" | "owner_org" | "issuer" | "supervisor" => Some(Kind::Organization),
        "owner_lab" => Some(Kind::Lab),
        "owner_expert" => Some(Kind::Expert),
        _ => None,
    }
}

/// How many records of each kind make `total`.
pub fn counts(total: usize) -> Vec<(Kind, usize)> {
    let sum: u32 = SHARES.iter().map(|(_, s)| s).sum();
    let mut out: Vec<(Kind, usize)> =
        SHARES.iter().map(|(k, s)| (*k, (total * *s as usize / sum as usize).max(1))).collect();
    let made: usize = out.iter().map(|(_, n)| n).sum();
    if made < total {
        out[0].1 += total - made;
    }
    out
}

fn sentences(text: &str) -> Vec<&str> {
    text.split_inclusive(". ").map(str::trim).filter(|s| !s.is_empty()).collect()
}

/// Writes `total` records as JSON Lines through `out`, reproducibly for a `seed`.
pub fn generate(demo: &str, total: usize, seed: u64, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let templates: Vec<Value> =
        demo.lines().filter(|l| !l.trim().is_empty()).map(serde_json::from_str).collect::<Result<_, _>>()?;
    let of_kind = |kind: Kind| templates.iter().filter(|t| t["kind"] == kind.code()).collect::<Vec<_>>();
    let plan = counts(total);
    let ids = |kind: Kind, n: usize| (0..n).map(move |i| format!("{}-{i:06}", kind.code())).collect::<Vec<_>>();
    let all_ids: Vec<(Kind, Vec<String>)> = plan.iter().map(|(k, n)| (*k, ids(*k, *n))).collect();
    let pick = |rng: &mut fastrand::Rng, kind: Kind| -> String {
        let list = &all_ids.iter().find(|(k, _)| *k == kind).expect("every kind is planned").1;
        list[rng.usize(..list.len())].clone()
    };
    for (kind, list) in &all_ids {
        let pool = of_kind(*kind);
        for (n, id) in list.iter().enumerate() {
            let mut record = pool[n % pool.len()].clone();
            let other = pool[rng.usize(..pool.len())];
            let place = PLACES[rng.usize(..PLACES.len())];
            let obj = record.as_object_mut().expect("records are objects");
            obj.insert("id".into(), Value::String(id.clone()));
            for field in ["name", "title", "name_en", "title_en"] {
                if *kind == Kind::Expert && field == "title" {
                    continue;
                }
                if let Some(Value::String(text)) = obj.get_mut(field) {
                    *text = format!("{text} · {place} {}", n / pool.len() + 1);
                }
            }
            // Mix the text with a sentence of another record of the same kind.
            for field in ["description", "summary", "bio", "description_en", "summary_en", "bio_en"] {
                let extra =
                    other.get(field).and_then(|v| v.as_str()).and_then(|t| sentences(t).last().map(|s| s.to_string()));
                if let (Some(Value::String(text)), Some(extra)) = (obj.get_mut(field), extra) {
                    let first = sentences(text).first().map(|s| s.to_string()).unwrap_or_default();
                    *text = format!("{first} {extra}");
                }
            }
            let fields: Vec<String> = obj.keys().cloned().collect();
            for field in fields {
                if let Some(target) = reference_kind(&field) {
                    obj.insert(field, Value::String(pick(&mut rng, target)));
                }
            }
            serde_json::to_writer(&mut *out, &record)?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_generated_catalogue_imports_without_rejects() {
        let mut text = Vec::new();
        generate(crate::startup::DEMO_CATALOGUE, 1_000, 7, &mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert_eq!(text.lines().count(), 1_000);
        let db = app::db::connect_in_memory().await.unwrap();
        let report = app::catalog::import::import_text(&db, &text, &|_, _| {}).await.unwrap();
        assert!(report.rejected.is_empty(), "{:?}", &report.rejected[..report.rejected.len().min(3)]);
        assert_eq!(report.inserted, 1_000);
        let counts = app::catalog::repo::counts(&db).await.unwrap();
        assert!(counts.iter().all(|(_, n)| *n > 10), "{counts:?}");
    }
}
