-- Grain: one row per referral.
-- The winning snapshot row (SPEC section 2.5): latest updated_at (a row with one beats a row
-- without), then later file, then later row. received_at and missing_items come from the
-- first row the referral appeared in and are never overwritten. The status flags read the
-- referral's whole status history.
-- Kept between runs: rebuilt only for the referrals whose rows a night brought (the scope,
-- see IncrementalReferralModels), from all of their rows.
--
-- Cost: a year at bench scale has ~900k snapshot rows. Ranking whole rows in three windows
-- took 8.2 s of a cold run; here one window ranks a few narrow columns, one grouping pass
-- reads the history, and the winning row is read back by its key (file_id, line): 4.6 s,
-- same rows.
with snapshot_rows as not materialized (
    select * from scoped_intake_rows
),

rows_latest_first as (
    select
        referral_id,
        file_id,
        line,
        row_number() over (
            partition by referral_id
            order by (updated_at is not null) desc, updated_at desc, file_id desc, line desc
        ) as recency_order
    from snapshot_rows
),

-- The first row a referral appears in (SPEC 2.5: received_at and missing_items come from it
-- and are never overwritten): the least place in file order, as one integer (file_id, then
-- line below 2^32), read back by its key (file_id, line) below. The flags read every row.
history as (
    select
        referral_id,
        min(file_id * 4294967296 + line) as first_position,
        max(status = 'returned') as has_been_returned,
        max(status = 'accepted') as has_been_accepted
    from snapshot_rows
    group by referral_id
),

final as (
    select
        latest.referral_id,
        first_seen.received_at,
        first_seen.missing_items,
        first_seen.file_id as first_seen_file_id,
        first_seen.line as first_seen_line,
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
        history.has_been_returned,
        history.has_been_accepted
    from rows_latest_first as latest
    inner join snapshot_rows as winning on winning.file_id = latest.file_id and winning.line = latest.line
    inner join history on history.referral_id = latest.referral_id
    inner join snapshot_rows as first_seen
        on first_seen.file_id = history.first_position / 4294967296
        and first_seen.line = history.first_position % 4294967296
    where latest.recency_order = 1
)

select * from final
