-- Grain: one row per referral and item missing at receipt.
-- Kept between runs: rebuilt only for the referrals whose rows a night brought.
-- Splits the first-seen missing_items on ';', trims each item, and drops empty ones. Items
-- are kept lowercased, as they match required items regardless of case: spellings that
-- differ only in case are one item, once per referral.
with recursive referrals as (
    select referral_id, missing_items from scoped_touched_referrals
),

split_items (referral_id, item, rest) as (
    select referral_id, '', missing_items || ';'
    from referrals
    where missing_items <> ''

    union all

    select
        referral_id,
        trim(substr(rest, 1, instr(rest, ';') - 1)),
        substr(rest, instr(rest, ';') + 1)
    from split_items
    where rest <> ''
),

final as (
    select distinct referral_id, lower(item) as item
    from split_items
    where item <> ''
)

select * from final
