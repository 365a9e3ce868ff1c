-- Grain: one row per referral. A view over int_referral_facts (kept between runs) that adds
-- what changes with every run: the source's display name and the as_of-relative fields.
-- `stalled` (SPEC section 4): accepted, no linked appointment other than cancelled or
-- rescheduled, received more than stall_days before as_of.
with facts as (
    select * from int_referral_facts
),

sources as (
    select * from int_sources
),

parameters as (
    select * from run_parameters
),

final as (
    select
        facts.referral_id,
        facts.source_key,
        sources.source_name,
        facts.received_week,
        facts.received_at,
        facts.service_line,
        facts.referring_npi,
        facts.attribution_path,
        facts.missing_items,
        facts.is_complete,
        facts.has_been_returned,
        facts.has_been_accepted,
        facts.has_been_declined,
        facts.is_confirmed,
        facts.microseconds_to_confirm,
        -- The durations in the units reports show, computed here only: the facts keep exact
        -- microseconds (their index covers them), and every reader takes hours and days
        -- from this view.
        facts.microseconds_to_confirm / 3600000000.0 as hours_to_confirm,
        facts.is_confirmed_within_sla,
        facts.is_scheduled,
        facts.first_appointment_starts_at,
        facts.microseconds_to_first_appointment,
        facts.microseconds_to_first_appointment / 86400000000.0 as days_to_first_appointment,
        facts.is_completed,
        facts.no_show_appointments,
        facts.attended_appointments,
        facts.is_closed_loop,
        (
            facts.has_been_accepted
            and not facts.has_live_appointment
            and parameters.as_of - facts.received_at > parameters.stall_microseconds
        ) as is_stalled,
        (parameters.as_of - facts.received_at) / 86400000000.0 as days_since_received
    from facts
    cross join parameters
    inner join sources on sources.source_key = facts.source_key
)

select * from final
