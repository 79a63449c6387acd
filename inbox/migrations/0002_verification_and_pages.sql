-- What verification established (the core's `consent::Outcome` as JSON: score recomputed or
-- not, and which model fields were withheld). NULL for bundles stored before it was recorded.
ALTER TABLE bundles ADD COLUMN verification TEXT;
-- Listing pages in the order (received_at, bundle_id), per institution.
CREATE INDEX bundles_by_institution_page ON bundles (institution, received_at, bundle_id);
DROP INDEX bundles_by_institution;
