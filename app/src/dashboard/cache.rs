//! The dashboard's figures, computed at most once a minute per language: at 100,000 records
//! its GROUP BYs take about 300 ms, too much for every visit. Recording an indicator value
//! clears it (the officer sees the value at once); other figures may be a minute old.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use super::model::Dashboard;
use crate::error::AppError;
use crate::i18n::Lang;

/// How long figures are kept.
pub const FRESH_FOR: Duration = Duration::from_secs(60);

#[derive(Default)]
pub struct DashboardCache {
    /// Held while figures are computed, so that a crowd arriving together computes them once.
    entries: tokio::sync::Mutex<HashMap<Lang, (Instant, Dashboard)>>,
}

impl DashboardCache {
    /// The figures in `lang`, from the last minute or computed now by `compute`.
    pub async fn get_or_compute<F, Fut>(&self, lang: Lang, compute: F) -> Result<Dashboard, AppError>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Dashboard, AppError>>,
    {
        let mut entries = self.entries.lock().await;
        if let Some((at, dashboard)) = entries.get(&lang) {
            if at.elapsed() < FRESH_FOR {
                return Ok(dashboard.clone());
            }
        }
        let dashboard = compute().await?;
        entries.insert(lang, (Instant::now(), dashboard.clone()));
        Ok(dashboard)
    }

    /// Forgets every figure (after an indicator value is recorded).
    pub async fn clear(&self) {
        self.entries.lock().await.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    fn empty() -> Dashboard {
        Dashboard { figures: vec![], indicators: vec![], charts: vec![], stages: vec![], applications: vec![], closing: vec![], can_record: false, year: 2026 }
    }

    #[tokio::test]
    async fn figures_are_computed_once_a_minute_per_language_until_cleared() {
        let cache = DashboardCache::default();
        let computed = AtomicU32::new(0);
        let compute = || async {
            computed.fetch_add(1, Ordering::SeqCst);
            Ok(empty())
        };
        cache.get_or_compute(Lang::Vi, compute).await.unwrap();
        cache.get_or_compute(Lang::Vi, compute).await.unwrap();
        assert_eq!(computed.load(Ordering::SeqCst), 1);
        cache.get_or_compute(Lang::En, compute).await.unwrap();
        assert_eq!(computed.load(Ordering::SeqCst), 2, "each language has its own");
        cache.clear().await;
        cache.get_or_compute(Lang::Vi, compute).await.unwrap();
        assert_eq!(computed.load(Ordering::SeqCst), 3);
        cache.clear().await;
        let failed = cache.get_or_compute(Lang::En, || async { Err(AppError::Internal) }).await;
        assert!(failed.is_err(), "a failure is said, not kept");
        cache.get_or_compute(Lang::En, compute).await.unwrap();
        assert_eq!(computed.load(Ordering::SeqCst), 4);
    }
}
