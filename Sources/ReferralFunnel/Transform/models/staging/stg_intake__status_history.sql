-- Grain: one row per referral and status it has been seen in.
-- Each status with where and when it was first seen (SPEC section 2.5): the first row in
-- file order that carries it, and that row's updated_at.
-- Kept between runs: rebuilt only for the referrals in scope, from all of their rows.
with snapshot_rows as (
    select * from scoped_intake_rows
),

-- A row's place in file order as one integer (file_id, then line below 2^32): with it the
-- only min(), SQLite takes the bare columns from the first row of each status. One grouping
-- pass; a window over whole rows took 2.0 s of a cold run at bench scale, this 1.3 s.
final as (
    select
        referral_id,
        status,
        file_id as first_seen_file_id,
        line as first_seen_line,
        updated_at as first_seen_updated_at
    from (
        select
            referral_id,
            status,
            min(file_id * 4294967296 + line) as first_position,
            file_id,
            line,
            updated_at
        from snapshot_rows
        group by referral_id, status
    )
)

select * from final
