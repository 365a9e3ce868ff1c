-- Grain: one row per unregistered source and spelling. A view: the data-quality page reads
-- it once a run.
-- Every spelling an unregistered source was seen under (SPEC section 3), with how often: its
-- sessions, and one per referral whose winning row carries it. The source's name and counts
-- are int_unregistered_sources'; the page lists the spellings most used first, so the team
-- can paste them as aliases into the registry.
with session_spellings as (
    select
        web_values.source_key,
        web_values.web_value as spelling,
        counts.all_sessions as uses
    from int_session_counts_by_week as counts
    inner join int_web_values as web_values
        on web_values.utm_source = counts.utm_source and web_values.referrer_host = counts.referrer_host
    where web_values.source_key like 'unregistered:%'
),

-- Read through the partial index of unregistered referrals, not every referral.
referral_spellings as (
    select source_key, source_spelling as spelling, 1 as uses
    from int_referrals_with_source_key
    where attribution_path in ('unregistered_practice', 'unregistered_npi')
),

spellings as (
    select source_key, spelling, sum(uses) as uses
    from (select * from session_spellings union all select * from referral_spellings)
    group by source_key, spelling
),

final as (
    select
        sources.source_key,
        sources.source_name,
        sources.normalized_name,
        sources.referrals,
        sources.sessions,
        spellings.spelling,
        spellings.uses
    from int_unregistered_sources as sources
    inner join spellings on spellings.source_key = sources.source_key
)

select * from final
