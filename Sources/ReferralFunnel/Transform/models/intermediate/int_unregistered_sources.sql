-- Grain: one row per unregistered source (one normalized name).
-- Every spelling with the same normalized name, across feeds, is one source, named by the
-- spelling seen at the earliest instant: a session's first ts, a referral's received_at;
-- ties go web before intake, then file order, then line (SPEC section 3).
with sessions as (
    select * from int_sessions_with_source_key
),

referrals as (
    select * from int_referrals_with_source_key
),

spellings as (
    select
        source_key,
        web_value as spelling,
        first_event_at as seen_at,
        0 as feed_order,
        first_event_file_id as file_id,
        first_event_line as line,
        1 as sessions,
        0 as referrals
    from sessions
    where source_key like 'unregistered:%'

    union all

    select
        source_key,
        source_spelling as spelling,
        received_at as seen_at,
        1 as feed_order,
        winning_file_id as file_id,
        winning_line as line,
        0 as sessions,
        1 as referrals
    from referrals
    where attribution_path in ('unregistered_practice', 'unregistered_npi')
),

spellings_in_order as (
    select
        spellings.*,
        row_number() over (
            partition by source_key
            order by seen_at, feed_order, file_id, line
        ) as spelling_order
    from spellings
),

counts as (
    select source_key, sum(sessions) as sessions, sum(referrals) as referrals
    from spellings
    group by source_key
),

final as (
    select
        first_spelling.source_key,
        substr(first_spelling.source_key, length('unregistered:') + 1) as normalized_name,
        first_spelling.spelling as source_name,
        counts.sessions,
        counts.referrals
    from spellings_in_order as first_spelling
    inner join counts on counts.source_key = first_spelling.source_key
    where first_spelling.spelling_order = 1
)

select * from final
