-- Grain: one row per referral and status it has been seen in.
-- Each status with where and when it was first seen (SPEC section 2.5): the first row in
-- file order that carries it, and that row's updated_at.
-- Kept between runs: rebuilt only for the referrals in scope, from all of their rows.
with snapshot_rows as not materialized (
    select * from scoped_intake_rows
),

-- The first row carrying each status: the least place in file order, as one integer
-- (file_id, then line below 2^32), read back by its key (file_id, line) for its updated_at.
-- One grouping pass; a window over whole rows took 2.0 s of a cold run at bench scale.
first_positions as (
    select
        referral_id,
        status,
        min(file_id * 4294967296 + line) as first_position
    from snapshot_rows
    group by referral_id, status
),

final as (
    select
        positions.referral_id,
        positions.status,
        first_seen.file_id as first_seen_file_id,
        first_seen.line as first_seen_line,
        first_seen.updated_at as first_seen_updated_at
    from first_positions as positions
    inner join snapshot_rows as first_seen
        on first_seen.file_id = positions.first_position / 4294967296
        and first_seen.line = positions.first_position % 4294967296
)

select * from final
