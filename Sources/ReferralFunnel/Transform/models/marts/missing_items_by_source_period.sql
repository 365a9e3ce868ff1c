-- Grain: one row per period, source (and `(all)`) and required item.
-- How many of the period's referrals were missing each of the pipeline's required items at
-- receipt, which tells the team which instructions each source needs (SPEC section 4).
with periods as (
    select * from report_periods
),

referrals as (
    select * from fct_referrals
),

missing_items as (
    select * from int_referral_missing_items
),

required as (
    select * from required_items
),

referral_rows as (
    select periods.period_key, referrals.referral_id, referrals.source_name
    from referrals
    inner join periods on periods.week = referrals.received_week
    union all
    select periods.period_key, referrals.referral_id, '(all)'
    from referrals
    inner join periods on periods.week = referrals.received_week
),

referral_counts as (
    select period_key, source_name, count(*) as referrals
    from referral_rows
    group by period_key, source_name
),

missing_counts as (
    select
        referral_rows.period_key,
        referral_rows.source_name,
        required.item,
        count(distinct referral_rows.referral_id) as missing
    from referral_rows
    inner join missing_items on missing_items.referral_id = referral_rows.referral_id
    inner join required on lower(required.item) = lower(missing_items.item)
    group by referral_rows.period_key, referral_rows.source_name, required.item
),

final as (
    select
        referral_counts.period_key,
        referral_counts.source_name,
        required.item,
        referral_counts.referrals,
        coalesce(missing_counts.missing, 0) as missing
    from referral_counts
    cross join required
    left join missing_counts
        on missing_counts.period_key = referral_counts.period_key
        and missing_counts.source_name = referral_counts.source_name
        and missing_counts.item = required.item
)

select * from final
