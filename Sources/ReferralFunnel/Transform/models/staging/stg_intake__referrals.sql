-- Grain: one row per referral.
-- The winning snapshot row (SPEC section 2.5): latest updated_at (a row with one beats a row
-- without), then later file, then later row. received_at and missing_items come from the
-- first row the referral appeared in and are never overwritten. The status flags read the
-- referral's whole status history. One pass of window functions, no self-join, so the cost
-- grows with the rows rather than their square.
-- Kept between runs: rebuilt only for the referrals whose rows a night brought (the scope,
-- see IncrementalReferralModels), from all of their rows.
with snapshot_rows as (
    select * from scoped_intake_rows
),

rows_ranked as (
    select
        snapshot_rows.*,
        row_number() over latest_first as recency_order,
        first_value(received_at) over in_appearance_order as first_received_at,
        first_value(missing_items) over in_appearance_order as first_missing_items,
        first_value(file_id) over in_appearance_order as first_seen_file_id,
        first_value(line) over in_appearance_order as first_seen_line,
        max(status = 'returned') over whole_history as has_been_returned,
        max(status = 'accepted') over whole_history as has_been_accepted
    from snapshot_rows
    window
        latest_first as (
            partition by referral_id
            order by (updated_at is not null) desc, updated_at desc, file_id desc, line desc
        ),
        in_appearance_order as (partition by referral_id order by file_id, line),
        whole_history as (partition by referral_id)
),

final as (
    select
        referral_id,
        first_received_at as received_at,
        first_missing_items as missing_items,
        first_seen_file_id,
        first_seen_line,
        file_id as winning_file_id,
        line as winning_line,
        channel,
        referring_practice,
        referring_npi,
        referring_provider,
        service_line,
        patient_key,
        submission_id,
        status,
        confirmed_at,
        updated_at,
        has_been_returned,
        has_been_accepted
    from rows_ranked
    where recency_order = 1
)

select * from final
