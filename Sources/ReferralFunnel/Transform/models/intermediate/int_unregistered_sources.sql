-- Grain: one row per unregistered source (one normalized name).
-- Every spelling with the same normalized name, across feeds, is one source, named by the
-- spelling seen at the earliest instant: a session's first ts, a referral's received_at;
-- ties go web before intake, then file order, then line (SPEC section 3). Sessions come in
-- as their weekly groups per web value, each with its earliest session.
with session_groups as (
    select
        web_values.source_key,
        web_values.web_value,
        counts.first_event_at,
        counts.first_event_file_id,
        counts.first_event_line,
        counts.all_sessions
    from int_session_counts_by_week as counts
    inner join int_web_values as web_values
        on web_values.utm_source = counts.utm_source and web_values.referrer_host = counts.referrer_host
),

-- Not materialized: the filter below then reads the few unregistered referrals through
-- their partial index instead of copying every referral.
referrals as not materialized (
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
        all_sessions as sessions,
        0 as referrals
    from session_groups
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
