//! A record's page reads its record from the database once, whoever looks at it: every box on
//! it (listing bar, application box, matches, related records) gets the record it was handed.
//! The catalogue tells the trace each time it reads a record whole (target `record_read`);
//! the count here is of those.

use std::sync::{Mutex, Once};

use tracing::field::{Field, Visit};
use tracing::subscriber::Interest;
use tracing::{Event, Metadata, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

use super::{in_days, page, save, save_confirmed, world, Person, LAB};

/// Every record read seen so far, as `kind/id`.
static READS: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct RecordReads;

#[derive(Default)]
struct Key {
    kind: String,
    id: String,
}

impl Visit for Key {
    fn record_str(&mut self, field: &Field, value: &str) {
        match field.name() {
            "kind" => self.kind = value.to_string(),
            "id" => self.id = value.to_string(),
            _ => {}
        }
    }

    fn record_debug(&mut self, _: &Field, _: &dyn std::fmt::Debug) {}
}

impl<S: Subscriber> Layer<S> for RecordReads {
    fn register_callsite(&self, metadata: &'static Metadata<'static>) -> Interest {
        if metadata.target() == "record_read" {
            Interest::always()
        } else {
            Interest::never()
        }
    }

    fn enabled(&self, metadata: &Metadata<'_>, _: Context<'_, S>) -> bool {
        metadata.target() == "record_read"
    }

    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let mut key = Key::default();
        event.record(&mut key);
        READS.lock().unwrap().push(format!("{}/{}", key.kind, key.id));
    }
}

/// How many times the record `kind`/`id` has been read (the first call starts counting).
fn reads_of(kind: &str, id: &str) -> usize {
    static LISTEN: Once = Once::new();
    LISTEN.call_once(|| {
        tracing::subscriber::set_global_default(tracing_subscriber::registry().with(RecordReads))
            .expect("no other subscriber in the tests");
    });
    let key = format!("{kind}/{id}");
    READS.lock().unwrap().iter().filter(|k| **k == key).count()
}

/// The reads of `kind`/`id` one page view by `who` makes.
async fn reads_of_page(state: &app::state::AppState, who: &Person, kind: &str, id: &str) -> usize {
    let before = reads_of(kind, id);
    let body = page(state, &format!("/{kind}s/{id}"), &who.cookie).await;
    assert!(body.contains("<h1"), "{body}");
    reads_of(kind, id) - before
}

#[tokio::test]
async fn a_record_page_reads_its_record_once() {
    let w = world(true).await;
    // Records of this test's own (the world's ids recur in every world, and other tests view
    // their pages between two counts): a lab its researcher manages and a call with an
    // application.
    let mut lab = LAB.to_vec();
    lab[0] = ("text[name]", "Phòng đếm lượt đọc hồ sơ");
    let lab = save_confirmed(&w.state, &w.researcher, &w.officer, "lab", &lab).await;
    let lab = lab.trim_start_matches("/labs/");
    let fields = [
        ("text[title]", "Kêu gọi đếm lượt đọc hồ sơ"),
        ("text[description]", "Một kêu gọi chỉ để đếm số lần trang của nó đọc hồ sơ."),
        ("text[issuer]", "so-khcn"),
        ("list[sectors][]", "aquaculture"),
        ("list[eligible][]", "startup"),
        ("text[opens]", &in_days(-1)),
        ("text[closes]", &in_days(30)),
        ("text[status]", "open"),
    ];
    let (status, call, body) = save(&w.state, &w.officer, "call", &fields).await;
    assert_eq!(status, axum::http::StatusCode::OK, "{body}");
    let call = call.trim_start_matches("/calls/");
    let proposal = [
        ("kind", "call"),
        ("id", call),
        ("proposal", "Đề xuất thử nghiệm đếm lượt đọc trong ba tháng."),
        ("amount", "1000000"),
    ];
    let (status, _, body) = super::call(&w.state, "apply", &w.member.cookie, &proposal).await;
    assert_eq!(status, axum::http::StatusCode::OK, "{body}");

    // A lab: its owner sees the listing bar, an officer the moderation, anyone its matches.
    for who in [&w.anonymous, &w.researcher, &w.officer] {
        assert_eq!(reads_of_page(&w.state, who, "lab", lab).await, 1, "the lab's page for {}", who.name);
    }
    // A call: the application box as well (the member has applied, the officer reviews).
    for who in [&w.anonymous, &w.member, &w.officer] {
        assert_eq!(reads_of_page(&w.state, who, "call", call).await, 1, "the call's page for {}", who.name);
    }
}
