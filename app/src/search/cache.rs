//! Recent answers, kept until the index changes. People repeat searches (the popular words of
//! the week, paging back and forth, the home page's links), and one search costs about 10 ms of
//! CPU at 100,000 records (exhaustive facet counts over an expanded query), so answers to
//! repeated searches come from here in microseconds. List pages are kept the same way (their
//! counts and filter counts scan a kind's records). Every stored change reaches the index
//! (see `index::sync`), so a new index generation is what makes them stale.
//! `KH_SEARCH_CACHE=0` turns both off (to measure searches and lists themselves).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::model::SearchResults;

/// Searches kept at most; when full the cache starts again empty (a burst of distinct searches
/// then costs what it would without a cache, never more).
pub const CAPACITY: usize = 2_000;

pub struct ResultCache<T = SearchResults> {
    enabled: bool,
    capacity: usize,
    inner: Mutex<Entries<T>>,
}

struct Entries<T> {
    /// The index generation the entries were computed on.
    generation: u64,
    results: HashMap<String, Arc<T>>,
}

impl<T> ResultCache<T> {
    pub fn new(enabled: bool, capacity: usize) -> Self {
        ResultCache { enabled, capacity, inner: Mutex::new(Entries { generation: 0, results: HashMap::new() }) }
    }

    /// On unless `KH_SEARCH_CACHE=0`.
    pub fn from_env(capacity: usize) -> Self {
        Self::new(std::env::var("KH_SEARCH_CACHE").map_or(true, |v| v != "0"), capacity)
    }

    /// The results for `key` if they were computed on the index's `generation`.
    pub fn get(&self, generation: u64, key: &str) -> Option<Arc<T>> {
        if !self.enabled {
            return None;
        }
        let entries = self.inner.lock().ok()?;
        (entries.generation == generation).then(|| entries.results.get(key).cloned()).flatten()
    }

    /// Keeps `results` for `key`; entries of an older generation are dropped first.
    pub fn put(&self, generation: u64, key: String, results: Arc<T>) {
        if !self.enabled {
            return;
        }
        let Ok(mut entries) = self.inner.lock() else { return };
        if entries.generation != generation || entries.results.len() >= self.capacity {
            entries.results.clear();
            entries.generation = generation;
        }
        entries.results.insert(key, results);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn results(total: u64) -> Arc<SearchResults> {
        Arc::new(SearchResults { total, ..SearchResults::default() })
    }

    #[test]
    fn results_are_kept_for_their_generation_only() {
        let cache = ResultCache::new(true, CAPACITY);
        cache.put(1, "tôm".into(), results(3));
        assert_eq!(cache.get(1, "tôm").map(|r| r.total), Some(3));
        assert!(cache.get(2, "tôm").is_none(), "the index changed");
        cache.put(2, "cua".into(), results(1));
        assert!(cache.get(1, "tôm").is_none(), "older entries are gone");
        assert!(ResultCache::<SearchResults>::new(false, CAPACITY).get(1, "tôm").is_none());
    }

    #[test]
    fn a_full_cache_starts_again() {
        let cache = ResultCache::new(true, CAPACITY);
        for i in 0..CAPACITY {
            cache.put(1, i.to_string(), results(i as u64));
        }
        assert!(cache.get(1, "0").is_some());
        cache.put(1, "one more".into(), results(0));
        assert!(cache.get(1, "0").is_none() && cache.get(1, "one more").is_some());
    }
}
