//! The dashboard's figures, computed at most once a minute per language: at 100,000 records
//! its GROUP BYs take about 300 ms, too much for every visit. Figures older than a minute are
//! still shown while newer ones are computed in the background, so no visitor waits for them
//! but the first after a start or a recorded value. Recording an indicator value clears them
//! (the officer sees the value at once); other figures may be a minute old.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::model::Dashboard;
use crate::error::AppError;
use crate::i18n::Lang;

/// How long a background computation may take before another is started (its task died).
const RETRY_AFTER: Duration = Duration::from_secs(120);

pub struct DashboardCache {
    /// How long figures are fresh (a minute).
    fresh_for: Duration,
    slots: Mutex<Slots>,
    /// Held while a language's first figures are computed, so that a crowd arriving together
    /// computes them once (one lock per language: English visitors do not wait for Vietnamese).
    computing: [tokio::sync::Mutex<()>; 2],
}

impl Default for DashboardCache {
    fn default() -> Self {
        Self::fresh_for(Duration::from_secs(60))
    }
}

#[derive(Default)]
struct Slots {
    figures: HashMap<Lang, Slot>,
    /// Counts clears: a computation started before one must not store its older figures.
    generation: u64,
}

struct Slot {
    at: Instant,
    dashboard: Dashboard,
    refreshing: bool,
}

impl DashboardCache {
    pub fn fresh_for(fresh_for: Duration) -> Self {
        DashboardCache { fresh_for, slots: Mutex::default(), computing: Default::default() }
    }

    /// The figures in `lang`: fresh ones; older ones while `compute` runs in the background;
    /// or, when there are none, computed now.
    pub async fn get_or_compute<F, Fut>(self: &Arc<Self>, lang: Lang, compute: F) -> Result<Dashboard, AppError>
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: Future<Output = Result<Dashboard, AppError>> + Send + 'static,
    {
        let stale = {
            let mut slots = self.lock();
            let generation = slots.generation;
            match slots.figures.get_mut(&lang) {
                // A refresh that never came back (its task died) is tried again after a while.
                Some(slot)
                    if slot.at.elapsed() < self.fresh_for
                        || (slot.refreshing && slot.at.elapsed() < self.fresh_for + RETRY_AFTER) =>
                {
                    return Ok(slot.dashboard.clone())
                }
                Some(slot) => {
                    slot.refreshing = true;
                    Some((slot.dashboard.clone(), generation))
                }
                None => None,
            }
        };
        if let Some((dashboard, generation)) = stale {
            let cache = Arc::clone(self);
            tokio::spawn(async move {
                let result = compute().await;
                cache.store(lang, generation, result.ok());
            });
            return Ok(dashboard);
        }
        let _turn = self.computing[matches!(lang, Lang::En) as usize].lock().await;
        let generation = {
            let slots = self.lock();
            if let Some(slot) = slots.figures.get(&lang) {
                return Ok(slot.dashboard.clone());
            }
            slots.generation
        };
        let dashboard = compute().await?;
        self.store(lang, generation, Some(dashboard.clone()));
        Ok(dashboard)
    }

    /// Stores figures computed since `generation` (none: the computation failed).
    fn store(&self, lang: Lang, generation: u64, dashboard: Option<Dashboard>) {
        let mut slots = self.lock();
        match dashboard {
            Some(dashboard) if slots.generation == generation => {
                slots.figures.insert(lang, Slot { at: Instant::now(), dashboard, refreshing: false });
            }
            _ => {
                if let Some(slot) = slots.figures.get_mut(&lang) {
                    slot.refreshing = false;
                }
            }
        }
    }

    fn lock(&self) -> MutexGuard<'_, Slots> {
        self.slots.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Forgets every figure (after an indicator value is recorded).
    pub fn clear(&self) {
        let mut slots = self.lock();
        slots.figures.clear();
        slots.generation += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    fn figures(year: i32) -> Dashboard {
        Dashboard {
            figures: vec![],
            indicators: vec![],
            charts: vec![],
            stages: vec![],
            applications: vec![],
            labs: vec![],
            closing: vec![],
            can_record: false,
            year,
        }
    }

    /// A computation that counts itself and answers `year` = its number.
    fn counting(
        computed: &Arc<AtomicU32>,
    ) -> impl FnOnce() -> std::future::Ready<Result<Dashboard, AppError>> + Send + 'static {
        let computed = Arc::clone(computed);
        move || std::future::ready(Ok(figures(computed.fetch_add(1, Ordering::SeqCst) as i32 + 1)))
    }

    #[tokio::test]
    async fn figures_are_computed_once_a_minute_per_language_until_cleared() {
        let cache = Arc::new(DashboardCache::default());
        let computed = Arc::new(AtomicU32::new(0));
        cache.get_or_compute(Lang::Vi, counting(&computed)).await.unwrap();
        cache.get_or_compute(Lang::Vi, counting(&computed)).await.unwrap();
        assert_eq!(computed.load(Ordering::SeqCst), 1);
        cache.get_or_compute(Lang::En, counting(&computed)).await.unwrap();
        assert_eq!(computed.load(Ordering::SeqCst), 2, "each language has its own");
        cache.clear();
        cache.get_or_compute(Lang::Vi, counting(&computed)).await.unwrap();
        assert_eq!(computed.load(Ordering::SeqCst), 3);
        cache.clear();
        let failed = cache.get_or_compute(Lang::En, || std::future::ready(Err(AppError::Internal))).await;
        assert!(failed.is_err(), "a failure is said, not kept");
        cache.get_or_compute(Lang::En, counting(&computed)).await.unwrap();
        assert_eq!(computed.load(Ordering::SeqCst), 4);
    }

    #[tokio::test]
    async fn older_figures_are_shown_while_newer_ones_are_computed() {
        let cache = Arc::new(DashboardCache::fresh_for(Duration::ZERO));
        let computed = Arc::new(AtomicU32::new(0));
        assert_eq!(cache.get_or_compute(Lang::Vi, counting(&computed)).await.unwrap().year, 1);
        assert_eq!(
            cache.get_or_compute(Lang::Vi, counting(&computed)).await.unwrap().year,
            1,
            "the older figures, at once"
        );
        for _ in 0..100 {
            if computed.load(Ordering::SeqCst) == 2 {
                break;
            }
            tokio::task::yield_now().await;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert_eq!(cache.get_or_compute(Lang::Vi, counting(&computed)).await.unwrap().year, 2, "then the newer ones");

        // A computation that finishes after a clear does not bring back what was cleared.
        cache.get_or_compute(Lang::Vi, counting(&computed)).await.unwrap();
        cache.clear();
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert_eq!(computed.load(Ordering::SeqCst), 3, "the background computation ran");
        assert!(cache.lock().figures.is_empty());
    }
}
