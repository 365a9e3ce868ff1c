-- Grain: one row per referring NPI and source name. A view: the data-quality page reads it
-- once a run, and flags the NPIs that fail the check digit (SPEC section 5: a malformed NPI
-- is flagged, not rejected).
-- Counted from the facts' index of referring NPIs, not from every referral.
with pairs as (
    select referring_npi, source_key, count(*) as referrals
    from int_referral_facts
    where referring_npi is not null
    group by referring_npi, source_key
),

final as (
    select pairs.referring_npi, sources.source_name, sum(pairs.referrals) as referrals
    from pairs
    inner join int_sources as sources on sources.source_key = pairs.source_key
    group by pairs.referring_npi, sources.source_name
)

select * from final
