-- Grain: one row per referral.
-- The winning snapshot row (SPEC section 2.5): latest updated_at (a row with one beats a row
-- without), then later file, then later row. received_at and missing_items come from the
-- first row the referral appeared in and are never overwritten. The status flags read the
-- referral's whole status history.
with snapshot_rows as (
    select * from intake_rows
),

rows_ranked as (
    select
        snapshot_rows.*,
        row_number() over (
            partition by referral_id
            order by (updated_at is not null) desc, updated_at desc, file_id desc, line desc
        ) as recency_order,
        row_number() over (
            partition by referral_id
            order by file_id, line
        ) as appearance_order
    from snapshot_rows
),

first_seen as (
    select
        referral_id,
        received_at,
        missing_items,
        file_id as first_seen_file_id,
        line as first_seen_line
    from rows_ranked
    where appearance_order = 1
),

status_history as (
    select
        referral_id,
        max(status = 'returned') as has_been_returned,
        max(status = 'accepted') as has_been_accepted
    from snapshot_rows
    group by referral_id
),

final as (
    select
        winning.referral_id,
        first_seen.received_at,
        first_seen.missing_items,
        first_seen.first_seen_file_id,
        first_seen.first_seen_line,
        winning.file_id as winning_file_id,
        winning.line as winning_line,
        winning.channel,
        winning.referring_practice,
        winning.referring_npi,
        winning.referring_provider,
        winning.service_line,
        winning.patient_key,
        winning.submission_id,
        winning.status,
        winning.confirmed_at,
        winning.updated_at,
        status_history.has_been_returned,
        status_history.has_been_accepted
    from rows_ranked as winning
    inner join first_seen on first_seen.referral_id = winning.referral_id
    inner join status_history on status_history.referral_id = winning.referral_id
    where winning.recency_order = 1
)

select * from final
