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

-- A row's place in file order as one integer: file_id, then line (below 2^32). With it the
-- only min() below, SQLite takes the bare columns from that row: the first appearance.
-- sum() rather than max() for the flags, as a second max() would void that.
history as (
    select
        referral_id,
        min(file_id * 4294967296 + line) as first_position,
        received_at,
        missing_items,
        file_id as first_seen_file_id,
        line as first_seen_line,
        sum(status = 'returned') > 0 as has_been_returned,
        sum(status = 'accepted') > 0 as has_been_accepted
    from snapshot_rows
    group by referral_id
),

final as (
    select
        latest.referral_id,
        history.received_at,
        history.missing_items,
        history.first_seen_file_id,
        history.first_seen_line,
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
    where latest.recency_order = 1
)

select * from final
