-- (region_code, kind, created_at) is a prefix of `stats_records_region` (0005), which serves the
-- same lookups; one index fewer for every record written.
DROP INDEX `records_region_kind`;