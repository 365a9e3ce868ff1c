-- Grain: one row per appointment.
-- The winning snapshot row, by the same rule as referrals (SPEC section 2.5).
-- Kept between runs: rebuilt only for the appointments in scope, from all of their rows.
with snapshot_rows as (
    select * from scoped_appointment_rows
),

rows_ranked as (
    select
        snapshot_rows.*,
        row_number() over (
            partition by appointment_id
            order by (updated_at is not null) desc, updated_at desc, file_id desc, line desc
        ) as recency_order
    from snapshot_rows
),

final as (
    select
        appointment_id,
        referral_id,
        patient_key,
        booked_at,
        starts_at,
        status,
        department,
        provider,
        visit_type,
        note_sent_at,
        updated_at,
        file_id as winning_file_id,
        line as winning_line
    from rows_ranked
    where recency_order = 1
)

select * from final
