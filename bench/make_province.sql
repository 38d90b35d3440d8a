-- A province for the indicators benchmark (scripts/bench.sh indicators), on PostgreSQL:
-- :counties counties of :pupils pupils in all, 80 schools each, the registry listed on 2026-09-01
-- and again on 2026-11-30 (0.2% gone, 0.1% moved school), and November's movements (0.3%
-- transfers out, most confirmed, 0.05% in, a few deaths and dropouts). psql -v counties=100
-- -v pupils=10000000 -f bench/make_province.sql, on a database `baoxue` has migrated.
INSERT INTO counties (code, name, prefecture, province, created_at)
SELECT (419000 + g)::text, '第' || g || '县', '某市', '河南省', '2026-01-01T00:00:00Z'
FROM generate_series(1, :counties) g;

-- Spell of each pupil from the autumn list; every 500th pupil left by the November list, every
-- 1000th (of the rest) moved to another school of his county.
INSERT INTO enrolment_spells (county_code, record_id, from_batch, record_key, name, student_no,
                              id_number, school_code, school_name, grade, class_number, status,
                              from_date, to_date, to_batch)
SELECT (419001 + i % :counties)::text, i, 1, 'sn:G' || i, '学生' || i, 'G' || i, NULL,
       (1100000000 + (i % :counties) * 100 + (i / :counties) % 80)::text, NULL, 1 + i % 9,
       1 + (i / 7) % 4, '在读', '2026-09-01',
       CASE WHEN i % 500 = 0 OR i % 1000 = 1 THEN '2026-11-30' END,
       CASE WHEN i % 500 = 0 OR i % 1000 = 1 THEN 2 END
FROM generate_series(1, :pupils) i;
INSERT INTO enrolment_spells (county_code, record_id, from_batch, record_key, name, student_no,
                              id_number, school_code, school_name, grade, class_number, status,
                              from_date)
SELECT (419001 + i % :counties)::text, i, 2, 'sn:G' || i, '学生' || i, 'G' || i, NULL,
       (1100000000 + (i % :counties) * 100 + ((i / :counties) + 1) % 80)::text, NULL, 1 + i % 9,
       1, '在读', '2026-11-30'
FROM generate_series(1, :pupils) i WHERE i % 1000 = 1;

-- November's movements.
INSERT INTO movements (county_code, id, kind, subject, record_id, name, student_no, moved_on,
                       from_school_code, from_township_code, to_school_name, confirmed_on,
                       recorded_at, recorded_by)
SELECT (419001 + i % :counties)::text, i, 'transfer_out', 'sn:G' || i, i, '学生' || i, 'G' || i,
       '2026-11-' || lpad((1 + i % 28)::text, 2, '0'), NULL, '419000100000', '外县学校',
       CASE WHEN i % 3000 <> 0 THEN '2026-11-29' END, '2026-11-30T00:00:00Z', 'bench'
FROM generate_series(1, :pupils) i WHERE i % 500 = 0 AND i % 1500 <> 0;
INSERT INTO movements (county_code, id, kind, subject, record_id, name, student_no, moved_on,
                       recorded_at, recorded_by)
SELECT (419001 + i % :counties)::text, i, CASE WHEN i % 3000 = 0 THEN 'death' ELSE 'dropout' END,
       'sn:G' || i, i, '学生' || i, 'G' || i, '2026-11-15', '2026-11-30T00:00:00Z', 'bench'
FROM generate_series(1, :pupils) i WHERE i % 1500 = 0;
INSERT INTO movements (county_code, id, kind, subject, name, student_no, moved_on,
                       to_school_code, to_township_code, recorded_at, recorded_by)
SELECT (419001 + i % :counties)::text, :pupils + i, 'transfer_in', 'sn:N' || i, '新生' || i,
       'N' || i, '2026-11-20', (1100000000 + (i % :counties) * 100)::text, '419000100000',
       '2026-11-30T00:00:00Z', 'bench'
FROM generate_series(1, :pupils / 2000) i;
ANALYZE;
