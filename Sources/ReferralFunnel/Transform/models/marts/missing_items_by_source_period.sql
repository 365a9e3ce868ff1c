-- Grain: one row per period, source (and `(all)`) and required item.
-- How many of the period's referrals were missing each of the pipeline's required items at
-- receipt, which tells the team which instructions each source needs (SPEC section 4). The
-- counts are kept per source key (int_referral_metrics_by_week and _by_window for referrals,
-- int_missing_items_by_week for missing items); here they get display names and a row
-- for every required item, for the periods this run reports.
with periods as (
    select * from report_periods
),

referral_counts as (
    select period_key, source_key, referrals from (
        select period_key, source_key, referrals from int_referral_metrics_by_week
        union all
        select period_key, source_key, referrals from int_referral_metrics_by_window
    )
    where period_key in (select period_key from periods)
),

-- A period's count is the sum of its weeks' counts.
missing_counts as (
    select periods.period_key, weekly.source_key, weekly.item, sum(weekly.missing) as missing
    from periods
    inner join int_missing_items_by_week as weekly on weekly.period_key = periods.week
    group by periods.period_key, weekly.source_key, weekly.item
),

required as (
    select * from required_items
),

sources as (
    select * from int_sources
),

final as (
    select
        referral_counts.period_key,
        coalesce(sources.source_name, referral_counts.source_key) as source_name,
        required.item,
        referral_counts.referrals,
        coalesce(missing_counts.missing, 0) as missing
    from referral_counts
    cross join required
    left join missing_counts
        on missing_counts.period_key = referral_counts.period_key
        and missing_counts.source_key = referral_counts.source_key
        and missing_counts.item = required.item
    left join sources on sources.source_key = referral_counts.source_key
)

select * from final
