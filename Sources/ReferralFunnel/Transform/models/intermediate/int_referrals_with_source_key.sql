-- Grain: one row per referral.
-- The source of a referral, from its winning row, by the first rule that applies
-- (SPEC section 3): 1 registry NPI, 2 registry name or alias, 3 unregistered practice name,
-- 4 unregistered NPI (named `NPI <number>`), 5 the web source of the session whose
-- form_submit carried its submission_id, 6 (unattributed).
-- Kept between runs: rebuilt only for the referrals in scope (new snapshots, and those whose
-- form submission or its session changed).
with referrals as (
    select * from scoped_referrals
),

registry_npis as (
    select * from source_registry_npis
),

registry_names as (
    select * from source_registry_names
),

form_submits as (
    select * from stg_web__form_submits
),

sessions as (
    select * from stg_web__sessions
),

web_values as (
    select * from int_web_values
),

-- One pass over the referrals: every rule's candidate is a left join on an index.
attributed as (
    select
        referrals.*,
        sessions.session_id as submitting_session_id,
        -- SPEC 4.1: the submitting session's landing page and campaign, kept here (and in the
        -- facts) so that the landing-page tables need no join to the sessions each run; a
        -- session that changes re-scopes its referrals, as its source does.
        sessions.landing_page as web_landing_page,
        sessions.utm_source as web_utm_source,
        sessions.utm_medium as web_utm_medium,
        sessions.utm_campaign as web_utm_campaign,
        sessions.referrer_host as web_referrer_host,
        case
            when npi_match.source_name is not null then 'registry_npi'
            when name_match.source_name is not null then 'registry_name'
            when referrals.referring_practice is not null then 'unregistered_practice'
            when referrals.referring_npi is not null then 'unregistered_npi'
            when session_values.source_key is not null then 'web_session'
            else 'unattributed'
        end as attribution_path,
        npi_match.source_name as npi_source_name,
        name_match.source_name as practice_source_name,
        session_values.source_key as session_source_key
    from referrals
    left join registry_npis as npi_match on npi_match.npi = referrals.referring_npi
    left join registry_names as name_match
        on name_match.normalized_name = normalize_name(referrals.referring_practice)
    left join form_submits on form_submits.submission_id = referrals.submission_id
    left join sessions on sessions.session_id = form_submits.session_id
    left join web_values as session_values
        on sessions.session_id is not null
        and session_values.utm_source = coalesce(sessions.utm_source, '')
        and session_values.referrer_host = coalesce(sessions.referrer_host, '')
),

-- Only what the facts and the source naming read: the referral's other columns stay in
-- stg_intake__referrals (a year of every column was 133 MB written whole).
final as (
    select
        attributed.referral_id,
        attributed.received_at,
        attributed.missing_items,
        attributed.winning_file_id,
        attributed.winning_line,
        attributed.service_line,
        attributed.referring_npi,
        attributed.has_been_returned,
        attributed.has_been_accepted,
        attributed.confirmed_at,
        attributed.submitting_session_id,
        attributed.web_landing_page,
        attributed.web_utm_source,
        attributed.web_utm_medium,
        attributed.web_utm_campaign,
        attributed.web_referrer_host,
        attributed.attribution_path,
        case attributed.attribution_path
            when 'unregistered_practice' then attributed.referring_practice
            when 'unregistered_npi' then 'NPI ' || attributed.referring_npi
        end as source_spelling,
        case attributed.attribution_path
            when 'registry_npi' then 'registered:' || attributed.npi_source_name
            when 'registry_name' then 'registered:' || attributed.practice_source_name
            when 'unregistered_practice' then 'unregistered:' || normalize_name(attributed.referring_practice)
            when 'unregistered_npi' then 'unregistered:' || normalize_name('NPI ' || attributed.referring_npi)
            when 'web_session' then attributed.session_source_key
            else '(unattributed)'
        end as source_key
    from attributed
)

select * from final
