-- Grain: one row per appointment.
-- The winning snapshot row, by the same rule as referrals (SPEC section 2.5).
-- Kept between runs: rebuilt only for the appointments in scope, from all of their rows.
-- The window ranks a few narrow columns and the winning row is read back by its key
-- (file_id, line): a year at bench scale (1.4M rows) 5.4 s of a cold run against 5.6 s for
-- ranking whole rows (reading winners back at random costs most of what the sort saves).
with snapshot_rows as not materialized (
    select * from scoped_appointment_rows
),

rows_latest_first as (
    select
        appointment_id,
        file_id,
        line,
        row_number() over (
            partition by appointment_id
            order by (updated_at is not null) desc, updated_at desc, file_id desc, line desc
        ) as recency_order
    from snapshot_rows
),

final as (
    select
        winning.appointment_id,
        winning.referral_id,
        winning.patient_key,
        winning.booked_at,
        winning.starts_at,
        winning.status,
        winning.department,
        winning.provider,
        winning.visit_type,
        winning.note_sent_at,
        winning.updated_at,
        winning.file_id as winning_file_id,
        winning.line as winning_line
    from rows_latest_first as latest
    inner join snapshot_rows as winning on winning.file_id = latest.file_id and winning.line = latest.line
    where latest.recency_order = 1
)

select * from final
