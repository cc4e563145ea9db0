//! Running saved searches: what a search finds now, and telling people about what is new.

use super::model::{MAX_SAVED, MAX_SEEN};
use super::repo;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::inbox::model::News;
use crate::search::model::SearchRequest;
use crate::state::AppState;

/// The search a saved query stands for, and its normal form.
pub fn parse(query: &str) -> Option<(SearchRequest, String)> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.trim_start_matches('?')).ok()?;
    let mut request = SearchRequest::from_pairs(&pairs, false).ok()?;
    if request.q.trim().is_empty() && !request.has_filters() {
        return None;
    }
    request.limit = 50;
    request.offset = 0;
    let normal = request.query_string(0);
    Some((request, normal))
}

/// A saved search in words: what was typed, then the filters' labels.
pub fn label(request: &SearchRequest, lang: Lang) -> String {
    let mut parts = Vec::new();
    if !request.q.trim().is_empty() {
        parts.push(format!("“{}”", request.q.trim()));
    }
    parts.extend(request.kinds.iter().map(|k| k.plural(lang).to_string()));
    parts.extend(
        request.sectors.iter().filter_map(|s| crate::vocab::Sector::from_code(s)).map(|s| s.label(lang).to_string()),
    );
    parts.extend(
        request.org_types.iter().filter_map(|t| crate::vocab::OrgType::from_code(t)).map(|t| t.label(lang).to_string()),
    );
    parts.join(" · ")
}

/// The keys (`kind/id`) of what `request` finds now.
async fn found(state: &AppState, request: SearchRequest) -> Result<Vec<String>, AppError> {
    let index = state.search.clone();
    let today = crate::clock::today();
    let results = tokio::task::spawn_blocking(move || index.search(&request, Lang::Vi, today))
        .await
        .map_err(AppError::internal)??;
    // Only the matches: a record holding one common word of the search is no news.
    let matches = results.hits.iter().filter(|h| !h.related);
    Ok(matches.map(|h| format!("{}/{}", h.kind.code(), h.id)).collect())
}

/// Saves `query` for `user`, remembering what it finds now.
pub async fn save(state: &AppState, user: i64, query: &str, lang: Lang) -> Result<(), AppError> {
    let Some((request, normal)) = parse(query) else {
        return Err(AppError::BadRequest(
            lang.pick(
                "Hãy nhập từ khóa hoặc chọn bộ lọc trước khi lưu.",
                "Type words or choose filters before saving.",
            )
            .into(),
        ));
    };
    if repo::count(&state.db, user).await? >= MAX_SAVED {
        return Err(AppError::BadRequest(
            lang.pick("Bạn đã lưu 50 tìm kiếm; hãy xóa bớt.", "You have 50 saved searches; delete some first.").into(),
        ));
    }
    let seen = found(state, request).await?;
    if !repo::create(&state.db, user, &normal, &seen).await? {
        return Err(AppError::Conflict(lang.pick("Bạn đã lưu tìm kiếm này.", "You already saved this search.").into()));
    }
    Ok(())
}

/// Runs every saved search and tells its owner about results they have not seen; returns how
/// many people were told.
pub async fn check_all(state: &AppState) -> Result<usize, AppError> {
    let mut told = 0;
    for (id, user, query, mut seen) in repo::all(&state.db).await? {
        let Some((request, _)) = parse(&query) else { continue };
        let (what_vi, what_en) = (label(&request, Lang::Vi), label(&request, Lang::En));
        let now = found(state, request).await?;
        let new: Vec<String> = now.into_iter().filter(|k| !seen.contains(k)).collect();
        if new.is_empty() {
            continue;
        }
        let news = News {
            topic: "saved_search",
            vi: format!("{} kết quả mới cho tìm kiếm đã lưu {what_vi}", new.len()),
            en: format!("{} new results for your saved search {what_en}", new.len()),
            link: format!("/search?{query}"),
        };
        crate::inbox::repo::notify(&state.db, &[user], &news).await?;
        seen.extend(new);
        let keep = seen.len().saturating_sub(MAX_SEEN);
        repo::set_seen(&state.db, id, &seen[keep..]).await?;
        told += 1;
    }
    Ok(told)
}
