-- A lab's list filters now follow its priced services (`labs::services::facets`): labs stored
-- before get theirs here; every later save writes them from the record.
INSERT OR IGNORE INTO record_facets (kind, id, facet, value)
SELECT r.kind, r.id, 'accredited', 'yes' FROM records r
WHERE r.kind = 'lab' AND r.hidden = 0 AND EXISTS (
    SELECT 1 FROM json_each(r.doc, '$.service_catalog') s
    WHERE json_extract(s.value, '$.accreditation') IS NOT NULL OR json_extract(s.value, '$.vilas') IS NOT NULL);

INSERT OR IGNORE INTO record_facets (kind, id, facet, value)
SELECT r.kind, r.id, 'turnaround', b.value FROM records r, json_each('["3", "5", "10", "20"]') b
WHERE r.kind = 'lab' AND r.hidden = 0 AND EXISTS (
    SELECT 1 FROM json_each(r.doc, '$.service_catalog') s
    WHERE json_extract(s.value, '$.turnaround_days') <= CAST(b.value AS INTEGER));

INSERT OR IGNORE INTO record_facets (kind, id, facet, value)
SELECT r.kind, r.id, 'price_max', b.value FROM records r, json_each('["200000", "500000", "1000000", "5000000"]') b
WHERE r.kind = 'lab' AND r.hidden = 0 AND EXISTS (
    SELECT 1 FROM json_each(r.doc, '$.service_catalog') s, json_each(s.value, '$.prices') p
    WHERE json_extract(p.value, '$.min_vnd') <= CAST(b.value AS INTEGER));
