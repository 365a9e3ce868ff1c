-- Grain: one row per referral and status it has been seen in.
-- Each status with where and when it was first seen (SPEC section 2.5): the first row in
-- file order that carries it, and that row's updated_at.
-- Kept between runs: rebuilt only for the referrals in scope, from all of their rows.
with snapshot_rows as (
    select * from scoped_intake_rows
),

rows_per_status as (
    select
        referral_id,
        status,
        file_id,
        line,
        updated_at,
        row_number() over (
            partition by referral_id, status
            order by file_id, line
        ) as appearance_order
    from snapshot_rows
),

final as (
    select
        referral_id,
        status,
        file_id as first_seen_file_id,
        line as first_seen_line,
        updated_at as first_seen_updated_at
    from rows_per_status
    where appearance_order = 1
)

select * from final
